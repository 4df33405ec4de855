"""Corrections from readers: the form, the thanks, and a page for each refusal.

None of these pages is cached (never_cache marks them private and no-store, which the
page cache neither stores nor compresses), and nothing a reader sends is shown here.
"""

from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from ..forms import HONEYPOT, SuggestionForm
from ..models import Point
from ..models.suggestions import current_value
from ..ratelimits import suggestion_limit
from .common import crumbs
from .point import group_crumb

MAX_BODY = 64 * 1024  # bytes: the longest fields, in Chinese characters, URL-encoded

REFUSALS = {
    "too-large": (
        400,
        "Your suggestion is too long",
        "What you sent is larger than this form takes, so nothing was kept. Shorten it and "
        "send it again.",
    ),
    "honeypot": (
        400,
        "Your suggestion was not sent",
        "A field that people leave empty (it is hidden on the page) was filled in, which is "
        "what automatic spam does, so nothing was kept. If you filled the form in yourself, "
        "go back, leave that field empty and send it again.",
    ),
    "too-many": (
        429,
        "Too many suggestions from your address",
        "This address has sent as many suggestions as it may for now, so this one was not kept.",
    ),
    "unavailable": (
        503,
        "Suggestions cannot be taken just now",
        "The site cannot count submissions at the moment, so it is not taking any, and this "
        "one was not kept. Please try again in a few minutes.",
    ),
}


def point_crumbs(point, *more):
    return crumbs(group_crumb(point), (point.code, point.get_absolute_url()), *more)


def suggested_point(code):
    return get_object_or_404(Point.objects.select_related("meridian"), slug=code)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def suggest(request, code):
    point = suggested_point(code)
    if request.method != "POST":
        return form_page(request, point, SuggestionForm())
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY:
        return refused(request, point, "too-large")
    limit, wait = suggestion_limit(request)
    if limit != "ok":
        return refused(request, point, "too-many" if limit == "over" else "unavailable", wait)
    if request.POST.get(HONEYPOT):
        return refused(request, point, "honeypot")
    form = SuggestionForm(request.POST)
    if not form.is_valid():
        return form_page(request, point, form, status=400)
    detail = Point.objects.for_detail().get(pk=point.pk)
    form.save_for(point, current_value(detail, form.cleaned_data["field"]))
    return redirect("points:suggest-thanks", point.slug)


def form_page(request, point, form, status=200):
    return render(
        request,
        "points/suggest.html",
        {
            "point": point,
            "form": form,
            "honeypot": HONEYPOT,
            "breadcrumbs": point_crumbs(point, ("Suggest a correction", None)),
        },
        status=status,
    )


def refused(request, point, why, wait=0):
    """The page for a refusal; ``wait``: seconds until the client may try again."""
    status, title, message = REFUSALS[why]
    response = render(
        request,
        "points/suggest_refused.html",
        {
            "point": point,
            "title": title,
            "message": message,
            "wait_minutes": -(-wait // 60),
            "breadcrumbs": point_crumbs(point, ("Suggest a correction", None)),
        },
        status=status,
    )
    if status in {429, 503}:
        response["Retry-After"] = str(wait or 60)
    return response


@never_cache
@require_safe
def suggest_thanks(request, code):
    point = suggested_point(code)
    return render(
        request,
        "points/suggest_thanks.html",
        {"point": point, "breadcrumbs": point_crumbs(point, ("Thank you", None))},
    )
