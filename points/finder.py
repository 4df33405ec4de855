"""The symptom finder: the symptoms a reader chose, the points listed for them ranked with the
reasons why, and the warnings on when to see a doctor.

The parameters are those of the list (``params.bounded``): ``symptom`` repeated, a slug each,
and ``q``, part of a symptom's name to look for. Every page costs the same few queries,
whatever the number of symptoms chosen and of points found.
"""

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Count, F
from django.db.models.expressions import Window
from django.db.models.functions import RowNumber

from .models import Indication, Point, RedFlag, channel_order
from .text import first_sentence

RESULTS = 30  # points shown; the full list (/points/) has the rest
MATCHES = 40  # symptoms listed for a typed name
GROUP_SHOWN = 8  # symptoms listed in each group, the commonest
UNKNOWN_SHOWN = 5  # unknown symptoms named in the message


def ranked_points(symptoms):
    """The points listed for any of ``symptoms``: those listed for most of them first, then
    those that most sources list for them, then in the channels' order (the counts and the
    symptoms each point is listed for: ``PointQuerySet.listed_for``)."""
    return (
        Point.objects.for_cards()
        .listed_for(symptoms)
        .filter(matched__gt=0)
        .order_by("-matched", "-source_count", *channel_order())
    )


@dataclass
class Result:
    """One point found, with why it is there."""

    point: Point
    chosen: int  # how many symptoms the reader chose

    @property
    def symptoms(self):
        return self.point.matched_symptoms

    @property
    def reason(self):
        """“for 2 of your 3 symptoms: knee pain, insomnia · listed in 2 sources”."""
        names = ", ".join(symptom.name.lower() for symptom in self.symptoms)
        matched = self.point.matched
        if self.chosen == 1:
            which = "for your symptom"
        elif matched == self.chosen == 2:
            which = "for both your symptoms"
        elif matched == self.chosen:
            which = f"for all {matched} of your symptoms"
        else:
            which = f"for {matched} of your {self.chosen} symptoms"
        sources = self.point.source_count
        return f"{which}: {names} · listed in {sources} source{'s' if sources != 1 else ''}"

    @property
    def location(self):
        return first_sentence(self.point.location)


@dataclass
class Group:
    value: str
    label: str
    symptoms: list
    total: int  # symptoms in the group not yet chosen

    @property
    def more(self):
        return self.total - len(self.symptoms)


class Finder:
    """What the finder shows for one request's bounded parameters."""

    def __init__(self, params):
        self.data = params.data
        self.notices = list(params.notices)
        self.query = params.query
        slugs = self.data.getlist("symptom")
        self.chosen = list(Indication.objects.filter(slug__in=slugs).order_by("name"))
        unknown = [slug for slug in slugs if slug not in {s.slug for s in self.chosen}]
        if unknown:
            named = ", ".join(f"“{slug}”" for slug in unknown[:UNKNOWN_SHOWN])
            others = len(unknown) - UNKNOWN_SHOWN
            more = f" and {others} more" if others > 0 else ""
            self.notices.append(
                f"{named}{more}: not {'a symptom' if len(unknown) == 1 else 'symptoms'} "
                "this reference knows, so left out. Look for it by name below."
            )

    @cached_property
    def chosen_ids(self):
        return [symptom.pk for symptom in self.chosen]

    @cached_property
    def matches(self):
        """The symptoms not yet chosen whose name or synonyms hold the typed text, one more
        than shown so that the page can say there are more."""
        if not self.query:
            return []
        found = Indication.objects.matching(self.query).exclude(pk__in=self.chosen_ids)
        return list(found.order_by("name")[: MATCHES + 1])

    @property
    def matches_shown(self):
        return self.matches[:MATCHES]

    @property
    def more_matches(self):
        return len(self.matches) > MATCHES

    @cached_property
    def groups(self):
        """The commonest symptoms of each group not yet chosen, in one query."""
        rows = (
            Indication.objects.exclude(pk__in=self.chosen_ids)
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=F("group"),
                    order_by=[F("point_count").desc(), F("name").asc()],
                ),
                in_group=Window(Count("pk"), partition_by=F("group")),
            )
            .filter(rank__lte=GROUP_SHOWN)
        )
        by_group = {}
        for row in rows:
            by_group.setdefault(row.group, []).append(row)
        return [
            Group(value, label, sorted(found, key=lambda s: s.name), found[0].in_group)
            for value, label in Indication.Group.choices
            if (found := by_group.get(value))
        ]

    @cached_property
    def results(self):
        if not self.chosen:
            return []
        points = ranked_points(self.chosen)[: RESULTS + 1]
        return [Result(point, len(self.chosen)) for point in points]

    @cached_property
    def total(self):
        """How many points are listed for any of the chosen symptoms."""
        if not self.chosen:
            return 0
        links = Point.indications.through.objects.filter(indication__in=self.chosen_ids)
        return links.values("point").distinct().count()

    @property
    def results_shown(self):
        return self.results[:RESULTS]

    @property
    def more_results(self):
        return len(self.results) > RESULTS

    @cached_property
    def red_flags(self):
        return list(RedFlag.objects.raised_by(self.chosen_ids)) if self.chosen else []
