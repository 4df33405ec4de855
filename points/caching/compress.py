"""gzip and brotli for public pages, and which of them a client accepts.

Only responses that hold no secret are compressed (BREACH): public pages for
anonymous visitors, never the admin nor a page that carries a CSRF token or a cookie.
"""

import gzip

import brotli
from django.utils.cache import patch_vary_headers

MIN_SIZE = 200  # bytes: smaller bodies gain nothing
TEXT_TYPES = ("text/", "application/json", "application/xml", "image/svg+xml")
ENCODINGS = ("br", "gzip")  # in order of preference
# Once, when a page is cached: brotli 10 makes a map page about a tenth smaller than 9 for
# about the same time (some 20-40 ms for a 60 KB page); 11 takes three times as long.
STORED_QUALITY = {"br": 10, "gzip": 9}
FAST_QUALITY = {"br": 4, "gzip": 6}  # on every uncached response


def compressible(response):
    return (
        not response.streaming
        and not response.has_header("Content-Encoding")
        and response.get("Content-Type", "").startswith(TEXT_TYPES)
        and len(response.content) >= MIN_SIZE
    )


def compress(body, encoding, quality):
    if encoding == "br":
        return brotli.compress(body, quality=quality)
    return gzip.compress(body, compresslevel=quality, mtime=0)


def accepted(request):
    """The preferred encoding the client accepts ("br", "gzip") or "" for none."""
    header = request.META.get("HTTP_ACCEPT_ENCODING", "")
    if not header:
        return ""
    allowed = set()
    for part in header.lower().split(","):
        name, _, params = part.strip().partition(";")
        if params.replace(" ", "") in {"q=0", "q=0.0", "q=0.00", "q=0.000"}:
            continue
        allowed.add(name.strip())
    return next((encoding for encoding in ENCODINGS if encoding in allowed), "")


def compress_response(request, response):
    """Compress a safe, uncached response in place for this client, at a fast level."""
    patch_vary_headers(response, ("Accept-Encoding",))
    encoding = accepted(request)
    if encoding and compressible(response):
        response.content = compress(response.content, encoding, FAST_QUALITY[encoding])
        response["Content-Encoding"] = encoding
        response["Content-Length"] = str(len(response.content))
    return response
