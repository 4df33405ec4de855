"""The symptom finder: choosing symptoms, the ranking and its reasons, the red flags, bad input,
and its query budget; the groups of the indications; the list page's folding facets."""

import re
import tomllib

import pytest
from django.conf import settings

from points.finder import RESULTS
from points.models import Citation, Indication, Point, RedFlag
from points.params import MAX_VALUES
from points.text import first_sentence

FINDER = "/finder/"
MAX_QUERIES = 7  # the chosen symptoms, the typed name's matches, the groups, the count,
# the points, the chosen symptoms of each point, the red flags


def get(client, symptoms=(), **params):
    return client.get(FINDER, {"symptom": list(symptoms), **params})


def expected_ranking(slugs):
    """The finder's ranking worked out point by point from the ORM."""
    chosen = Indication.objects.filter(slug__in=slugs)
    rows = []
    for point in Point.objects.filter(indications__in=chosen).distinct().select_related("meridian"):
        matched = point.indications.filter(pk__in=chosen).count()
        sources = (
            Citation.objects.filter(point=point, fact="indication", indication__in=chosen)
            .values("source")
            .distinct()
            .count()
        )
        channel = point.meridian.order if point.meridian else 10**6
        rows.append(((-matched, -sources, channel, point.number), point.code, matched, sources))
    return [(code, matched, sources) for _key, code, matched, sources in sorted(rows)]


def shown(response):
    return [
        (r.point.code, r.point.matched, r.point.source_count)
        for r in response.context["finder"].results_shown
    ]


SELECTIONS = [
    ["knee-pain", "leg-qi"],
    ["insomnia"],
    ["headache", "low-back-pain", "insomnia"],
    ["period-pain", "dizziness", "calf-pain", "constipation"],
]


@pytest.mark.django_db
@pytest.mark.parametrize("slugs", SELECTIONS)
def test_points_rank_by_symptoms_matched_then_by_sources(client, slugs):
    response = get(client, slugs)
    assert response.status_code == 200
    expected = expected_ranking(slugs)
    assert shown(response) == expected[:RESULTS]
    assert response.context["finder"].total == len(expected)
    assert f"{len(expected)} point" in response.text


@pytest.mark.django_db
def test_a_point_listed_for_knee_pain_and_leg_qi_comes_first_and_says_why(client):
    response = get(client, ["knee-pain", "leg-qi"])
    results = response.context["finder"].results_shown
    both = set(
        Point.objects.filter(indications__slug="knee-pain")
        .filter(indications__slug="leg-qi")
        .values_list("code", flat=True)
    )
    assert "ST 36" in both and results[0].point.code in both
    first = results[0]
    sources = first.point.source_count
    assert (
        first.reason == f"for both your symptoms: knee pain, leg qi · listed in {sources} sources"
    )
    text = response.text
    assert "For both your symptoms: knee pain, leg qi · listed in" in text
    assert f'href="{first.point.get_absolute_url()}"' in text
    # A point listed for one of the two says which.
    one = next(r for r in results if r.point.matched == 1)
    assert re.fullmatch(
        r"for 1 of your 2 symptoms: (knee pain|leg qi) · listed in \d sources?", one.reason
    )


@pytest.mark.django_db
def test_the_reasons_count_the_chosen_symptoms_and_distinct_sources(client):
    response = get(client, ["headache", "low-back-pain", "insomnia"])
    for result in response.context["finder"].results_shown:
        names = [s.name.lower() for s in result.symptoms]
        assert len(names) == result.point.matched
        sources = result.point.source_count
        plural = "source" if sources == 1 else "sources"
        assert result.reason.endswith(f": {', '.join(names)} · listed in {sources} {plural}")
        assert result.reason.startswith(
            "for all 3 of your symptoms" if len(names) == 3 else f"for {len(names)} of your 3"
        )
    single = get(client, ["insomnia"]).context["finder"].results_shown[0]
    assert single.reason.startswith("for your symptom: insomnia · listed in ")


@pytest.mark.django_db
def test_each_result_gives_its_location_in_one_line(client):
    response = get(client, ["buttock-pain"])
    for result in response.context["finder"].results_shown:
        assert len(result.location) <= 160 and "\n" not in result.location
        assert result.point.location.startswith(result.location.rstrip(".…"))
    gb30 = Point.objects.get(code="GB 30")
    assert first_sentence(gb30.location).startswith("On the buttock. Draw a line")


