from django.db import models
from simple_history.models import HistoricalRecords


class RedFlagQuerySet(models.QuerySet):
    def raised_by(self, indications):
        """The warnings that any of ``indications`` raises, each once, with its source."""
        return (
            self.filter(pk__in=self.filter(indications__in=indications).values("pk"))
            .select_related("source")
            .order_by("order", "pk")
        )


class RedFlag(models.Model):
    """When to see a doctor: a sign that a symptom may be something serious, the notice a lay
    reader is shown above the points for it, and the medical advice it comes from."""

    title = models.CharField(max_length=120, help_text="What to look out for, in a few words.")
    notice = models.TextField(
        help_text="What it can be a sign of and what to do, for a lay reader, in our own words."
    )
    indications = models.ManyToManyField(
        "Indication",
        related_name="red_flags",
        help_text="The symptoms that show this notice when a reader chooses any of them.",
    )
    source = models.ForeignKey("Source", on_delete=models.PROTECT, related_name="red_flags")
    locator = models.CharField(
        max_length=120, blank=True, help_text="The section of the source the advice is in."
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="The most urgent first.")

    objects = RedFlagQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[indications])

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "red flag"

    def __str__(self):
        return self.title
