"""The symptom finder."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..finder import Finder
from ..params import bounded, reads
from .common import crumbs


@reads("symptom", "q")
@require_safe
def finder(request):
    params = bounded(request.GET)
    found = Finder(params)
    return render(
        request,
        "points/finder.html",
        {
            "finder": found,
            "params": params.data,
            "notices": found.notices,
            "breadcrumbs": crumbs(("Symptom finder", None)),
        },
    )
