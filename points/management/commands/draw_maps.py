"""Write the fixed drawing of each view to its static file (``static/maps/``), shared by
every page's maps; run it after changing a view or the maps' colours in site.css, and
commit the files. ``--check`` changes nothing and fails if any file is out of date.

    python manage.py draw_maps
    python manage.py draw_maps --check
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from points.maps.assets import FOLDER, expected


def stale(root):
    """The files under ``root`` that differ from the drawing, are missing, or are left over."""
    files = expected()
    wrong = [
        name
        for name, text in files.items()
        if not (root / name).is_file() or (root / name).read_text(encoding="utf-8") != text
    ]
    extra = [
        f"{FOLDER}/{path.name}"
        for path in sorted((root / FOLDER).glob("*.svg"))
        if f"{FOLDER}/{path.name}" not in files
    ]
    return wrong, extra


class Command(BaseCommand):
    help = "Write the views' fixed drawings to static/maps/ (--check: only say if they differ)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="change nothing; fail if stale")

    def handle(self, *args, check=False, **options):
        root = Path(settings.BASE_DIR) / "static"
        wrong, extra = stale(root)
        if check:
            if wrong or extra:
                raise CommandError(
                    "Out of date (run manage.py draw_maps): " + ", ".join([*wrong, *extra])
                )
            self.stdout.write("The drawings are up to date.")
            return
        (root / FOLDER).mkdir(exist_ok=True)
        for name in wrong:
            (root / name).write_text(expected()[name], encoding="utf-8")
        for name in extra:
            (root / name).unlink()
        self.stdout.write(f"{len(wrong)} written, {len(extra)} removed, in static/{FOLDER}/.")
