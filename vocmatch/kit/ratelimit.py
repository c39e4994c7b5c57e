"""Per-client rate limits and failure back-off (sliding windows, in process memory).

Each uvicorn worker keeps its own windows, so with N workers a client gets up to N× the limit; the
deployment note in the README says so. Good enough to stop a runaway retry loop, which is the point.
The back-off of failed logins uses the same windows (``failures``/``fail``/``clear``), so a shared
backend (Redis) replaces both by implementing the same few methods.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable

from vocmatch.kit.errors import RateLimited


class RateLimiter:
    """Allow at most ``limit`` calls per window per client id; remember failures for back-off."""

    def __init__(
        self, window_seconds: float = 60.0, *, clock: Callable[[], float] | None = None
    ) -> None:
        self.window = window_seconds
        # Looked up on each call (tests move time.monotonic, or set ``clock``).
        self.clock: Callable[[], float] = clock or (lambda: time.monotonic())
        self._calls: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        self._next_sweep = self.clock() + window_seconds

    def _live(self, client: str, now: float) -> deque[float]:
        calls = self._calls.setdefault(client, deque())
        while calls and calls[0] <= now - self.window:
            calls.popleft()
        return calls

    def hit(self, client: str, limit: int) -> None:
        """Count one call; raise RateLimited (429 with Retry-After) when over ``limit``."""
        now = self.clock()
        with self._lock:
            if now >= self._next_sweep:
                self._sweep(now)
            calls = self._live(client, now)
            if len(calls) >= limit:
                retry = max(1, math.ceil(calls[0] + self.window - now))
                raise RateLimited(
                    f"rate limit of {limit} requests per minute exceeded; retry in {retry} s",
                    headers={"Retry-After": str(retry)},
                )
            calls.append(now)

    def fail(self, client: str) -> None:
        """Remember one failure of ``client`` (a wrong password, say) inside the window."""
        now = self.clock()
        with self._lock:
            if now >= self._next_sweep:
                self._sweep(now)
            self._live(client, now).append(now)

    def failures(self, client: str) -> tuple[int, float]:
        """Return ``(failures inside the window, seconds since the last one)``."""
        now = self.clock()
        with self._lock:
            calls = self._live(client, now)
            return len(calls), (now - calls[-1]) if calls else math.inf

    def clear(self, client: str) -> None:
        """Forget ``client``'s window (a successful login clears its failures)."""
        with self._lock:
            self._calls.pop(client, None)

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


def backoff_seconds(failures: int, *, free: int, cap: float) -> float:
    """Return the wait before the next attempt: 0 for the first ``free`` failures, then
    1, 2, 4, … seconds (2^(failures − free)), never more than ``cap``."""
    if failures < free:
        return 0.0
    return float(min(cap, 2 ** min(failures - free, 32)))


def check_backoff(limiter: RateLimiter, client: str, *, free: int, cap: float) -> None:
    """Raise RateLimited (429 + Retry-After) while ``client`` must still wait after its failures."""
    count, since_last = limiter.failures(client)
    wait = backoff_seconds(count, free=free, cap=cap) - since_last
    if wait > 0:
        retry = max(1, math.ceil(wait))
        raise RateLimited(
            f"too many failed attempts; retry in {retry} s", headers={"Retry-After": str(retry)}
        )


limiter = RateLimiter()
# Failed logins are remembered for 15 minutes (the back-off cap is the same 15 minutes).
login_failures = RateLimiter(window_seconds=900.0)
