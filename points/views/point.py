"""A point's page, and the 404 that offers the nearest points."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from ..caching.fragments import LazyMaps
from ..codes import codes_in_text, parse_code
from ..dataset.cite import Citation, point_json_ld
from ..maps import point_maps, views_of
from ..models import DatasetVersion, Point
from ..models.suggestions import change_dates
from .common import crumbs
from .guide import pressing_of


@require_safe
def point_detail(request, code):
    parsed = parse_code(code)
    if parsed and parsed.slug != code:
        return redirect("points:point", parsed.slug, permanent=True)
    if parsed is None and (known := Point.objects.by_alias(code)):
        # Another source's code for the point (M-LE-16, Extra 36): its one address.
        return redirect(known, permanent=True)
    point = (
        Point.objects.for_detail().annotate(**change_dates()).filter(slug=code).first()
        if parsed
        else None
    )
    if point is None:
        return point_not_found(request, code, parsed)
    texts = [point.location, *(other.text for other in point.other_locations.all())]
    mentioned = {str(found) for text in texts for _match, found in codes_in_text(text)}
    # The whole channel (or group) and the points the locations name, in one query: the
    # neighbours for the pager, the rest for the maps.
    found = list(Point.objects.channel_and_named(point, mentioned))
    meridian_points = [other for other in found if other.meridian_id == point.meridian_id]
    for other in meridian_points:
        other.meridian = point.meridian
    url = request.build_absolute_uri(point.get_absolute_url())
    version = DatasetVersion.objects.latest_published()
    return render(
        request,
        "points/point_detail.html",
        {
            "point": point,
            **pressing_of(point, point.citations.all()),
            "linked_points": {other.code: other for other in found if other.code in mentioned},
            "previous": next(
                (p for p in reversed(meridian_points) if p.number < point.number), None
            ),
            "next": next((p for p in meridian_points if p.number > point.number), None),
            "maps": LazyMaps(
                views_of(point),
                meridian_points,
                lambda names: point_maps(point, meridian_points, names),
                of=("current", point),
            ),
            "related": Point.objects.for_cards().sharing_indications_with(point)[:8],
            "citation": version and Citation(version, url, point),
            "json_ld": point_json_ld(
                point, url, request.build_absolute_uri(reverse("points:data"))
            ),
            "breadcrumbs": crumbs(group_crumb(point), (point.code, None)),
        },
    )


def group_crumb(point):
    """The breadcrumb of a point's channel, or of the extra points."""
    if point.is_extra:
        return ("Extra points", reverse("points:extra"))
    return (point.meridian.name, point.meridian.get_absolute_url())


def point_not_found(request, code, parsed):
    """A 404 that offers the points nearest to what was asked for."""
    points = Point.objects.for_cards()
    if parsed:
        nearest = points.nearest_numbers(parsed.channel, parsed.number)[:5]
    else:
        nearest = points.names_like(code)
    return render(
        request,
        "points/point_not_found.html",
        {
            "asked": str(parsed) if parsed else code,
            "nearest": nearest,
            "breadcrumbs": crumbs(("Points", reverse("points:list")), ("Not found", None)),
        },
        status=404,
    )
