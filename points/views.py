import csv
import difflib

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from .codes import codes_in_text, parse_code
from .filters import PointFilter
from .maps import REGION_VIEWS, build_map, cun_figure, views_of
from .models import Indication, Meridian, Point
from .params import bounded, refusal
from .text import squash_spaces

PER_PAGE = 100


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
            "common_symptoms": Indication.objects.most_common(12),
        },
    )


@require_safe
def region(request, region):
    if region not in Point.Region.values:
        raise Http404("No such region")
    label = Point.Region(region).label
    # Every point, in one query: the maps draw the meridians' other points too, for their lines.
    every_point = list(Point.objects.for_cards().in_seed_order())
    return render(
        request,
        "points/region.html",
        {
            "region": region,
            "region_label": label,
            "points": [point for point in every_point if point.region == region],
            "maps": [build_map(view, every_point, region=region) for view in REGION_VIEWS[region]],
            "breadcrumbs": crumbs(("Regions", None), (label, None)),
        },
    )


@require_safe
def point_detail(request, code):
    parsed = parse_code(code)
    if parsed and parsed.slug != code:
        return redirect("points:point", parsed.slug, permanent=True)
    point = Point.objects.for_detail().filter(slug=code).first() if parsed else None
    if point is None:
        return point_not_found(request, code, parsed)
    mentioned = {str(found) for _match, found in codes_in_text(point.location)}
    # The whole meridian in one query: the neighbours for the pager, the rest for the maps.
    meridian_points = list(point.meridian.points.order_by("number"))
    for other in meridian_points:
        other.meridian = point.meridian
    return render(
        request,
        "points/point_detail.html",
        {
            "point": point,
            "linked_points": Point.objects.in_bulk(mentioned, field_name="code"),
            "previous": next(
                (p for p in reversed(meridian_points) if p.number < point.number), None
            ),
            "next": next((p for p in meridian_points if p.number > point.number), None),
            "maps": [build_map(view, meridian_points, current=point) for view in views_of(point)],
            "related": Point.objects.for_cards().sharing_indications_with(point)[:8],
            "breadcrumbs": crumbs(
                (point.meridian.name, point.meridian.get_absolute_url()), (point.code, None)
            ),
        },
    )


def point_not_found(request, code, parsed):
    """A 404 that offers the points nearest to what was asked for."""
    points = list(Point.objects.for_cards())
    if parsed:
        same_channel = [p for p in points if p.meridian.code == parsed.channel]
        nearest = sorted(same_channel, key=lambda p: abs(p.number - parsed.number))[:5]
    else:
        by_key = {p.slug: p for p in points} | {p.pinyin.lower(): p for p in points}
        close = difflib.get_close_matches(code.lower(), by_key, n=5, cutoff=0.5)
        nearest = list(dict.fromkeys(by_key[key] for key in close))
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
def symptom_list(request):
    return render(
        request,
        "points/symptom_list.html",
        {
            "symptoms": Indication.objects.with_point_counts().order_by("name"),
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
    paginator = Paginator(filterset.results(), PER_PAGE)
    paginator.count = facets.total  # already counted with the facets: no second COUNT query
    page = paginator.get_page(params.data.get("page"))
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
    found += [("meridian", m.code.lower(), m.name) for m in filterset.selected("meridian")]
    found += [("symptom", s.slug, s.name) for s in filterset.selected("symptom")]
    found += [("category", c.slug, c.name) for c in filterset.selected("category")]
    if query := squash_spaces(filterset.form.cleaned_data.get("q")):
        found.append(("q", filterset.data.get("q"), f"“{query}”"))
    return found


EXPORT_FIELDS = [
    "code",
    "pinyin",
    "pinyin_tones",
    "chinese",
    "chinese_traditional",
    "english",
    "meridian",
    "region",
    "body_part",
    "location",
    "indications",
    "categories",
    "functions",
    "url",
]


def export_rows(request, params):
    filterset = PointFilter(params, queryset=Point.objects.all())
    points = filterset.results().prefetch_related("indications", Point.category_prefetch())
    for point in points:
        yield {
            "code": point.code,
            "pinyin": point.pinyin,
            "pinyin_tones": point.pinyin_tones,
            "chinese": point.chinese,
            "chinese_traditional": point.chinese_traditional,
            "english": point.english,
            "meridian": point.meridian.name,
            "region": point.region,
            "body_part": point.body_part,
            "location": point.location,
            "indications": [ind.name for ind in point.indications.all()],
            "categories": [str(link) for link in point.category_links.all()],
            "functions": point.functions,
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


def csv_cell(value):
    """A cell a spreadsheet shows as text: lists joined, formulas neutralised."""
    if isinstance(value, list):
        value = "; ".join(value)
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
    return render(
        request,
        "points/search.html",
        {
            "query": query,
            "points": Point.objects.for_cards().ranked_search(query) if query else [],
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
            .order_by("meridian__order", "number"),
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
