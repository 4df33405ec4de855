"""End-to-end flows, the way a visitor and a curator use the site."""

import re

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from points.models import Point


def test_open_a_region_choose_a_point_on_the_map_and_land_on_its_page(page):
    page.goto("/")
    page.get_by_role("link", name=re.compile("^Side of the leg")).click()
    expect(page).to_have_url(re.compile("/regions/side/$"))
    maps = page.get_by_role("figure")
    expect(maps.first).to_be_visible()
    # Click the dot itself: the link's box also holds its label, hidden until hover, beside it.
    maps.get_by_role("link", name="SP 6 Sanyinjiao").first.locator(".dot").click()
    expect(page).to_have_url(re.compile("/points/sp6/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("SP 6 Sanyinjiao")
    current = page.get_by_role("figure").get_by_role("link", name="SP 6 Sanyinjiao").first
    expect(current).to_have_attribute("aria-current", "page")


def test_follow_a_cross_reference_then_previous_and_next(page):
    page.goto("/points/st36/")
    location = page.locator(".location-text")
    location.get_by_role("link", name="ST 35").first.click()
    expect(page).to_have_url(re.compile("/points/st35/$"))
    along = page.get_by_role("navigation", name="Along the Stomach meridian")
    along.get_by_role("link", name=re.compile("ST 36 Zusanli")).click()
    expect(page).to_have_url(re.compile("/points/st36/$"))
    page.get_by_role("navigation", name="Along the Stomach meridian").get_by_role(
        "link", name=re.compile("ST 37")
    ).click()
    expect(page).to_have_url(re.compile("/points/st37/$"))
    page.locator("a[rel=prev]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ST 36 Zusanli")


def test_filter_by_two_symptoms_and_a_region_see_the_ranking_and_remove_a_chip(page):
    page.goto("/points/")
    symptoms = page.get_by_role("group", name="Symptoms")
    symptoms.get_by_role("checkbox", name=re.compile(r"^Headache \(")).check()
    symptoms.get_by_role("checkbox", name=re.compile(r"^Low back pain \(")).check()
    page.get_by_role("group", name="Region").get_by_role(
        "checkbox", name=re.compile(r"^Back of the leg")
    ).check()
    page.get_by_role("button", name="Show points").click()

    results = page.get_by_role("heading", level=2, name=re.compile("points?, most of your"))
    expect(results).to_be_visible()
    chips = page.get_by_role("list", name="Active filters")
    expect(chips.get_by_role("link")).to_have_count(3)
    ranks = page.locator(".point-card .matched").all_inner_texts()
    counts = [int(re.match(r"Treats (\d) of 2", text)[1]) for text in ranks]
    assert counts and counts == sorted(counts, reverse=True) and counts[0] == 2, ranks
    expect(page.get_by_role("checkbox", name=re.compile(r"^Headache \("))).to_be_checked()

    chips.get_by_role("link", name="Remove filter Headache").click()
    expect(page).not_to_have_url(re.compile("headache"))
    chips = page.get_by_role("list", name="Active filters")
    expect(chips.get_by_role("link")).to_have_count(2)
    expect(page.get_by_role("checkbox", name=re.compile(r"^Headache \("))).not_to_be_checked()
    expect(page.get_by_role("checkbox", name=re.compile(r"^Low back pain \("))).to_be_checked()


def search(page, words):
    box = page.get_by_role("search").first.get_by_role("searchbox", name="Search points")
    box.fill(words)
    box.press("Enter")


def test_search_by_code_by_pinyin_without_tones_and_by_chinese_characters(page):
    for words in ["st36", "zusanli", "足三里"]:
        page.goto("/")
        search(page, words)
        page.wait_for_load_state()
        if "/search/" in page.url:  # a list of results: the point is among them
            page.get_by_role("link", name=re.compile("^ST 36 Zusanli")).first.click()
        expect(page).to_have_url(re.compile("/points/st36/$"))
        expect(page.get_by_role("heading", level=1)).to_have_text("ST 36 Zusanli")


def test_staff_edit_a_point_see_it_in_public_and_revert_it_from_the_history(page):
    user = get_user_model()
    user.objects.create_superuser("curator", "curator@example.org", "a-long-pass-phrase")
    point = Point.objects.get(code="ST 36")

    page.goto("/admin/")
    page.get_by_label("Username").fill("curator")
    page.get_by_label("Password").fill("a-long-pass-phrase")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()

    page.goto(f"/admin/points/point/{point.pk}/change/")
    page.get_by_role("textbox", name="English name:").fill("Three Li of the Leg")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto("/points/st36/")
    expect(page.locator(".names")).to_contain_text("Three Li of the Leg")

    page.goto(f"/admin/points/point/{point.pk}/history/")
    expect(page.locator("body")).to_contain_text("Three Li of the Leg")
    rows = page.locator("#change-history tbody tr")
    expect(rows.first).to_contain_text("Leg Three Miles")  # the change, shown as old → new
    rows.last.get_by_role("link", name="ST 36 Zusanli").click()  # the version before it
    expect(page.get_by_role("textbox", name="English name:")).to_have_value("Leg Three Miles")
    page.get_by_role("button", name="Revert").click()
    expect(page.locator(".messagelist")).to_contain_text("successfully")

    page.goto("/points/st36/")
    expect(page.locator(".names")).to_contain_text("Leg Three Miles")
    expect(page.locator(".names")).not_to_contain_text("Three Li of the Leg")
    point.refresh_from_db()
    assert point.english == "Leg Three Miles"
