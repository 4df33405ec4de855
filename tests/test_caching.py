"""The page cache: public pages come from the cache until an edit changes the content."""

import pytest
from django.core.cache import cache

from points.models import Point

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def test_a_public_page_is_served_from_the_cache_the_second_time(
    client, page_cache, django_assert_max_num_queries
):
    first = client.get("/points/st36/")
    with django_assert_max_num_queries(1):  # the content stamp only
        second = client.get("/points/st36/")
    assert second.status_code == 200 and second.content == first.content


def test_cached_pages_carry_validators_and_answer_304(client, page_cache):
    response = client.get("/regions/front/")
    assert response["ETag"] and response["Last-Modified"]
    assert "public" in response["Cache-Control"] and "must-revalidate" in response["Cache-Control"]
    again = client.get("/regions/front/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    since = client.get("/regions/front/", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304


def test_an_edit_shows_at_once(client, page_cache):
    assert "Leg Three Miles" in client.get("/points/st36/").text
    point = Point.objects.get(code="ST 36")
    point.english = "Three Li of the Leg"
    point.save()
    text = client.get("/points/st36/").text
    assert "Three Li of the Leg" in text and "Leg Three Miles" not in text


def test_linking_an_indication_shows_at_once_on_the_symptom_page(client, page_cache):
    assert "ST 32" not in client.get("/symptoms/sciatica/").text
    Point.objects.get(code="ST 32").indications.add(
        Point.objects.get(code="ST 40").indications.get(slug="sciatica")
    )
    assert "ST 32" in client.get("/symptoms/sciatica/").text


def test_the_admin_and_sessions_are_never_cached_publicly(admin_client, client, page_cache):
    admin_page = admin_client.get("/admin/points/point/")
    assert "private" in admin_page["Cache-Control"] or "no-cache" in admin_page["Cache-Control"]
    assert "public" not in admin_page["Cache-Control"]
    # A signed-in visitor's public page is neither served from nor put into the cache.
    signed_in = admin_client.get("/about/")
    assert "public" not in signed_in.get("Cache-Control", "")
    assert "public" in client.get("/about/")["Cache-Control"]
