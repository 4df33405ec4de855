"""The query logic of the points: one QuerySet method for each shape of page or question
(``Point.objects``)."""

import difflib
from collections import Counter
from dataclasses import dataclass

from django.db import models
from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Abs, Coalesce

from ..codes import EXTRA, code_key
from ..search import SearchQuery
from .indications import Indication
from .sources import Caution, Citation, OtherLocation

CANDIDATES = 500  # names a 404 compares with difflib at most
RELATED_CANDIDATES = 50  # points sharing most indications with a point, ranked for its page


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


@dataclass(frozen=True)
class Tally:
    """Points counted by region and by channel (``None``: the extra points)."""

    regions: Counter
    channels: Counter


class PointQuerySet(models.QuerySet):
    def tally(self):
        """The points counted by region and by channel in one query, read off the index of
        (meridian, region): its cost grows with that index, not with the points' rows."""
        regions, channels = Counter(), Counter()
        pairs = self.values_list("meridian", "region").annotate(n=Count("pk")).order_by()
        for channel, region, n in pairs:
            regions[region] += n
            channels[channel] += n
        return Tally(regions, channels)

    def for_cards(self):
        """What a point's line in a list shows: code, names, meridian, location."""
        return self.select_related("meridian")

    def for_detail(self):
        """A point's page: its facts, and every citation. The cautions and other locations
        come in their models' order less its first term, the point, which would join the
        points (and their meridians) to order rows that are each point's."""
        return self.select_related("meridian", "pressing").prefetch_related(
            "indications",
            self.model.category_prefetch(),
            models.Prefetch("cautions", queryset=Caution.objects.order_by("pk")),
            models.Prefetch(
                "other_locations", queryset=OtherLocation.objects.order_by("order", "pk")
            ),
            # Their sources come once for the page, with the guide's (points.citing).
            models.Prefetch("citations", queryset=Citation.objects.order_by("pk")),
        )

    def for_export(self):
        """What a point's row in /points.json and /points.csv shows: every fact with the item
        and the source each citation names, in a fixed number of queries."""
        return self.select_related("meridian").prefetch_related(
            "indications",
            self.model.category_prefetch(),
            "cautions",
            "other_locations",
            models.Prefetch(
                "citations",
                queryset=Citation.objects.select_related(
                    "source", "indication", "category", "caution", "other_location"
                ),
            ),
        )

    def channel_and_named(self, point, codes):
        """In one query, ordered by number: the points of ``point``'s channel (or of the
        extra points), and any other points whose codes are among ``codes``."""
        channel = Q(meridian__isnull=True) if point.is_extra else Q(meridian=point.meridian_id)
        return self.filter(channel | Q(code__in=codes)).order_by("number")

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
            *(When(region=value, then=Value(i)) for i, value in enumerate(self.model.Region.values))
        )
        return self.order_by(region_order, *channel_order())

    def in_seed_order(self):
        """By meridian, then in the order the seed article lists them, then the points it
        does not list."""
        return self.order_by(*channel_order("region", F("seed_order").asc(nulls_last=True)))

    def sharing_indications_with(self, point, candidates=RELATED_CANDIDATES):
        """Other points that share indications with ``point``, most shared first. The
        shared links are counted per point off the links' table alone, and only the
        ``candidates`` that share most (ties by id) are joined to their points and ranked."""
        links = self.model.indications.through.objects
        theirs = links.filter(point=point).values("indication")
        sharing = links.filter(indication__in=theirs).exclude(point=point)
        top = sharing.values("point").annotate(n=Count("*")).order_by("-n", "point").values("point")
        return (
            self.filter(pk__in=top[:candidates])
            .annotate(shared=count_per_point(sharing, "indication"))
            .order_by("-shared", *channel_order())
        )

    def listed_for(self, symptoms, sources=True):
        """Each point with ``matched``, how many of ``symptoms`` it is listed for;
        ``source_count``, how many sources list it for them (unless ``sources`` is false:
        the list shows no such count); and ``matched_symptoms``, those of the symptoms it
        is listed for, by name. The counts are subqueries, so they are right whatever joins
        the queryset already has; the symptoms cost one query."""
        ids = [symptom.pk for symptom in symptoms]
        links = self.model.indications.through.objects.filter(indication__in=ids)
        counts = {"matched": count_per_point(links, "indication")}
        if sources:
            citations = Citation.objects.filter(fact=Citation.Fact.INDICATION, indication__in=ids)
            counts["source_count"] = count_per_point(citations, "source")
        return self.annotate(**counts).prefetch_related(
            models.Prefetch(
                "indications",
                queryset=Indication.objects.filter(pk__in=ids).order_by("name"),
                to_attr="matched_symptoms",
            )
        )

    def with_search_rank(self, query):
        """Annotate ``rank``: 0 for an exact code or name, 1 for part of a name, 2 otherwise."""
        return self.annotate(rank=SearchQuery.parse(query).rank())

    def search_candidates(self, query, limit):
        """The ids of up to ``limit`` points matching ``query``, and of any exact matches:
        the first found in the table's order, which needs no sorting, so the database stops
        looking there however many points the words would match."""
        query = SearchQuery.parse(query)
        found = self.matching(query).order_by("pk").values("pk")[:limit]
        exact = self.filter(query.exact()).order_by("pk").values("pk")[:limit]
        either = self.filter(Q(pk__in=exact) | Q(pk__in=found))
        return either.order_by().values_list("pk", flat=True)

    def ranked_search(self, query, among=None):
        """Points matching ``query`` (or those of ids ``among``, already found), exact code
        and name matches first."""
        query = SearchQuery.parse(query)
        found = self.filter(pk__in=among) if among is not None else self.matching(query)
        return found.with_search_rank(query).order_by("rank", *channel_order())

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
        return self.filter(query.matches()) if query else self.none()
