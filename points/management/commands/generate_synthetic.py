"""generate_synthetic: grow the database to N times the real data, for the benchmarks.

``--scale N`` leaves the database with N times the real points, indications and links:
the real rows stay as they are and N - 1 synthetic copies of them are added beside them.
Each run first removes the synthetic rows of the run before, so ``--scale 1`` removes
them all and the scales can be taken in any order.

Copy ``c`` of a real point has the real point's region, body part, location and
functions, its names with ``c`` appended (``Zusanli3``, ``足三里3``), and links to as many
indications as the real one: alternately to the real indication and to copy ``c`` of it
(``Knee pain (synthetic 3)``), so that the common symptoms gain points as the data grows
and new, rarer ones appear. Its categories, cautions, other locations and citations are
copied too (a citation of an indication follows the link to the indication the copy has).

The copies live on synthetic meridians (codes XA, XB, ... with slugs ``synthetic-xa``...;
up to 999 points each, ``XA 1`` to ``XA 999``), so that every code stays unique and no real
channel gets points it does not have. The site's code parser knows only real channels,
so a synthetic point's own page answers 404; the benchmarks measure the real points'.
Synthetic indications have slugs starting ``synthetic-``. The admin's validation, which
accepts only WHO channels and numbers, would refuse to save a synthetic row.

Rows are written and removed in bulk, without signals: no history records, each
indication's point count set once at the end, and the content stamp moved on once, so
cached pages are not served stale.

It writes only to the database, never to the fixture, and only to a throwaway one unless
told otherwise: a test database, or an SQLite file in the temporary directory (as
``make bench`` uses). Anything else, the development ``db.sqlite3`` or a PostgreSQL
database that might be production, it refuses without ``--force``.
"""

import math
import string
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from points.caching import content_changed
from points.codes import Code
from points.models import (
    Caution,
    Citation,
    Indication,
    Meridian,
    OtherLocation,
    Point,
    PointCategory,
)

PREFIX = "synthetic-"
PER_MERIDIAN = 999  # three-digit numbers keep a code within Point.code's six characters
MAX_SCALE = 1000

# Two-letter codes that are neither a WHO channel nor one of the other spellings of one.
MERIDIAN_CODES = [first + second for first in "XYZ" for second in string.ascii_uppercase]


def is_throwaway(settings_dict):
    """Whether a database is one whose loss nobody would notice: a test or temporary one."""
    name = str(settings_dict.get("NAME") or "")
    if "memory" in name:  # ":memory:", or the test runner's "file:memorydb_default?mode=memory"
        return True
    if settings_dict["ENGINE"].endswith("sqlite3"):
        path = Path(name).resolve()
        if path.parent == Path(settings.BASE_DIR).resolve():
            return False  # the project's own database, even in a clone under /tmp
        return Path(tempfile.gettempdir()).resolve() in path.parents
    return name.startswith("test_")  # the test runner's name for a PostgreSQL test database


def copy_name(text, copy, max_length):
    suffix = str(copy)
    return text[: max_length - len(suffix)] + suffix


