"""What a long-running worker keeps in memory stays bounded (issue 11: RSS grew 320 → 515 MB in ten
minutes, about 1.1 GB in a longer soak)."""

from __future__ import annotations

import gc
import time
import tracemalloc
from typing import Any

import pytest
from sqlalchemy.orm import Session

from vocmatch.demand.matches import service as matches
from vocmatch.demand.postings.match_store import match_postings
from vocmatch.kit import ratelimit
from vocmatch.kit.ratelimit import RateLimiter


def _retained(fn: Any) -> int:
    """Return the bytes still allocated after ``fn()`` returned and its garbage was collected."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    fn()
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return after - before


def test_matching_postings_keeps_no_results_between_calls() -> None:
    texts = [(f"数控车工{i}", f"操作数控车床，第{i}号产线，FANUC 系统") for i in range(300)]
    match_postings(texts[:5])  # the model is loaded before measuring

    def match_all() -> None:
        for i in range(0, len(texts), 50):
            assert len(match_postings(texts[i : i + 50])) == 50

    # The removed cache kept each whole result (about 10 KB): 300 postings would stay as ~3 MB.
    assert _retained(match_all) < 300_000


def test_identical_postings_in_one_call_are_matched_once_and_answered_alike() -> None:
    one = ("稀土萃取工", "串级萃取分离稀土")
    first, second = match_postings([one, one])
    assert first is second


def test_the_rate_limiter_forgets_clients_silent_for_a_whole_window(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = [1000.0]
    monkeypatch.setattr(ratelimit.time, "monotonic", lambda: clock[0])
    limiter = RateLimiter(window_seconds=60)
    for i in range(1000):  # a thousand addresses call once
        limiter.hit(f"ip:10.0.{i // 256}.{i % 256}", 100)
    assert limiter.clients() == 1000
    clock[0] += 30
    limiter.hit("ip:192.0.2.1", 100)  # still inside the window: nobody forgotten
    assert limiter.clients() == 1001
    clock[0] += 45  # 75 s after the thousand, 45 s after the last
    limiter.hit("ip:192.0.2.2", 100)
    assert limiter.clients() == 2  # the one from 45 s ago and this one


def test_aggregate_answers_expire_from_memory_not_only_from_use(
    db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = [5000.0]
    monkeypatch.setattr(time, "monotonic", lambda: clock[0])
    matches._cache.clear()
    for i in range(100):  # 100 different questions, one a second
        matches.cached(db, ("question", i), lambda: list(range(1000)))
        clock[0] += 1.0
    # Only the answers of the last CACHE_TTL (10) seconds are still held.
    assert len(matches._cache) == 10
    clock[0] += matches.CACHE_TTL
    matches.cached(db, ("question", "last"), lambda: [])
    assert len(matches._cache) == 1
    matches._cache.clear()
