"""A Redis cache that the site can do without.

Any Redis failure (refused, timed out, out of memory, a broken reply: every
``RedisError`` and ``OSError``) reads as a miss and drops the write, so the page is
simply built afresh. After a failure a circuit breaker skips Redis altogether for
``BREAK_SECONDS``, so that a silent Redis costs one timeout every few seconds rather
than several on every request; then the next call tries again.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
FAILURES = (RedisError, OSError)
BREAK_SECONDS = 5.0


class Breaker:
    """Open for a few seconds after a failure; shared by every thread of the process."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.open_until = 0.0

    @property
    def tripped(self):
        return time.monotonic() < self.open_until

    def trip(self):
        self.open_until = time.monotonic() + self.seconds

    def reset(self):
        self.open_until = 0.0


BREAKERS = {}


def breaker_for(location):
    return BREAKERS.setdefault(str(location), Breaker(BREAK_SECONDS))


class ForgivingRedisCache(RedisCache):
    @property
    def breaker(self):
        return breaker_for(self._servers)

    def _attempt(self, name, fallback, *args, **kwargs):
        if self.breaker.tripped:
            return fallback
        try:
            return getattr(super(), name)(*args, **kwargs)
        except FAILURES as error:
            self.breaker.trip()
            logger.warning("Cache unavailable for %s, skipping it for a while: %r", name, error)
            return fallback

    def get(self, key, default=None, version=None):
        return self._attempt("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._attempt("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._attempt("has_key", False, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._attempt("set", None, key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt("add", False, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt("set_many", list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._attempt("delete", False, key, version)

    def delete_many(self, keys, version=None):
        self._attempt("delete_many", None, keys, version)

    def clear(self):
        return self._attempt("clear", False)

    def incr(self, key, delta=1, version=None):
        missing = object()
        value = self._attempt("incr", missing, key, delta, version)
        if value is missing:
            raise ValueError(f"Key {key!r} not found (the cache is unavailable)")
        return value

    def state(self):
        """ "ok", "tripped" (skipped after a recent failure) or "unavailable" (failing now)."""
        if self.breaker.tripped:
            return "tripped"
        try:
            self._cache.get_client(write=False).ping()
        except FAILURES:
            self.breaker.trip()
            return "unavailable"
        return "ok"