class Command(BaseCommand):
    help = (
        "Grow the database to N times the real data with synthetic points, indications and "
        "links (--scale 1 removes them). Only on a test or temporary database unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            required=True,
            help="How many times the real data the database should hold; 1 removes the copies.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even on a database that is not a test or temporary one.",
        )

    def handle(self, *args, scale, force, **options):
        if not 1 <= scale <= MAX_SCALE:
            raise CommandError(f"--scale must be between 1 and {MAX_SCALE}.")
        if not force and not is_throwaway(connection.settings_dict):
            raise CommandError(
                f"generate_synthetic adds thousands of made-up rows, and this database "
                f"({connection.settings_dict['NAME']}) is not a test or temporary one. Point "
                "DATABASE_URL at a throwaway database (make bench does), or pass --force."
            )
        with transaction.atomic():
            self.remove_synthetic()
            created = self.create_copies(scale - 1)
            Indication.objects.recount()  # the bulk writes sent no signals to count them
            content_changed()
        points = Point.objects.count()
        self.stdout.write(
            f"Scale {scale}: {points} points ({created} synthetic), "
            f"{Indication.objects.count()} indications, "
            f"{Point.indications.through.objects.count()} links."
        )

    @staticmethod
    def remove_synthetic():
        """Delete every synthetic row, without signals and so without history records."""
        points = Point.objects.filter(meridian__slug__startswith=PREFIX)
        indications = Indication.objects.filter(slug__startswith=PREFIX)
        links = Point.indications.through.objects
        for queryset in [
            links.filter(point__in=points),
            links.filter(indication__in=indications),
            Citation.objects.filter(point__in=points),
            Citation.objects.filter(indication__in=indications),
            PointCategory.objects.filter(point__in=points),
            Caution.objects.filter(point__in=points),
            OtherLocation.objects.filter(point__in=points),
            points,
            indications,
            Meridian.objects.filter(slug__startswith=PREFIX),
        ]:
            # _raw_delete: one DELETE, no collector and no signals. The querysets above
            # cover every row that refers to a synthetic point or indication.
            queryset._raw_delete(queryset.db)

    def create_copies(self, copies):
        """Add ``copies`` copies of the real data; return how many points that made."""
        real_points = list(
            Point.objects.select_related("meridian")
            .prefetch_related(
                "indications", "category_links", "cautions", "other_locations", "citations"
            )
            .order_by("pk")
        )
        real_indications = list(Indication.objects.order_by("pk"))
        total = copies * len(real_points)
        if not total:
            return 0

        indication_copies = Indication.objects.bulk_create(
            Indication(
                name=f"{indication.name} (synthetic {copy})",
                slug=f"{PREFIX}{copy}-{indication.slug}",
                synonyms=indication.synonyms,
                group=indication.group,
            )
            for copy in range(1, copies + 1)
            for indication in real_indications
        )
        copy_of = {
            (copy, indication.pk): indication_copies[(copy - 1) * len(real_indications) + i]
            for copy in range(1, copies + 1)
            for i, indication in enumerate(real_indications)
        }

        meridians = self.create_meridians(math.ceil(total / PER_MERIDIAN))
        copied_fields = [
            field.attname
            for field in Point._meta.concrete_fields
            if not field.primary_key and field.attname not in {"meridian_id", "number"}
        ]
        new_points = []
        for k in range(total):
            copy, template = k // len(real_points) + 1, real_points[k % len(real_points)]
            meridian = meridians[k // PER_MERIDIAN]
            code = Code(meridian.code, k % PER_MERIDIAN + 1)
            point = Point(
                meridian=meridian,
                number=code.number,
                **{name: getattr(template, name) for name in copied_fields},
            )
            point.code, point.slug = str(code), code.slug
            point.pinyin = copy_name(template.pinyin, copy, 40)
            point.pinyin_tones = copy_name(template.pinyin_tones, copy, 40)
            point.chinese = copy_name(template.chinese, copy, 10)
            if template.chinese_traditional:
                point.chinese_traditional = copy_name(template.chinese_traditional, copy, 10)
            point.english = copy_name(f"{template.english} ", copy, 60)
            point.corrections = ""  # corrections are about the seed article; copies have none
            point.seed_order = None
            point.other_codes = point.code_keys = ""  # other sources' codes name the real point
            new_points.append(point)
        Point.objects.bulk_create(new_points, batch_size=500)

        links, categories, cautions, others, targets = [], [], [], [], {}
        for k, point in enumerate(new_points):
            copy, template = k // len(real_points) + 1, real_points[k % len(real_points)]
            for j, indication in enumerate(template.indications.all()):
                target = indication if (k + j) % 2 == 0 else copy_of[copy, indication.pk]
                targets[k, indication.pk] = target
                links.append(Point.indications.through(point=point, indication=target))
            categories += [
                PointCategory(point=point, category_id=link.category_id, detail=link.detail)
                for link in template.category_links.all()
            ]
            cautions += [
                (k, c.pk, Caution(point=point, text=c.text)) for c in template.cautions.all()
            ]
            others += [
                (k, o.pk, OtherLocation(point=point, text=o.text, difference=o.difference))
                for o in template.other_locations.all()
            ]
        Point.indications.through.objects.bulk_create(links, batch_size=1000)
        PointCategory.objects.bulk_create(categories, batch_size=1000)
        Caution.objects.bulk_create([c for _k, _pk, c in cautions], batch_size=1000)
        OtherLocation.objects.bulk_create([o for _k, _pk, o in others], batch_size=1000)
        Citation.objects.bulk_create(
            self.copy_citations(new_points, real_points, targets, cautions, others),
            batch_size=1000,
        )
        return total

    @staticmethod
    def copy_citations(new_points, real_points, targets, cautions, others):
        """The real points' citations for their copies, each tied to the copy's own item."""
        copied = {(k, "caution", pk): c for k, pk, c in cautions}
        copied |= {(k, "other-location", pk): o for k, pk, o in others}
        for k, point in enumerate(new_points):
            template = real_points[k % len(real_points)]
            for citation in template.citations.all():
                item = {
                    "indication": targets.get((k, citation.indication_id)),
                    "caution": copied.get((k, "caution", citation.caution_id)),
                    "other_location": copied.get((k, "other-location", citation.other_location_id)),
                }
                yield Citation(
                    point=point,
                    fact=citation.fact,
                    category_id=citation.category_id,
                    source_id=citation.source_id,
                    locator=citation.locator,
                    **item,
                )

    @staticmethod
    def create_meridians(count):
        if count > len(MERIDIAN_CODES):
            raise CommandError("That many synthetic points would need more meridian codes.")
        first_order = max(Meridian.objects.values_list("order", flat=True), default=0) + 1
        aspects = Meridian.Aspect.values
        return Meridian.objects.bulk_create(
            Meridian(
                code=code,
                name=f"Synthetic {code}",
                slug=f"{PREFIX}{code.lower()}",
                chinese="合成",
                pinyin="Héchéng",
                aspect=aspects[i % len(aspects)],
                description="A made-up channel holding synthetic points, for the benchmarks.",
                order=first_order + i,
            )
            for i, code in enumerate(MERIDIAN_CODES[:count])
        )
