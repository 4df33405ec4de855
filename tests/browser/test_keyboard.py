"""Keyboard only: a skip link first, every stop visibly focused and in document order, and
each flow done with Tab, Space and Enter. And what assistive technology is told about the
maps and the filters: names, roles and states."""

import re

from playwright.sync_api import expect

FOCUS = """(previous) => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  let shown = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  if (!shown && el.matches("a.marker")) {  // an SVG map marker rings its hit area instead
    const hit = getComputedStyle(el.querySelector(".hit"));
    shown = hit.stroke !== "none" && parseFloat(hit.strokeWidth) >= 2;
  }
  const box = el.getBoundingClientRect();
  const inView = box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
  const text = (el.labels && el.labels.length ? el.labels[0] : el).textContent;
  const label = el.getAttribute("aria-label") || text.trim().replace(/\\s+/g, " ");
  const after = !previous ||
    !!(previous.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  window.__previousFocus = el;
  return {label: label.slice(0, 50), tag: el.tagName, shown, inView, after};
}"""


def tab_until(page, name=None, limit=250):
    """Press Tab until the focused element's label matches ``name`` (or ``limit`` stops);
    every stop on the way must show its focus, be in view and follow the one before it."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(f"({FOCUS})(window.__previousFocus)")
        if stop is None or (stops and stop["label"] == "Skip to content"):
            break  # out of the page, or round to its start again
        stops.append(stop)
        bad = [key for key in ("shown", "inView", "after") if not stop[key]]
        assert not bad, f"{page.url}, stop {len(stops)}: {stop}"
        if name and re.search(name, stop["label"]):
            return stops
    assert name is None, f"{name!r} not reached by Tab on {page.url}: {[s['label'] for s in stops]}"
    return stops


def reload_focus(page):
    page.evaluate("window.__previousFocus = null")


def test_the_skip_link_comes_first_shows_and_moves_focus_to_the_content(page):
    page.goto("/points/st36/")
    reload_focus(page)
    first = tab_until(page, "Skip to content", limit=1)
    assert first[0]["tag"] == "A"
    expect(page.get_by_role("link", name="Skip to content")).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('main')")


def test_every_tab_stop_of_every_kind_of_page_shows_focus_in_order(new_page):
    from .pages import PAGE_TYPES

    # Every page type on a desktop; the pages with most to reach on a phone too.
    for width, urls in [
        (1280, PAGE_TYPES.values()),
        (360, ["/", "/points/sp6/"]),
    ]:
        page = new_page(width=width, height=800)
        for url in urls:
            page.goto(url)
            reload_focus(page)
            assert page.locator("[tabindex]:not([tabindex='-1']):not([tabindex='0'])").count() == 0
            tab_until(page, limit=80)  # past the header and the filters into the content


def test_keyboard_only_region_map_to_point_and_along_the_meridian(page):
    page.goto("/regions/side/")
    reload_focus(page)
    tab_until(page, "^SP 6 Sanyinjiao$")
    assert page.evaluate("document.activeElement.matches('.leg-map a.marker')")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("/points/sp6/$"))
    reload_focus(page)
    tab_until(page, "^SP 7 ")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("SP 7 Lougu")


def test_keyboard_only_filter_and_remove_a_chip(page):
    page.goto("/points/")
    reload_focus(page)
    tab_until(page, "^Words, code or name$")  # into the form, past the header's Symptoms link
    # Each folded filter group opens with Enter on its summary.
    for group, names in [
        ("^Symptoms$", [r"^Headache \(", r"^Low back pain \("]),
        ("^Region$", [r"^Back of the leg"]),
    ]:
        tab_until(page, group)
        page.keyboard.press("Enter")
        for name in names:
            tab_until(page, name)
            page.keyboard.press("Space")
    tab_until(page, "^Show points$")
    page.keyboard.press("Enter")
    expect(
        page.get_by_role("heading", name=re.compile("most of your symptoms first"))
    ).to_be_visible()
    reload_focus(page)
    tab_until(page, "^Remove filter Headache$")
    page.keyboard.press("Enter")
    expect(page.get_by_role("list", name="Active filters").get_by_role("link")).to_have_count(2)


def test_keyboard_only_search(page):
    page.goto("/")
    reload_focus(page)
    tab_until(page, "^Search points$")
    assert page.evaluate("document.activeElement.type") == "search"
    page.keyboard.type("足三里")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("/points/st36/$|/search/"))


def test_maps_and_filters_are_announced_with_names_roles_and_states(page):
    page.goto("/points/sp6/")
    figure = page.get_by_role("figure", name=re.compile(r"^Inner side\. The area round SP 6"))
    expect(figure).to_have_accessible_name(re.compile(r"the measurement of its location\.$"))
    points = figure.get_by_role("group", name="Close-up of SP 6 on the inner side view")
    expect(points.get_by_role("link").first).to_have_accessible_name("SP 6 Sanyinjiao")
    expect(points.get_by_role("link", name="SP 6 Sanyinjiao")).to_have_attribute(
        "aria-current", "page"
    )
    expect(points.get_by_role("link", name="SP 5 Shangqiu")).to_have_attribute(
        "href", "/points/sp5/"
    )
    expect(figure.get_by_role("list", name="Meridians on this view")).to_contain_text("Spleen")
    expect(figure.locator(".leg-drawing")).to_have_attribute("aria-hidden", "true")

    page.goto("/points/?symptom=headache&region=back")
    filters = page.get_by_role("form", name="Filter")
    region = filters.get_by_role("group", name="Region")
    expect(
        region.get_by_role("checkbox", name=re.compile(r"^Back of the leg \(\d+\)"))
    ).to_be_checked()
    expect(
        region.get_by_role("checkbox", name=re.compile(r"^Front of the leg \(\d+\)"))
    ).not_to_be_checked()
    symptoms = filters.get_by_role("group", name="Symptoms")
    expect(symptoms.get_by_role("checkbox", name=re.compile(r"^Headache \("))).to_be_checked()
    expect(filters.get_by_role("searchbox", name="Words, code or name")).to_be_visible()
    results = page.get_by_role("region", name=re.compile(r"^\d+ points$"))
    chips = results.get_by_role("list", name="Active filters")
    expect(chips.get_by_role("link", name="Remove filter Headache")).to_be_visible()
    expect(chips.get_by_role("link", name="Remove filter Back of the leg")).to_be_visible()
