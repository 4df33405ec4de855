from django.core.cache import cache
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .database import database_answers


@never_cache
@require_safe
def healthz(request):
    """The state of the database and the cache, for a load balancer or a monitor.

    200 when the database answers (the site can serve without a cache); 503 when it does not.
    """
    database = "ok" if database_answers() else "unavailable"
    # "local" in-process; Redis: "ok", "unavailable", or "tripped" (skipped for a few
    # seconds after a failure: see points/cache.py).
    state = getattr(cache, "state", None)
    cache_state = "local" if state is None else state()
    status = 200 if database == "ok" else 503
    return JsonResponse({"database": database, "cache": cache_state}, status=status)
