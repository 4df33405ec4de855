"""Which query parameters each page reads, and the normalised query a cached page is keyed by.

A page is cached under its path and only the parameters its view says it reads
(``params.reads``), each value
stripped, deduplicated and sorted; everything else in the query string is ignored,
so ``?x=1``, ``?x=2``… are the one page and fill no cache. The request the view sees
is given the same normalised query, so the page cached is the page its key names.
"""

import re
from functools import lru_cache

from django.http import QueryDict
from django.urls import Resolver404, resolve

from ..params import MAX_QUERY_CHARS, MAX_VALUES

PAGE_NUMBER = re.compile(r"0*([1-9][0-9]{0,3})")


@lru_cache(maxsize=512)
def parameters_read(path):
    """The query parameters the page at ``path`` reads, as its view declares them with
    ``params.reads`` (none for an unknown path or a view that declares none)."""
    try:
        match = resolve(path)
    except Resolver404:
        return ()
    return getattr(match.func, "query_parameters", ())


def clean_values(name, values):
    if name == "page":
        found = [PAGE_NUMBER.fullmatch(value.strip()) for value in values[:1]]
        return [m[1] for m in found if m and m[1] != "1"]
    cleaned = {" ".join(value.split())[:MAX_QUERY_CHARS] for value in values[:MAX_VALUES]}
    return sorted(value for value in cleaned if value)


def normalised_query(path, query):
    """The query string ``query`` reduced to what the page at ``path`` reads, sorted."""
    wanted = parameters_read(path)
    if not wanted or not query:
        return ""
    given = QueryDict(query)
    normal = QueryDict(mutable=True)
    for name in sorted(wanted):
        if values := clean_values(name, given.getlist(name)):
            normal.setlist(name, values)
    return normal.urlencode()


def normalise_request(request):
    """Give ``request`` its normalised query; return it."""
    query = normalised_query(request.path_info, request.META.get("QUERY_STRING", ""))
    if query != request.META.get("QUERY_STRING", ""):
        request.META["QUERY_STRING"] = query
        request.GET = QueryDict(query)
    return query
