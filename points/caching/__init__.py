"""Whole-page caching: the content stamp (stamp.py), the page key (keys.py),
compression (compress.py) and the middleware that serves pages from the cache (pages.py)."""

from .pages import PublicPageCacheMiddleware
from .stamp import connect_signals, content_changed, content_stamp

__all__ = ["PublicPageCacheMiddleware", "connect_signals", "content_changed", "content_stamp"]
