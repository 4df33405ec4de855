"""Corrections from readers, as a reader meets them: the form, its refusals, and a site that
shows nothing of what was sent."""

import re
from datetime import UTC, datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from legpoints.settings import client_address_settings
from points.caching.keys import page_key
from points.caching.stamp import content_stamp, forget_stamp
from points.models import Point, Suggestion
from points.views.suggest import MAX_BODY
from tests.test_pages import MAX_QUERIES, outline

pytestmark = pytest.mark.django_db

FORM = reverse("points:suggest", args=["st36"])
THANKS = reverse("points:suggest-thanks", args=["st36"])
GOOD = {
    "field": "location",
    "proposed": "It is four finger widths below the knee: zyxwvutsrq",
    "source": "Deadman, p. 158",
    "email": "reader@example.com",
}


@pytest.fixture(autouse=True)
def _fresh_counts():
    """Each test starts with no submissions counted (they live in the cache)."""
    cache.clear()
    yield
    cache.clear()


def post(client, data=None, **extra):
    return client.post(FORM, GOOD if data is None else data, **extra)


def test_every_point_page_links_to_its_correction_form(client):
    for point in Point.objects.all():
        response = client.get(point.get_absolute_url())
        assert f'href="{reverse("points:suggest", args=[point.slug])}"' in response.text, point


def test_the_form_labels_every_control_and_costs_one_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(FORM)
    assert response.status_code == 200
    page = outline(response)
    assert [tag for tag, _ in page.headings].count("h1") == 1
    assert page.headings[0][1] == "Suggest a correction to ST 36 Zusanli"
    ids = re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', response.text)
    labelled = set(re.findall(r'<label for="([^"]+)"', response.text))
    assert set(ids) == {"id_field", "id_proposed", "id_source", "id_email", "id_homepage"} | {
        "site-search-q"
    }
    assert set(ids) <= labelled
    for choice in ["Names", "Location", "Indications", "Functions", "Categories", "Cautions"]:
        assert f">{choice}</option>" in response.text
    assert 'name="csrfmiddlewaretoken"' in response.text
    assert '<meta name="robots" content="noindex">' in response.text


def test_an_unknown_point_has_no_form(client):
    assert client.get(reverse("points:suggest", args=["st99"])).status_code == 404
    assert client.post(reverse("points:suggest", args=["st99"]), GOOD).status_code == 404
    assert not Suggestion.objects.exists()


def test_a_suggestion_is_stored_with_the_value_it_corrects(client):
    response = post(client)
    assert response.status_code == 302 and response["Location"] == THANKS
    suggestion = Suggestion.objects.get()
    point = Point.objects.get(code="ST 36")
    assert suggestion.point == point and suggestion.status == "open"
    assert suggestion.current_value.startswith(point.location)
    assert suggestion.proposed == GOOD["proposed"] and suggestion.source == GOOD["source"]
    assert suggestion.email == "reader@example.com"
    thanks = client.get(THANKS)
    assert thanks.status_code == 200 and "has reached the editors" in thanks.text
    assert GOOD["proposed"] not in thanks.text  # not even shown back


def test_the_value_kept_is_the_field_the_reader_chose(client):
    post(client, GOOD | {"field": "names"})
    post(client, GOOD | {"field": "indications"})
    post(client, GOOD | {"field": "other"})
    point = Point.objects.get(code="ST 36")
    kept = dict(Suggestion.objects.values_list("field", "current_value"))
    assert kept["names"].split("\n")[:3] == ["ST 36", point.pinyin_tones, point.chinese]
    assert kept["indications"].split("\n") == [i.name for i in point.indications.all()]
    assert kept["other"] == ""


def test_nothing_submitted_is_shown_publicly(client):
    pages = [
        reverse("points:point", args=["st36"]),
        reverse("points:json"),
        reverse("points:csv"),
        reverse("points:search") + "?q=zyxwvutsrq",
        reverse("points:search") + "?q=four+finger+widths",
        reverse("points:list") + "?q=zyxwvutsrq",
    ]
    before = [client.get(url).content for url in pages]
    assert post(client).status_code == 302
    after = [client.get(url).content for url in pages]
    assert before == after
    assert all(b"zyxwvutsrq" not in page for page in after[:3])


