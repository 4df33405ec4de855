"""Whole-page caching of the public site, invalidated the moment the content changes.

A page is cached under a key that holds the content stamp (the time of the last
edit), so an edit makes every earlier key unreachable; no list of pages to purge.
The stamp lives in the database, the one store every app server shares; when the
cache is Redis, it is kept there too, so a cached page costs no query at all.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

from .models import (
    Category,
    Caution,
    Citation,
    ContentStamp,
    Indication,
    Meridian,
    OtherLocation,
    Point,
    PointCategory,
    Source,
)

STAMP_KEY = "content-stamp"
CONTENT_MODELS = [
    Meridian,
    Category,
    Indication,
    Point,
    PointCategory,
    Caution,
    Source,
    Citation,
    OtherLocation,
]


def cache_is_shared():
    return "redis" in settings.CACHES["default"]["BACKEND"].lower()


def content_stamp():
    """The time of the last content change (the stamp row is made by a migration)."""
    if cache_is_shared() and (stamp := cache.get(STAMP_KEY)) is not None:
        return stamp
    stamp = ContentStamp.objects.values_list("changed_at", flat=True).first() or timezone.now()
    if cache_is_shared():
        cache.set(STAMP_KEY, stamp, None)
    return stamp


def content_changed(**kwargs):
    now = timezone.now()
    ContentStamp.objects.update_or_create(pk=1, defaults={"changed_at": now})
    if cache_is_shared():
        cache.set(STAMP_KEY, now, None)


def connect_signals():
    for model in CONTENT_MODELS:
        post_save.connect(content_changed, sender=model, dispatch_uid=f"stamp-save-{model}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"stamp-del-{model}")
    m2m_changed.connect(content_changed, sender=Point.indications.through, dispatch_uid="stamp-m2m")


class PublicPageCacheMiddleware:
    """Serve public GET pages from the cache, and mark them for revalidation.

    Only anonymous requests (no session cookie) to pages outside the admin are
    cached, and only responses that set no cookie and are not marked private.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def cacheable(self, request):
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in {"GET", "HEAD"}
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith((f"/{settings.ADMIN_PATH}", "/healthz"))
        )

    def __call__(self, request):
        if not self.cacheable(request):
            return self.get_response(request)
        stamp = content_stamp()
        key = f"page:{stamp.timestamp()}:{request.get_host()}:{request.get_full_path()}"
        response = cache.get(key)
        if response is None:
            response = self.get_response(request)
            if self.storable(response):
                self.mark(response, stamp)
                cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response

    @staticmethod
    def storable(response):
        return (
            response.status_code in {200, 301, 404}
            and not response.cookies
            and not response.streaming
            and "private" not in response.get("Cache-Control", "")
        )

    @staticmethod
    def mark(response, stamp):
        response["Last-Modified"] = http_date(stamp.timestamp())
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
