"""Work out where each point is drawn on the leg maps, and store it.

The places come from the derivation in the ``points/maps/`` package: the landmark heights from the
WHO (2008) proportional measurements, and for each point a height rule and, on each view it
is seen on, an across rule, all in cun (``PLACEMENTS``). This command computes them and
writes them to every point's ``map_positions`` in the database, and with ``--fixture`` into
the curated fixture too, leaving everything else in it as it was. ``--check`` changes
nothing and lists the points whose stored places differ from the derivation (an edit made
in the admin, say), failing if there are any.

    python manage.py place_points                         # the database
    python manage.py place_points --fixture fixtures/legpoints.json
    python manage.py place_points --check
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from points.maps import PLACEMENTS, UNSEEN, derive_positions
from points.models import Point


def update_fixture(path, positions):
    """Set each point's map_positions in the fixture at ``path``; report how many changed."""
    text = Path(path).read_text(encoding="utf-8")
    data = json.loads(text)
    meridians = {
        item["pk"]: item["fields"]["code"] for item in data if item["model"] == "points.meridian"
    }
    changed = 0
    for item in data:
        if item["model"] != "points.point":
            continue
        fields = item["fields"]
        code = f"{meridians[fields['meridian']]} {fields['number']}"
        if fields.get("map_positions") != positions.get(code, {}):  # {}: not on any view
            fields["map_positions"] = positions.get(code, {})
            changed += 1
    # The fixture's own format: one-space indent, characters as they are, no final newline.
    Path(path).write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    return changed


class Command(BaseCommand):
    help = "Place every point on the leg maps from its location (see points/maps/)."

    def add_arguments(self, parser):
        parser.add_argument("--fixture", help="Also write the places into this fixture file.")
        parser.add_argument(
            "--check", action="store_true", help="Change nothing; list the points that differ."
        )

    def handle(self, *args, fixture=None, check=False, **options):
        positions = derive_positions()
        points = list(Point.objects.select_related("meridian"))
        differ = [p for p in points if p.map_positions != positions.get(p.code, {})]
        unknown = [p.code for p in points if p.code not in PLACEMENTS and p.code not in UNSEEN]
        if unknown:
            self.stderr.write(f"No placement rule for: {', '.join(unknown)}")
        if check:
            for point in differ:
                derived = positions.get(point.code)
                self.stdout.write(f"{point.code}: stored {point.map_positions}, derived {derived}")
            if differ:
                raise CommandError(f"{len(differ)} point(s) differ from the derivation.")
            self.stdout.write("Every point is where the derivation puts it.")
            return
        with transaction.atomic():
            for point in differ:
                point.map_positions = positions.get(point.code, {})
                point.save(update_fields=["map_positions"])
        self.stdout.write(f"Placed {len(points)} points; {len(differ)} changed in the database.")
        if fixture:
            changed = update_fixture(fixture, positions)
            self.stdout.write(f"{changed} point(s) changed in {fixture}.")
        if options["verbosity"] > 1:
            for code, views in positions.items():
                rules = PLACEMENTS[code]
                self.stdout.write(f"{code}: height {rules[0]}, {rules[1]} -> {views}")
