from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from .backup import BACKUP_LABELS


class Command(BaseCommand):
    help = "Replace the whole content with a backup written by `backup`, in one transaction."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        models = []
        for label in BACKUP_LABELS:
            if "." in label:
                models.append(apps.get_model(label))
            else:
                models.extend(apps.get_app_config(label).get_models())
        models += [
            field.remote_field.through for m in models for field in m._meta.local_many_to_many
        ]
        try:
            # The backup holds the history as it was: loading it must not add to it.
            with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
                for model in models:
                    # Deleted through the base manager, without signals; loaddata
                    # then writes back every row with its own primary key.
                    model._base_manager.all()._raw_delete(model._base_manager.db)
                call_command("loaddata", path, verbosity=0)
        except Exception as error:
            raise CommandError(
                f"Nothing was changed: the backup could not be restored ({error})."
            ) from error
        self.stdout.write(f"Restored {path}")
