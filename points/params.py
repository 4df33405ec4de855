"""The query parameters of the list, its exports and the search, bounded in one place.

Every condition a search word adds costs the database a pass over the points, and
every value of a repeated parameter a lookup; a request with thousands of them could
keep a worker busy for seconds. So before anything reads them, the parameters are
normalised (spaces squashed, duplicates and empty values dropped, unknown names left
out) and cut to the limits below, and each cut is reported in a sentence the page
shows; the exports, whose rows must be exactly what was asked for, refuse instead.
"""

from dataclasses import dataclass, field

from django.http import HttpResponseBadRequest, QueryDict

from .text import squash_spaces

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 20
MAX_VALUES = 20  # per repeated parameter: symptom=…&symptom=…
MAX_VALUE_CHARS = 100  # the longest slug
REPEATED = {"region": "regions", "meridian": "meridians", "symptom": "symptoms"}
REPEATED |= {"category": "categories"}


FILTERS = (*REPEATED, "q")  # the list's parameters, which its exports read too


def reads(*names):
    """Declare, on a view, the query parameters it reads. The page cache keys the view's
    pages by these alone (``points/caching/keys.py``), so ``?utm=…`` and the like are one
    page; a view that declares none is cached as if it had no query string."""

    def declare(view):
        view.query_parameters = names
        return view

    return declare


@dataclass
class Params:
    data: QueryDict  # the bounded parameters, read-only
    notices: list = field(default_factory=list)  # what was cut, in plain words

    @property
    def query(self):
        return self.data.get("q", "")


def printable(text):
    """``text`` without control characters (a NUL byte cannot even be stored in PostgreSQL)."""
    return "".join(ch for ch in text if ch.isprintable() or ch.isspace())


def bounded(get):
    """The parameters of ``get`` (a QueryDict) within the limits, and what was cut."""
    data = QueryDict(mutable=True)
    notices = []
    query = squash_spaces(printable(get.get("q", "")))
    words = query.split(" ")
    if len(words) > MAX_QUERY_WORDS:
        query = " ".join(words[:MAX_QUERY_WORDS])
        notices.append(f"Only the first {MAX_QUERY_WORDS} words of the search were used.")
    if len(query) > MAX_QUERY_CHARS:
        query = query[:MAX_QUERY_CHARS].rstrip()
        notices.append(f"Only the first {MAX_QUERY_CHARS} characters of the search were used.")
    if query:
        data["q"] = query
    for name, plural in REPEATED.items():
        values = [printable(value).strip()[:MAX_VALUE_CHARS] for value in get.getlist(name)]
        values = list(dict.fromkeys(value for value in values if value))
        if len(values) > MAX_VALUES:
            values = values[:MAX_VALUES]
            notices.append(f"Only the first {MAX_VALUES} {plural} chosen were used.")
        if values:
            data.setlist(name, values)
    if page := printable(get.get("page", "")).strip()[:10]:
        data["page"] = page
    data._mutable = False
    return Params(data, notices)


def refusal():
    """A 400 for an export asked with more than the limits allow."""
    return HttpResponseBadRequest(
        f"This export was not made: a search may have at most {MAX_QUERY_WORDS} words and "
        f"{MAX_QUERY_CHARS} characters, and each filter at most {MAX_VALUES} values.\n",
        content_type="text/plain; charset=utf-8",
    )
