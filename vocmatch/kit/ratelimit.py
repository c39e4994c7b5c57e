"""Per-client rate limits (sliding one-minute window, in process memory).

Each uvicorn worker keeps its own window, so with N workers a client gets up to N× the limit; the
deployment note in the README says so. Good enough to stop a runaway retry loop, which is the point.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque

from vocmatch.kit.errors import RateLimited


class RateLimiter:
    """Allow at most ``limit`` calls per 60 s per client id."""

    def __init__(self, window_seconds: float = 60.0) -> None:
        self.window = window_seconds
        self._calls: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        self._next_sweep = time.monotonic() + window_seconds

    def hit(self, client: str, limit: int) -> None:
        """Count one call; raise RateLimited (429 with Retry-After) when over ``limit``."""
        now = time.monotonic()
        with self._lock:
            if now >= self._next_sweep:
                self._sweep(now)
            calls = self._calls.setdefault(client, deque())
            while calls and calls[0] <= now - self.window:
                calls.popleft()
            if len(calls) >= limit:
                retry = max(1, math.ceil(calls[0] + self.window - now))
                raise RateLimited(
                    f"rate limit of {limit} requests per minute exceeded; retry in {retry} s",
                    headers={"Retry-After": str(retry)},
                )
            calls.append(now)

    def _sweep(self, now: float) -> None:
        # Forget clients silent for a whole window: one entry per address ever seen would grow
        # without bound in a long-running process.
        for client in [
            c for c, calls in self._calls.items() if not calls or calls[-1] <= now - self.window
        ]:
            del self._calls[client]
        self._next_sweep = now + self.window

    def clients(self) -> int:
        """Return how many clients are being counted."""
        with self._lock:
            return len(self._calls)

    def reset(self) -> None:
        """Forget every window (tests use this)."""
        with self._lock:
            self._calls.clear()


limiter = RateLimiter()
