import json
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from points.models import Meridian, Point

from .backup import BACKUP_LABELS

NO_SUPERUSER = (
    "it holds no active superuser account that can sign in, so restoring it would lock "
    "everyone out of the admin"
)


def backup_models():
    """The models a backup holds, with the tables of their many-to-many fields."""
    models = []
    for label in BACKUP_LABELS:
        if "." in label:
            models.append(apps.get_model(label))
        else:
            models.extend(apps.get_app_config(label).get_models())
    return models + [
        field.remote_field.through for m in models for field in m._meta.local_many_to_many
    ]


def can_sign_in(fields):
    """Whether an account, as a backup's record holds it, can sign in to the admin."""
    password = fields.get("password") or ""
    return (
        all(fields.get(flag) is True for flag in ("is_active", "is_staff", "is_superuser"))
        and bool(password)
        and not password.startswith(UNUSABLE_PASSWORD_PREFIX)
    )


def read_backup(path):
    """The records of a backup file; CommandError saying why if it is not one."""
    try:
        records = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise refusal(f"it cannot be read ({error.strerror})") from error
    except ValueError as error:
        raise refusal("it is not JSON") from error
    if not isinstance(records, list) or not all(
        isinstance(r, dict)
        and isinstance(r.get("model"), str)
        and isinstance(r.get("fields"), dict)
        for r in records
    ):
        raise refusal("it is not a backup written by `manage.py backup` (a list of records)")
    return records


def check_backup(records, models):
    """Refuse a backup that holds anything else, or would leave the site empty or locked."""
    labels = Counter(record["model"].lower() for record in records)
    unknown = sorted(set(labels) - {model._meta.label_lower for model in models})
    if unknown:
        raise refusal(f"it holds records of {', '.join(unknown)}, which a backup never holds")
    for model in (Meridian, Point):
        if not labels[model._meta.label_lower]:
            raise refusal(f"it holds no {model._meta.verbose_name_plural}")
    user_label = get_user_model()._meta.label_lower
    if not any(can_sign_in(r["fields"]) for r in records if r["model"].lower() == user_label):
        raise refusal(NO_SUPERUSER)


def check_restored():
    """The same, on what loaddata actually wrote (inside the transaction, to roll back)."""
    if not (Meridian.objects.exists() and Point.objects.exists()):
        raise refusal("it left no meridians or no points")
    admins = get_user_model().objects.filter(is_active=True, is_staff=True, is_superuser=True)
    if not admins.exclude(password="").exclude(password__startswith=UNUSABLE_PASSWORD_PREFIX):
        raise refusal(NO_SUPERUSER)


def refusal(reason):
    return CommandError(f"Nothing was changed: the backup was not restored, because {reason}.")


class Command(BaseCommand):
    help = "Replace the whole content with a backup written by `backup`, in one transaction."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        models = backup_models()
        records = read_backup(path)
        check_backup(records, models)
        try:
            # The backup holds the history as it was: loading it must not add to it.
            with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
                for model in models:
                    # Deleted through the base manager, without signals; loaddata
                    # then writes back every row with its own primary key.
                    model._base_manager.all()._raw_delete(model._base_manager.db)
                call_command("loaddata", path, verbosity=0)
                check_restored()
        except CommandError:
            raise
        except Exception as error:
            raise refusal(f"it could not be loaded ({error})") from error
        self.stdout.write(
            f"Restored {path}: {Meridian.objects.count()} meridians, "
            f"{Point.objects.count()} points, {get_user_model().objects.count()} accounts."
        )
