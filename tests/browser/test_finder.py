"""The symptom finder by keyboard alone: from the home page, type part of a name, tick what it
finds, tick one from a group, see the ranked points with their reasons and the notice on when
to see a doctor, and remove a symptom."""

import re

from playwright.sync_api import expect

from .test_keyboard import reload_focus, tab_until


def test_keyboard_only_choose_symptoms_and_read_the_ranked_points(page):
    page.goto("/")
    reload_focus(page)
    tab_until(page, r"^Knee pain \(")
    page.keyboard.press("Space")
    tab_until(page, "^or type part of a symptom’s name$")
    page.keyboard.type("qi")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/finder/\?"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Symptom finder")

    # The typed text found "Leg qi": tick it; Knee pain stays chosen.
    reload_focus(page)
    tab_until(page, "^Leg qi$")
    page.keyboard.press("Space")
    tab_until(page, "^Show points$")
    page.keyboard.press("Enter")
    results = page.get_by_role("region", name=re.compile(r"^\d+ points for your symptoms$"))
    expect(results).to_be_visible()
    reasons = results.locator(".reason").all_inner_texts()
    assert reasons[0].startswith("For both your symptoms: knee pain, leg qi · listed in"), reasons
    # Knee pain can be serious: the notice comes first, with its source.
    flags = page.get_by_role("region", name="When to see a doctor first")
    expect(flags.get_by_role("heading", name="Knee pain after an injury")).to_be_visible()
    expect(flags.get_by_role("link", name=re.compile("NHS"))).to_have_count(2)

    # A group opens with Enter on its summary; tick one of its symptoms.
    reload_focus(page)
    tab_until(page, "^Sleep, mood and mind$")
    page.keyboard.press("Enter")
    tab_until(page, "^Insomnia$")
    page.keyboard.press("Space")
    tab_until(page, "^Show points$")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("insomnia"))
    chips = page.get_by_role("list", name="Your symptoms")
    expect(chips.get_by_role("link")).to_have_count(3)

    reload_focus(page)
    tab_until(page, "^Remove Knee pain$")
    page.keyboard.press("Enter")
    expect(page).not_to_have_url(re.compile("knee-pain"))
    expect(page.get_by_role("list", name="Your symptoms").get_by_role("link")).to_have_count(2)
    expect(page.get_by_role("region", name="When to see a doctor first")).to_have_count(0)
