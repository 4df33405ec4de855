"""make backup / make restore: the whole content round-trips, history included."""

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

from points.models import Indication, IndicationMerge, Meridian, Point
from tests.test_admin import change_url, form_data

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


# Refusing what would leave the site empty or locked, before anything is touched


def restore_refused(tmp_path, records, reason):
    before = snapshot()
    users = sorted(User.objects.values_list("username", flat=True))
    path = tmp_path / "candidate.json"
    path.write_text(records if isinstance(records, str) else json.dumps(records))
    with pytest.raises(CommandError, match="Nothing was changed") as refused:
        call_command("restore", str(path))
    assert reason in str(refused.value)
    assert snapshot() == before
    assert sorted(User.objects.values_list("username", flat=True)) == users


def backup_records(tmp_path):
    path = tmp_path / "full.json"
    call_command("backup", str(path))
    return json.loads(path.read_text())


def test_an_empty_backup_is_refused(tmp_path, admin_user):
    restore_refused(tmp_path, [], "no meridians")


def test_text_that_is_not_a_backup_is_refused(tmp_path, admin_user):
    restore_refused(tmp_path, "not json at all", "not JSON")
    restore_refused(tmp_path, {"model": "points.point"}, "not a backup")
    restore_refused(tmp_path, [1, 2, 3], "not a backup")


def test_a_backup_with_only_meridians_is_refused(tmp_path, admin_user):
    records = [r for r in backup_records(tmp_path) if r["model"] == "points.meridian"]
    restore_refused(tmp_path, records, "no points")


def test_a_backup_with_records_a_backup_never_holds_is_refused(tmp_path, admin_user):
    records = backup_records(tmp_path)
    records.append({"model": "sessions.session", "pk": "x", "fields": {}})
    restore_refused(tmp_path, records, "sessions.session")


@pytest.mark.parametrize(
    "change",
    [
        {"is_superuser": False},
        {"is_active": False},
        {"is_staff": False},
        {"password": "!unusable"},
    ],
)
def test_a_backup_without_a_superuser_who_can_sign_in_is_refused(tmp_path, admin_user, change):
    records = backup_records(tmp_path)
    for record in records:
        if record["model"] == "auth.user":
            record["fields"] |= change
    restore_refused(tmp_path, records, "no active superuser")


def test_restore_works_after_an_account_made_since_the_backup_edited_in_the_admin(
    tmp_path, admin_user, client
):
    path = tmp_path / "backup.json"
    call_command("backup", str(path))
    newcomer = User.objects.create_superuser("newcomer", "n@example.com", "a-long-passphrase")
    client.force_login(newcomer)
    st36 = Point.objects.get(code="ST 36")
    data = form_data(client.get(change_url(st36))) | {"english": "Edited by the newcomer"}
    assert client.post(change_url(st36), data).status_code == 302
    assert LogEntry.objects.filter(user=newcomer).exists()  # the admin's log of that edit

    call_command("restore", str(path))

    assert not User.objects.filter(username="newcomer").exists()
    assert not LogEntry.objects.filter(user__username="newcomer").exists()
    assert User.objects.filter(username=admin_user.username).exists()


def test_the_admin_log_round_trips(tmp_path, admin_user):
    point = Point.objects.get(code="ST 36")
    LogEntry.objects.log_actions(admin_user.pk, [point], CHANGE, change_message="before")
    path = tmp_path / "backup.json"
    call_command("backup", str(path))
    LogEntry.objects.all().delete()
    call_command("restore", str(path))
    assert list(LogEntry.objects.values_list("user__username", "change_message")) == [
        (admin_user.username, "before")
    ]


def test_backups_are_readable_by_their_owner_only(tmp_path, settings, admin_user):
    settings.BASE_DIR = tmp_path
    call_command("backup")
    (folder,) = tmp_path.iterdir()
    (written,) = folder.iterdir()
    assert folder.name == "backups" and stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text("old")
    elsewhere.chmod(0o644)
    call_command("backup", str(elsewhere))
    assert stat.S_IMODE(elsewhere.stat().st_mode) == 0o600
    assert json.loads(elsewhere.read_text())


def test_make_restore_of_an_empty_file_fails_with_a_message(tmp_path):
    empty = tmp_path / "e.json"
    empty.write_text("[]\n")
    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": "test-only-secret-key",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'untouched.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(empty)],
        cwd=Path(__file__).resolve().parents[1],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "Nothing was changed" in result.stderr and "no meridians" in result.stderr
    assert "Restored" not in result.stdout
