"""The error pages: the site's own 400, 403, 404 and 500, and a plain 503 when the
database does not answer."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.csrf import requires_csrf_token


def bad_request(request, exception):
    """The 400 page, made without the request: a request can be bad because of its Host
    header, and anything that asked for the host again would raise a second time (a 500)."""
    return HttpResponseBadRequest(render_to_string("400.html"))


def permission_denied(request, exception):
    return render(request, "403.html", status=403)


@requires_csrf_token
def server_error(request):
    """A 503 that says the data is out of reach when the database is down, else a 500.

    Nothing of the failure is kept: the next request tries the database again,
    so the site recovers by itself when the database returns.
    """
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)) and "locked" not in str(error):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(render_to_string("500.html"))
