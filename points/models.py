from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.db.models import Case, Count, Q, Value, When
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from .codes import CHANNEL_SIZES, Code, parse_code
from .text import fold, squash_spaces
from .validators import validate_map_positions


class MeridianQuerySet(models.QuerySet):
    def with_point_counts(self):
        return self.annotate(point_count=Count("points"))


class Meridian(models.Model):
    """One of the six channels that run along the leg."""

    class Aspect(models.TextChoices):
        OUTER = "outer", "Outer (lateral) side"
        INNER = "inner", "Inner (medial) side"

    code = models.CharField(
        max_length=2,
        unique=True,
        help_text="The WHO code of the channel: ST, SP, GB, BL, KI or LR.",
    )
    name = models.CharField(max_length=40, unique=True, help_text="English name, e.g. Stomach.")
    slug = models.SlugField(max_length=40, unique=True)
    chinese = models.CharField("Chinese name", max_length=20, help_text="Simplified characters.")
    chinese_traditional = models.CharField(
        "Chinese name (traditional)",
        max_length=20,
        blank=True,
        help_text="Only where it differs from the simplified form.",
    )
    pinyin = models.CharField(
        max_length=60, help_text="The Chinese name in pinyin with tone marks."
    )
    aspect = models.CharField(
        max_length=5, choices=Aspect, help_text="The side of the leg the channel runs along."
    )
    description = models.TextField()
    order = models.PositiveSmallIntegerField(unique=True, help_text="Display order.")

    objects = MeridianQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return reverse("points:meridian", args=[self.slug])

    def clean(self):
        if self.code:
            self.code = self.code.upper()
            if self.code not in CHANNEL_SIZES:
                raise ValidationError({"code": f"“{self.code}” is not a WHO channel code."})


