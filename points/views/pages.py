"""The pages about the site: the sources, measuring in cun, robots.txt."""

from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from ..maps import cun_figure
from ..models import Point, Source, channel_order
from .common import (
    crumbs,
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
