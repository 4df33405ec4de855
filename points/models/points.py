import difflib

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Abs, Coalesce
from django.urls import reverse
from simple_history.models import HistoricalRecords

from ..codes import CHANNEL_SIZES, EXTRA, Code, code_key
from ..search import SearchQuery
from ..text import squash_spaces
from ..validators import validate_map_positions
from .categories import PointCategory
from .indications import Indication
from .sources import Citation

CANDIDATES = 500  # names a 404 compares with difflib at most


def channel_order(*then):
    """The order of the site's lists: by channel (the extra points, which have none, last),
    then by ``then``, then by number."""
    return [F("meridian__order").asc(nulls_last=True), *then, "number"]


def count_per_point(queryset, counted):
    """A subquery: how many distinct ``counted`` the rows of ``queryset`` for a point hold."""
    counts = (
        queryset.filter(point=OuterRef("pk"))
        .order_by()
        .values("point")
        .annotate(n=Count(counted, distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


class PointQuerySet(models.QuerySet):
    def for_cards(self):
        """What a point's line in a list shows: code, names, meridian, location."""
        return self.select_related("meridian")

    def for_detail(self):
        """A point's page: its facts, and every citation with its source."""
        return self.select_related("meridian", "pressing").prefetch_related(
            "indications",
            Point.category_prefetch(),
            "cautions",
            "other_locations",
            models.Prefetch(
                "citations",
                queryset=Citation.objects.select_related("source").order_by("source__order", "pk"),
            ),
        )

    def extra_points(self):
        """The extra points of the leg, which belong to no channel. (Not ``extra``: that
        name is Django's own QuerySet.extra(), which this must not hide.)"""
        return self.filter(meridian__isnull=True)

    def by_alias(self, text):
        """The point that another source's code names (M-LE-16, Extra 36), or ``None``."""
        key = code_key(text)
        return self.filter(code_keys__contains=f" {key} ").first() if key else None

    def on_maps(self):
        """Points with a place on at least one view of the leg maps."""
        return self.exclude(map_positions={}).exclude(map_positions__isnull=True)

    def drawn_with(self, points, limit):
        """``points`` and, up to ``limit`` in all, the other points on the maps of their
        channels (or of the extra points), which complete the channels' lines."""
        points = [point for point in points if point.map_positions]
        groups = {point.meridian_id for point in points}
        same_group = Q(meridian__in=groups - {None})
        if None in groups:
            same_group |= Q(meridian__isnull=True)
        others = (
            self.on_maps()
            .filter(same_group)
            .exclude(pk__in=[point.pk for point in points])
            .order_by(*channel_order())
        )
        return points + list(others[: max(0, limit - len(points))])

    def nearest_numbers(self, channel, number):
        """Points of one channel (or of the extra points), the nearest in number first."""
        group = Q(meridian__isnull=True) if channel == EXTRA else Q(meridian__code=channel)
        return (
            self.filter(group)
            .annotate(distance=Abs(F("number") - number))
            .order_by("distance", "number")
        )

    def names_like(self, text, limit=5):
        """Up to ``limit`` points whose slug or pinyin is close to ``text``: candidates
        sharing its first letters are found in SQL, then ranked by difflib."""
        text = text.lower()
        candidates = (
            self.filter(Q(slug__startswith=text[:2]) | Q(pinyin__istartswith=text[:1]))
            .order_by(*channel_order())
            .values_list("pk", "slug", "pinyin")[:CANDIDATES]
        )
        by_key = {}
        for pk, slug, pinyin in candidates:
            by_key.setdefault(slug, pk)
            by_key.setdefault(pinyin.lower(), pk)
        close = difflib.get_close_matches(text, by_key, n=limit, cutoff=0.5)
        wanted = list(dict.fromkeys(by_key[key] for key in close))
        found = self.in_bulk(wanted)
        return [found[pk] for pk in wanted if pk in found]

    def in_region_order(self):
        """Front, side, back, and by meridian within each region."""
        region_order = Case(
            *(When(region=value, then=Value(i)) for i, value in enumerate(Point.Region.values))
        )
        return self.order_by(region_order, *channel_order())

    def in_seed_order(self):
        """By meridian, then in the order the seed article lists them, then the points it
        does not list."""
        return self.order_by(*channel_order("region", F("seed_order").asc(nulls_last=True)))

    def sharing_indications_with(self, point):
        """Other points that share indications with ``point``, most shared first."""
        return (
            self.filter(indications__points=point)
            .exclude(pk=point.pk)
            .annotate(shared=Count("indications", distinct=True))
            .order_by("-shared", *channel_order())
        )

    def listed_for(self, symptoms):
        """Each point with ``matched``, how many of ``symptoms`` it is listed for;
        ``source_count``, how many sources list it for them; and ``matched_symptoms``, those
        of the symptoms it is listed for, by name. The counts are subqueries, so they are
        right whatever joins the queryset already has; the symptoms cost one query."""
        ids = [symptom.pk for symptom in symptoms]
        links = Point.indications.through.objects.filter(indication__in=ids)
        citations = Citation.objects.filter(fact=Citation.Fact.INDICATION, indication__in=ids)
        return self.annotate(
            matched=count_per_point(links, "indication"),
            source_count=count_per_point(citations, "source"),
        ).prefetch_related(
            models.Prefetch(
                "indications",
                queryset=Indication.objects.filter(pk__in=ids).order_by("name"),
                to_attr="matched_symptoms",
            )
        )

    def with_search_rank(self, query):
        """Annotate ``rank``: 0 for an exact code or name, 1 for part of a name, 2 otherwise."""
        return self.annotate(rank=SearchQuery.parse(query).rank())

    def ranked_search(self, query):
        """Points matching ``query``, exact code and name matches first."""
        query = SearchQuery.parse(query)
        return (
            self.filter(pk__in=self.matching(query).values("pk"))
            .with_search_rank(query)
            .order_by("rank", *channel_order())
        )

    def exact_match(self, query):
        """The one point whose code or name is exactly ``query``, or ``None``."""
        query = SearchQuery.parse(query)
        if not query:
            return None
        found = list(self.filter(query.exact())[:2])
        return found[0] if len(found) == 1 else None

    def matching(self, query):
        """Points whose code, names, locations or indications match a free-text query (see
        ``points.search``)."""
        query = SearchQuery.parse(query)
        return self.filter(query.matches()).distinct() if query else self.none()


class Point(models.Model):
    """An acupressure point on the leg: a point of one of the six channels, or an extra point."""

    class Region(models.TextChoices):
        FRONT = "front", "Front of the leg"
        SIDE = "side", "Side of the leg"
        BACK = "back", "Back of the leg"

    class BodyPart(models.TextChoices):
        HIP = "hip", "Hip and buttock"
        THIGH = "thigh", "Thigh"
        KNEE = "knee", "Knee"
        LOWER_LEG = "lower-leg", "Lower leg"
        ANKLE = "ankle", "Ankle"
        FOOT = "foot", "Foot"

    meridian = models.ForeignKey(
        "Meridian",
        on_delete=models.PROTECT,
        related_name="points",
        null=True,
        blank=True,
        help_text="Leave empty for an extra point (EX-LE), which belongs to no channel.",
    )
    number = models.PositiveSmallIntegerField(
        help_text="The point's number on its channel, or among the extra points of the leg."
    )
    code = models.CharField(
        max_length=10,
        unique=True,
        blank=True,
        help_text="The WHO code, e.g. ST 36 or EX-LE 7; filled in from the meridian and number "
        "if left blank.",
    )
    slug = models.SlugField(max_length=10, unique=True, editable=False)
    other_codes = models.TextField(
        blank=True,
        help_text="Codes other sources use for this point, one a line: M-LE-16, Extra 36. "
        "(LV 3, UB 40 and the like are understood without being listed.) They lead to the "
        "point in addresses and in the search.",
    )
    code_keys = models.CharField(max_length=300, blank=True, editable=False)
    pinyin = models.CharField(
        max_length=40, help_text="Pinyin without tone marks, written as one word: Zusanli."
    )
    pinyin_tones = models.CharField(
        "pinyin with tones", max_length=40, help_text="Pinyin with tone marks: Zúsānlǐ."
    )
    chinese = models.CharField("Chinese name", max_length=10, help_text="Simplified characters.")
    chinese_traditional = models.CharField(
        "Chinese name (traditional)",
        max_length=10,
        blank=True,
        help_text="WHO's traditional form, only where it differs from the simplified form.",
    )
    english = models.CharField(
        "English name",
        max_length=60,
        blank=True,
        help_text="The standard translation of the name; empty where no source gives one.",
    )
    english_variants = models.TextField(
        "other English names",
        blank=True,
        help_text="Other translations of the name that sources use, one a line.",
    )
    region = models.CharField(
        max_length=5,
        choices=Region,
        help_text="Front, side or back of the leg, by the rule on the about page.",
    )
    body_part = models.CharField(max_length=9, choices=BodyPart)
    location = models.TextField(
        help_text="The WHO standard location, in our own words; other sources' locations "
        "are listed below it."
    )
    functions = models.TextField(blank=True, help_text="One function a line.")
    indications = models.ManyToManyField("Indication", related_name="points", blank=True)
    categories = models.ManyToManyField(
        "Category", through="PointCategory", related_name="points", blank=True
    )
    corrections = models.TextField(
        blank=True, help_text="What was corrected from the source article, and why."
    )
    seed_order = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Position in its region's list in the source article (1 is first); "
        "empty for points the article does not list.",
    )
    map_positions = models.JSONField(
        "places on the leg maps",
        default=dict,
        blank=True,
        help_text="Where the point is drawn on each view of the leg maps, in drawing units: "
        '{"front": [x, y], "lateral": [x, y], "medial": [x, y], "back": [x, y]}. '
        "Worked out from the location by “manage.py place_points”, which overwrites "
        "edits made here; see points/maps.py.",
    )

    objects = PointQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[indications])

    class Meta:
        ordering = channel_order()
        constraints = [
            models.UniqueConstraint(
                fields=["meridian", "number"], name="point_unique_per_meridian"
            ),
            models.UniqueConstraint(
                fields=["region", "seed_order"], name="point_unique_seed_order"
            ),
        ]
        indexes = [
            models.Index(fields=["region", "seed_order"]),
            models.Index(fields=["body_part"]),
        ]

    def __str__(self):
        return f"{self.code} {self.pinyin}"

    def save(self, *args, **kwargs):
        code = self.who_code
        self.code = str(code)
        self.slug = code.slug
        self.code_keys = codes_as_keys(self.other_codes)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("points:point", args=[self.slug])

    @property
    def who_code(self):
        return Code(self.meridian.code if self.meridian_id else EXTRA, self.number)

    @property
    def is_extra(self):
        return self.meridian_id is None

    @property
    def function_list(self):
        return [line for line in map(squash_spaces, self.functions.splitlines()) if line]

    @property
    def other_code_list(self):
        return [line for line in map(squash_spaces, self.other_codes.splitlines()) if line]

    @property
    def english_variant_list(self):
        return [line for line in map(squash_spaces, self.english_variants.splitlines()) if line]

    @staticmethod
    def category_prefetch():
        """A point's categories with their details, in one query."""
        return models.Prefetch(
            "category_links", queryset=PointCategory.objects.select_related("category")
        )

    def clean(self):
        validate_map_positions(self.map_positions)
        if self.number is None:
            return
        expected = self.who_code
        if not expected.exists:
            group = self.meridian.name + " channel" if self.meridian_id else "extra points group"
            raise ValidationError(
                {
                    "number": f"The {group} has points 1 to "
                    f"{CHANNEL_SIZES[expected.channel]}; there is no {expected}."
                }
            )
        if self.code and squash_spaces(self.code).upper() != str(expected):
            raise ValidationError(
                {
                    "code": f"The code “{self.code}” does not agree with the meridian and number, "
                    f"which give {expected}. Correct one of them, or leave the code blank."
                }
            )


def codes_as_keys(other_codes):
    """The other codes as one string that a query can find a code in: `` mle16 extra36 ``."""
    keys = [code_key(line) for line in other_codes.splitlines()]
    return " " + " ".join(key for key in keys if key) + " " if any(keys) else ""
