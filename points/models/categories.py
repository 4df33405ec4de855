from django.db import models
from simple_history.models import HistoricalRecords


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


class PointCategory(models.Model):
    """A point's place in a category, with what qualifies it: “Earth point”, “of the Bladder”."""

    point = models.ForeignKey("Point", on_delete=models.CASCADE, related_name="category_links")
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
