"""The points as JSON and CSV, with the list's filters."""

import csv

from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from ..filters import PointFilter
from ..models import Citation, Point
from ..params import bounded, refusal

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
