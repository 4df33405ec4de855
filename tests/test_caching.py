"""The page cache: public pages come from the cache until an edit changes the content."""

import gzip

import brotli
import pytest
from django.core.cache import cache

from points.caching.stamp import content_stamp, forget_stamp
from points.models import Point

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    forget_stamp()
    yield
    cache.clear()


def stored_pages():
    """The keys of the pages in the cache, local memory or Redis."""
    if hasattr(cache._cache, "get_client"):  # Redis (CI's PostgreSQL run)
        return list(cache._cache.get_client().scan_iter(match="*:page:*"))
    return [key for key in cache._cache if ":page:" in key]


def test_a_public_page_is_served_from_the_cache_the_second_time(
    client, page_cache, django_assert_max_num_queries
):
    first = client.get("/points/st36/")
    with django_assert_max_num_queries(0):  # the content stamp is held in memory
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


def test_an_edit_moves_the_stamp_again_when_it_commits(
    page_cache, django_capture_on_commit_callbacks
):
    """Until the edit commits, other threads read the data as it was, and a page they build
    then is kept under the stamp the edit gave: the commit must move it once more."""
    point = Point.objects.get(code="ST 36")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        point.english = "Three Li of the Leg"
        point.save()
        point.save()
        before_commit = content_stamp()
    assert len(callbacks) == 1  # once a transaction, however many rows it writes
    assert content_stamp() > before_commit


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


def test_unknown_query_parameters_share_one_cached_page(client, page_cache):
    for n in range(5):
        assert client.get(f"/points.json?x={n}").status_code == 200
        assert client.get(f"/?utm={n}").status_code == 200
    assert len(stored_pages()) == 2


def test_the_parameters_a_page_reads_are_normalised_and_sorted(client, page_cache):
    first = client.get("/points/?symptom=headache&region=back&symptom=leg-pain")
    same = client.get("/points/?region=back&symptom=leg-pain&symptom=headache&symptom=&x=1")
    other = client.get("/points/?region=front")
    assert first.content == same.content and first.content != other.content
    assert len(stored_pages()) == 2


def test_a_query_beyond_the_limits_is_not_cached_nor_cut_by_the_cache(client, page_cache):
    many = [f"s{n}" for n in range(21)]
    response = client.get("/points/", {"symptom": many, "q": "x" * 300})
    assert "Only the first 20 symptoms chosen were used." in response.text
    assert "Only the first 200 characters of the search were used." in response.text
    assert client.get("/points.json", {"symptom": many}).status_code == 400
    assert stored_pages() == []
    assert len(client.get("/points/", {"q": "knee " * 20}).text) > 0  # 20 words: cached
    assert len(stored_pages()) == 1


def test_not_found_pages_and_errors_are_never_cached(client, page_cache):
    for n in range(3):
        assert client.get(f"/points/st{90 + n}/").status_code == 404
        assert client.get(f"/no-such-page-{n}/").status_code == 404
    assert stored_pages() == []


def test_redirects_are_cached(client, page_cache):
    assert client.get("/points/ST-36/").status_code == 301
    assert client.get("/points/ST-36/")["Location"] == "/points/st36/"
    assert len(stored_pages()) == 1


