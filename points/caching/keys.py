"""Which query parameters each page reads, and the normalised query a cached page is keyed by.

A page is cached under its path and only the parameters its view says it reads
(``params.reads``), each value
stripped, deduplicated and sorted; everything else in the query string is ignored,
so ``?x=1``, ``?x=2``… are the one page and fill no cache. The request the view sees
is given the same normalised query, so the page cached is the page its key names.

A query beyond the limits of ``params.py`` (a longer search, more values of a filter) is
not cached at all, and reaches its view as it came: the view cuts it and says so, or
refuses it (the exports' 400), exactly as with the cache off.
"""

import hashlib
import re
from functools import lru_cache

from django.http import QueryDict
from django.urls import Resolver404, resolve

from ..params import MAX_QUERY_CHARS, MAX_QUERY_WORDS, MAX_VALUES

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
    return sorted({" ".join(value.split()) for value in values} - {""})


def within_limits(name, values):
    if name == "q":
        return all(len(q) <= MAX_QUERY_CHARS and len(q.split()) <= MAX_QUERY_WORDS for q in values)
    return len(values) <= MAX_VALUES


@lru_cache(maxsize=256)
def normalised_query(path, query):
    """The query string ``query`` reduced to what the page at ``path`` reads, sorted;
    ``None`` when it goes beyond the limits (such a page is not cached). Remembered for the
    most recent queries: a cached page's hit would otherwise spend a third of its time
    here, parsing and encoding the same query again."""
    wanted = parameters_read(path)
    if not wanted or not query:
        return ""
    given = QueryDict(query)
    normal = QueryDict(mutable=True)
    for name in sorted(wanted):
        if values := clean_values(name, given.getlist(name)):
            if not within_limits(name, values):
                return None
            normal.setlist(name, values)
    return normal.urlencode()


def request_query(request):
    """``request``'s query string normalised for its page (``None`` beyond the limits)."""
    return normalised_query(request.path_info, request.META.get("QUERY_STRING", ""))


def adopt_query(request, query):
    """Give ``request`` its normalised ``query`` before its view sees it. Only a page not
    yet cached needs it: a hit never parses the query again."""
    if query != request.META.get("QUERY_STRING", ""):
        request.META["QUERY_STRING"] = query
        request.GET = QueryDict(query)


def page_key(stamp, host, path, query):
    """The cache key of a page: the content stamp, then a digest of where the page is
    (so that a key stays short whatever the query)."""
    address = f"{host}{path}?{query}".encode()
    return f"page:{stamp.timestamp()}:{hashlib.sha256(address).hexdigest()}"
