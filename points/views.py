import csv

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from .codes import codes_in_text, parse_code
from .filters import PointFilter
from .maps import REGION_VIEWS, build_map, cun_figure, views_of
from .models import Citation, Indication, Meridian, Point, Source, channel_order
from .params import bounded, refusal
from .references import References
from .text import squash_spaces

PER_PAGE = 100  # the filtered list: every real point on one page
REGION_PER_PAGE = 60  # every real region on one page (the side has the most, 50)
MAP_POINTS = 120  # drawn on a region's maps at most: the page's points and their channels
SEARCH_PER_PAGE = 20
SYMPTOMS_PER_PAGE = 120


def paginate(request, items, per_page=PER_PAGE, count=None):
    """One page of ``items`` (``count``: their number, when already known)."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count
    return paginator.get_page(request.GET.get("page"))


def crumbs(*items):
    """Breadcrumbs after Home: (label, url) pairs, the last one the page itself (url None)."""
    return [("Home", reverse("points:home")), *items]


@require_safe
def home(request):
    counts = dict(Point.objects.values_list("region").annotate(n=Count("pk")).order_by())
    regions = [(value, label, counts.get(value, 0)) for value, label in Point.Region.choices]
    return render(
        request,
        "points/home.html",
        {
            "regions": regions,
            "point_total": sum(counts.values()),
            "meridians": Meridian.objects.with_point_counts(),
            "extra_count": Point.objects.extra().count(),
            "common_symptoms": Indication.objects.most_common(12),
        },
    )


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
            "maps": [build_map(view, on_maps, region=region) for view in REGION_VIEWS[region]],
            "breadcrumbs": crumbs(("Regions", None), (label, None)),
        },
    )


@require_safe
def point_detail(request, code):
    parsed = parse_code(code)
    if parsed and parsed.slug != code:
        return redirect("points:point", parsed.slug, permanent=True)
    if parsed is None and (known := Point.objects.by_alias(code)):
        # Another source's code for the point (M-LE-16, Extra 36): its one address.
        return redirect(known, permanent=True)
    point = Point.objects.for_detail().filter(slug=code).first() if parsed else None
    if point is None:
        return point_not_found(request, code, parsed)
    texts = [point.location, *(other.text for other in point.other_locations.all())]
    mentioned = {str(found) for text in texts for _match, found in codes_in_text(text)}
    # The whole channel (or group) in one query: the neighbours for the pager, the rest for
    # the maps.
    group = Point.objects.extra() if point.is_extra else point.meridian.points.all()
    meridian_points = list(group.order_by("number"))
    for other in meridian_points:
        other.meridian = point.meridian
    return render(
        request,
        "points/point_detail.html",
        {
            "point": point,
            "references": References(point.citations.all()),
            "linked_points": Point.objects.in_bulk(mentioned, field_name="code"),
            "previous": next(
                (p for p in reversed(meridian_points) if p.number < point.number), None
            ),
            "next": next((p for p in meridian_points if p.number > point.number), None),
            "maps": [build_map(view, meridian_points, current=point) for view in views_of(point)],
            "related": Point.objects.for_cards().sharing_indications_with(point)[:8],
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


@require_safe
def meridian_list(request):
    return render(
        request,
        "points/meridian_list.html",
        {
            "meridians": Meridian.objects.prefetch_related("points"),
            "extra_points": Point.objects.extra().order_by("number"),
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
            "points": Point.objects.extra().for_cards().order_by("number"),
            "breadcrumbs": crumbs(
                ("Meridians", reverse("points:meridians")), ("Extra points", None)
            ),
        },
    )


@require_safe
def symptom_list(request):
    symptoms = Indication.objects.with_point_counts().order_by("name")
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


@require_safe
def point_list(request):
    params = bounded(request.GET)
    filterset = PointFilter(params.data, queryset=Point.objects.all())
    facets = filterset.facets()
    # Already counted with the facets: no second COUNT query.
    page = paginate(request, filterset.results(), count=facets.total)
    return render(
        request,
        "points/point_list.html",
        {
            "filter": filterset,
            "facets": facets,
            "page": page,
            "chips": chips(filterset),
            "symptom_total": len(filterset.selected("symptom")),
            "params": params.data,
            "notices": params.notices,
            "breadcrumbs": crumbs(("Points", None)),
        },
    )


def chips(filterset):
    """The active filters, each as (parameter, value, label) for a removable chip."""
    found = [("region", r, Point.Region(r).label) for r in filterset.selected("region")]
    names = dict(filterset.filters["meridian"].field.choices)
    found += [("meridian", code, names[code]) for code in filterset.selected("meridian")]
    found += [("symptom", s.slug, s.name) for s in filterset.selected("symptom")]
    found += [("category", c.slug, c.name) for c in filterset.selected("category")]
    if query := squash_spaces(filterset.form.cleaned_data.get("q")):
        found.append(("q", filterset.data.get("q"), f"“{query}”"))
    return found


EXPORT_FIELDS = [
    "code",
    "other_codes",
    "pinyin",
    "pinyin_tones",
    "chinese",
    "chinese_traditional",
    "english",
    "english_variants",
    "meridian",
    "region",
    "body_part",
    "location",
    "other_locations",
    "indications",
    "categories",
    "functions",
    "cautions",
    "citations",
    "url",
]


def citation_row(citation):
    """A citation as the exports give it: which fact, about what, which source, where in it."""
    item = citation.indication or citation.category or citation.caution or citation.other_location
    return {
        "fact": citation.fact,
        "about": str(item) if item else "",
        "source": citation.source.key,
        "locator": citation.locator,
    }


def export_rows(request, params):
    filterset = PointFilter(params, queryset=Point.objects.all())
    points = filterset.results().prefetch_related(
        "indications",
        Point.category_prefetch(),
        "cautions",
        "other_locations",
        Prefetch(
            "citations",
            queryset=Citation.objects.select_related(
                "source", "indication", "category", "caution", "other_location"
            ),
        ),
    )
    for point in points:
        yield {
            "code": point.code,
            "other_codes": point.other_code_list,
            "pinyin": point.pinyin,
            "pinyin_tones": point.pinyin_tones,
            "chinese": point.chinese,
            "chinese_traditional": point.chinese_traditional,
            "english": point.english,
            "english_variants": point.english_variant_list,
            "meridian": point.meridian.name if point.meridian else "Extra points",
            "region": point.region,
            "body_part": point.body_part,
            "location": point.location,
            "other_locations": [
                f"{other.text} ({other.difference})" if other.difference else other.text
                for other in point.other_locations.all()
            ],
            "indications": [ind.name for ind in point.indications.all()],
            "categories": [str(link) for link in point.category_links.all()],
            "functions": point.function_list,
            "cautions": [caution.text for caution in point.cautions.all()],
            "citations": [citation_row(citation) for citation in point.citations.all()],
            "url": request.build_absolute_uri(point.get_absolute_url()),
        }


@require_safe
def points_json(request):
    params = bounded(request.GET)
    if params.notices:
        return refusal()
    rows = list(export_rows(request, params.data))
    return JsonResponse(
        {
            "licence": "CC BY 4.0",
            "source": request.build_absolute_uri(reverse("points:about")),
            "count": len(rows),
            "points": rows,
        },
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )


def citation_text(row):
    """A citation in a CSV cell: ``indication Headache: deadman, LIV-3``."""
    about = " ".join(filter(None, [row["fact"], row["about"]]))
    source = ", ".join(filter(None, [row["source"], row["locator"]]))
    return f"{about}: {source}"


def csv_cell(value):
    """A cell a spreadsheet shows as text: lists joined, formulas neutralised."""
    if isinstance(value, list):
        value = "; ".join(citation_text(item) if isinstance(item, dict) else item for item in value)
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


@require_safe
def points_csv(request):
    params = bounded(request.GET)
    if params.notices:
        return refusal()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="legpoints.csv"'
    writer = csv.DictWriter(response, fieldnames=EXPORT_FIELDS)
    writer.writeheader()
    for row in export_rows(request, params.data):
        writer.writerow({key: csv_cell(value) for key, value in row.items()})
    return response


@require_safe
def search(request):
    params = bounded(request.GET)
    query = params.query
    if query and (point := Point.objects.exact_match(query)):
        return redirect(point)
    found = Point.objects.for_cards().ranked_search(query) if query else Point.objects.none()
    page = paginate(request, found, SEARCH_PER_PAGE)
    return render(
        request,
        "points/search.html",
        {
            "query": query,
            "page": page,
            "points": page.object_list,
            "symptoms": Indication.objects.matching(query)[:20] if query else [],
            "notices": params.notices,
            "breadcrumbs": crumbs(("Search", None)),
        },
    )


@require_safe
def about(request):
    return render(
        request,
        "points/about.html",
        {
            "corrected": Point.objects.for_cards()
            .exclude(corrections="")
            .order_by(*channel_order()),
            "sources": Source.objects.annotate(citation_count=Count("citations")),
            "breadcrumbs": crumbs(("About", None)),
        },
    )


@require_safe
def cun(request):
    return render(
        request,
        "points/cun.html",
        {
            "figure": cun_figure(),
            "breadcrumbs": crumbs(("Measuring in cun", None)),
        },
    )


@require_safe
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    # The admin's path is not named: a custom path is meant to stay unpublished.
    lines = ["User-agent: *", "Disallow:", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")
