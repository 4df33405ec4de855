"""How to press: the guide, each point's How to press section, the routines, the timer."""

import re
import tomllib
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from points.models import GuideRule, Point, Pressing, Routine, Source
from points.models.guide import citation_lines

from .test_pages import MAX_QUERIES, outline

pytestmark = pytest.mark.django_db
DATA = Path(settings.BASE_DIR) / "data"
CSS = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_text()


def test_the_guide_gives_every_rule_with_its_sources_and_says_where_they_differ(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        response = client.get(reverse("points:guide"))
    assert response.status_code == 200
    html = response.content.decode()
    page = outline(response)
    assert [tag for tag, _ in page.headings].count("h1") == 1
    rules = list(GuideRule.objects.all())
    assert {rule.section for rule in rules} == set(GuideRule.Section.values)
    for rule in rules:
        assert f'id="{rule.slug}"' in html
        block = html.split(f'id="{rule.slug}"')[1].split('class="guide-rule"')[0]
        assert 'class="refs"' in block, f"{rule.slug} shows no sources"
    assert html.count("Where the sources differ") == GuideRule.objects.exclude(differ="").count()
    for key in ["umn-selfcare", "umn-safety", "uclh-dvt", "legveindoctor"]:
        source = Source.objects.get(key=key)
        assert source.url and source.url in html
    assert f'href="{reverse("points:cun")}"' in html
    for words in ["varicose", "pregnan", "pulse", "broken", "both legs", "calf"]:
        assert words in html.lower(), words


def test_every_cited_source_of_the_guide_is_in_the_bibliography():
    keys = set(Source.objects.values_list("key", flat=True))
    texts = [rule.cited for rule in GuideRule.objects.all()]
    texts += [p.cited for p in Pressing.objects.all()] + [
        p.advice_cited for p in Pressing.objects.all()
    ]
    for routine in Routine.objects.all():
        texts += [routine.cautions_cited, routine.see_doctor_cited, routine.combination_cited]
    used = {key for text in texts for key, _ in citation_lines(text)}
    assert used and used <= keys


def test_every_point_has_a_pressing_entry_of_two_or_three_steps_with_sources():
    assert Pressing.objects.count() == Point.objects.count() == 95
    for pressing in Pressing.objects.select_related("point"):
        assert 1 <= len(pressing.step_list) <= 3, pressing.point.code
        assert pressing.posture, pressing.point.code
        assert citation_lines(pressing.cited), pressing.point.code


@pytest.mark.parametrize("code", ["st36", "sp6", "ki1", "ex-le5", "bl40"])
def test_a_point_page_shows_how_to_press_it_with_its_sources_and_the_default(
    client, django_assert_max_num_queries, code
):
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("points:point", args=[code]))
    html = response.content.decode()
    point = Point.objects.get(slug=code)
    section = html.split('id="pressing-heading"')[1].split("</section>")[0]
    for step in point.pressing.step_list:
        assert step.replace('"', "&quot;").replace("'", "&#x27;") in section
    assert point.pressing.posture in section
    assert "No source gives pressing advice" in section
    for rule in GuideRule.objects.defaults():
        assert rule.default in section
    assert section.count('class="refs"') == 1 + GuideRule.objects.defaults().count()
    assert "University of Minnesota" in html  # the defaults' source, in the references


def test_how_to_press_costs_a_point_page_the_same_two_queries_whatever_the_point(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for code in ["st31", "sp6", "bl67", "ex-le12", "lr12"]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("points:point", args=[code])).status_code == 200
        sql = [query["sql"] for query in queries]
        assert sum('FROM "points_guiderule"' in s for s in sql) == 1, code
        assert sum('FROM "points_source"' in s for s in sql) == 1, code
        assert not any('FROM "points_pressing"' in s for s in sql), code  # joined to the point
        assert len(sql) <= MAX_QUERIES, code


def test_point_specific_advice_is_shown_with_its_source_instead_of_the_default(client):
    pressing = Pressing.objects.get(point__code="ST 36")
    pressing.advice = "Press <firmly> here."
    pressing.advice_cited = "roswell"
    pressing.save()
    html = client.get(reverse("points:point", args=["st36"])).content.decode()
    section = html.split('id="pressing-heading"')[1].split("</section>")[0]
    assert "Press &lt;firmly&gt; here." in section
    assert "No source gives pressing advice" not in section
    assert "Roswell Park" in html


def test_the_timer_works_without_javascript_and_respects_reduced_motion(client):
    html = client.get(reverse("points:point", args=["st36"])).content.decode()
    timer = html.split('class="timer"')[1].split('class="timer-done"')[0]
    assert re.search(r'<input class="timer-toggle" type="checkbox" id="timer-point"', timer)
    assert (
        '<label class="timer-label" for="timer-point">Press for one minute: ST 36</label>' in timer
    )
    # No script runs it (the JSON-LD data block is data, not a script that runs).
    runnable = html.replace('<script type="application/ld+json">', "")
    assert "<script" not in runnable and "style=" not in html
    assert re.search(
        r"\.timer-toggle:checked ~ \.timer-track \.timer-fill \{ animation: timer-fill 60s", CSS
    )
    reduced = CSS.split("@media (prefers-reduced-motion: reduce)")[-1].split("}\n}")[0]
    assert ".timer-track" in reduced and "display: none" in reduced
    assert ".timer-still { display: inline;" in reduced
    assert "sixty slow seconds" in timer


