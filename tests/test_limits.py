"""Overlong requests: a search of thousands of words, a filter repeated thousands of times.

The list, its exports and the search share one set of limits (points/params.py): the
pages use what fits and say what was left out; the exports refuse with a 400.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from points.caching.stamp import forget_stamp
from points.models import Indication, Point

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=["uncached", "page cache on"])
def page_cache(request, settings):
    """Every limit holds the same with the page cache on as off: the cache's key may not
    cut a request short before the page sees what was cut."""
    settings.PAGE_CACHE_SECONDS = 600 if request.param == "page cache on" else 0
    cache.clear()
    forget_stamp()


LONG_QUERY = " ".join(["knee"] * 1950)


def longest_sql(client, url, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    return response, max((len(q["sql"]) for q in queries.captured_queries), default=0)


@pytest.mark.parametrize("url", ["/points/", "/search/"])
def test_a_search_of_thousands_of_words_is_cut_and_says_so(client, url):
    response, sql = longest_sql(client, url, {"q": LONG_QUERY})
    assert response.status_code == 200
    assert "Only the first 20 words of the search were used." in response.text
    # Before the limit each word added a condition to every query: 1,950 of them.
    assert sql < 10_000


@pytest.mark.parametrize("url", ["/points/", "/search/"])
def test_a_search_of_one_enormous_word_is_cut_to_200_characters(client, url):
    response = client.get(url, {"q": "x" * 5000})
    assert response.status_code == 200
    assert "Only the first 200 characters of the search were used." in response.text
    assert "x" * 201 not in response.text


def test_a_search_within_the_limits_has_no_notice(client):
    response = client.get("/points/", {"q": "knee"})
    assert response.status_code == 200
    assert "were used" not in response.text


def test_a_filter_repeated_too_often_uses_the_first_values_and_says_so(client):
    slugs = list(Indication.objects.values_list("slug", flat=True)[:25])
    response, sql = longest_sql(client, "/points/", {"symptom": slugs * 30})
    assert response.status_code == 200
    assert "Only the first 20 symptoms chosen were used." in response.text
    assert len(response.context["filter"].selected("symptom")) == 20
    assert sql < 20_000
    # The links on the page carry what was used, not the 750 values asked for.
    assert response.text.count(f"symptom={slugs[24]}") == 0


def test_repeated_identical_values_count_once(client):
    response = client.get("/points/", {"region": ["front"] * 500})
    assert response.status_code == 200
    assert "were used" not in response.text
    assert response.context["facets"].total == Point.objects.filter(region="front").count()


@pytest.mark.parametrize("url", ["/points.json", "/points.csv"])
def test_exports_refuse_more_than_the_limits_with_a_400(client, url):
    response = client.get(url, {"q": LONG_QUERY})
    assert response.status_code == 400
    assert "at most 20 words" in response.text
    every_meridian = ["st", "sp", "gb", "bl", "ki", "lr"] * 10  # duplicates count once
    assert client.get(url, {"meridian": every_meridian}).status_code == 200
    assert client.get(url, {"symptom": [f"s{i}" for i in range(21)]}).status_code == 400
