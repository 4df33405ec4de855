"""axe-core on every page type, light and dark: no violation of the WCAG 2.2 A and AA rules."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .pages import PAGE_TYPES

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE = Axe()


def axe_violations(page):
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return results.response["violations"], results.generate_report()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_type_has_no_wcag_violations(new_page, scheme):
    page = new_page(color_scheme=scheme)
    failures = []
    for name, url in PAGE_TYPES.items():
        page.goto(url)
        violations, report = axe_violations(page)
        if violations:
            failures.append(f"== {name} ({url}), {scheme}:\n{report}")
    assert not failures, "\n".join(failures)
