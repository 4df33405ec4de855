"""How to press in the browser: routines and point pages print on one A4 sheet, the timer
runs on CSS alone and by keyboard, and stands still when motion is reduced."""

from points.models import Point

from .test_layout import pdf_pages

ROUTINES = [
    "low-back-pain",
    "knee-pain",
    "leg-cramps",
    "swollen-legs",
    "ankle-sprain-recovery",
    "headache",
    "poor-sleep",
    "digestive-upset",
    "period-pain",
]


def printed_pages(page, url):
    page.goto(url)
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden()
    assert page.locator(".print-header").is_visible()
    return pdf_pages(page.pdf(format="A4", print_background=True))


def test_every_routine_prints_on_one_a4_page_with_its_maps(page):
    failures = []
    for slug in ROUTINES:
        url = f"/routines/{slug}/"
        pages = printed_pages(page, url)
        assert page.locator(".routine-step .leg-svg").first.is_visible()
        assert page.locator(".timer").is_hidden()
        if pages != 1:
            failures.append(f"{url} prints on {pages} A4 pages")
    assert not failures, "\n".join(failures)


def test_every_point_page_with_how_to_press_prints_on_one_a4_page(page):
    failures = []
    for point in Point.objects.all():
        url = point.get_absolute_url()
        pages = printed_pages(page, url)
        assert page.locator("#pressing-heading").is_visible()
        if pages != 1:
            failures.append(f"{url} prints on {pages} A4 pages")
    assert Point.objects.count() == 95
    assert not failures, "\n".join(failures)


def fill_width(page):
    return page.evaluate("document.querySelector('.timer-fill').getBoundingClientRect().width")


def test_the_timer_starts_from_the_keyboard_and_fills_with_css(page):
    page.goto("/points/st36/")
    # No script runs it: the only script element is the JSON-LD data block.
    assert (
        page.evaluate("[...document.scripts].filter(s => s.type !== 'application/ld+json').length")
        == 0
    )
    toggle = page.get_by_role("checkbox", name="Press for one minute: ST 36")
    toggle.focus()
    assert fill_width(page) == 0
    page.keyboard.press("Space")
    assert toggle.is_checked()
    animation = page.evaluate(
        "getComputedStyle(document.querySelector('.timer-fill')).animationName"
    )
    assert animation == "timer-fill"
    page.wait_for_timeout(1500)
    assert fill_width(page) > 0
    page.keyboard.press("Space")  # unchecked: back to the start
    assert fill_width(page) == 0


def test_with_reduced_motion_the_timer_is_a_plain_instruction(new_page):
    page = new_page(reduced_motion="reduce")
    page.goto("/points/st36/")
    assert page.locator(".timer-track").is_hidden()
    assert page.get_by_text("Hold the point while you count sixty slow seconds.").is_visible()
    assert page.get_by_role("checkbox", name="Press for one minute: ST 36").is_visible()
