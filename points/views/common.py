"""What the views share: paging and breadcrumbs."""

from django.core.paginator import Paginator
from django.urls import reverse

PER_PAGE = 100  # the filtered list: every real point on one page


REGION_PER_PAGE = 60  # every real region on one page (the side has the most, 50)


MAP_POINTS = 120  # drawn on a region's maps at most: the page's points and their channels


SEARCH_PER_PAGE = 20


SEARCH_RANKED = 200  # points the search ranks at most: ten pages; the list filters the rest


SYMPTOMS_PER_PAGE = 120


def paginate(request, items, per_page=PER_PAGE, count=None):
    """One page of ``items`` (``count``: their number, when already known)."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count
    return paginator.get_page(request.GET.get("page"))


def crumbs(*items):
    """Breadcrumbs after Home: (label, url) pairs, the last one the page itself (url None)."""
    return [("Home", reverse("points:home")), *items]
