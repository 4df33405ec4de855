"""generate_synthetic: the copies it makes, what it refuses, and pages that stay within budget."""

import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from points.management.commands.generate_synthetic import is_throwaway
from points.models import Caution, ContentStamp, Indication, Meridian, Point, PointCategory

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12  # the budget of tests/test_pages.py
PAGES = [
    "/",
    "/regions/side/",
    "/points/st36/",
    "/points/",
    "/points/?region=back",
    "/points/?symptom=headache&symptom=low-back-pain&symptom=leg-pain",
    "/points/?meridian=st&category=he-sea&q=knee",
    "/search/?q=knee",
    "/meridians/stomach/",
    "/symptoms/",
    "/symptoms/low-back-pain/",
]


def counts():
    return {
        "points": Point.objects.count(),
        "indications": Indication.objects.count(),
        "links": Point.indications.through.objects.count(),
        "categories": PointCategory.objects.count(),
        "cautions": Caution.objects.count(),
    }


def test_scale_n_holds_n_times_the_real_data_and_scale_1_removes_the_copies():
    real = counts()
    st36 = Point.objects.get(code="ST 36")
    real_links = set(st36.indications.values_list("pk", flat=True))

    call_command("generate_synthetic", scale=10, verbosity=0)
    assert counts() == {name: 10 * n for name, n in real.items()}
    synthetic = Point.objects.filter(meridian__slug__startswith="synthetic-")
    assert synthetic.count() == 9 * real["points"]
    assert Meridian.objects.filter(slug__startswith="synthetic-").count() == 1  # 432 fit in one
    for point in synthetic.select_related("meridian")[:200]:
        assert point.code == str(point.who_code) and point.slug == point.who_code.slug
    assert set(st36.indications.values_list("pk", flat=True)) == real_links  # real rows kept

    call_command("generate_synthetic", scale=3, verbosity=0)  # replaces the copies
    assert counts() == {name: 3 * n for name, n in real.items()}

    call_command("generate_synthetic", scale=1, verbosity=0)
    assert counts() == real
    assert not Meridian.objects.filter(slug__startswith="synthetic-").exists()


def test_copies_spread_over_meridians_of_up_to_999_points_with_unique_codes():
    call_command("generate_synthetic", scale=25, verbosity=0)  # 2,280 synthetic points
    channels = Point.objects.tally().channels
    synthetic = Meridian.objects.filter(slug__startswith="synthetic-").counted(channels)
    assert [(m.code, m.point_count) for m in synthetic] == [("XA", 999), ("XB", 999), ("XC", 282)]
    assert Point.objects.values("code").distinct().count() == 25 * 95
    assert Point.objects.get(code="XA 999").slug == "xa999"


def test_copies_share_real_symptoms_and_bring_their_own():
    headache = Indication.objects.get(slug="headache")
    real_points = headache.points.count()
    call_command("generate_synthetic", scale=10, verbosity=0)
    copies = Indication.objects.filter(slug__startswith="synthetic-", slug__endswith="-headache")
    assert sorted(copies.values_list("name", flat=True)) == sorted(
        f"Headache (synthetic {copy})" for copy in range(1, 10)
    )
    # About half of the copied points' links stay on the real symptom, half go to its copies.
    assert 3 * real_points < headache.points.count() < 7 * real_points
    assert all(copy.points.exists() for copy in copies)
    copy = Point.objects.get(pinyin="Zusanli3")
    assert copy.chinese == "足三里3" and copy.corrections == ""


def test_it_moves_the_content_stamp_on_so_that_no_cached_page_is_stale():
    before = ContentStamp.objects.get().changed_at
    call_command("generate_synthetic", scale=2, verbosity=0)
    assert ContentStamp.objects.get().changed_at > before


def test_refuses_the_development_database_without_force(monkeypatch):
    monkeypatch.setitem(connection.settings_dict, "NAME", str(settings.BASE_DIR / "db.sqlite3"))
    with pytest.raises(CommandError, match="not a test or temporary one"):
        call_command("generate_synthetic", scale=2, verbosity=0)
    assert not Point.objects.filter(meridian__slug__startswith="synthetic-").exists()
    call_command("generate_synthetic", scale=2, force=True, verbosity=0)
    assert Point.objects.count() == 2 * 95


@pytest.mark.parametrize(
    ("engine", "name", "throwaway"),
    [
        ("django.db.backends.sqlite3", "file:memorydb_default?mode=memory&cache=shared", True),
        ("django.db.backends.sqlite3", f"{tempfile.gettempdir()}/legpoints-bench/db.sqlite3", True),
        ("django.db.backends.sqlite3", str(Path.home() / "site" / "db.sqlite3"), False),
        ("django.db.backends.postgresql", "test_legpoints", True),
        ("django.db.backends.postgresql", "legpoints", False),
    ],
)
def test_what_counts_as_a_throwaway_database(engine, name, throwaway):
    assert is_throwaway({"ENGINE": engine, "NAME": name}) is throwaway


def test_refuses_a_scale_below_one():
    with pytest.raises(CommandError, match="between 1 and"):
        call_command("generate_synthetic", scale=0, verbosity=0)


def test_pages_keep_their_query_counts_as_the_data_grows(client, django_assert_max_num_queries):
    def queries_per_page():
        found = {}
        for url in PAGES:
            with django_assert_max_num_queries(MAX_QUERIES) as queries:
                response = client.get(url)
            assert response.status_code == 200, url
            found[url] = len(queries)
        return found

    at_1 = queries_per_page()
    call_command("generate_synthetic", scale=10, verbosity=0)
    assert queries_per_page() == at_1


# Not the filtered list (up to 100 points a page, so that every real point fits on one)
# nor search (20 a page; "knee" finds 9 real points): they grow until their page is full.
BOUNDED = [
    "/regions/side/",
    "/points/st36/",
    "/symptoms/",
    "/points/st99/",
]


def test_pages_stay_within_one_and_a_half_times_their_size_as_the_data_grows(
    client, django_assert_max_num_queries
):
    """Region, search and symptom index paginate; the symptom facet shows the commonest;
    a 404's nearest points are found in SQL."""
    at_1 = {url: len(client.get(url).content) for url in BOUNDED}
    call_command("generate_synthetic", scale=10, verbosity=0)
    for url in BOUNDED:
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get(url)
        assert response.status_code in {200, 404}, url
        assert len(response.content) <= 1.5 * at_1[url], url
    assert 'rel="next"' in client.get("/regions/side/").text
    assert 'rel="next"' in client.get("/symptoms/").text
    with django_assert_max_num_queries(3):  # candidates by name in SQL, then the cards
        missing = client.get("/points/zusanly/")
    assert missing.status_code == 404 and len(missing.context["nearest"]) == 5
    search = client.get("/search/?q=knee")
    assert len(search.context["points"]) == 20 and 'href="?q=knee&amp;page=2"' in search.text
    # About 350 points at 10×: the first 200 found are ranked, in ten pages.
    assert "More than 200 points: the first 200 found, ranked" in search.text
    assert "Page 1 of 10" in search.text
