"""Browsing: the home page, the regions, the meridians and the extra points, the symptoms."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from ..caching.fragments import LazyMaps
from ..maps import REGION_VIEWS, build_map
from ..models import Indication, Meridian, Point
from ..params import reads
from .common import (
    MAP_POINTS,
    REGION_PER_PAGE,
    SYMPTOMS_PER_PAGE,
    crumbs,
    paginate,
)


@require_safe
def home(request):
    tally = Point.objects.tally()
    regions = [(value, label, tally.regions[value]) for value, label in Point.Region.choices]
    return render(
        request,
        "points/home.html",
        {
            "regions": regions,
            "point_total": tally.regions.total(),
            "meridians": Meridian.objects.counted(tally.channels),
            "extra_count": tally.channels[None],
            "common_symptoms": Indication.objects.most_common(12),
        },
    )


@reads("page")
@require_safe
def region(request, region):
    if region not in Point.Region.values:
        raise Http404("No such region")
    label = Point.Region(region).label
    points = Point.objects.for_cards().filter(region=region).in_seed_order()
    page = paginate(request, points, REGION_PER_PAGE)
    # The maps draw the meridians' points of other regions too, for their lines.
    on_maps = Point.objects.for_cards().drawn_with(page.object_list, MAP_POINTS)
    return render(
        request,
        "points/region.html",
        {
            "region": region,
            "region_label": label,
            "page": page,
            "points": page.object_list,
            "maps": LazyMaps(
                REGION_VIEWS[region],
                on_maps,
                lambda views: [build_map(view, on_maps, region=region) for view in views],
                of=("region", region),
            ),
            "breadcrumbs": crumbs(("Regions", None), (label, None)),
        },
    )


@require_safe
def meridian_list(request):
    return render(
        request,
        "points/meridian_list.html",
        {
            "meridians": Meridian.objects.prefetch_related("points"),
            "extra_points": Point.objects.extra_points().order_by("number"),
            "breadcrumbs": crumbs(("Meridians", None)),
        },
    )


@require_safe
def meridian_detail(request, slug):
    meridian = get_object_or_404(Meridian, slug=slug)
    return render(
        request,
        "points/meridian_detail.html",
        {
            "meridian": meridian,
            "points": meridian.points.order_by("number"),
            "breadcrumbs": crumbs(
                ("Meridians", reverse("points:meridians")), (meridian.name, None)
            ),
        },
    )


@require_safe
def extra_points(request):
    """The extra points of the leg: a group of their own, not a channel."""
    return render(
        request,
        "points/extra_points.html",
        {
            "points": Point.objects.extra_points().for_cards().order_by("number"),
            "breadcrumbs": crumbs(
                ("Meridians", reverse("points:meridians")), ("Extra points", None)
            ),
        },
    )


@reads("page")
@require_safe
def symptom_list(request):
    symptoms = Indication.objects.order_by("name")
    page = paginate(request, symptoms, SYMPTOMS_PER_PAGE)
    return render(
        request,
        "points/symptom_list.html",
        {
            "page": page,
            "symptoms": page.object_list,
            "breadcrumbs": crumbs(("Symptoms", None)),
        },
    )


@require_safe
def symptom_detail(request, slug):
    symptom = get_object_or_404(Indication, slug=slug)
    return render(
        request,
        "points/symptom_detail.html",
        {
            "symptom": symptom,
            "points": symptom.points.for_cards().in_region_order(),
            "related": Indication.objects.related_to(symptom)[:12],
            "breadcrumbs": crumbs(("Symptoms", reverse("points:symptoms")), (symptom.name, None)),
        },
    )
