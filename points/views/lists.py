"""The filtered list of points and the search."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from ..filters import PointFilter
from ..models import Indication, Point
from ..params import FILTERS, bounded, reads
from ..search import SearchQuery
from .common import SEARCH_PER_PAGE, SEARCH_RANKED, crumbs, paginate

SYMPTOMS_SHOWN = 20  # beside a search's points: the commonest symptoms it names


@reads(*FILTERS, "page")
@require_safe
def point_list(request):
    params = bounded(request.GET)
    filterset = PointFilter(params.data, queryset=Point.objects.all())
    facets = filterset.facets()
    # Already counted with the facets: no second COUNT query.
    page = paginate(request, filterset.results(), count=facets.total)
    return render(
        request,
        "points/point_list.html",
        {
            "filter": filterset,
            "facets": facets,
            "page": page,
            "chips": chips(filterset),
            "symptom_total": len(filterset.selected("symptom")),
            "params": params.data,
            "notices": params.notices,
            "breadcrumbs": crumbs(("Points", None)),
        },
    )


def chips(filterset):
    """The active filters, each as (parameter, value, label) for a removable chip."""
    found = [("region", r, Point.Region(r).label) for r in filterset.selected("region")]
    names = dict(filterset.filters["meridian"].field.choices)
    found += [("meridian", code, names[code]) for code in filterset.selected("meridian")]
    found += [("symptom", s.slug, s.name) for s in filterset.selected("symptom")]
    found += [("category", c.slug, c.name) for c in filterset.selected("category")]
    if query := filterset.search.text:
        found.append(("q", filterset.data.get("q"), f"“{query}”"))
    return found


@reads("q", "page")
@require_safe
def search(request):
    params = bounded(request.GET)
    query = SearchQuery.parse(params.query)  # read once for the redirect and the results
    if query and (point := Point.objects.exact_match(query)):
        return redirect(point)
    # The points found first (one more than are ranked, to tell if there are more), in one
    # query; then the page of them, ranked.
    ids = list(Point.objects.search_candidates(query, SEARCH_RANKED + 1)) if query else []
    found = Point.objects.for_cards().ranked_search(query, among=ids)
    total = len(ids)
    page = paginate(request, found, SEARCH_PER_PAGE, count=min(total, SEARCH_RANKED))
    return render(
        request,
        "points/search.html",
        {
            "query": query.text,
            "page": page,
            "points": page.object_list,
            "more": total > SEARCH_RANKED,
            "symptoms": Indication.objects.matching(query.text).commonest_by_name(SYMPTOMS_SHOWN)
            if query
            else [],
            "notices": params.notices,
            "breadcrumbs": crumbs(("Search", None)),
        },
    )
