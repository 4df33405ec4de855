"""Whole-page caching of the public site, invalidated the moment the content changes.

A page is cached under a key that holds the content stamp (the time of the last
edit), so an edit makes every earlier key unreachable; no list of pages to purge.
Only anonymous GET and HEAD requests outside the admin are cached, and only 200s
and redirects that set no cookie, carry no CSRF token and are not marked private.

The pages most recently served are also kept in the process (hot.py), for the current
stamp only, so a hit on them costs no round trip to Redis. Each entry is stored once with
everything a hit needs: the body raw, gzipped and
in brotli, its headers, and its ETag and Last-Modified, so a hit compresses and
hashes nothing, and answers revalidation from the stored validators.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe, quote_etag

from .compress import ENCODINGS, STORED_QUALITY, accepted, compress, compress_response, compressible
from .hot import HOT
from .keys import adopt_query, page_key, request_query
from .stamp import content_stamp

STORED_STATUSES = {200, 301, 302, 307, 308}
REVALIDATION_HEADERS = ("Cache-Control", "ETag", "Last-Modified", "Vary", "Expires")


class Entry:
    """A cached page: status, headers, body in each encoding, and its validators."""

    __slots__ = ("status", "headers", "bodies", "etag", "modified")

    def __init__(self, status, headers, bodies, etag, modified):
        self.status, self.headers, self.bodies = status, headers, bodies
        self.etag, self.modified = etag, modified

    def __getstate__(self):
        return (self.status, self.headers, self.bodies, self.etag, self.modified)

    def __setstate__(self, state):
        self.status, self.headers, self.bodies, self.etag, self.modified = state

    @classmethod
    def from_response(cls, response, stamp):
        modified = int(stamp.timestamp())
        response["Last-Modified"] = http_date(modified)
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        raw = response.content
        bodies = {"": raw}
        if compressible(response):
            patch_vary_headers(response, ("Accept-Encoding",))
            bodies |= {e: compress(raw, e, STORED_QUALITY[e]) for e in ENCODINGS}
        # Weak: the same page in any of its encodings.
        etag = "W/" + quote_etag(hashlib.md5(raw, usedforsecurity=False).hexdigest())
        response["ETag"] = etag
        headers = tuple((k, v) for k, v in response.items() if k != "Content-Length")
        return cls(response.status_code, headers, bodies, etag, modified)

    def not_modified(self, request):
        if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
        if if_none_match is not None:
            tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
            return "*" in tags or self.etag.removeprefix("W/") in tags
        since = request.META.get("HTTP_IF_MODIFIED_SINCE")
        since = since and parse_http_date_safe(since)
        return bool(since) and self.modified <= since

    def respond(self, request):
        if self.status == 200 and self.not_modified(request):
            response = HttpResponseNotModified()
            for name, value in self.headers:
                if name in REVALIDATION_HEADERS:
                    response[name] = value
            return response
        encoding = accepted(request) if len(self.bodies) > 1 else ""
        body = self.bodies.get(encoding, self.bodies[""])
        response = HttpResponse(body, status=self.status)
        for name, value in self.headers:
            response[name] = value
        if encoding:
            response["Content-Encoding"] = encoding
        response["Content-Length"] = str(len(body))
        return response


class PublicPageCacheMiddleware:
    """Serve public GET pages from the cache, compressed for clients that accept it."""

    def __init__(self, get_response):
        self.get_response = get_response

    @staticmethod
    def public(request):
        return (
            request.method in {"GET", "HEAD"}
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith((f"/{settings.ADMIN_PATH}", "/healthz"))
        )

    def __call__(self, request):
        if not self.public(request):
            return self.get_response(request)
        if settings.PAGE_CACHE_SECONDS <= 0:
            return self.uncached(request)
        query = request_query(request)
        if query is None:  # beyond the limits: the view says what it cut, uncached
            return self.uncached(request)
        stamp = content_stamp()
        key = page_key(stamp, request.get_host(), request.path, query)
        entry = HOT.get(stamp, key)
        if entry is None:
            entry = cache.get(key)
            if entry is None:
                adopt_query(request, query)
                response = self.get_response(request)
                if not self.storable(request, response):
                    return self.finish(request, response)
                entry = Entry.from_response(response, stamp)
                cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
            HOT.put(stamp, key, entry, settings.PAGE_CACHE_SECONDS)
        return entry.respond(request)

    def uncached(self, request):
        return self.finish(request, self.get_response(request))

    def finish(self, request, response):
        """An uncached response: compressed for this client when that is safe."""
        if self.safe(request, response):
            compress_response(request, response)
        return response

    @staticmethod
    def safe(request, response):
        """Whether the response holds nothing secret, so may be compressed (BREACH)."""
        return (
            not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and "private" not in response.get("Cache-Control", "")
        )

    def storable(self, request, response):
        return (
            response.status_code in STORED_STATUSES
            and not response.streaming
            and "no-store" not in response.get("Cache-Control", "")
            and self.safe(request, response)
        )
