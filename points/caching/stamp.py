"""The content stamp: the time of the last edit, which every cached page's key holds.

Each process keeps the stamp in memory and reads it again at most once a second
(from Redis when the cache is shared, else from the database), so a cached page
costs no query. An edit moves the stamp on at once in the process that saves,
and in the others within a second. When the store does not answer, the stamp in
memory stays in use, so cached pages are still served; and only one thread at a time
waits for it.
"""

import logging
import threading
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from ..models import (
    Category,
    Caution,
    Citation,
    ContentStamp,
    DatasetVersion,
    GuideRule,
    Indication,
    Meridian,
    OtherLocation,
    Point,
    PointCategory,
    Pressing,
    RedFlag,
    Routine,
    RoutineStep,
    Source,
    Suggestion,
)
from .hot import HOT

logger = logging.getLogger(__name__)
STAMP_KEY = "content-stamp"
REREAD_SECONDS = 1.0
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
    RedFlag,
    DatasetVersion,
    GuideRule,
    Pressing,
    Routine,
    RoutineStep,
]


class Memo:
    stamp = None
    read_at = float("-inf")
    reading = threading.Lock()  # held by the one thread reading the stamp again


def cache_is_shared():
    return "redis" in settings.CACHES["default"]["BACKEND"].lower()


def read_stamp():
    if cache_is_shared() and (stamp := cache.get(STAMP_KEY)) is not None:
        return stamp
    stamp = ContentStamp.objects.values_list("changed_at", flat=True).first() or timezone.now()
    if cache_is_shared():
        cache.set(STAMP_KEY, stamp, None)
    return stamp


def content_stamp():
    """The time of the last content change, at most a second old (while its store answers)."""
    if Memo.stamp is None:  # nothing to go on with: every thread reads it
        Memo.stamp, Memo.read_at = read_stamp(), time.monotonic()
        return Memo.stamp
    # One thread reads it, once a second at most and never while another still waits for
    # it; the others go on with the stamp in memory meanwhile, rather than waiting on a store
    # that is slow or silent (where one read can wait seconds).
    if time.monotonic() - Memo.read_at < REREAD_SECONDS or not Memo.reading.acquire(False):
        return Memo.stamp
    try:
        Memo.stamp = read_stamp()
    except DatabaseError:
        logger.warning("Content stamp unreadable; keeping the one in memory")
    finally:
        Memo.read_at = time.monotonic()
        Memo.reading.release()
    return Memo.stamp


def forget_stamp():
    """Forget the stamp held in memory, and the pages held for it."""
    Memo.stamp, Memo.read_at = None, float("-inf")
    HOT.clear()


class Held(threading.local):
    """Inside ``changes_held()`` in this thread: whether anything changed meanwhile."""

    depth = 0
    changed = False


HELD = Held()


@contextmanager
def changes_held():
    """Move the stamp once, when the block ends, however many rows it writes (loaddata
    writes thousands, each with its signals) rather than once a row."""
    HELD.depth += 1
    try:
        yield
    finally:
        HELD.depth -= 1
    if HELD.depth == 0 and HELD.changed:
        HELD.changed = False
        content_changed()


def content_changed(**kwargs):
    """Move the stamp now, for this process's next page, and again when the transaction
    that holds the edit commits: a page another thread builds from the data as it was
    before the commit would otherwise be kept under the new stamp, stale until it expires."""
    if HELD.depth:
        HELD.changed = True
        return
    move_stamp()
    connection = transaction.get_connection()
    if connection.in_atomic_block and not any(
        func is move_stamp for _, func, _ in connection.run_on_commit
    ):
        transaction.on_commit(move_stamp)


def move_stamp():
    now = timezone.now()
    ContentStamp.objects.update_or_create(pk=1, defaults={"changed_at": now})
    if cache_is_shared():
        cache.set(STAMP_KEY, now, None)
    Memo.stamp, Memo.read_at = now, time.monotonic()


def suggestion_saved(instance, **kwargs):
    """A suggestion staff accept changes its point's "last changed" date; one submitted or
    declined changes nothing a reader sees, so it leaves the cached pages alone."""
    if instance.status == Suggestion.Status.ACCEPTED:
        content_changed()


def connect_signals():
    for model in CONTENT_MODELS:
        post_save.connect(content_changed, sender=model, dispatch_uid=f"stamp-save-{model}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"stamp-del-{model}")
    m2m_changed.connect(content_changed, sender=Point.indications.through, dispatch_uid="stamp-m2m")
    m2m_changed.connect(
        content_changed, sender=RedFlag.indications.through, dispatch_uid="stamp-m2m-red-flags"
    )
    post_save.connect(suggestion_saved, sender=Suggestion, dispatch_uid="stamp-suggestion")
