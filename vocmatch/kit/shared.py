"""State every worker process shares: Redis when ``VOCMATCH_REDIS_URL`` is set, else this process.

What lives here is small and cheap to lose: version counters of the data (one per table, and
``data`` for any write), which the process-wide caches compare before trusting what they hold.
Every committed write bumps the counters of the tables it touched (``kit.db`` hooks the session's
commit, so the API, the pages, the CLI and the jobs all do), in the same request, after the commit
and before the answer is sent: a reader in any process that checks the counters afterwards sees
the write (read-your-writes across workers).

Without Redis the counters are this process's own: a write through this process is seen at once,
a write through another process only through whatever else the cache checks (the analytics and
demand caches also fingerprint the tables themselves; see :func:`shared`). When Redis does not
answer, :func:`versions` returns None and the callers fall back to what they do without Redis;
a bump that fails is logged and the readers' own time bounds apply.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import cast

from redis import Redis
from redis.exceptions import RedisError

from vocmatch.kit.config import get_settings

log = logging.getLogger(__name__)
DATA = "data"  # bumped by every write, whatever it touched

_local: Counter[str] = Counter()
_local_lock = threading.Lock()


@lru_cache
def redis_client() -> Redis | None:
    """Return the process's Redis client, or None when no Redis is configured."""
    url = get_settings().redis_url
    if not url:
        return None
    # Short timeouts: a slow Redis must not hold a request for long (the callers fall back).
    return Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2, health_check_interval=30)


def shared() -> bool:
    """True when the counters are shared by every process (Redis is configured)."""
    return redis_client() is not None


def key(name: str) -> str:
    """Return the Redis key of ``name`` under the configured prefix."""
    return f"{get_settings().redis_prefix}{name}"


def bump(names: Iterable[str]) -> None:
    """Increment the counters ``names`` (and ``data``): call after a commit that wrote them."""
    todo = sorted({DATA, *names})
    with _local_lock:
        for name in todo:
            _local[name] += 1
    client = redis_client()
    if client is None:
        return
    try:
        pipe = client.pipeline(transaction=False)
        for name in todo:
            pipe.incr(key(f"v:{name}"))
        pipe.execute()
    except RedisError as exc:
        log.warning("shared.bump.failed", extra={"error": type(exc).__name__, "names": todo})


def versions(names: Iterable[str]) -> tuple[int, ...] | None:
    """Return the counters ``names``, in order: shared ones with Redis, this process's without.

    None when Redis is configured but does not answer (the caller trusts nothing cached).
    """
    wanted = list(names)
    client = redis_client()
    if client is None:
        with _local_lock:
            return tuple(_local[n] for n in wanted)
    try:
        values = cast(list[bytes | None], client.mget([key(f"v:{n}") for n in wanted]))
    except RedisError as exc:
        log.warning("shared.versions.failed", extra={"error": type(exc).__name__})
        return None
    return tuple(int(v or 0) for v in values)
