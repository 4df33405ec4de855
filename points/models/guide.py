"""How to press: the pressing guide's rules, each point's finding steps, and the routines.

Every fact here carries its sources in a ``cited`` field, one citation a line, written as the
data files write them: ``key`` or ``key, locator`` (``umn-selfcare``, ``deadman, ST-36``). The
key must be a source in the bibliography; ``points.citing`` turns the lines into the page's
numbered references.
"""

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from ..links import address
from .sources import Source, split_citation


def citation_lines(cited):
    """The (key, locator) pairs of a ``cited`` text, one a non-blank line."""
    pairs = map(split_citation, (cited or "").splitlines())
    return [(key, locator) for key, locator in pairs if key]


def validate_cited(cited):
    """Every line names a source of the bibliography; there is at least one."""
    pairs = citation_lines(cited)
    if not pairs:
        raise ValidationError("Cite at least one source: one “key, locator” a line.")
    known = set(Source.objects.filter(key__in=[k for k, _ in pairs]).values_list("key", flat=True))
    unknown = [key for key, _ in pairs if key not in known]
    if unknown:
        raise ValidationError(
            "Not in the bibliography: %(keys)s.", params={"keys": ", ".join(unknown)}
        )


CITED_HELP = "Its sources, one a line: a source's key, then a comma and the page or entry."


def cited_field(blank=False):
    return models.TextField(blank=blank, help_text=CITED_HELP)


class GuideRuleQuerySet(models.QuerySet):
    def defaults(self):
        """The rules whose short form every point page shows as the default."""
        return self.exclude(default="")


class GuideRule(models.Model):
    """One rule of the pressing guide, with its sources and, where they differ, how."""

    class Section(models.TextChoices):
        FIND = "find", "Finding the spot"
        POSTURE = "posture", "Posture"
        HAND = "hand", "Finger or thumb"
        PRESSURE = "pressure", "How firm"
        TIME = "time", "How long and how often"
        AVOID = "avoid", "When not to press"

    section = models.CharField(max_length=10, choices=Section)
    order = models.PositiveSmallIntegerField(unique=True, help_text="Order on the guide page.")
    slug = models.SlugField(max_length=40, unique=True, help_text="Its anchor on the guide page.")
    title = models.CharField(max_length=120)
    text = models.TextField(help_text="The rule, in the site's own words.")
    differ = models.TextField(blank=True, help_text="Where the sources differ, and how.")
    default = models.CharField(
        max_length=200,
        blank=True,
        help_text="A short form for the point pages, where no source gives advice for the point.",
    )
    cited = cited_field()

    history = HistoricalRecords()
    objects = GuideRuleQuerySet.as_manager()

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return address("points:guide") + f"#{self.slug}"

    def clean(self):
        validate_cited(self.cited)


class Pressing(models.Model):
    """How to press one point: the posture, and how a lay person finds it from landmarks."""

    point = models.OneToOneField("Point", on_delete=models.CASCADE, related_name="pressing")
    posture = models.CharField(max_length=160, help_text="e.g. Seated, with the knee bent.")
    steps = models.TextField(help_text="Two or three steps to find it, one a line.")
    cited = cited_field()
    advice = models.TextField(
        blank=True, help_text="Advice a source gives for pressing this point in particular."
    )
    advice_cited = cited_field(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["point"]
        verbose_name_plural = "pressing"

    def __str__(self):
        return f"How to press {self.point.code}" if self.point_id else "How to press"

    @property
    def step_list(self):
        return [line.strip() for line in self.steps.splitlines() if line.strip()]

    def clean(self):
        validate_cited(self.cited)
        if self.advice and not citation_lines(self.advice_cited):
            raise ValidationError({"advice_cited": "Advice needs its source."})
        if self.advice_cited:
            validate_cited(self.advice_cited)


class RoutineQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("indication").annotate(step_count=models.Count("steps"))

    def for_detail(self):
        return self.select_related("indication").prefetch_related(
            models.Prefetch(
                "steps",
                queryset=RoutineStep.objects.select_related(
                    "point__meridian", "point__pressing"
                ).order_by("order"),
            )
        )


class Routine(models.Model):
    """A printable routine for a common complaint: its points in pressing order."""

    slug = models.SlugField(max_length=60, unique=True)
    title = models.CharField(max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(unique=True, help_text="Order on the index.")
    # Never deleted in practice: its points list it, and a listed symptom cannot be deleted
    # (only merged, which moves the routine along); a restore that empties the data may.
    indication = models.ForeignKey(
        "Indication",
        on_delete=models.CASCADE,
        related_name="routines",
        help_text="The symptom whose points the routine is made of: each point must list it.",
    )
    summary = models.TextField(help_text="What the routine is for, in a sentence or two.")
    combination = models.TextField(blank=True, help_text="A classical combination, if any.")
    combination_cited = cited_field(blank=True)
    cautions = models.TextField(help_text="The routine's own cautions.")
    cautions_cited = cited_field()
    see_doctor = models.TextField(blank=True, help_text="When to see a doctor, where it applies.")
    see_doctor_cited = cited_field(blank=True)

    history = HistoricalRecords()
    objects = RoutineQuerySet.as_manager()

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return address("points:routine", self.slug)

    def clean(self):
        errors = {}
        for fact in ["cautions", "see_doctor", "combination"]:
            # The cautions always need a source; a note or combination only when there is one.
            text, cited = getattr(self, fact), getattr(self, f"{fact}_cited")
            if fact == "cautions" or text or cited:
                try:
                    validate_cited(cited)
                except ValidationError as error:
                    errors[f"{fact}_cited"] = error
        if errors:
            raise ValidationError(errors)

    @property
    def total_seconds(self):
        """Both legs, every step."""
        return sum(2 * step.seconds for step in self.steps.all())

    @property
    def total_minutes(self):
        return max(1, round(self.total_seconds / 60))


class RoutineStep(models.Model):
    """One point of a routine, in its place, with how long to press it on each leg."""

    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="steps")
    # A point deleted leaves the routines it was in (as the content's own deletes do).
    point = models.ForeignKey("Point", on_delete=models.CASCADE, related_name="routine_steps")
    order = models.PositiveSmallIntegerField()
    seconds = models.PositiveSmallIntegerField(default=60, help_text="On each leg.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["routine", "order"]
        constraints = [
            models.UniqueConstraint(fields=["routine", "order"], name="routine_step_order"),
            models.UniqueConstraint(fields=["routine", "point"], name="routine_step_point"),
            models.CheckConstraint(
                condition=models.Q(seconds__gte=10, seconds__lte=300),
                name="routine_step_seconds",
                violation_error_message="Press a point for 10 seconds to 5 minutes.",
            ),
        ]

    def __str__(self):
        return f"{self.order}. {self.point.code}" if self.point_id else str(self.order)

    def clean(self):
        listed = self.routine_id and self.point_id
        if listed and not self.point.indications.filter(pk=self.routine.indication_id).exists():
            raise ValidationError(
                {"point": "This point does not list the routine's symptom: add it there first."}
            )
