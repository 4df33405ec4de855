"""The filtered list of points: one FilterSet, and facet counts under the current selection.

Within one parameter the values are alternatives (``region=front&region=side``
is either); across parameters they all apply. Each facet is counted over the
points that the *other* parameters select, so a count says how many points
that option would show alongside what is already chosen.
"""

from dataclasses import dataclass
from functools import cached_property

import django_filters
from django import forms
from django.db.models import Case, Count, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from .models import Category, Indication, Meridian, Point, PointCategory, channel_order
from .search import SearchQuery

# The meridian facet's value for the extra points, which belong to no channel.
EXTRA = "ex"


def meridian_choices(meridians=None):
    """The six channels by their codes in lower case (``st``), and the extra points."""
    meridians = Meridian.objects.all() if meridians is None else meridians
    channels = [(m.code.lower(), m.name) for m in meridians]
    return [*channels, (EXTRA, "Extra points")]


class LowerCaseMultipleChoiceField(forms.MultipleChoiceField):
    """Codes are accepted in any case: ``meridian=ST`` is ``meridian=st``."""

    def clean(self, value):
        return super().clean([item.lower() for item in value or []])


class MeridianFilter(django_filters.MultipleChoiceFilter):
    field_class = LowerCaseMultipleChoiceField

    def filter(self, queryset, value):
        if not value:
            return queryset
        condition = Q(meridian__code__in=[code.upper() for code in value if code != EXTRA])
        if EXTRA in value:
            condition |= Q(meridian__isnull=True)
        return queryset.filter(condition)


class LinkFilter(django_filters.ModelMultipleChoiceFilter):
    """Points linked to any of the chosen rows (symptoms, categories), through ``links``'s
    rows (a model with a ``point`` and a ``link`` foreign key): a subquery, not a join, so
    no point comes twice and nothing needs making distinct."""

    def __init__(self, *args, links, link, **kwargs):
        super().__init__(*args, **kwargs)
        self.links, self.link = links, link

    def filter(self, queryset, value):
        if not value:
            return queryset
        rows = self.links.objects.filter(**{f"{self.link}__in": value})
        return queryset.filter(pk__in=rows.values("point"))


class PointFilter(django_filters.FilterSet):
    region = django_filters.MultipleChoiceFilter(
        choices=Point.Region.choices, widget=forms.CheckboxSelectMultiple, distinct=False
    )
    # The lookups name the field that to_field_name reads, so that each value
    # filters by its slug or code.
    meridian = MeridianFilter(choices=meridian_choices, widget=forms.CheckboxSelectMultiple)
    symptom = LinkFilter(
        queryset=Indication.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        links=Point.indications.through,
        link="indication",
    )
    category = LinkFilter(
        queryset=Category.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        links=PointCategory,
        link="category",
    )
    q = django_filters.CharFilter(method="filter_q", label="Search")

    class Meta:
        model = Point
        fields = ["region", "meridian", "symptom", "category", "q"]

    FACETS = ("region", "meridian", "symptom", "category")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The meridians once for the form and the facets, not once each time they are read.
        self.meridians = list(Meridian.objects.all())
        self.filters["meridian"].extra["choices"] = meridian_choices(self.meridians)

    @cached_property
    def search(self):
        """The ``q`` parameter, read once for the filter and the ranking."""
        self.form.is_valid()
        return SearchQuery.parse(self.form.cleaned_data.get("q"))

    def filter_q(self, queryset, name, value):
        return queryset.filter(pk__in=Point.objects.matching(self.search).values("pk"))

    def selected(self, name):
        """The valid values chosen for one parameter (model instances or region keys)."""
        self.form.is_valid()
        return list(self.form.cleaned_data.get(name) or [])

    def narrowed_without(self, *names):
        """Whether any parameter but ``names`` narrows the points down."""
        self.form.is_valid()
        return any(value for name, value in self.form.cleaned_data.items() if name not in names)

    def filtered_without(self, *names):
        """Points selected by every parameter but ``names``."""
        self.form.is_valid()
        queryset = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name not in names:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def results(self):
        """The filtered points: those treating most of the chosen symptoms first, then
        exact matches of the search words, then in the meridians' order."""
        symptoms = self.selected("symptom")
        queryset = self.qs.for_cards()
        order = channel_order()
        if self.search:
            queryset = queryset.with_search_rank(self.search)
            order.insert(0, "rank")
        if symptoms:
            # Each point also carries which of the chosen symptoms it treats.
            queryset = queryset.listed_for(symptoms, sources=False)
            order.insert(0, "-matched")
        return queryset.order_by(*order)

    def facets(self):
        return Facets.count(self)


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool

    def in_facet(self):
        """The order of a long facet: chosen ones first, then A to Z."""
        return (not self.selected, self.label)