class Category(models.Model):
    """A traditional class of points: He-Sea, Luo-Connecting, Xi-Cleft..."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    description = models.TextField()
    order = models.PositiveSmallIntegerField(unique=True, help_text="Display order.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["order"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name


class IndicationQuerySet(models.QuerySet):
    def with_point_counts(self):
        return self.annotate(point_count=Count("points"))

    def most_common(self, limit):
        return self.with_point_counts().order_by("-point_count", "name")[:limit]

    def matching(self, query):
        """Indications whose name or one of whose synonyms contains the query."""
        query = squash_spaces(query)
        if not query:
            return self.none()
        return self.filter(Q(name__icontains=query) | Q(synonyms__icontains=query))

    def related_to(self, indication):
        """Other indications that share points with this one, most shared first."""
        return (
            self.filter(points__indications=indication)
            .exclude(pk=indication.pk)
            .annotate(shared=Count("points", distinct=True))
            .order_by("-shared", "name")
        )


class Indication(models.Model):
    """A symptom or condition that points are pressed for."""

    name = models.CharField(max_length=100, help_text="The canonical name, e.g. Lumbar pain.")
    slug = models.SlugField(max_length=100, unique=True)
    synonyms = models.TextField(
        blank=True,
        help_text="Other names for the same symptom, one a line; searching any of them finds it.",
    )

    objects = IndicationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="indication_name_unique_ignoring_case",
                violation_error_message="There is already an indication with this name.",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = squash_spaces(self.name)
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("points:symptom", args=[self.slug])

    def clean(self):
        self.name = squash_spaces(self.name)
        self.synonyms = "\n".join(self.synonym_list)
        if not self.slug:
            self.slug = slugify(self.name)

    @property
    def synonym_list(self):
        return [line for line in map(squash_spaces, self.synonyms.splitlines()) if line]

    @transaction.atomic
    def merge_into(self, target, user=None):
        """Fold this indication into ``target``: its points, its name and its synonyms.

        Every point linked to this indication ends up linked to ``target``; this
        indication's name and synonyms become synonyms of ``target``; then this
        indication is deleted. What was done is kept as an IndicationMerge, which
        can undo it.
        """
        if target.pk == self.pk:
            raise ValueError("An indication cannot be merged into itself.")
        points = set(self.points.values_list("pk", flat=True))
        newly_linked = points - set(target.points.values_list("pk", flat=True))
        known = {target.name.casefold(), *(s.casefold() for s in target.synonym_list)}
        extra = [s for s in [self.name, *self.synonym_list] if s.casefold() not in known]
        record = IndicationMerge.objects.create(
            target=target,
            merged_name=self.name,
            merged_slug=self.slug,
            merged_synonyms=self.synonyms,
            point_ids=sorted(points),
            newly_linked_ids=sorted(newly_linked),
            added_synonyms=extra,
            merged_by=user,
        )
        target.points.add(*points)
        target.synonyms = "\n".join([*target.synonym_list, *extra])
        target.save(update_fields=["synonyms"])
        self.delete()
        return record


def exact_name_or_code(query):
    """A condition for points whose code, pinyin, Chinese or English name is exactly ``query``."""
    condition = (
        Q(pinyin__iexact=fold(query))
        | Q(chinese=query)
        | Q(chinese_traditional=query)
        | Q(english__iexact=query)
    )
    if code := parse_code(query):
        condition |= Q(meridian__code=code.channel, number=code.number)
    return condition


class PointQuerySet(models.QuerySet):
    def for_cards(self):
        """What a point's line in a list shows: code, names, meridian, location."""
        return self.select_related("meridian")

    def for_detail(self):
        return self.select_related("meridian").prefetch_related(
            "indications", Point.category_prefetch(), "cautions"
        )

    def in_region_order(self):
        """Front, side, back, and by meridian within each region."""
        region_order = Case(
            *(When(region=value, then=Value(i)) for i, value in enumerate(Point.Region.values))
        )
        return self.order_by(region_order, "meridian__order", "number")

    def in_seed_order(self):
        """By meridian, then in the order the seed article lists them."""
        return self.order_by("meridian__order", "region", "seed_order")

    def sharing_indications_with(self, point):
        """Other points that share indications with ``point``, most shared first."""
        return (
            self.filter(indications__points=point)
            .exclude(pk=point.pk)
            .annotate(shared=Count("indications", distinct=True))
            .order_by("-shared", "meridian__order", "number")
        )

    def ranked_by_symptoms(self, symptoms):
        """Points ordered by how many of ``symptoms`` each treats, most first."""
        return self.annotate(
            matched=Count("indications", filter=Q(indications__in=symptoms), distinct=True)
        ).order_by("-matched", "meridian__order", "number")

    def with_search_rank(self, query):
        """Annotate ``rank``: 0 for an exact code or name, 1 for part of a name, 2 otherwise."""
        query = squash_spaces(query)
        partial = Q(pinyin__icontains=fold(query)) | Q(english__icontains=query)
        return self.annotate(
            rank=Case(
                When(exact_name_or_code(query), then=Value(0)),
                When(partial, then=Value(1)),
                default=Value(2),
            )
        )

    def ranked_search(self, query):
        """Points matching ``query``, exact code and name matches first."""
        return (
            self.filter(pk__in=self.matching(query).values("pk"))
            .with_search_rank(query)
            .order_by("rank", "meridian__order", "number")
        )

    def exact_match(self, query):
        """The one point whose code or name is exactly ``query``, or ``None``."""
        query = squash_spaces(query)
        if not query:
            return None
        found = list(self.filter(exact_name_or_code(query))[:2])
        return found[0] if len(found) == 1 else None

    def matching(self, query):
        """Points whose code, name, location or indications match a free-text query.

        A code matches in any spelling (ST36, st 36, UB40); pinyin with or without
        tone marks and spaces; Chinese characters; the English name; every word of
        the query in the location; an indication's name or one of its synonyms.
        """
        query = squash_spaces(query)
        if not query:
            return self.none()
        condition = (
            Q(chinese__contains=query)
            | Q(chinese_traditional__contains=query)
            | Q(english__icontains=query)
            | Q(indications__name__icontains=query)
            | Q(indications__synonyms__icontains=query)
        )
        if code := parse_code(query):
            condition |= Q(meridian__code=code.channel, number=code.number)
        if folded := fold(query):
            condition |= Q(pinyin__icontains=folded)
        words = Q()
        for word in query.split():
            words &= Q(location__icontains=word)
        condition |= words
        if connection.vendor == "postgresql":
            # The database's own search: stemmed words in the location ("flexing"
            # finds "flexed"), and names spelt nearly right ("zusanly").
            condition |= Q(location__search=query)
            if folded:
                condition |= Q(pinyin__trigram_similar=folded) | Q(english__trigram_similar=query)
        return self.filter(condition).distinct()


