from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from ..codes import CHANNEL_SIZES, EXTRA, Code, code_key
from ..links import address
from ..search import HAS_DIGIT
from ..text import squash_spaces
from ..validators import validate_map_positions
from .categories import PointCategory
from .point_queries import PointQuerySet, channel_order


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
            # The list's region and meridian facets: counted off this index alone.
            models.Index(fields=["meridian", "region"], name="point_meridian_region"),
            # A search's exact matches (points.search.SearchQuery.exact), each by an index.
            models.Index(Lower("pinyin"), name="point_pinyin_lower"),
            models.Index(Lower("english"), name="point_english_lower"),
            models.Index(fields=["chinese"], name="point_chinese"),
            models.Index(fields=["chinese_traditional"], name="point_chinese_traditional"),
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
        return address("points:point", self.slug)

    @property
    def last_changed(self):
        """When the entry last changed: the later of the ``change_dates`` annotations
        (``None`` when it has neither, or was fetched without them)."""
        dates = (getattr(self, "edited_at", None), getattr(self, "accepted_at", None))
        return max(filter(None, dates), default=None)

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
        if numberless := [code for code in self.other_code_list if not HAS_DIGIT.search(code)]:
            # The search looks for other codes only in text with a digit (points/search.py).
            raise ValidationError(
                {"other_codes": f"“{numberless[0]}” has no number: every code has one."}
            )
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