def test_cached_pages_are_served_compressed_to_clients_that_accept_it(client, page_cache):
    raw = client.get("/regions/side/")
    assert "Content-Encoding" not in raw and "Accept-Encoding" in raw["Vary"]
    gzipped = client.get("/regions/side/", HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert gzipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(gzipped.content) == raw.content
    assert int(gzipped["Content-Length"]) == len(gzipped.content) < len(raw.content) / 3
    br = client.get("/regions/side/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert br["Content-Encoding"] == "br" and brotli.decompress(br.content) == raw.content
    refused = client.get("/regions/side/", HTTP_ACCEPT_ENCODING="br;q=0, gzip;q=0")
    assert "Content-Encoding" not in refused
    assert raw["ETag"] == gzipped["ETag"] == br["ETag"]  # one weak ETag for every encoding


def test_a_hit_answers_revalidation_from_the_stored_validators(
    client, page_cache, django_assert_num_queries
):
    etag = client.get("/points/st36/")["ETag"]
    with django_assert_num_queries(0):
        again = client.get("/points/st36/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert client.get("/points/st36/", HTTP_IF_NONE_MATCH='W/"other"').status_code == 200


def test_uncached_anonymous_pages_are_compressed_too(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    response = client.get("/regions/side/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip" and b"<html" in gzip.decompress(response.content)
    missing = client.get("/points/st99/", HTTP_ACCEPT_ENCODING="gzip")
    assert missing.status_code == 404 and missing["Content-Encoding"] == "gzip"


def test_secrets_are_never_compressed(admin_client, client, page_cache):
    """BREACH: the admin, a signed-in visitor's pages and forms with a CSRF token."""
    for url in ["/admin/", "/admin/points/point/", "/about/", "/points/st36/"]:
        response = admin_client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
        assert "Content-Encoding" not in response, url
    sign_in = client.get("/admin/login/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert b"csrfmiddlewaretoken" in sign_in.content and "Content-Encoding" not in sign_in


def test_every_page_that_reads_parameters_is_keyed_by_them(client, page_cache):
    """The finder's and the dataset's pages read their parameters through the cache too."""
    bare = client.get("/finder/").text
    chosen = client.get("/finder/?symptom=knee-pain").text
    assert chosen != bare and 'value="knee-pain" checked' in chosen
    assert client.get("/finder/?symptom=knee-pain&utm=1").text == chosen  # one cached page
    typed = client.get("/finder/?q=knee").text
    assert typed != bare


# The pages held in the process, in front of the cache (points/caching/hot.py)


def test_a_hot_page_is_served_without_asking_the_cache(client, page_cache, monkeypatch):
    client.get("/points/st36/")
    asked = []
    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: asked.append(args))
    assert "Leg Three Miles" in client.get("/points/st36/").text
    assert asked == []


def test_an_edit_in_another_process_shows_once_the_stamp_is_read_again(client, page_cache):
    from django.utils import timezone

    from points.caching.stamp import Memo
    from points.models import ContentStamp

    assert "Leg Three Miles" in client.get("/points/st36/").text
    # Another process saves: the row and the stamp change, and this process's signals
    # never fire.
    Point.objects.filter(code="ST 36").update(english="Three Li of the Leg")
    ContentStamp.objects.update_or_create(pk=1, defaults={"changed_at": timezone.now()})
    if hasattr(cache._cache, "get_client"):  # with Redis the stamp is read from there
        cache.delete("content-stamp")
    Memo.read_at = float("-inf")  # a second later: the stamp is read again
    text = client.get("/points/st36/").text
    assert "Three Li of the Leg" in text and "Leg Three Miles" not in text


def test_the_hot_pages_are_bounded_and_hold_one_stamp():
    from points.caching.hot import HotPages
    from points.caching.pages import Entry

    def entry(size):
        return Entry(200, (), {"": b"x" * size}, 'W/"e"', 0)

    hot = HotPages(max_bytes=1000)
    for n in range(5):
        hot.put("stamp 1", f"page {n}", entry(300), 600)
    assert hot.size <= 1000
    assert hot.get("stamp 1", "page 0") is None and hot.get("stamp 1", "page 4") is not None
    assert hot.get("stamp 2", "page 4") is None  # another stamp: nothing held for it
    hot.put("stamp 2", "page 5", entry(300), 600)
    assert hot.get("stamp 1", "page 4") is None and hot.size == 300
    hot.put("stamp 2", "too big", entry(2000), 600)
    assert hot.get("stamp 2", "too big") is None
    hot.put("stamp 2", "expired", entry(10), 0)  # held no longer than the page cache's time
    assert hot.get("stamp 2", "expired") is None and hot.size == 300


@pytest.mark.parametrize("a_second_later", [False, True])
def test_one_thread_at_a_time_waits_for_a_slow_stamp(page_cache, monkeypatch, a_second_later):
    """With the store silent a read waits seconds (Redis's timeout, then the database's).
    The other threads go on with the stamp in memory meanwhile, and none starts a read of
    its own, even once a second has gone by: else most threads would soon be waiting."""
    import threading

    from points.caching import stamp

    first = stamp.content_stamp()
    stamp.Memo.read_at = float("-inf")  # due to be read again
    reading, release, reads = threading.Event(), threading.Event(), []

    def silent_store():
        reads.append(1)
        reading.set()
        release.wait(5)
        return first

    monkeypatch.setattr(stamp, "read_stamp", silent_store)
    reader = threading.Thread(target=stamp.content_stamp)
    reader.start()
    assert reading.wait(5)
    if a_second_later:
        stamp.Memo.read_at = float("-inf")
    assert stamp.content_stamp() == first  # not waiting: the stamp in memory
    release.set()
    reader.join(5)
    assert reads == [1]
