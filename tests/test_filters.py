"""The filtered list of points: parameters, facets, ranking, chips, paging and bad input."""

import pytest
from django.db.models import Count, Q

from points.models import Indication, Meridian, Point

pytestmark = pytest.mark.django_db


def codes(response):
    return [point.code for point in response.context["page"].object_list]


def facet(response, name):
    return {o.value: o.count for o in getattr(response.context["facets"], name)}


def test_the_unfiltered_list_shows_every_point_on_one_page(client):
    response = client.get("/points/")
    assert response.status_code == 200
    assert len(codes(response)) == Point.objects.count() == 95
    assert codes(response)[:2] == ["ST 31", "ST 32"]
    assert codes(response)[-1] == "EX-LE 12"  # the extra points after the six channels
    assert response.context["facets"].total == 95
    assert not response.context["page"].has_other_pages()


@pytest.mark.parametrize(
    ("query", "expected", "count"),
    [
        ("region=front", Q(region="front"), None),
        ("region=front&region=back", Q(region__in=["front", "back"]), None),
        ("meridian=st", Q(meridian__code="ST"), 15),
        ("meridian=KI", Q(meridian__code="KI"), 10),
        ("meridian=ki&meridian=sp", Q(meridian__code__in=["KI", "SP"]), 22),
        ("meridian=lr", Q(meridian__code="LR"), 12),
        ("meridian=ex", Q(meridian=None), 12),
        ("meridian=lr&meridian=ex", Q(meridian__code="LR") | Q(meridian=None), 24),
        ("category=he-sea", Q(categories__slug="he-sea"), 6),
        (
            "category=luo-connecting&category=confluent",
            Q(categories__slug__in=["luo-connecting", "confluent"]),
            9,
        ),
        ("symptom=leg-qi", Q(indications__slug="leg-qi"), None),
        (
            "symptom=leg-qi&symptom=sciatica",
            Q(indications__slug__in=["leg-qi", "sciatica"]),
            None,
        ),
        ("region=back&meridian=ki", Q(region="back", meridian__code="KI"), 2),
        ("region=side&meridian=ki&category=he-sea", Q(code="KI 10"), 1),
        ("region=back&meridian=ex", Q(region="back", meridian=None), None),
        ("q=malleolus&meridian=gb", Q(meridian__code="GB", location__icontains="malleolus"), None),
    ],
)
def test_any_of_within_a_parameter_all_of_across(client, query, expected, count):
    response = client.get(f"/points/?{query}")
    assert response.status_code == 200
    truth = Point.objects.filter(expected).distinct().count()
    assert len(codes(response)) == truth == response.context["facets"].total
    assert truth > 0
    assert count is None or truth == count


def test_each_symptom_given_is_any_of(client):
    one = set(codes(client.get("/points/?symptom=headache")))
    other = set(codes(client.get("/points/?symptom=epistaxis")))
    both = set(codes(client.get("/points/?symptom=headache&symptom=epistaxis")))
    assert both == one | other


def test_several_symptoms_rank_points_by_how_many_they_treat(client):
    response = client.get(
        "/points/?symptom=headache&symptom=low-back-pain&symptom=leg-pain&symptom=epilepsy"
    )
    points = list(response.context["page"].object_list)
    matched = [point.matched for point in points]
    assert matched == sorted(matched, reverse=True)
    chosen = ["headache", "low-back-pain", "leg-pain", "epilepsy"]
    truth = {
        p.code: p.n
        for p in Point.objects.annotate(
            n=Count("indications", filter=Q(indications__slug__in=chosen))
        ).filter(n__gt=0)
    }
    assert {p.code: p.matched for p in points} == truth
    assert max(truth.values()) == 4
    # Ties keep the channels' order.
    firsts = [p for p in points if p.matched == 4]
    assert firsts == sorted(firsts, key=lambda p: (p.meridian.order, p.number))
    assert [s.slug for s in points[0].matched_symptoms] == sorted(
        ["epilepsy", "headache", "leg-pain", "low-back-pain"]
    )
    assert "Treats 4 of 4 chosen symptoms" in response.text
    assert "most of your symptoms first" in response.text


def test_facets_count_each_option_under_the_other_filters(client):
    response = client.get("/points/?region=front&symptom=leg-qi")
    leg_qi = Point.objects.filter(indications__slug="leg-qi")
    # Region counts ignore the region filter but keep the symptom: where leg qi points are.
    assert facet(response, "region") == {
        region: leg_qi.filter(region=region).count() for region in Point.Region.values
    }
    front = leg_qi.filter(region="front")
    assert facet(response, "meridian")["st"] == front.filter(meridian__code="ST").count() > 0
    assert facet(response, "meridian")["gb"] == 0
    assert facet(response, "meridian")["ex"] == front.filter(meridian=None).count()
    symptoms = facet(response, "symptom")
    assert symptoms["leg-qi"] == front.count()  # the front points that have it
    assert "epilepsy" not in symptoms and all(n > 0 for n in symptoms.values())
    for slug, count in symptoms.items():
        # The symptom facet counts under the other filters only: front points with it.
        assert count == Point.objects.filter(region="front", indications__slug=slug).count()
    assert facet(response, "category")["he-sea"] == front.filter(categories__slug="he-sea").count()


