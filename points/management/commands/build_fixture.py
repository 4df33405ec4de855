"""Build fixtures/legpoints.json from the curated data in data/ (see data/README.md).

    python manage.py build_fixture           # write the fixture
    python manage.py build_fixture --check   # change nothing; fail if the fixture is stale

Every problem in the data (a source that is not in the bibliography, a symptom that is not
in the vocabulary, a fact with no source, a code that does not parse…) is listed, and
nothing is written while there is one.
"""

from django.core.management.base import BaseCommand, CommandError

from points.curation import DATA, FIXTURE, DataError, build, render


class Command(BaseCommand):
    help = "Build the fixture from the curated data in data/."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Change nothing; fail if stale.")

    def handle(self, *args, check=False, **options):
        try:
            objects, unused = build(DATA)
        except DataError as error:
            raise CommandError(f"The data has {len(error.problems)} problem(s):\n{error}") from None
        text = render(objects)
        points = sum(1 for o in objects if o["model"] == "points.point")
        citations = sum(1 for o in objects if o["model"] == "points.citation")
        if unused:
            self.stdout.write(f"Not used by any point, left out: {', '.join(unused)}")
        current = FIXTURE.read_text(encoding="utf-8") if FIXTURE.exists() else ""
        if check:
            if current != text:
                raise CommandError(
                    f"{FIXTURE.name} is not what data/ builds: run manage.py build_fixture."
                )
            self.stdout.write(
                f"{FIXTURE.name} is up to date: {points} points, {citations} citations."
            )
            return
        FIXTURE.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {FIXTURE.name}: {points} points, {citations} citations.")
