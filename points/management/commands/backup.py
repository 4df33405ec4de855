from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

# The whole content: the reference, its history and merges, and the accounts that made them.
BACKUP_LABELS = ["auth.group", "auth.user", "points"]


class Command(BaseCommand):
    help = "Write the whole content, history included, to a JSON file that `restore` reads back."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", help="Where to write; backups/legpoints-<time>.json by default."
        )

    def handle(self, *args, path=None, **options):
        if path is None:
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            path = settings.BASE_DIR / "backups" / f"legpoints-{stamp}.json"
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        call_command(
            "dumpdata",
            *BACKUP_LABELS,
            natural_foreign=True,
            indent=1,
            output=str(path),
            verbosity=0,
        )
        self.stdout.write(f"Wrote {path}")
