"""make backup / make restore: the whole content round-trips, history included."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from points.models import Indication, IndicationMerge, Meridian, Point

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "points": sorted(Point.objects.values_list("code", "english", "location")),
        "links": sorted(Point.indications.through.objects.values_list("point_id", "indication_id")),
        "indications": sorted(Indication.objects.values_list("slug", "synonyms")),
        "meridians": Meridian.objects.count(),
        "history": sorted(Point.history.values_list("history_id", "code", "english")),
        "indication_history": Indication.history.count(),
        "merges": list(IndicationMerge.objects.values_list("merged_name", flat=True)),
    }


def test_backup_and_restore_round_trip_everything(tmp_path, admin_user):
    point = Point.objects.get(code="ST 36")
    point.english = "Edited before the backup"
    point.save()
    Indication.objects.get(slug="sacral-pain").merge_into(
        Indication.objects.get(slug="low-back-pain"), user=admin_user
    )
    before = snapshot()
    assert before["history"] and before["merges"] == ["Sacral pain"]
    path = tmp_path / "backup.json"
    call_command("backup", str(path))
    assert json.loads(path.read_text())  # readable JSON

    # Damage everything, then restore.
    Point.objects.filter(region="front").delete()
    Indication.objects.filter(slug__startswith="l").delete()
    point.history.all().delete()
    call_command("restore", str(path))
    assert snapshot() == before


def test_a_bad_backup_changes_nothing(tmp_path):
    before = snapshot()
    path = tmp_path / "broken.json"
    path.write_text('[{"model": "points.point", "pk": 1, "fields": {"meridian": 999}}]')
    with pytest.raises(CommandError, match="Nothing was changed"):
        call_command("restore", str(path))
    assert snapshot() == before