def test_the_routines_index_lists_every_routine(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get(reverse("points:routines"))
    html = response.content.decode()
    routines = list(Routine.objects.all())
    assert len(routines) == 9
    for routine in routines:
        assert f'href="{routine.get_absolute_url()}"' in html


@pytest.mark.parametrize(
    "slug", [r["slug"] for r in tomllib.loads((DATA / "routines.toml").read_text())["routine"]]
)
def test_a_routine_shows_its_points_in_order_with_maps_sources_and_cautions(
    client, django_assert_max_num_queries, slug
):
    with django_assert_max_num_queries(6):
        response = client.get(reverse("points:routine", args=[slug]))
    assert response.status_code == 200
    html = response.content.decode()
    routine = Routine.objects.get(slug=slug)
    data = next(
        r
        for r in tomllib.loads((DATA / "routines.toml").read_text())["routine"]
        if r["slug"] == slug
    )
    codes = [step["code"] for step in data["steps"]]
    assert [s.point.code for s in routine.steps.order_by("order")] == codes
    steps = html.split('class="routine-steps"')[1].split("</ol>")[0]
    shown = re.findall(r'<h3><a href="[^"]+">([A-Z-]+ \d+) ', steps)
    assert shown == codes
    # a map thumbnail for each point, those on the sole too (the sole view shows them)
    assert steps.count('class="leg-svg"') == len(codes)
    assert "not on the maps" not in steps
    for step in routine.steps.select_related("point"):
        assert step.point.indications.filter(pk=routine.indication_id).exists()
    assert steps.count('class="refs"') == len(codes)  # each point's sources for the symptom
    assert routine.cautions.replace("'", "&#x27;") in html
    if routine.see_doctor:
        assert "See a doctor:" in html
    if routine.combination:
        assert "Classical combination" in html
    assert 'type="checkbox"' in html


def test_an_unknown_routine_is_a_404_with_the_site_page(client):
    for slug in ["nope", "knee-pain-x"]:
        response = client.get(f"/routines/{slug}/")
        assert response.status_code == 404
    assert client.get("/routines/%3Cscript%3E/").status_code == 404


def test_routine_text_typed_in_the_admin_is_escaped(client):
    routine = Routine.objects.get(slug="knee-pain")
    routine.cautions = "<script>alert(1)</script>"
    routine.save()
    html = client.get(routine.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html


def test_the_print_header_names_the_site_the_address_and_the_date(client):
    html = client.get(reverse("points:routine", args=["headache"])).content.decode()
    header = re.search(r'<p class="print-header">(.*?)</p>', html).group(1)
    assert "Leg Points" in header and "http://testserver/routines/headache/" in header
    assert re.search(r"\d{1,2} [A-Z][a-z]+ \d{4}", header)
    assert ".print-header { display: block;" in CSS


def test_the_admin_edits_a_rule_and_refuses_a_source_not_in_the_bibliography(admin_client):
    from .test_admin import form_data

    rule = GuideRule.objects.get(slug="varicose-veins")
    url = reverse("admin:points_guiderule_change", args=[rule.pk])
    data = form_data(admin_client.get(url))
    response = admin_client.post(url, {**data, "cited": "nosuchsource, p. 1"})
    assert response.status_code == 200
    assert "Not in the bibliography: nosuchsource." in response.content.decode()
    edited = {**data, "text": "Edited & <kept>.", "cited": "legveindoctor"}
    response = admin_client.post(url, edited)
    assert response.status_code == 302
    html = Client().get(reverse("points:guide")).content.decode()
    assert "Edited &amp; &lt;kept&gt;." in html


def test_the_admin_refuses_a_routine_step_whose_point_does_not_list_the_symptom(admin_client):
    from .test_admin import form_data

    routine = Routine.objects.get(slug="knee-pain")
    url = reverse("admin:points_routine_change", args=[routine.pk])
    data = form_data(admin_client.get(url))
    prefix = "steps"
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    new = total - 1  # the one extra, empty form
    data |= {
        f"{prefix}-{new}-point": Point.objects.get(code="KI 1").pk,
        f"{prefix}-{new}-order": 9,
        f"{prefix}-{new}-seconds": 60,
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "does not list the routine" in response.content.decode()
    assert routine.steps.count() == 4


def test_a_routine_may_have_no_doctor_note_but_cautions_need_a_source():
    from django.core.exceptions import ValidationError

    routine = Routine.objects.get(slug="poor-sleep")
    assert routine.see_doctor == ""
    routine.full_clean()
    routine.cautions_cited = ""
    with pytest.raises(ValidationError) as error:
        routine.full_clean()
    assert "cautions_cited" in error.value.message_dict


def test_merging_a_routines_symptom_moves_the_routine_with_it(client):
    from points.models import Indication

    edema = Indication.objects.get(name="Edema")
    target = Indication.objects.get(name="Leg swelling")
    edema.merge_into(target)
    routine = Routine.objects.get(slug="swollen-legs")
    assert routine.indication == target
    assert client.get(routine.get_absolute_url()).status_code == 200
