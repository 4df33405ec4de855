from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from ..links import address
from ..text import squash_spaces


class IndicationQuerySet(models.QuerySet):
    def most_common(self, limit):
        """The ``limit`` symptoms with the most points, read off an index of ``point_count``."""
        return self.order_by("-point_count", "name")[:limit]

    def commonest_by_name(self, limit):
        """The ``limit`` with the most points, A to Z: read in the index's order, which
        stops at the ``limit``-th, whereas A to Z first would have to find them all."""
        return sorted(self.most_common(limit), key=lambda indication: indication.name)

    def recount(self):
        """Set ``point_count`` right for these indications, in one UPDATE."""
        links = apps.get_model("points", "Point").indications.through.objects
        counts = (
            links.filter(indication=OuterRef("pk"))
            .order_by()
            .values("indication")
            .annotate(n=Count("*"))
            .values("n")
        )
        return self.update(point_count=Coalesce(Subquery(counts), 0))

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

    class Group(models.TextChoices):
        """Where a reader would look for it: a part of the body or a system."""

        LEGS = "legs", "Hips, legs and feet"
        BACK = "back", "Back, neck and shoulders"
        DIGESTION = "digestion", "Digestion and abdomen"
        HEAD = "head", "Head, eyes, ears and throat"
        MIND = "mind", "Sleep, mood and mind"
        CHEST = "chest", "Heart, chest and breathing"
        WOMEN = "women", "Women's health, pregnancy and childbirth"
        URINARY = "urinary", "Urinary and men's health"
        SKIN = "skin", "Skin"
        NERVES = "nerves", "Nerves, paralysis and fainting"
        GENERAL = "general", "Whole body"

    name = models.CharField(max_length=100, help_text="The canonical name, e.g. Lumbar pain.")
    slug = models.SlugField(max_length=100, unique=True)
    synonyms = models.TextField(
        blank=True,
        help_text="Other names for the same symptom, one a line; searching any of them finds it.",
    )

    group = models.CharField(
        max_length=10,
        choices=Group,
        help_text="The part of the body or the system the finder lists it under.",
    )
    # How many points list it: kept by the model layer (points/models/counts.py), so that
    # the commonest symptoms are read off an index rather than counted over every link.
    point_count = models.PositiveIntegerField("points", default=0, editable=False)

    objects = IndicationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["-point_count", "name"], name="indication_commonest")]
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
        return address("points:symptom", self.slug)

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
        """Fold this indication into ``target``: its points, its name, its synonyms and the
        citations that tie it to its points.

        Every point linked to this indication ends up linked to ``target``, with the same
        sources; this indication's name and synonyms become synonyms of ``target``; then
        this indication is deleted. What was done is kept as an IndicationMerge, which
        can undo it.
        """
        if target.pk == self.pk:
            raise ValueError("An indication cannot be merged into itself.")
        points = set(self.points.values_list("pk", flat=True))
        newly_linked = points - set(target.points.values_list("pk", flat=True))
        known = {target.name.casefold(), *(s.casefold() for s in target.synonym_list)}
        extra = [s for s in [self.name, *self.synonym_list] if s.casefold() not in known]
        flags = set(self.red_flags.values_list("pk", flat=True))
        newly_flagged = flags - set(target.red_flags.values_list("pk", flat=True))
        routines = list(self.routines.values_list("pk", flat=True))
        cited = set(target.citations.values_list("point_id", "source_id"))
        citations = list(self.citations.values("pk", "point_id", "source_id", "locator"))
        moved = [c["pk"] for c in citations if (c["point_id"], c["source_id"]) not in cited]
        record = IndicationMerge.objects.create(
            target=target,
            merged_name=self.name,
            merged_slug=self.slug,
            merged_synonyms=self.synonyms,
            point_ids=sorted(points),
            newly_linked_ids=sorted(newly_linked),
            added_synonyms=extra,
            citations=[[c["point_id"], c["source_id"], c["locator"]] for c in citations],
            moved_citation_ids=moved,
            red_flag_ids=sorted(flags),
            newly_flagged_ids=sorted(newly_flagged),
            routine_ids=routines,
            merged_by=user,
        )
        target.points.add(*points)
        # The warnings this symptom raised are raised by the one it becomes part of.
        target.red_flags.add(*flags)
        self.citations.filter(pk__in=moved).update(indication=target)
        self.routines.update(indication=target)  # a routine follows its symptom into the merge
        target.synonyms = "\n".join([*target.synonym_list, *extra])
        target.save(update_fields=["synonyms"])
        self.delete()
        return record


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
    citations = models.JSONField(
        default=list,
        help_text="The merged indication's citations: [point id, source id, locator] each.",
    )
    moved_citation_ids = models.JSONField(
        default=list, help_text="The citations that the merge moved to the target."
    )
    red_flag_ids = models.JSONField(
        default=list, help_text="The warnings the merged indication raised."
    )
    newly_flagged_ids = models.JSONField(
        default=list, help_text="Of those, the warnings the merge gave the target."
    )
    routine_ids = models.JSONField(
        default=list, help_text="The routines the merge moved to the target."
    )
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
        """Bring the merged indication back with its own points, citations, warnings and
        routines, and take from the target what the merge gave it. (A routine staff have
        since moved to another symptom stays where they put it.)"""
        if self.undone_at:
            raise ValueError("This merge has been undone already.")
        taken = Q(slug=self.merged_slug) | Q(name__iexact=self.merged_name)
        if Indication.objects.filter(taken).exists():
            raise ValueError(
                f"An indication named “{self.merged_name}” exists again; rename it first."
            )
        Point = apps.get_model("points", "Point")
        Citation = apps.get_model("points", "Citation")
        RedFlag = apps.get_model("points", "RedFlag")
        restored = Indication.objects.create(
            name=self.merged_name, slug=self.merged_slug, synonyms=self.merged_synonyms
        )
        restored.points.add(*Point.objects.filter(pk__in=self.point_ids))
        self.target.points.remove(*Point.objects.filter(pk__in=self.newly_linked_ids))
        Citation.objects.filter(pk__in=self.moved_citation_ids).delete()
        still_there = set(
            Point.objects.filter(pk__in=[c[0] for c in self.citations]).values_list("pk", flat=True)
        )
        Citation.objects.bulk_create(
            Citation(
                point_id=point_id,
                fact=Citation.Fact.INDICATION,
                indication=restored,
                source_id=source_id,
                locator=locator,
            )
            for point_id, source_id, locator in self.citations
            if point_id in still_there
        )
        restored.red_flags.add(*RedFlag.objects.filter(pk__in=self.red_flag_ids))
        self.target.red_flags.remove(*self.newly_flagged_ids)
        self.target.routines.filter(pk__in=self.routine_ids).update(indication=restored)
        added = {s.casefold() for s in self.added_synonyms}
        kept = [s for s in self.target.synonym_list if s.casefold() not in added]
        self.target.synonyms = "\n".join(kept)
        self.target.save(update_fields=["synonyms"])
        self.undone_at = timezone.now()
        self.save(update_fields=["undone_at"])
        return restored