def test_the_honeypot_is_refused_with_a_message(client):
    response = post(client, GOOD | {"homepage": "http://spam.example"})
    assert response.status_code == 400
    assert "Your suggestion was not sent" in response.text
    assert "nothing was kept" in response.text
    assert not Suggestion.objects.exists()


@pytest.mark.parametrize(("field", "limit"), [("proposed", 2000), ("source", 500), ("email", 254)])
def test_each_field_over_its_limit_is_refused_with_a_message(client, field, limit):
    value = "x" * (limit + 1) if field != "email" else "a" * (limit - 11) + "@example.com"
    response = post(client, GOOD | {field: value})
    assert response.status_code == 400
    assert f"Keep this to {limit:,} characters or fewer (it has {limit + 1})" in response.text
    assert "has not been sent yet" in response.text
    assert not Suggestion.objects.exists()


def test_a_missing_choice_or_text_is_refused_with_a_message(client):
    response = post(client, GOOD | {"field": "", "proposed": ""})
    assert response.status_code == 400
    assert "Choose the part of the entry" in response.text
    assert "Write what the entry should say" in response.text
    response = post(client, GOOD | {"field": "map_positions"})
    assert response.status_code == 400 and not Suggestion.objects.exists()


def test_a_body_too_large_is_refused_before_it_is_read(client):
    response = post(client, GOOD | {"proposed": "x" * (MAX_BODY + 1)})
    assert response.status_code == 400
    assert "Your suggestion is too long" in response.text
    assert not Suggestion.objects.exists()


def test_more_than_the_rate_from_one_address_is_refused(client, settings):
    settings.SUGGESTION_RATE = "3/h"
    for _ in range(3):
        assert post(client, REMOTE_ADDR="203.0.113.9").status_code == 302
    refused = post(client, REMOTE_ADDR="203.0.113.9")
    assert refused.status_code == 429
    assert "Too many suggestions from your address" in refused.text
    wait = int(refused["Retry-After"])
    assert 0 < wait <= 3600
    assert f"You can send another in about {-(-wait // 60)} minute" in refused.text
    assert Suggestion.objects.count() == 3
    # The honeypot and oversized posts from that address count too, and are still refused.
    assert post(client, GOOD | {"homepage": "x"}, REMOTE_ADDR="203.0.113.9").status_code == 429
    # Another address is not held back.
    assert post(client, REMOTE_ADDR="198.51.100.4").status_code == 302


def test_one_ipv6_host_cannot_dodge_the_limit_by_changing_address(client, settings):
    settings.SUGGESTION_RATE = "2/h"
    assert post(client, REMOTE_ADDR="2001:db8::1").status_code == 302
    assert post(client, REMOTE_ADDR="2001:db8::2").status_code == 302
    assert post(client, REMOTE_ADDR="2001:db8::3").status_code == 429


def test_behind_a_proxy_the_limit_is_per_client_not_per_proxy(client, settings):
    for name, value in client_address_settings(1).items():
        setattr(settings, name, value)
    settings.SUGGESTION_RATE = "2/h"

    def from_(address):
        return post(client, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=address).status_code

    assert [from_("203.0.113.5") for _ in range(3)] == [302, 302, 429]
    # A client that writes other addresses before its own is still counted as itself.
    assert from_("198.51.100.1, 203.0.113.5") == 429
    assert from_("198.51.100.7") == 302  # another client behind the same proxy


def test_without_a_proxy_a_forwarded_header_does_not_reset_the_count(client, settings):
    settings.SUGGESTION_RATE = "1/h"
    assert post(client, HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 302
    assert post(client, HTTP_X_FORWARDED_FOR="203.0.113.2").status_code == 429


def test_when_the_cache_cannot_count_suggestions_are_refused_with_a_message(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "points.cache.ForgivingRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.1, "socket_timeout": 0.1},
        }
    }
    response = post(client)
    assert response.status_code == 503
    assert "Suggestions cannot be taken just now" in response.text
    assert not Suggestion.objects.exists()


