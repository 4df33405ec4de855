"""Search: codes in any spelling, names with or without tones, Chinese, symptoms and synonyms."""

import pytest
from django.db import connection

from points.models import Indication

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "target"),
    [
        ("ST36", "/points/st36/"),
        ("st 36", "/points/st36/"),
        ("St-36", "/points/st36/"),
        ("UB40", "/points/bl40/"),
        ("ub 40", "/points/bl40/"),
        ("zusanli", "/points/st36/"),
        ("Zú sān lǐ", "/points/st36/"),
        ("Zúsānlǐ", "/points/st36/"),
        ("足三里", "/points/st36/"),
        ("崑崙", "/points/bl60/"),
        ("leg three miles", "/points/st36/"),
        ("  Sanyinjiao ", "/points/sp6/"),
        # The whole leg (issue 10): every reader's point, in any spelling or script.
        ("taichong", "/points/lr3/"),
        ("太冲", "/points/lr3/"),
        ("太衝", "/points/lr3/"),
        ("lv3", "/points/lr3/"),
        ("Liv 3", "/points/lr3/"),
        ("yongquan", "/points/ki1/"),
        ("K1", "/points/ki1/"),
        ("dannang", "/points/ex-le6/"),
        ("EX-LE7", "/points/ex-le7/"),
        ("ex le 7", "/points/ex-le7/"),
        ("exle7", "/points/ex-le7/"),
        ("M-LE-23", "/points/ex-le6/"),
        ("Extra 39", "/points/ex-le6/"),
        ("lidui", "/points/st45/"),
        ("zhiyin", "/points/bl67/"),
    ],
)
def test_a_query_that_is_one_points_code_or_name_redirects_to_it(client, query, target):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 302
    assert response["Location"] == target


def result_codes(response):
    return [point.code for point in response.context["points"]]


def test_low_back_pain_also_finds_points_listed_for_lumbar_pain(client):
    low_back = result_codes(client.get("/search/", {"q": "low back pain"}))
    lumbar = result_codes(client.get("/search/", {"q": "lumbar pain"}))
    assert "BL 40" in low_back and "BL 37" in low_back
    assert sorted(low_back) == sorted(lumbar)


def test_symptoms_are_offered_with_the_points(client):
    response = client.get("/search/", {"q": "lumbar"})
    assert [s.slug for s in response.context["symptoms"]][:1] == ["low-back-pain"]
    assert 'href="/symptoms/low-back-pain/"' in response.text


def test_words_of_the_location_match_in_any_order(client):
    codes = result_codes(client.get("/search/", {"q": "malleolus medial"}))
    assert {"SP 6", "SP 7", "KI 3", "KI 6"} <= set(codes)
    assert "BL 60" not in codes


def test_partial_pinyin_and_chinese_match(client):
    assert {"SP 9", "GB 34"} <= set(result_codes(client.get("/search/", {"q": "lingquan"})))
    assert {"SP 9", "GB 34"} <= set(result_codes(client.get("/search/", {"q": "líng quán"})))
    assert set(result_codes(client.get("/search/", {"q": "陵泉"}))) == {"SP 9", "GB 34"}


def test_name_matches_rank_before_symptom_and_location_matches(client):
    codes = result_codes(client.get("/search/", {"q": "sea"}))
    # "Sea of Blood" and "Shining Sea" by name; then "disease" in indications.
    assert codes[:2] == ["SP 10", "KI 6"]
    assert len(codes) > 2


def test_exact_code_ranks_first_when_the_list_filter_is_used(client):
    response = client.get("/points/", {"q": "ST 36"})
    assert [p.code for p in response.context["page"].object_list][0] == "ST 36"


def test_no_match_explains_and_offers_ways_on(client):
    response = client.get("/search/", {"q": "xylophone"})
    assert response.status_code == 200
    assert "No point matches “xylophone”" in response.text
    assert 'href="/symptoms/"' in response.text


def test_an_empty_search_shows_how_to_search(client):
    response = client.get("/search/")
    assert response.status_code == 200 and "Search by code in any spelling" in response.text


def test_search_input_is_escaped(client):
    response = client.get("/search/", {"q": '"><img src=x onerror=alert(1)>'})
    assert response.status_code == 200
    assert "<img src=x" not in response.text
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in response.text


def test_a_very_long_query_is_cut_not_refused(client):
    response = client.get("/search/", {"q": "knee " * 500})
    assert response.status_code == 200


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="typo-forgiving search uses PostgreSQL's pg_trgm"
)
def test_postgresql_forgives_typos_and_stems_words(client):
    assert "ST 36" in result_codes(client.get("/search/", {"q": "zusanly"}))
    assert "ST 33" in result_codes(client.get("/search/", {"q": "knee flexing"}))


def test_a_word_naming_many_symptoms_offers_the_commonest_of_them_a_to_z(client):
    response = client.get("/search/", {"q": "pain"})
    offered = [s.slug for s in response.context["symptoms"]]
    assert len(offered) == 20 < Indication.objects.matching("pain").count()
    # The commonest (36, 20, 14 points), not the first 20 A to Z (abdominal … red-painful-eyes).
    assert {"low-back-pain", "thigh-pain", "rib-side-pain"} <= set(offered)
    assert "popliteal-fossa-pain" not in offered
    names = [s.name for s in response.context["symptoms"]]
    assert names == sorted(names)


def test_a_search_ranks_the_first_points_it_finds_and_says_there_are_more(client, monkeypatch):
    monkeypatch.setattr("points.views.lists.SEARCH_RANKED", 10)
    response = client.get("/search/", {"q": "knee"})  # 35 points
    assert response.context["page"].paginator.count == 10
    assert len(response.context["points"]) == 10 and 'rel="next"' not in response.text
    assert "More than 10 points: the first 10 found, ranked" in response.text
    assert 'href="/points/?q=knee">See them all and filter them</a>' in response.text
    every = client.get("/points/", {"q": "knee"})
    assert every.context["facets"].total == 35


def test_another_sources_code_must_have_a_number_for_the_search_to_find_it():
    from django.core.exceptions import ValidationError

    from points.models import Point

    point = Point.objects.get(code="ST 36")
    point.other_codes = "M-LE-99\nExtra"
    with pytest.raises(ValidationError, match="“Extra” has no number"):
        point.clean()
