"""Corrections from readers: a suggestion about one field of a point, kept for staff to
accept or decline. Nothing a reader submits is shown on the public site."""

from functools import cache

from django.conf import settings
from django.db import models, transaction
from django.db.models import Max, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .points import Point

# The longest text a reader may send in each field (the form says so when they do).
PROPOSED_MAX = 2000
SOURCE_MAX = 500


class SuggestionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Suggestion.Status.OPEN)

    def at_hand(self, point, accepted_pk=None):
        """What the point's change form shows: its open suggestions, and the one just
        accepted (whose edit is being made), oldest first."""
        wanted = Q(status=Suggestion.Status.OPEN)
        if accepted_pk is not None:
            wanted |= Q(pk=accepted_pk, status=Suggestion.Status.ACCEPTED)
        return self.filter(wanted, point=point).order_by("created", "pk")


class Suggestion(models.Model):
    """A reader's correction to one field of a point, and what staff decided about it."""

    class Field(models.TextChoices):
        NAMES = "names", "Names"
        LOCATION = "location", "Location"
        INDICATIONS = "indications", "Indications"
        FUNCTIONS = "functions", "Functions"
        CATEGORIES = "categories", "Categories"
        CAUTIONS = "cautions", "Cautions"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    point = models.ForeignKey("Point", on_delete=models.CASCADE, related_name="suggestions")
    field = models.CharField(max_length=12, choices=Field)
    current_value = models.TextField(
        "value when suggested", blank=True, help_text="What the field said when the reader wrote."
    )
    proposed = models.TextField("what it should say", max_length=PROPOSED_MAX)
    source = models.TextField(max_length=SOURCE_MAX, blank=True)
    email = models.EmailField(
        blank=True, help_text="For a reply only; erased when the suggestion is closed."
    )
    created = models.DateTimeField(default=timezone.now, db_index=True)
    status = models.CharField(max_length=8, choices=Status, default=Status.OPEN, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True, help_text="Why it was declined (or a note on accepting).")

    objects = SuggestionQuerySet.as_manager()
    # The reader's email is never copied into the history: it goes when the suggestion closes.
    history = HistoricalRecords(excluded_fields=["email"])

    class Meta:
        ordering = ["-created", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open") | Q(email=""),
                name="suggestion_closed_keeps_no_email",
            ),
            models.CheckConstraint(
                condition=Q(status="open", decided_at__isnull=True)
                | (~Q(status="open") & Q(decided_at__isnull=False)),
                name="suggestion_decided_when_closed",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(reason=""),
                name="suggestion_declined_with_reason",
            ),
        ]

    def __str__(self):
        return (
            f"{self.point.code}: {self.get_field_display().lower()} ({self.get_status_display()})"
        )

    def get_absolute_url(self):
        return reverse("admin:points_suggestion_change", args=[self.pk])

    @property
    def is_open(self):
        return self.status == self.Status.OPEN

    def close(self, status, user, reason=""):
        """Accept or decline: record who and when, and erase the reader's email. The row
        is locked while it is decided, so two people cannot both close it."""
        reason = reason.strip()
        if status == self.Status.DECLINED and not reason:
            raise ValueError("Say why the suggestion is declined.")
        with transaction.atomic():
            locked = type(self).objects.select_for_update().get(pk=self.pk)
            if not locked.is_open:
                raise ValueError("This suggestion has already been closed.")
            self.status, self.decided_by, self.decided_at = status, user, timezone.now()
            self.reason, self.email = reason, ""
            self.save()


def current_value(point, field):
    """What a reader sees of ``point``'s ``field`` now, as plain text, to keep beside the
    proposal. ``point`` comes from ``Point.objects.for_detail()``, so this makes no query."""
    F = Suggestion.Field
    if field == F.NAMES:
        names = [point.code, point.pinyin_tones, point.chinese, point.chinese_traditional]
        names += [point.english, *point.english_variant_list, *point.other_code_list]
        return "\n".join(name for name in names if name)
    if field == F.LOCATION:
        return "\n\n".join([point.location, *(o.text for o in point.other_locations.all())])
    if field == F.INDICATIONS:
        return "\n".join(indication.name for indication in point.indications.all())
    if field == F.FUNCTIONS:
        return "\n".join(point.function_list)
    if field == F.CATEGORIES:
        return "\n".join(str(link) for link in point.category_links.all())
    if field == F.CAUTIONS:
        return "\n\n".join(caution.text for caution in point.cautions.all())
    return ""


@cache
def change_dates():
    """The annotations ``Point.last_changed`` reads: ``edited_at``, a point's latest history
    record made by someone (an edit in the admin, or restored from one; loading the fixture
    leaves records with nobody's name, which say nothing about the entry), and
    ``accepted_at``, the latest suggestion about it that staff accepted (NULL if none).

    Built once (they take longer to build than the query takes to run): ``annotate`` works
    on copies of them and never changes them. The later of the two is taken in Python:
    choosing it in SQL, where GREATEST is NULL on SQLite when either is, took as long again
    to build as both subqueries."""
    return {
        "edited_at": Subquery(
            Point.history.filter(id=OuterRef("pk"), history_user__isnull=False)
            .order_by()
            .values("id")
            .annotate(latest=Max("history_date"))
            .values("latest")
        ),
        "accepted_at": Subquery(
            Suggestion.objects.filter(point=OuterRef("pk"), status=Suggestion.Status.ACCEPTED)
            .order_by()
            .values("point")
            .annotate(latest=Max("decided_at"))
            .values("latest")
        ),
    }
