"""The maps in Chromium: every marker a large enough tap target on a phone, and the lines and
markers of the drawings at 3:1 against the skin in light and dark schemes and in print."""

import pytest

REGIONS = ["/regions/front/", "/regions/side/", "/regions/back/"]
# Point pages across the channels, on the leg and on the foot's close views.
POINTS = ["/points/st36/", "/points/ki1/", "/points/ki4/", "/points/bl67/", "/points/lr3/"]

# Every drawn line and dot of the maps, with the colour it is drawn in, its opacity (with its
# ancestors') and the skin's fill behind it, as [r, g, b] in 0-255.
COLOURS = """() => {
  const rgb = (text) => (text.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  const out = [];
  for (const svg of document.querySelectorAll('.leg-svg')) {
    const skin = rgb(getComputedStyle(svg.querySelector('.skin-fill')).fill);
    for (const el of svg.querySelectorAll('.skin, .mark, .meridian, .dot')) {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      let opacity = 1;
      for (let node = el; node && node !== svg; node = node.parentElement) {
        opacity *= Number(getComputedStyle(node).opacity);
      }
      const paint = el.classList.contains('dot') ? style.fill : style.stroke;
      out.push({what: el.getAttribute('class'), colour: rgb(paint), opacity, skin});
    }
  }
  return out;
}"""


def luminance(rgb):
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("media", ["light", "dark", "print"])
def test_lines_and_markers_reach_3_to_1_against_the_skin(new_page, media):
    page = new_page(width=1280)
    if media == "print":
        page.emulate_media(media="print", color_scheme="light")
    else:
        page.emulate_media(color_scheme=media)
    failures = []
    for url in [*REGIONS, *POINTS]:
        page.goto(url)
        drawn = page.evaluate(COLOURS)
        assert drawn, url
        for item in drawn:
            seen = [
                item["opacity"] * c + (1 - item["opacity"]) * s
                for c, s in zip(item["colour"], item["skin"], strict=True)
            ]
            ratio = contrast(seen, item["skin"])
            if ratio < 3:
                failures.append(f"{url} {item['what']}: {ratio:.2f}:1")
    assert not failures, f"{media}:\n" + "\n".join(sorted(set(failures)))


def test_every_marker_is_a_24_px_tap_target_on_a_phone(new_page):
    page = new_page(width=360, height=800)
    failures = []
    for url in [*REGIONS, *POINTS]:
        page.goto(url)
        boxes = page.locator(".leg-svg a.marker").evaluate_all(
            "links => links.map(a => [a.getAttribute('aria-label'), a.getBoundingClientRect()])"
        )
        assert boxes, url
        for name, box in boxes:
            if box["width"] < 24 or box["height"] < 24:
                failures.append(f"{url} {name}: {box['width']:.0f}x{box['height']:.0f}")
    assert not failures, "\n".join(failures)
