"""The dataset: its page with the versions and their changes, the Data Package descriptor,
and each version's frozen files."""

import json

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from ..dataset.cite import Citation
from ..dataset.publish import DESCRIPTOR
from ..models import DatasetFile, DatasetVersion
from ..params import reads
from .common import crumbs, paginate

VERSIONS_PER_PAGE = 10
IMMUTABLE = "public, max-age=31536000, immutable"


@reads("page")
@require_safe
def data(request):
    versions = paginate(request, DatasetVersion.objects.all(), VERSIONS_PER_PAGE)
    latest = DatasetVersion.objects.latest_published()
    files = (
        DatasetFile.objects.filter(version=latest).defer("content").select_related("version")
        if latest
        else []
    )
    return render(
        request,
        "points/data.html",
        {
            "latest": latest,
            "files": files,
            "versions": versions,
            "citation": latest
            and Citation(latest, request.build_absolute_uri(reverse("points:data"))),
            "breadcrumbs": crumbs(("Data", None)),
        },
    )


def no_version():
    return JsonResponse(
        {"error": "No version of the dataset has been published yet."},
        status=404,
    )


@require_safe
def datapackage(request):
    """The latest version's descriptor, its files' paths relative to this address."""
    latest = DatasetVersion.objects.latest_published()
    frozen = latest and latest.files.filter(name=DESCRIPTOR).first()
    if not frozen:
        return no_version()
    package = json.loads(bytes(frozen.content))
    for resource in package["resources"]:
        path = reverse("points:data_file", args=[latest.number, resource["path"]])
        resource["path"] = path.lstrip("/")
    package["homepage"] = request.build_absolute_uri(reverse("points:data"))
    return JsonResponse(package, json_dumps_params={"ensure_ascii": False, "indent": 1})


@require_safe
def data_file(request, version, name):
    """A frozen file of a version, byte for byte as when it was published."""
    frozen = get_object_or_404(
        DatasetFile.objects.select_related("version"), version__number=version, name=name
    )
    if name.endswith(".json"):
        kind = "application/json"
    elif name.endswith(".csv"):
        kind = "text/csv; charset=utf-8"
    else:
        raise Http404
    response = HttpResponse(bytes(frozen.content), content_type=kind)
    response["ETag"] = f'"{frozen.sha256}"'
    response["Cache-Control"] = IMMUTABLE
    if name.endswith(".csv"):
        response["Content-Disposition"] = (
            f'attachment; filename="legpoints-{frozen.version.number}-{name}"'
        )
    return response
