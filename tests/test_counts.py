"""Indication.point_count: how many points list each symptom, kept right by the model layer
whatever changes the links, so that the commonest symptoms are read off an index."""

import pytest
from django.core.management import call_command
from django.db.models import Count

from points.models import Indication, Point

pytestmark = pytest.mark.django_db


def wrong_counts():
    """The indications whose stored count differs from their points counted now."""
    counted = Indication.objects.annotate(n=Count("points")).values_list("slug", "n", "point_count")
    return [(slug, n, stored) for slug, n, stored in counted if n != stored]


def stored(slug):
    return Indication.objects.get(slug=slug).point_count


def test_the_fixture_loads_with_every_count_right():
    assert wrong_counts() == []
    assert stored("low-back-pain") == 36


def test_links_added_removed_and_cleared_from_either_side_are_counted():
    st36 = Point.objects.get(code="ST 36")
    bl40 = Point.objects.get(code="BL 40")
    sciatica = Indication.objects.get(slug="sciatica")
    before = stored("sciatica")
    st36.indications.add(sciatica)  # st36 does not list it in the fixture
    assert stored("sciatica") == before + 1
    st36.indications.remove(sciatica)
    assert stored("sciatica") == before
    sciatica.points.add(st36)
    assert stored("sciatica") == before + 1
    sciatica.points.remove(bl40)
    held = list(st36.indications.all())
    st36.indications.clear()
    assert all(stored(i.slug) == i.point_count - 1 for i in held)
    st36.indications.set(held)
    sciatica.points.clear()
    assert stored("sciatica") == 0
    assert wrong_counts() == []


def test_a_deleted_point_no_longer_counts():
    st36 = Point.objects.get(code="ST 36")
    held = {i.slug: i.point_count for i in st36.indications.all()}
    st36.delete()
    assert {slug: stored(slug) for slug in held} == {slug: n - 1 for slug, n in held.items()}
    Point.objects.filter(code__in=["BL 40", "SP 6"]).delete()
    assert wrong_counts() == []


def test_a_merge_and_its_undo_are_counted():
    record = Indication.objects.get(slug="sacral-pain").merge_into(
        Indication.objects.get(slug="low-back-pain")
    )
    assert wrong_counts() == []
    record.undo()
    assert wrong_counts() == []


def test_loaddata_and_generate_synthetic_leave_the_counts_right():
    Indication.objects.update(point_count=0)
    call_command("loaddata", "legpoints", verbosity=0)
    assert wrong_counts() == []
    call_command("generate_synthetic", scale=3, verbosity=0)
    assert wrong_counts() == []
    assert stored("low-back-pain") > 36
    call_command("generate_synthetic", scale=1, verbosity=0)
    assert wrong_counts() == []


def test_the_commonest_are_read_off_the_index():
    assert list(Indication.objects.most_common(3).values_list("slug", flat=True)) == [
        "low-back-pain",
        "leg-pain",
        "knee-pain",
    ]
    plan = str(Indication.objects.most_common(12).explain())
    assert "indication_commonest" in plan
