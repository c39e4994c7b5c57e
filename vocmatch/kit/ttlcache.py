"""A process-wide cache bounded in entries and in time, whose entries carry the version they saw.

AGENTS.md forbids a process-wide cache without both bounds: entries leave when they expire (the
expired ones are dropped whenever an entry is stored) and the least recently used leave beyond
``size``. An entry stored with a ``version`` (from :mod:`vocmatch.kit.shared`) is a miss once
the current version differs: a write anywhere invalidates it before its time is up.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")
_MISS = object()


class TTLCache(Generic[V]):
    """At most ``size`` entries, each for at most ``ttl`` seconds (or its own shorter time)."""

    def __init__(self, *, size: int, ttl: float, clock: Callable[[], float] | None = None) -> None:
        self.size = size
        self.ttl = ttl
        # Looked up on each call (tests move time.monotonic).
        self.clock: Callable[[], float] = clock or (lambda: time.monotonic())
        self._entries: OrderedDict[Hashable, tuple[float, object, V]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, version: object = None) -> V | None:
        """Return the live entry for ``key`` stored with ``version``, else None."""
        now = self.clock()
        with self._lock:
            hit = self._entries.get(key)
            if hit is None or hit[0] <= now or hit[1] != version:
                return None
            self._entries.move_to_end(key)
            return hit[2]

    def put(self, key: Hashable, value: V, version: object = None, ttl: float | None = None) -> V:
        """Store ``value`` (for ``ttl`` seconds, default the cache's, never longer); return it."""
        now = self.clock()
        life = self.ttl if ttl is None else min(ttl, self.ttl)
        with self._lock:
            for stale in [k for k, (expires, _, _) in self._entries.items() if expires <= now]:
                del self._entries[stale]
            if life > 0:
                self._entries[key] = (now + life, version, value)
                self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)
