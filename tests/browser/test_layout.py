"""Layout at phone, tablet and desktop widths: nothing scrolls sideways, no text overlaps,
and a point page prints on one A4 page with its map."""

import re
from pathlib import Path

import pytest

from .conftest import WIDTHS
from .pages import PAGE_TYPES

# Sibling text boxes that overlap, and boxes that stick out of the window.
OVERLAPS = (Path(__file__).parent / "overlaps.js").read_text()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_no_page_scrolls_sideways_and_no_text_overlaps(new_page, width):
    page = new_page(width=width, height=800)
    failures = []
    for name, url in PAGE_TYPES.items():
        page.goto(url)
        scroll_width, inner_width = page.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth]"
        )
        if scroll_width > inner_width:
            failures.append(f"{name} {url}: {scroll_width}px wide in a {inner_width}px window")
        failures += [f"{name} {url}: {problem}" for problem in page.evaluate(OVERLAPS)]
    assert not failures, f"at {width}px:\n" + "\n".join(failures)


def pdf_pages(pdf):
    """The number of pages in a PDF that Chromium wrote: its /Type /Page objects."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


# The longest point page, one with two maps, and one with cautions and a correction note;
# every one of the 48 was checked the same way when the print styles were written.
@pytest.mark.parametrize("url", ["/points/bl64/", "/points/bl60/", "/points/sp6/"])
def test_a_point_page_prints_on_one_a4_page_with_its_map(page, url):
    page.goto(url)
    page.emulate_media(media="print")
    assert page.locator(".leg-map svg").first.is_visible()
    assert page.locator(".site-header").is_hidden()
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf_pages(pdf) == 1, f"{url} prints on {pdf_pages(pdf)} A4 pages"
