from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from ..codes import CHANNEL_SIZES, EXTRA
from ..links import address


class MeridianQuerySet(models.QuerySet):
    def counted(self, channels):
        """The meridians, each with its ``point_count`` from ``channels`` (a
        ``PointQuerySet.tally()``'s counts by channel)."""
        meridians = list(self)
        for meridian in meridians:
            meridian.point_count = channels[meridian.pk]
        return meridians


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
        return address("points:meridian", self.slug)

    def clean(self):
        if self.code:
            self.code = self.code.upper()
            if self.code not in CHANNEL_SIZES or self.code == EXTRA:
                raise ValidationError({"code": f"“{self.code}” is not a WHO channel code."})
