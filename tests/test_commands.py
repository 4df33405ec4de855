"""loaddata_if_empty: ``make run`` loads the fixture into a new database, and only then."""

from io import StringIO

import pytest
from django.core.management import call_command

from points.models import Caution, Indication, Point, PointCategory

pytestmark = pytest.mark.django_db


def test_loads_the_fixture_into_a_database_without_points():
    Point.objects.all().delete()  # rolled back after the test, like everything else here
    Indication.objects.all().delete()
    assert not Point.objects.exists()

    call_command("loaddata_if_empty", verbosity=0)

    assert Point.objects.count() == 95
    assert Indication.objects.filter(points=None).count() == 0
    assert PointCategory.objects.count() > 48
    assert Caution.objects.filter(citations=None).count() == 0
    bl40 = Point.objects.get(code="BL 40")
    assert bl40.pinyin == "Weizhong"
    assert bl40.indications.filter(name="Low back pain").exists()


def test_leaves_a_database_with_points_alone():
    st36 = Point.objects.get(code="ST 36")
    st36.english = "Edited by a curator"
    st36.save()
    Point.objects.filter(code="BL 40").delete()
    out = StringIO()

    call_command("loaddata_if_empty", stdout=out)

    assert "already has points; the fixture was not loaded" in out.getvalue()
    assert Point.objects.count() == 94
    assert Point.objects.get(code="ST 36").english == "Edited by a curator"


def test_a_new_site_publishes_version_one_of_the_dataset_once():
    from points.models import DatasetVersion

    Point.objects.all().delete()
    Indication.objects.all().delete()
    call_command("loaddata_if_empty", verbosity=0, stdout=StringIO())
    version = DatasetVersion.objects.get()
    assert version.number == "1.0" and version.changes["points"] == 95
    assert version.files.filter(name="points.csv").exists()
    out = StringIO()
    call_command("loaddata_if_empty", stdout=out)
    assert "published already" in out.getvalue() and DatasetVersion.objects.count() == 1


def test_publish_dataset_publishes_the_next_version_with_its_note():
    from django.core.management.base import CommandError

    from points.models import DatasetVersion

    out = StringIO()
    call_command("publish_dataset", note="First", stdout=out)
    call_command("publish_dataset", note="Second", stdout=out)
    assert "Published version 1.1" in out.getvalue()
    assert DatasetVersion.objects.latest_published().note == "Second"
    with pytest.raises(CommandError, match="--note"):
        call_command("publish_dataset", note="  ")
    with pytest.raises(CommandError, match="No user"):
        call_command("publish_dataset", note="x", user="nobody")


def test_loaddata_moves_the_content_stamp_once_not_once_a_row(settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from points.caching.stamp import content_stamp
    from points.models import ContentStamp

    before = content_stamp()
    table = ContentStamp._meta.db_table
    with CaptureQueriesContext(connection) as queries:
        call_command("loaddata", "legpoints", verbosity=0)
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if table in q["sql"] and q["sql"].lstrip().startswith(("UPDATE", "INSERT"))
    ]
    assert len(writes) == 1  # it was about 2,900, one per row loaded
    assert content_stamp() > before  # and pages cached before it are stale
    assert ContentStamp.objects.get().changed_at == content_stamp()
