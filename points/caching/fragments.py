"""The leg maps of a page, drawn once and then kept for as long as their points are unchanged.

A page's maps are a pure function of the points drawn on them: the same views with the same
points always draw the same SVG. So ``templates/includes/map_list.html`` keeps what it
renders in the ``template_fragments`` cache (each process's memory) for
``FRAGMENT_CACHE_SECONDS``, under a digest of everything the drawing reads: the views, the
page's own point or region, and every field of each point and of its meridian, as the view
has already loaded them. An edit to any of those changes the digest, so the next page draws
its maps afresh, in every process at once; nothing else needs to be told. (The content
stamp would also do, but reading it is a query once a second, which would make the pages'
query counts vary.)

The view hands the template a ``LazyMaps``, which draws the maps only when the template
finds none kept.
"""

import hashlib
from functools import cached_property

from django.conf import settings
from django.urls import get_script_prefix


def row(instance):
    """Every stored field of a model instance, as loaded (``None`` for none)."""
    if instance is None:
        return None
    return tuple(getattr(instance, field.attname) for field in instance._meta.concrete_fields)


def digest(*parts, points=()):
    """A key for ``parts`` and the rows of ``points`` and of their meridians."""
    found = hashlib.blake2b(repr(parts).encode(), digest_size=16)
    meridians = {}
    for point in points:
        found.update(repr(row(point)).encode())
        meridians.setdefault(point.meridian_id, point.meridian)
    for meridian in meridians.values():  # each once: a point's row names its meridian
        found.update(repr(row(meridian)).encode())
    return found.hexdigest()


class LazyMaps:
    """A page's maps, drawn by ``draw(views)`` when first asked for.

    ``views`` are the names of the views drawn; ``points``, every point the maps draw (with
    their meridians loaded, as the drawing needs them); ``of``, whatever else the drawing
    depends on: the region whose points are drawn full size, or the point a page is about
    (a model instance: its row counts). (No ``__getitem__``: a template looks ``maps.key``
    up as ``maps["key"]`` first, which would draw the maps.)
    """

    def __init__(self, views, points, draw, *, of):
        self.views = list(views)
        self.draw = draw
        of = [row(part) if hasattr(part, "_meta") else part for part in of]
        self.key = digest(get_script_prefix(), self.views, of, points=points)

    @property
    def seconds(self):
        return settings.FRAGMENT_CACHE_SECONDS

    @cached_property
    def drawn(self):
        return list(self.draw(self.views)) if self.views else []

    def __bool__(self):
        return bool(self.views)

    def __iter__(self):
        return iter(self.drawn)
