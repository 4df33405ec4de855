"""The error pages: the site's own 400, 403, 404 and 500, and a plain 503 when the
database does not answer."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.csrf import requires_csrf_token


def bad_request(request, exception):
    return render(request, "400.html", status=400)


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
