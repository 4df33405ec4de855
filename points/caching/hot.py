"""A small in-process copy of the pages most recently served, in front of the cache.

With Redis, a hit would cost a round trip and unpickling the entry (with the local-memory
cache, unpickling); this copy costs neither. It holds pages for one content stamp only:
the first page put under a new stamp empties it, and a page is looked up under the stamp
in its key, so an edit shows here exactly when it shows in the cache (within the second
in which each process reads the stamp again). A page is held for the page cache's time
at most, and at most ``MAX_BYTES`` of bodies a process, the least recently used going
first.
"""

import threading
import time
from collections import OrderedDict

MAX_BYTES = 8 * 1024 * 1024


class HotPages:
    def __init__(self, max_bytes=MAX_BYTES):
        self.max_bytes = max_bytes
        self.lock = threading.Lock()
        self.empty(None)

    def empty(self, stamp):
        self.stamp, self.entries, self.size = stamp, OrderedDict(), 0

    def clear(self):
        with self.lock:
            self.empty(None)

    def get(self, stamp, key):
        with self.lock:
            if stamp != self.stamp or (held := self.entries.get(key)) is None:
                return None
            entry, expires = held
            if time.monotonic() >= expires:
                self.remove(key)
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, stamp, key, entry, seconds):
        size = sum(len(body) for body in entry.bodies.values())
        with self.lock:
            if stamp != self.stamp:
                self.empty(stamp)
            if key in self.entries or size > self.max_bytes:
                return
            self.entries[key] = (entry, time.monotonic() + seconds)
            self.size += size
            while self.size > self.max_bytes:
                self.remove(next(iter(self.entries)))

    def remove(self, key):
        entry, _ = self.entries.pop(key)
        self.size -= sum(len(body) for body in entry.bodies.values())


HOT = HotPages()
