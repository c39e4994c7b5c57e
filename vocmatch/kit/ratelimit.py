"""Per-client rate limits and failure back-off (sliding windows).

With ``VOCMATCH_REDIS_URL`` every process counts in Redis (:class:`RedisWindows`: the ``limits``
library's moving window for calls, a sorted set per client for failures), so a client gets the
limit once however many workers answer it. Without Redis each process keeps its own windows in
memory (a client may then get N× the limit from N workers) and forgets clients silent for a whole
window. The back-off of failed logins uses the same windows (``failures``/``fail``/``clear``).
When Redis does not answer, a process counts in its own memory until it does again.
"""

from __future__ import annotations

import logging
import math
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable

from limits import RateLimitItemPerSecond
from limits.storage import RedisStorage
from limits.strategies import MovingWindowRateLimiter
from redis import Redis
from redis.exceptions import RedisError

from vocmatch.kit import shared
from vocmatch.kit.config import get_settings
from vocmatch.kit.errors import RateLimited

log = logging.getLogger(__name__)


def _too_many(limit: int, retry: int) -> RateLimited:
    return RateLimited(
        f"rate limit of {limit} requests per minute exceeded; retry in {retry} s",
        headers={"Retry-After": str(retry)},
    )


class RedisWindows:
    """The windows of one :class:`RateLimiter`, kept in Redis for every process."""

    def __init__(self, client: Redis, url: str, prefix: str, window: float) -> None:
        self.client = client
        self.window = window
        self.prefix = prefix
        self.storage = RedisStorage(url, key_prefix=f"{prefix}limits", socket_timeout=2)
        self.strategy = MovingWindowRateLimiter(self.storage)

    def hit(self, client: str, limit: int) -> None:
        item = RateLimitItemPerSecond(limit, int(self.window))
        if not self.strategy.hit(item, client):
            stats = self.strategy.get_window_stats(item, client)
            raise _too_many(limit, max(1, math.ceil(stats.reset_time - time.time())))

    def _key(self, client: str) -> str:
        return f"{self.prefix}fail:{int(self.window)}:{client}"

    def fail(self, client: str) -> None:
        now = time.time()
        key = self._key(client)
        pipe = self.client.pipeline(transaction=False)
        pipe.zadd(key, {f"{now}:{uuid.uuid4().hex[:8]}": now})
        pipe.zremrangebyscore(key, "-inf", now - self.window)
        pipe.expire(key, math.ceil(self.window))
        pipe.execute()

    def failures(self, client: str) -> tuple[int, float]:
        now = time.time()
        key = self._key(client)
        pipe = self.client.pipeline(transaction=False)
        pipe.zremrangebyscore(key, "-inf", now - self.window)
        pipe.zrange(key, -1, -1, withscores=True)
        pipe.zcard(key)
        _, last, count = pipe.execute()
        return int(count), (now - last[0][1]) if last else math.inf

    def clear(self, client: str) -> None:
        self.client.delete(self._key(client))


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
        # Set by use_redis(): the windows then live in Redis for every process.
        self.shared: RedisWindows | None = None

    def _live(self, client: str, now: float) -> deque[float]:
        calls = self._calls.setdefault(client, deque())
        while calls and calls[0] <= now - self.window:
            calls.popleft()
        return calls

    def hit(self, client: str, limit: int) -> None:
        """Count one call; raise RateLimited (429 with Retry-After) when over ``limit``."""
        if self.shared is not None:
            try:
                self.shared.hit(client, limit)
                return
            except RedisError as exc:
                log.warning("ratelimit.redis.failed", extra={"error": type(exc).__name__})
        now = self.clock()
        with self._lock:
            if now >= self._next_sweep:
                self._sweep(now)
            calls = self._live(client, now)
            if len(calls) >= limit:
                raise _too_many(limit, max(1, math.ceil(calls[0] + self.window - now)))
            calls.append(now)

    def fail(self, client: str) -> None:
        """Remember one failure of ``client`` (a wrong password, say) inside the window."""
        if self.shared is not None:
            try:
                self.shared.fail(client)
                return
            except RedisError as exc:
                log.warning("ratelimit.redis.failed", extra={"error": type(exc).__name__})
        now = self.clock()
        with self._lock:
            if now >= self._next_sweep:
                self._sweep(now)
            self._live(client, now).append(now)

    def failures(self, client: str) -> tuple[int, float]:
        """Return ``(failures inside the window, seconds since the last one)``."""
        if self.shared is not None:
            try:
                return self.shared.failures(client)
            except RedisError as exc:
                log.warning("ratelimit.redis.failed", extra={"error": type(exc).__name__})
        now = self.clock()
        with self._lock:
            calls = self._live(client, now)
            return len(calls), (now - calls[-1]) if calls else math.inf

    def clear(self, client: str) -> None:
        """Forget ``client``'s window (a successful login clears its failures)."""
        if self.shared is not None:
            try:
                self.shared.clear(client)
            except RedisError as exc:
                log.warning("ratelimit.redis.failed", extra={"error": type(exc).__name__})
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


def use_redis() -> bool:
    """Count in Redis when it is configured (the app calls this at start); True when it is."""
    client = shared.redis_client()
    url = get_settings().redis_url
    if client is None or not url:
        return False
    prefix = get_settings().redis_prefix
    for each in (limiter, login_failures):
        each.shared = RedisWindows(client, url, prefix, each.window)
    return True
