from django.core.management import call_command
from django.core.management.base import BaseCommand

from points.models import Point

FIRST_NOTE = "The first published version: the points of the leg as curated in data/."


class Command(BaseCommand):
    help = (
        "Load a fixture (legpoints by default) only when the database has no points yet; "
        "then publish version 1.0 of the dataset if no version is published."
    )

    def add_arguments(self, parser):
        parser.add_argument("fixture", nargs="?", default="legpoints")

    def handle(self, *args, fixture, **options):
        if Point.objects.exists():
            self.stdout.write("The database already has points; the fixture was not loaded.")
        else:
            call_command("loaddata", fixture, verbosity=options["verbosity"])
        call_command("publish_dataset", note=FIRST_NOTE, if_none=True, stdout=self.stdout)
