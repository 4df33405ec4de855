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
from django.db.models import Case, Count, Q, Value, When

from .models import Category, Indication, Meridian, Point, channel_order
from .search import SearchQuery

# The meridian facet's value for the extra points, which belong to no channel.
EXTRA = "ex"


def meridian_choices():
    """The six channels by their codes in lower case (``st``), and the extra points."""
    channels = [(m.code.lower(), m.name) for m in Meridian.objects.all()]
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


class PointFilter(django_filters.FilterSet):
    region = django_filters.MultipleChoiceFilter(
        choices=Point.Region.choices, widget=forms.CheckboxSelectMultiple
    )
    # The lookups name the field that to_field_name reads, so that each value
    # filters by its slug or code.
    meridian = MeridianFilter(choices=meridian_choices, widget=forms.CheckboxSelectMultiple)
    symptom = django_filters.ModelMultipleChoiceFilter(
        field_name="indications__slug",
        queryset=Indication.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        distinct=True,
    )
    category = django_filters.ModelMultipleChoiceFilter(
        field_name="categories__slug",
        queryset=Category.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        distinct=True,
    )
    q = django_filters.CharFilter(method="filter_q", label="Search")

    class Meta:
        model = Point
        fields = ["region", "meridian", "symptom", "category", "q"]

    FACETS = ("region", "meridian", "symptom", "category")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The meridians once for the form and the facets, not once each time they are read.
        self.filters["meridian"].extra["choices"] = meridian_choices()

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
            queryset = queryset.listed_for(symptoms)
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
    def count(cls, filterset):
        regions = set(filterset.selected("region"))
        meridians = set(filterset.selected("meridian"))  # codes in lower case, "ex" too
        symptoms = {s.slug for s in filterset.selected("symptom")}
        categories = {c.slug for c in filterset.selected("category")}

        # Region and meridian at once: one count for each pair, over the points the other
        # parameters select (the extra points as meridian "ex"). A point has one region
        # and one meridian, so both facets and the total are sums over this table.
        rows = (
            filterset.filtered_without("region", "meridian")
            .values("meridian__code", "region")
            .annotate(n=Count("pk", distinct=True))
            .order_by()
        )
        counts = {((r["meridian__code"] or EXTRA).lower(), r["region"]): r["n"] for r in rows}
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

        base = filterset.filtered_without("symptom").values("pk")
        # The chosen symptoms, then the commonest; one row more than shown says if more exist.
        shown = cls.SYMPTOMS_SHOWN + len(symptoms)
        symptom_rows = list(
            Indication.objects.annotate(
                n=Count("points", filter=Q(points__in=base)),
                chosen=Case(When(slug__in=symptoms, then=Value(1)), default=Value(0)),
            )
            .filter(Q(n__gt=0) | Q(slug__in=symptoms))
            .order_by("-chosen", "-n", "name")[: shown + 1]
        )
        more_symptoms = len(symptom_rows) > shown
        symptom_options = [
            Option(i.slug, i.name, i.n, i.slug in symptoms) for i in symptom_rows[:shown]
        ]
        # Chosen ones first, then A to Z.
        symptom_options.sort(key=lambda option: (not option.selected, option.label))

        base = filterset.filtered_without("category").values("pk")
        category_rows = Category.objects.annotate(n=Count("points", filter=Q(points__in=base)))
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
