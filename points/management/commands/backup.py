import os
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

# The whole content: the reference, its history and merges, the accounts that made them
# and the admin's log of their edits (whose rows point at the accounts).
BACKUP_LABELS = ["auth.group", "auth.user", "admin.logentry", "points"]


def private_folder(folder):
    """Make ``folder`` if need be; the default backups/ folder is its owner's only."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if folder == settings.BASE_DIR / "backups":
        folder.chmod(0o700)


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
        private_folder(path.parent)
        # The file holds password hashes: readable by its owner only, from its first byte.
        # Written beside its place and moved there whole, so a failed dump leaves no half file.
        part = path.with_name(path.name + ".part")
        descriptor = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(descriptor, 0o600)
        try:
            with open(descriptor, "w", encoding="utf-8") as out:
                call_command("dumpdata", *BACKUP_LABELS, natural_foreign=True, indent=1, stdout=out)
            os.replace(part, path)
        finally:
            part.unlink(missing_ok=True)
        self.stdout.write(f"Wrote {path}")