def test_active_filters_show_as_chips_that_remove_themselves(client):
    response = client.get("/points/?region=back&symptom=headache&symptom=epistaxis")
    chips = response.context["chips"]
    assert [label for _, _, label in chips] == ["Back of the leg", "Epistaxis", "Headache"]
    without_region = 'href="/points/?symptom=headache&amp;symptom=epistaxis"'
    assert f'{without_region} aria-label="Remove filter Back of the leg"' in response.text
    assert (
        'href="/points/?region=back&amp;symptom=epistaxis" aria-label="Remove filter Headache"'
        in response.text
    )
    checked = 'name="symptom" value="headache" checked'
    assert checked in response.text


def test_an_empty_result_explains_itself_and_offers_to_widen(client):
    response = client.get("/points/?region=front&meridian=bl")
    assert codes(response) == []
    assert "No point matches all of these filters" in response.text
    assert 'href="/points/?meridian=bl">Without Front of the leg' in response.text
    assert 'href="/points/?region=front">Without Bladder' in response.text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("region=top", "Select a valid choice. top is not one of the available choices."),
        ("meridian=zz", "Select a valid choice. zz is not one of the available choices."),
        ("symptom=no-such-thing", "no-such-thing is not one of the available choices."),
        ("category=nonsense", "nonsense is not one of the available choices."),
    ],
)
def test_unknown_filter_values_show_a_message_in_the_form(client, query, message):
    response = client.get(f"/points/?{query}")
    assert response.status_code == 200
    assert "Some of the filters could not be used" in response.text
    assert message in response.text


@pytest.mark.parametrize("page", ["999", "0", "-3", "abc", "1e9", ""])
def test_absurd_page_numbers_land_on_a_valid_page(client, page):
    response = client.get(f"/points/?page={page}")
    assert response.status_code == 200
    assert len(codes(response)) == 95


@pytest.fixture
def many_points():
    """Enough extra Bladder points (BL 1 to BL 35, BL 41 to BL 54) and Liver points (LR 13
    and LR 14) to pass 100."""
    bladder = Meridian.objects.get(code="BL")
    liver = Meridian.objects.get(code="LR")
    numbers = [(bladder, n) for n in [*range(1, 36), *range(41, 55)]]
    numbers += [(liver, n) for n in range(13, 15)]
    Point.objects.bulk_create(
        Point(
            meridian=meridian,
            number=n,
            code=f"{meridian.code} {n}",
            slug=f"{meridian.code.lower()}{n}",
            pinyin=f"Test{meridian.code}{n}",
            pinyin_tones="Tēst",
            chinese="测",
            english="Test",
            region="back",
            body_part="foot",
            location="Somewhere.",
        )
        for meridian, n in numbers
    )
    assert Point.objects.count() == 95 + 51


def test_more_than_100_points_are_paginated(client, many_points):
    first = client.get("/points/")
    assert len(codes(first)) == 100
    assert first.context["facets"].total == 146
    assert 'rel="next" href="?page=2"' in first.text
    second = client.get("/points/?page=2")
    assert len(codes(second)) == 46
    assert set(codes(first)).isdisjoint(codes(second))
    last = client.get("/points/?page=99")
    assert codes(last) == codes(second)


FULL = "/points/?region=back&meridian=bl&symptom=headache&symptom=leg-pain&category=xi-cleft&q=foot"


@pytest.mark.parametrize("extra", [False, True], ids=["95 points", "146 points"])
def test_query_count_is_constant_whatever_the_data(
    client, django_assert_num_queries, extra, request
):
    if extra:
        request.getfixturevalue("many_points")
    # The meridians (choices and facet labels); validating symptom and category; region
    # and meridian facets; symptom facet (counts, then the names of those shown); category
    # facet; the page; the chosen symptoms of the points on it.
    with django_assert_num_queries(9):
        client.get(FULL)
    # The meridians; the four facets' counts (region and meridian in one).
    with django_assert_num_queries(5):
        client.get("/points/")


def test_filter_values_are_escaped_where_shown(client):
    response = client.get("/points/?q=<script>alert(1)</script>&symptom=<b>x</b>")
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert "<b>x</b>" not in response.text


def test_the_symptom_facet_offers_the_commonest_and_the_chosen_and_links_to_the_rest(client):
    response = client.get("/points/?symptom=epistaxis")
    options = response.context["facets"].symptom
    assert len(options) == 25 + 1 and options[0].value == "epistaxis" and options[0].selected
    # The other filters select every point, so these are the 25 commonest symptoms of all.
    commonest = Indication.objects.exclude(slug="epistaxis").most_common(25)
    assert {o.value for o in options[1:]} == {i.slug for i in commonest}
    assert 'href="/symptoms/"' in response.text and "every symptom, A to Z" in response.text
    unfiltered = client.get("/points/").context["facets"].symptom
    assert {o.value for o in unfiltered} >= {"leg-pain", "headache"}
