from django.core.management import call_command
from django.core.management.base import BaseCommand

from points.models import Point


class Command(BaseCommand):
    help = "Load a fixture (legpoints by default) only when the database has no points yet."

    def add_arguments(self, parser):
        parser.add_argument("fixture", nargs="?", default="legpoints")

    def handle(self, *args, fixture, **options):
        if Point.objects.exists():
            self.stdout.write("The database already has points; the fixture was not loaded.")
            return
        call_command("loaddata", fixture, verbosity=options["verbosity"])
