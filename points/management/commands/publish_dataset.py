from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from points.dataset.publish import publish
from points.models import DatasetVersion, Point


class Command(BaseCommand):
    help = "Publish a new version of the dataset: freeze its files, with a note."

    def add_arguments(self, parser):
        parser.add_argument("--note", required=True, help="What this version is.")
        parser.add_argument("--major", action="store_true", help="2.0 rather than 1.3.")
        parser.add_argument("--user", help="The user name to record as the publisher.")
        parser.add_argument(
            "--if-none",
            action="store_true",
            help="Only when no version has been published yet (a new site's first run).",
        )

    def handle(self, *args, note, major, user, if_none, **options):
        if if_none and DatasetVersion.objects.exists():
            self.stdout.write("A version of the dataset is published already.")
            return
        if not note.strip():
            raise CommandError("Say what this version is with --note.")
        if not Point.objects.exists():
            raise CommandError("There are no points to publish; load the data first.")
        publisher = None
        if user:
            publisher = get_user_model().objects.filter(username=user).first()
            if publisher is None:
                raise CommandError(f"No user is named “{user}”.")
        version = publish(note.strip(), user=publisher, major=major)
        self.stdout.write(f"Published version {version.number} of the dataset.")