@dataclass
class Facets:
    region: list
    meridian: list
    symptom: list
    category: list
    total: int
    more_symptoms: bool = False

    SYMPTOMS_SHOWN = 25  # the commonest under the selection, plus the chosen ones

    @classmethod
    def symptom_options(cls, filterset):
        """The chosen symptoms, then the commonest under the other parameters, A to Z; and
        whether there are more. With no other parameter, the commonest are read off the
        index of ``Indication.point_count``; with some, counted over the links of the
        points they select, in one query whose first rows are the chosen symptoms."""
        chosen = filterset.selected("symptom")
        if not filterset.narrowed_without("symptom"):
            rows = Indication.objects.exclude(pk__in=[s.pk for s in chosen]).filter(
                point_count__gt=0
            )
            rows = list(rows.most_common(cls.SYMPTOMS_SHOWN + 1))
            options = [
                Option(s.slug, s.name, s.point_count, s in chosen)
                for s in [*chosen, *rows[: cls.SYMPTOMS_SHOWN]]
            ]
            return sorted(options, key=Option.in_facet), len(rows) > cls.SYMPTOMS_SHOWN
        shown = cls.SYMPTOMS_SHOWN + len(chosen)
        base = filterset.filtered_without("symptom").values("pk")
        chosen_first = Case(When(indication__in=chosen, then=Value(1)), default=Value(0))
        # Counted by the indication's id alone, over the index of the points' links (ties in
        # the order of the ids); then the names of the few shown, rather than a join of
        # every link to its indication.
        rows = list(
            Point.indications.through.objects.filter(point__in=base)
            .values("indication")
            .annotate(n=Count("*"), chosen=chosen_first)
            .order_by("-chosen", "-n", "indication")[: shown + 1]
        )
        counts = {r["indication"]: r["n"] for r in rows}
        others = [r["indication"] for r in rows[:shown] if not r["chosen"]]
        names = Indication.objects.in_bulk(others) if others else {}
        options = [Option(s.slug, s.name, counts.get(s.pk, 0), True) for s in chosen]
        options += [Option(names[pk].slug, names[pk].name, counts[pk], False) for pk in others]
        return sorted(options, key=Option.in_facet), len(rows) > shown

    @classmethod
    def count(cls, filterset):
        regions = set(filterset.selected("region"))
        meridians = set(filterset.selected("meridian"))  # codes in lower case, "ex" too
        categories = {c.slug for c in filterset.selected("category")}

        # Region and meridian at once: one count for each pair, over the points the other
        # parameters select (the extra points as meridian "ex"). A point has one region
        # and one meridian, so both facets and the total are sums over this table. The
        # other parameters are subqueries, not joins: each point is counted once.
        rows = (
            filterset.filtered_without("region", "meridian")
            .values("meridian", "region")
            .annotate(n=Count("*"))
            .order_by()
        )
        codes = {m.pk: m.code.lower() for m in filterset.meridians}
        counts = {(codes.get(r["meridian"], EXTRA), r["region"]): r["n"] for r in rows}
        table = filterset.filters["meridian"].field.choices
        chosen_meridians = [code for code, _label in table if not meridians or code in meridians]
        chosen_regions = [r for r in Point.Region.values if not regions or r in regions]
        region_options = [
            Option(
                value,
                label,
                sum(counts.get((code, value), 0) for code in chosen_meridians),
                value in regions,
            )
            for value, label in Point.Region.choices
        ]
        meridian_options = [
            Option(
                code,
                label,
                sum(counts.get((code, region), 0) for region in chosen_regions),
                code in meridians,
            )
            for code, label in table
        ]
        total = sum(counts.get((m, r), 0) for m in chosen_meridians for r in chosen_regions)

        symptom_options, more_symptoms = cls.symptom_options(filterset)

        links = PointCategory.objects.filter(category=OuterRef("pk"))
        if filterset.narrowed_without("category"):
            links = links.filter(point__in=filterset.filtered_without("category").values("pk"))
        linked = links.order_by().values("category").annotate(n=Count("*")).values("n")
        category_rows = Category.objects.annotate(n=Coalesce(Subquery(linked), 0))
        category_options = [
            Option(c.slug, c.name, c.n, c.slug in categories) for c in category_rows
        ]
        return cls(
            region_options,
            meridian_options,
            symptom_options,
            category_options,
            total,
            more_symptoms,
        )