def test_a_post_without_the_csrf_token_is_refused_with_a_message():
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(FORM, GOOD)
    assert response.status_code == 403
    assert "The form could not be accepted" in response.text
    assert not Suggestion.objects.exists()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', strict.get(FORM).text)[1]
    assert strict.post(FORM, GOOD | {"csrfmiddlewaretoken": token}).status_code == 302


def test_the_form_and_the_thanks_are_never_cached_nor_compressed(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    forget_stamp()
    for url in [FORM, THANKS, FORM]:
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert "Content-Encoding" not in response, url
    assert not stored(FORM) and not stored(THANKS)
    # The point page itself is cached as before.
    client.get(reverse("points:point", args=["st36"]))
    assert stored(reverse("points:point", args=["st36"]))


def stored(path):
    """Whether the page cache holds the page at ``path`` (the key its middleware uses)."""
    return cache.get(page_key(content_stamp(), "testserver", path, "")) is not None


# When the entry last changed


def last_changed(client, code="st36"):
    text = client.get(reverse("points:point", args=[code])).text
    found = re.search(r'Last changed <time datetime="([0-9-]+)">([^<]+)</time>', text)
    return found and found.groups()


@pytest.fixture
def curator(django_user_model):
    return django_user_model.objects.create_user("curator", is_staff=True)


def edit(point, when, user):
    point._history_date, point._history_user = when, user
    point.save()


def accepted(point, when, field="location"):
    return Suggestion.objects.create(
        point=point,
        field=field,
        proposed="x",
        status="accepted",
        decided_at=when,
        created=when,
    )


def test_a_point_shows_when_it_was_last_edited_or_a_correction_accepted(client, curator):
    point = Point.objects.get(code="ST 36")
    # Loading the fixture left a history record by nobody: no date to show yet.
    assert point.history.filter(history_user=None).exists()
    assert last_changed(client) is None
    edit(point, datetime(2026, 12, 3, 10, tzinfo=UTC), curator)
    assert last_changed(client) == ("2026-12-03", "3 December 2026")
    accepted(point, datetime(2027, 1, 9, tzinfo=UTC))
    assert last_changed(client) == ("2027-01-09", "9 January 2027")
    edit(point, datetime(2027, 2, 1, tzinfo=UTC), curator)
    assert last_changed(client) == ("2027-02-01", "1 February 2027")
    # Open and declined suggestions, and other points' changes, do not count.
    Suggestion.objects.create(point=point, field="names", proposed="y")
    other = Point.objects.get(code="ST 37")
    edit(other, datetime(2028, 1, 1, tzinfo=UTC), curator)
    accepted(other, datetime(2028, 1, 2, tzinfo=UTC))
    assert last_changed(client) == ("2027-02-01", "1 February 2027")


def test_a_point_with_only_an_accepted_correction_shows_its_date(client):
    accepted(Point.objects.get(code="SP 6"), datetime(2026, 5, 4, tzinfo=UTC))
    assert last_changed(client, "sp6") == ("2026-05-04", "4 May 2026")


def test_the_last_changed_date_costs_no_query_however_long_the_history(
    client, curator, django_assert_max_num_queries
):
    url = reverse("points:point", args=["st36"])
    with django_assert_max_num_queries(MAX_QUERIES) as before:
        client.get(url)
    point = Point.objects.get(code="ST 36")
    for day in range(1, 21):
        edit(point, datetime(2026, 3, day, tzinfo=UTC), curator)
        accepted(point, datetime(2026, 4, day, tzinfo=UTC))
        Suggestion.objects.create(point=point, field="names", proposed="open one")
    with django_assert_max_num_queries(MAX_QUERIES) as after:
        response = client.get(url)
    assert len(after.captured_queries) == len(before.captured_queries)
    assert "20 April 2026" in response.text