class Point(models.Model):
    """An acupressure point on the leg."""

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

    meridian = models.ForeignKey(Meridian, on_delete=models.PROTECT, related_name="points")
    number = models.PositiveSmallIntegerField(help_text="The point's number on its channel.")
    code = models.CharField(
        max_length=6,
        unique=True,
        blank=True,
        help_text="The WHO code, e.g. ST 36; filled in from the meridian and number if left blank.",
    )
    slug = models.SlugField(max_length=6, unique=True, editable=False)
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
        help_text="Only where it differs from the simplified form.",
    )
    english = models.CharField("English name", max_length=60, help_text="A rendering of the name.")
    region = models.CharField(
        max_length=5,
        choices=Region,
        help_text="The section of the leg the seed article lists it in.",
    )
    body_part = models.CharField(max_length=9, choices=BodyPart)
    location = models.TextField()
    functions = models.TextField(blank=True)
    indications = models.ManyToManyField(Indication, related_name="points", blank=True)
    categories = models.ManyToManyField(
        Category, through="PointCategory", related_name="points", blank=True
    )
    corrections = models.TextField(
        blank=True, help_text="What was corrected from the seed article, and why."
    )
    seed_order = models.PositiveSmallIntegerField(
        help_text="Position in its region's list in the seed article (1 is first)."
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
        ordering = ["meridian__order", "number"]
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
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("points:point", args=[self.slug])

    @property
    def who_code(self):
        return Code(self.meridian.code, self.number)

    @staticmethod
    def category_prefetch():
        """A point's categories with their details, in one query."""
        return models.Prefetch(
            "category_links", queryset=PointCategory.objects.select_related("category")
        )

    def clean(self):
        validate_map_positions(self.map_positions)
        if self.meridian_id is None or self.number is None:
            return
        expected = self.who_code
        if not expected.exists:
            raise ValidationError(
                {
                    "number": f"The {self.meridian.name} channel has points 1 to "
                    f"{CHANNEL_SIZES[self.meridian.code]}; there is no {expected}."
                }
            )
        if self.code and squash_spaces(self.code).upper() != str(expected):
            raise ValidationError(
                {
                    "code": f"The code “{self.code}” does not agree with the meridian and number, "
                    f"which give {expected}. Correct one of them, or leave the code blank."
                }
            )


class PointCategory(models.Model):
    """A point's place in a category, with what qualifies it: “Earth point”, “of the Bladder”."""

    point = models.ForeignKey(Point, on_delete=models.CASCADE, related_name="category_links")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="point_links")
    detail = models.CharField(
        max_length=80, blank=True, help_text="e.g. “of the Large Intestine” or “Earth point”."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["category__order"]
        constraints = [
            models.UniqueConstraint(fields=["point", "category"], name="point_category_unique"),
        ]
        verbose_name = "category"
        verbose_name_plural = "categories"

    def __str__(self):
        return f"{self.category} {self.detail}".strip()


class Caution(models.Model):
    """A warning the literature gives for a point, with its source."""

    point = models.ForeignKey(Point, on_delete=models.CASCADE, related_name="cautions")
    text = models.TextField()
    source = models.CharField(max_length=300, help_text="The text that gives this caution.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["point", "pk"]

    def __str__(self):
        return self.text


class IndicationMerge(models.Model):
    """A merge of one indication into another, kept so that it can be undone."""

    target = models.ForeignKey(Indication, on_delete=models.CASCADE, related_name="merges")
    merged_name = models.CharField(max_length=100)
    merged_slug = models.SlugField(max_length=100)
    merged_synonyms = models.TextField(blank=True)
    point_ids = models.JSONField(help_text="The points the merged indication was linked to.")
    newly_linked_ids = models.JSONField(
        help_text="Of those, the points that the merge linked to the target for the first time."
    )
    added_synonyms = models.JSONField(help_text="The synonyms the merge gave the target.")
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    merged_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-merged_at"]

    def __str__(self):
        return f"“{self.merged_name}” into “{self.target}”"

    @transaction.atomic
    def undo(self):
        """Bring the merged indication back with its own points, and take from the target
        what the merge gave it."""
        if self.undone_at:
            raise ValueError("This merge has been undone already.")
        taken = Q(slug=self.merged_slug) | Q(name__iexact=self.merged_name)
        if Indication.objects.filter(taken).exists():
            raise ValueError(
                f"An indication named “{self.merged_name}” exists again; rename it first."
            )
        restored = Indication.objects.create(
            name=self.merged_name, slug=self.merged_slug, synonyms=self.merged_synonyms
        )
        restored.points.add(*Point.objects.filter(pk__in=self.point_ids))
        self.target.points.remove(*Point.objects.filter(pk__in=self.newly_linked_ids))
        added = {s.casefold() for s in self.added_synonyms}
        kept = [s for s in self.target.synonym_list if s.casefold() not in added]
        self.target.synonyms = "\n".join(kept)
        self.target.save(update_fields=["synonyms"])
        self.undone_at = timezone.now()
        self.save(update_fields=["undone_at"])
        return restored


class ContentStamp(models.Model):
    """When the public content last changed: one row, moved on by every edit.

    Cached pages are keyed by it, and it is their Last-Modified date, so an edit
    in the admin is seen at once by every app server, whatever cache each uses.
    """

    changed_at = models.DateTimeField()

    def __str__(self):
        return f"Content changed at {self.changed_at:%Y-%m-%d %H:%M:%S}"
