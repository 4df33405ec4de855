"""The maps in Chromium: every marker a large enough tap target on a phone, and the lines and
markers of the drawings at 3:1 against the skin in light and dark schemes and in print."""

import base64

import pytest

from points.maps.assets import DARK, colours, site_css_path

REGIONS = ["/regions/front/", "/regions/side/", "/regions/back/"]
# Point pages across the channels, on the leg and on the foot's close views.
POINTS = ["/points/st36/", "/points/ki1/", "/points/ki4/", "/points/bl67/", "/points/lr3/"]

# Every line and dot drawn over the leg, with the colour it is drawn in, its opacity (with its
# ancestors') and the skin's colour behind it, as [r, g, b] in 0-255. (The skin's own outline
# and landmarks are in the drawing's static file: tests/test_map_drawings.py checks them.)
COLOURS = """() => {
  const rgb = (text) => (text.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  const out = [];
  for (const svg of document.querySelectorAll('.leg-svg')) {
    const probe = svg.appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'rect'));
    probe.style.fill = 'var(--skin)';
    const skin = rgb(getComputedStyle(probe).fill);
    probe.remove();
    const drawn = '.meridian, .dot, .leader-line, .measure-bracket, .measure-guide';
    for (const el of svg.querySelectorAll(drawn + ', .close-area')) {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      let opacity = 1;
      for (let node = el; node && node !== svg; node = node.parentElement) {
        opacity *= Number(getComputedStyle(node).opacity);
      }
      const paint = el.classList.contains('dot') ? style.fill : style.stroke;  // lines: stroke
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


# Every label's and dot's box as Chromium lays it out, in the drawing's units, per map.
LAYOUT = """() => [...document.querySelectorAll('.leg-svg')].map((svg) => {
  const box = (el) => { const b = el.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height]; };
  const vb = svg.viewBox.baseVal;
  const seen = (el) => {
    const s = getComputedStyle(el);
    return s.opacity !== '0' && s.visibility !== 'hidden' && s.display !== 'none';
  };
  return {
    name: svg.getAttribute('aria-label'),
    frame: [vb.x, vb.y, vb.x + vb.width, vb.y + vb.height],
    labels: [...svg.querySelectorAll('.marker-label, .measure-words, .landmark-name')].map(
      (t) => ({text: t.textContent, box: box(t), shown: seen(t)})),
    dots: [...svg.querySelectorAll('a.marker .dot')].map((c) => {
      const at = c.parentElement.transform.baseVal.consolidate().matrix;  // the marker's place
      return {name: c.parentElement.getAttribute('aria-label'),
              x: at.e + c.cx.baseVal.value, y: at.f + c.cy.baseVal.value, r: c.r.baseVal.value};
    }),
    codes: [...svg.querySelectorAll('a.marker')].map((a) => a.getAttribute('aria-label')),
  };
})"""


def meets(a, b, by=0.5):
    return min(a[2], b[2]) - max(a[0], b[0]) > by and min(a[3], b[3]) - max(a[1], b[1]) > by


def touches_circle(box, x, y, r):
    nx, ny = min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3])
    return (nx - x) ** 2 + (ny - y) ** 2 < (r - 0.5) ** 2


def layout_problems(maps, every_code):
    problems = []
    for m in maps:
        labels = m["labels"]
        for i, label in enumerate(labels):
            box, where = label["box"], f"{m['name']}: {label['text']}"
            if not label["shown"]:
                problems.append(f"{where} is hidden")
            f = m["frame"]
            if (
                box[0] < f[0] - 0.5
                or box[1] < f[1] - 0.5
                or box[2] > f[2] + 0.5
                or box[3] > f[3] + 0.5
            ):
                problems.append(f"{where} is cut off")
            problems += [
                f"{where} over {other['text']}"
                for other in labels[i + 1 :]
                if meets(box, other["box"])
            ]
            problems += [
                f"{where} over the dot of {dot['name']}"
                for dot in m["dots"]
                if touches_circle(box, dot["x"], dot["y"], dot["r"])
            ]
        if every_code:
            written = " ".join(label["text"] for label in labels)
            for name in m["codes"]:
                code = " ".join(name.split()[:2])
                if code not in written and not code.startswith("EX-LE 5"):  # with EX-LE 4
                    problems.append(f"{m['name']}: no code for {name}")
    return problems


@pytest.mark.parametrize("width", [360, 1280])
def test_region_maps_write_every_code_with_no_label_over_another_or_a_marker(new_page, width):
    page = new_page(width=width, height=900)
    problems = []
    for url in REGIONS:
        page.goto(url)
        maps = page.evaluate(LAYOUT)
        assert maps, url
        problems += [f"{url} {p}" for p in layout_problems(maps, every_code=True)]
    assert not problems, "\n".join(problems)


CLOSE_UPS = [
    "/points/st36/",
    "/points/ki3/",
    "/points/bl60/",
    "/points/gb34/",
    "/points/st41/",
    "/points/sp6/",
    "/points/lr3/",
    "/points/ki1/",
    "/points/bl40/",
    "/points/gb30/",
    "/points/ex-le10/",
    "/points/st44/",
    "/points/bl67/",
]


def test_point_pages_close_ups_keep_labels_and_measurements_apart(new_page):
    page = new_page(width=360, height=800)
    problems = []
    for url in CLOSE_UPS:
        page.goto(url)
        close, whole = page.evaluate(LAYOUT)
        assert close["name"].startswith("Close-up of"), url
        # The current point is the first marker, the first stop of the drawing by keyboard.
        code = page.locator("h1 .code").text_content()
        assert close["codes"][0].startswith(code + " "), url
        problems += [f"{url} {p}" for p in layout_problems([close], every_code=True)]
        assert not whole["labels"], url
    assert not problems, "\n".join(problems)


# The share of a screenshot's pixels within 3 of the colour [r, g, b] in every channel.
SHARE_OF = """async ([png, colour]) => {
  const image = new Image();
  await new Promise((done) => { image.onload = done; image.src = png; });
  const canvas = document.createElement('canvas');
  canvas.width = image.width; canvas.height = image.height;
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const data = context.getImageData(0, 0, image.width, image.height).data;
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    if ([0, 1, 2].every((c) => Math.abs(data[i + c] - colour[c]) <= 3)) n++;
  }
  return n / (data.length / 4);
}"""


# The skin as the drawing's files colour it: site.css's --skin, light and dark, as [r, g, b].
SKIN = {
    media: [int(value.split("--skin:")[1][i : i + 2], 16) for i in (1, 3, 5)]
    for media, value in colours(site_css_path().read_text(encoding="utf-8")).items()
}


@pytest.mark.parametrize("media", ["light", "dark", "print"])
def test_every_map_draws_the_leg_from_its_static_file(new_page, media):
    page = new_page(width=1280, color_scheme="dark" if media == "dark" else "light")
    drawings = {}
    page.on(
        "response",
        lambda r: "/static/maps/" in r.url and drawings.__setitem__(r.url, r.status),
    )
    for url in ["/regions/side/", "/points/st36/", "/points/ki1/", "/cun/"]:
        page.emulate_media(media="screen")
        page.goto(url, wait_until="networkidle")
        if media == "print":  # on paper the drawing takes its light colours
            page.emulate_media(media="print")
        skin = SKIN[DARK if media == "dark" else ""]
        for n, svg in enumerate(page.locator(".leg-svg").all()):
            png = "data:image/png;base64," + base64.b64encode(svg.screenshot()).decode()
            share = page.evaluate(SHARE_OF, [png, skin])
            assert share > 0.1, f"{url} map {n + 1} ({media}): {share:.0%} of it skin"
    assert drawings and set(drawings.values()) == {200}, drawings
