"""The points as JSON and CSV, with the list's filters (rows: points/dataset/export.py)."""

import csv

from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from ..dataset.export import FIELDS, csv_row, point_row
from ..filters import PointFilter
from ..models import Point
from ..params import FILTERS, bounded, reads, refusal


def export_rows(request, params):
    points = PointFilter(params, queryset=Point.objects.all()).results().for_export()
    for point in points:
        yield point_row(point, request.build_absolute_uri(point.get_absolute_url()))


@reads(*FILTERS)
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
            "dataset": request.build_absolute_uri(reverse("points:data")),
            "count": len(rows),
            "points": rows,
        },
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )


@reads(*FILTERS)
@require_safe
def points_csv(request):
    params = bounded(request.GET)
    if params.notices:
        return refusal()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="legpoints.csv"'
    writer = csv.DictWriter(response, fieldnames=FIELDS)
    writer.writeheader()
    for row in export_rows(request, params.data):
        writer.writerow(csv_row(row))
    return response
