"""Addresses of the site's pages, worked out once: ``reverse`` costs tens of microseconds,
and a list of a hundred points asks for hundreds of addresses on every page built.

``address(name, *args)`` is ``reverse(name, args=args)``, remembered for the URLconf and
script prefix in force, so a prefix or a URLconf changed (a test's, or a deployment under a
path) gets its own addresses.
"""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


def address(name, *args):
    return _address(name, args, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


@lru_cache(maxsize=20_000)  # every point, symptom and source at 100 times the data
def _address(name, args, prefix, urlconf):
    return reverse(name, args=args, urlconf=urlconf)