def test_first_sentence_cuts_cleanly():
    assert first_sentence("On the shin. Then more.", shortest=5) == "On the shin."
    long = "On the front of the leg, " + "far below the knee " * 12 + "at the bone."
    cut = first_sentence(long)
    assert cut.endswith("…") and len(cut) <= 160 and not cut.endswith(" …")
    # At the end of a clause when one ends far enough in.
    assert first_sentence("a" * 100 + "; " + "b " * 60) == "a" * 100 + "."


@pytest.mark.django_db
def test_more_results_than_shown_link_to_the_full_list(client):
    slugs = list(Indication.objects.most_common(6).values_list("slug", flat=True))
    response = get(client, slugs)
    finder = response.context["finder"]
    assert finder.total > RESULTS and len(finder.results_shown) == RESULTS
    assert "every point for these symptoms" in response.text
    assert 'href="/points/?symptom=' in response.text


# When to see a doctor


@pytest.mark.django_db
def test_serious_symptoms_show_their_red_flag_with_its_source(client):
    cases = {
        "chest-pain": "Chest pain",
        "calf-pain": "A swollen, painful calf or leg",
        "hemiplegia": "Sudden weakness or numbness on one side",
        "knee-swelling": "A hot, swollen, painful joint with a fever",
        "knee-pain": "Knee pain after an injury",
    }
    for slug, title in cases.items():
        response = get(client, [slug])
        text = response.text
        assert "When to see a doctor first" in text, slug
        assert f"<h3>{title}</h3>" in text, slug
        flag = RedFlag.objects.get(title=title)
        assert flag.notice in text.replace("&#x27;", "'").replace("&amp;", "&")
        assert f'href="{flag.source.url}"' in text and flag.source.url.startswith("http")
        # Above the results.
        assert text.index("When to see a doctor first") < text.index('id="results-heading"')


@pytest.mark.django_db
def test_every_symptom_shows_exactly_its_own_red_flags_and_the_others_none(client):
    for indication in Indication.objects.prefetch_related("red_flags"):
        response = get(client, [indication.slug])
        shown_titles = [flag.title for flag in response.context["finder"].red_flags]
        assert shown_titles == [flag.title for flag in indication.red_flags.all()], indication
        assert ("When to see a doctor first" in response.text) == bool(shown_titles)
    for slug in ["insomnia", "headache", "constipation", "leg-qi"]:
        assert "When to see a doctor" not in get(client, [slug]).text


@pytest.mark.django_db
def test_a_flag_raised_by_two_chosen_symptoms_is_shown_once(client):
    response = get(client, ["knee-pain", "knee-swelling", "calf-pain"])
    titles = [flag.title for flag in response.context["finder"].red_flags]
    assert len(titles) == len(set(titles)) == 3
    assert response.text.count("<h3>Knee pain after an injury</h3>") == 1


def test_every_red_flag_in_the_data_cites_a_national_health_service_page():
    with open(settings.BASE_DIR / "data" / "red_flags.toml", "rb") as file:
        flags = tomllib.load(file)["red_flag"]
    with open(settings.BASE_DIR / "data" / "sources.toml", "rb") as file:
        sources = {s["key"]: s for s in tomllib.load(file)["source"]}
    assert len(flags) >= 5
    for flag in flags:
        key = flag["cited"].split(",")[0]
        assert sources[key]["url"].startswith("http"), key
        assert flag["indications"] and flag["notice"], flag["title"]


# The groups


def test_every_indication_in_the_data_has_a_group():
    with open(settings.BASE_DIR / "data" / "indications.toml", "rb") as file:
        indications = tomllib.load(file)["indication"]
    missing = [i["name"] for i in indications if i.get("group") not in Indication.Group.values]
    assert missing == []


@pytest.mark.django_db
def test_every_indication_in_the_database_has_a_group_and_every_group_is_offered(client):
    assert not Indication.objects.exclude(group__in=Indication.Group.values).exists()
    response = get(client)
    groups = response.context["finder"].groups
    assert [g.value for g in groups] == Indication.Group.values
    for group in groups:
        assert f"<summary>{group.label}</summary>".replace("'", "&#x27;") in response.text
        assert group.total == Indication.objects.filter(group=group.value).count()
        assert 0 < len(group.symptoms) <= 8


# Choosing


