"""A Redis cache that the site can do without: when Redis does not answer, reads miss
and writes are dropped, and the pages are simply built afresh."""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger(__name__)
UNAVAILABLE = (ConnectionError, TimeoutError, OSError)


class ForgivingRedisCache(RedisCache):
    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except UNAVAILABLE as error:
            logger.warning("Cache unavailable, reading nothing: %s", error)
            return default

    def set(self, key, value, timeout=..., version=None):
        kwargs = {} if timeout is ... else {"timeout": timeout}
        try:
            super().set(key, value, version=version, **kwargs)
        except UNAVAILABLE as error:
            logger.warning("Cache unavailable, keeping nothing: %s", error)

    def ping(self):
        """Whether Redis answers now."""
        try:
            return bool(self._cache.get_client(write=False).ping())
        except UNAVAILABLE:
            return False