@pytest.mark.django_db
def test_typing_part_of_a_name_lists_matches_to_tick_and_keeps_the_chosen(client):
    response = get(client, ["knee-pain"], q="knee")
    text = response.text
    assert 'name="symptom" value="knee-pain" checked' in text
    matches = {s.slug for s in response.context["finder"].matches_shown}
    assert {"knee-swelling", "knee-stiffness"} <= matches and "knee-pain" not in matches
    assert 'name="symptom" value="knee-swelling">' in text
    # A synonym finds it too.
    assert "insomnia" in {s.slug for s in get(client, q="sleeplessness").context["finder"].matches}
    # A chosen symptom is offered once, checked, never again unchecked in a group.
    assert text.count('value="knee-pain"') == 1


@pytest.mark.django_db
def test_the_home_page_sends_its_choices_to_the_finder(client):
    text = client.get("/").text
    assert 'action="/finder/"' in text and 'name="symptom"' in text
    assert re.search(r'<label for="home-finder-q">[^<]+</label>', text)


@pytest.mark.django_db
def test_no_symptom_chosen_shows_the_picker_and_no_results(client):
    response = get(client)
    assert response.status_code == 200
    assert "Choose your symptoms" in response.text and 'id="results-heading"' not in response.text


# Bad input


@pytest.mark.django_db
def test_unknown_symptoms_are_named_escaped_and_left_out(client):
    response = get(client, ["knee-pain", "no-such-thing", "<script>x</script>"])
    assert response.status_code == 200
    text = response.text
    assert "not symptoms this reference knows" in text and "“no-such-thing”" in text
    assert "<script>x</script>" not in text and "&lt;script&gt;" in text
    assert [s.slug for s in response.context["finder"].chosen] == ["knee-pain"]
    only = get(client, ["nothing-known"])
    assert only.status_code == 200 and "not a symptom this reference knows" in only.text
    assert 'id="results-heading"' not in only.text


@pytest.mark.django_db
def test_hundreds_of_symptoms_and_absurd_values_get_a_message_not_an_error(client):
    slugs = list(Indication.objects.values_list("slug", flat=True))
    response = get(client, slugs * 3)
    assert response.status_code == 200
    assert f"Only the first {MAX_VALUES} symptoms chosen were used." in response.text
    assert len(response.context["finder"].chosen) == MAX_VALUES
    for params in [
        {"q": "x" * 5000},
        {"q": " ".join(["knee"] * 500)},
        {"symptom": "a" * 10000},
        {"symptom": "\x00"},
        {"q": "%00%ff'\"<b>"},
    ]:
        response = client.get(FINDER, params)
        assert response.status_code == 200, params
        assert "<b>" not in response.text
    assert client.post(FINDER).status_code == 405


# Queries


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3, MAX_VALUES])
def test_a_constant_number_of_queries_whatever_is_chosen(
    client, django_assert_max_num_queries, count
):
    slugs = list(Indication.objects.most_common(count).values_list("slug", flat=True))
    with django_assert_max_num_queries(MAX_QUERIES):
        response = get(client, slugs, q="pain")
    assert response.context["finder"].total > 0


# The list page


@pytest.mark.django_db
def test_list_facets_fold_and_open_when_something_in_them_is_chosen(client):
    text = client.get("/points/", {"symptom": "epistaxis", "region": "back"}).text
    opened = re.findall(r'<details class="facet-group"( open)?>\s*<summary>(\w+)', text)
    assert {name: bool(flag) for flag, name in opened} == {
        "Symptoms": True,
        "Region": True,
        "Meridian": False,
        "Category": False,
    }
    assert 'Symptoms <span class="count">(1 chosen)</span>' in text


@pytest.mark.django_db
def test_list_shows_the_count_and_the_button_before_the_facets_and_links_to_the_finder(client):
    response = client.get("/points/", {"symptom": "epistaxis"})
    text = response.text
    total = response.context["facets"].total
    summary = text.index(f"{total} point")
    assert summary < text.index("Show points") < text.index('<details class="facet-group"')
    assert 'href="/finder/?symptom=epistaxis"' in text


@pytest.mark.django_db
def test_the_canonical_address_keeps_the_symptoms_and_drops_the_typed_text(client):
    text = get(client, ["knee-pain", "leg-qi"], q="sleep").text
    assert (
        '<link rel="canonical" href="http://testserver/finder/?symptom=knee-pain&amp;symptom=leg-qi">'
        in text
    )
