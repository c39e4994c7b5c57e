"""Nothing lost, nothing doubled: crashes mid-batch, two processes on one database, SQLite writers.

These tests run real uvicorn processes against the suite's database (SQLite file or PostgreSQL).
"""

from __future__ import annotations

import itertools
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, func, select

from tests.demand.helpers import item, purge
from tests.demand.servers import committed_client, server
from vocmatch.demand.models import IdempotencyKey, Posting
from vocmatch.kit.db import transaction

pytestmark = pytest.mark.slow
_run = itertools.count(1)


@pytest.fixture
def prefix(engine: Engine) -> Iterator[str]:
    """A unique external-id prefix; everything committed under it is deleted afterwards."""
    value = f"R{uuid.uuid4().hex[:8]}-"
    yield value
    purge(engine, external_prefix=value, usernames=tuple(f"{k}-{value}" for k in USERS))


USERS = ("kill", "two-a", "two-b", "cw", "dup")


def _rows(engine: Engine, prefix: str) -> list[Posting]:
    with transaction(engine, write=False) as s:
        return list(s.scalars(select(Posting).where(Posting.external_id.startswith(prefix))))


def test_kill_9_mid_batch_leaves_nothing_and_the_retry_writes_each_row_once(
    engine: Engine, tmp_path: Path, prefix: str
) -> None:
    headers = {
        **committed_client(engine, "platform", f"kill-{prefix}"),
        "Idempotency-Key": f"retry-{prefix}",
    }
    body = {"items": [item(f"{prefix}{i:04d}", headcount=1 + i % 7) for i in range(300)]}
    marker = tmp_path / "paused"
    with server(
        engine,
        app="tests.demand.paused_app:create_app",
        env={"VOCMATCH_TEST_PAUSE_MARKER": str(marker)},
    ) as srv:
        outcome: dict[str, Any] = {}

        def send() -> None:
            try:
                outcome["response"] = httpx.put(
                    srv.url + "/api/v1/postings/batch", json=body, headers=headers, timeout=60
                )
            except httpx.HTTPError as exc:
                outcome["error"] = exc

        t = threading.Thread(target=send)
        t.start()
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert time.monotonic() < deadline, "the batch never reached its write"
            time.sleep(0.02)
        srv.kill()
        t.join(timeout=30)
    assert "error" in outcome, "the client must see the connection drop, not an answer"
    assert _rows(engine, prefix) == []  # nothing partial
    with transaction(engine, write=False) as s:
        assert (
            s.scalar(
                select(func.count())
                .select_from(IdempotencyKey)
                .where(IdempotencyKey.key == headers["Idempotency-Key"])
            )
            == 0
        )

    with server(engine) as srv:
        first = httpx.put(
            srv.url + "/api/v1/postings/batch", json=body, headers=headers, timeout=60
        )
        assert first.status_code == 200, first.text
        assert first.json()["created"] == 300
        replay = httpx.put(
            srv.url + "/api/v1/postings/batch", json=body, headers=headers, timeout=60
        )
        assert replay.status_code == 200 and replay.headers["Idempotent-Replayed"] == "true"
        assert replay.json() == first.json()
    rows = _rows(engine, prefix)
    assert len(rows) == 300
    assert Counter(r.external_id for r in rows).most_common(1)[0][1] == 1
    assert {r.external_id: r.headcount for r in rows} == {
        i["external_id"]: i["headcount"] for i in body["items"]
    }


def _version(prefix: str, n: int, tag: str, reverse: bool = False) -> dict[str, Any]:
    order = range(n - 1, -1, -1) if reverse else range(n)
    return {
        "items": [
            item(
                f"{prefix}{i:04d}",
                title=f"岗位-{tag}",
                description=f"版本 {tag}",
                headcount=len(tag) + i % 5,
            )
            for i in order
        ]
    }


def test_two_processes_same_external_ids_no_duplicate_no_lost_update(
    engine: Engine, prefix: str
) -> None:
    ha = committed_client(engine, "platform", f"two-a-{prefix}")
    hb = committed_client(engine, "platform", f"two-b-{prefix}")
    n = 150
    with server(engine) as a, server(engine) as b:
        statuses: list[int] = []
        lock = threading.Lock()

        def push(url: str, headers: dict[str, str], tags: list[str], reverse: bool) -> None:
            with httpx.Client(timeout=60) as c:
                for tag in tags:
                    r = c.put(
                        url + "/api/v1/postings/batch",
                        json=_version(prefix, n, tag, reverse),
                        headers=headers,
                    )
                    with lock:
                        statuses.append(r.status_code)

        threads = [
            threading.Thread(target=push, args=(a.url, ha, ["a1", "a22", "a333"], False)),
            threading.Thread(target=push, args=(b.url, hb, ["b1", "b22", "b333"], True)),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert statuses == [200] * 6, statuses
        rows = _rows(engine, prefix)
        assert len(rows) == n  # no duplicate
        for r in rows:  # each row is one whole write, never a mix of two
            tag = r.title.removeprefix("岗位-")
            assert r.description == f"版本 {tag}"
            assert r.headcount == len(tag) + int(r.external_id[-4:]) % 5
        # The last write wins whole, whichever process makes it.
        final = httpx.put(
            b.url + "/api/v1/postings/batch",
            json=_version(prefix, n, "final"),
            headers=hb,
            timeout=60,
        )
        assert final.status_code == 200 and final.json()["updated"] == n
    assert {r.title for r in _rows(engine, prefix)} == {"岗位-final"}


def test_concurrent_writers_never_see_database_is_locked(engine: Engine, prefix: str) -> None:
    headers = committed_client(engine, "platform", f"cw-{prefix}")
    with server(engine) as a, server(engine) as b:
        failures: list[str] = []

        def writer(w: int, url: str) -> None:
            with httpx.Client(timeout=60) as c:
                for k in range(6):
                    items = [item(f"{prefix}{w}-{k}-{i}") for i in range(40)]
                    r = c.put(
                        url + "/api/v1/postings/batch", json={"items": items}, headers=headers
                    )
                    if r.status_code != 200:
                        failures.append(f"batch {r.status_code} {r.text[:200]}")
                    r = c.get(url + "/api/v1/postings", params={"limit": 50}, headers=headers)
                    if r.status_code != 200:
                        failures.append(f"feed {r.status_code} {r.text[:200]}")

        threads = [threading.Thread(target=writer, args=(w, (a, b)[w % 2].url)) for w in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert failures == []
    assert len(_rows(engine, prefix)) == 6 * 6 * 40


def test_duplicate_while_the_first_is_running(engine: Engine, tmp_path: Path, prefix: str) -> None:
    """PostgreSQL answers 409 at once; SQLite queues the duplicate and replays the first's answer."""
    headers = {
        **committed_client(engine, "platform", f"dup-{prefix}"),
        "Idempotency-Key": f"dup-{prefix}",
    }
    body = {"items": [item(f"{prefix}{i}") for i in range(20)]}
    marker = tmp_path / "paused"
    pg = engine.dialect.name == "postgresql"
    with server(
        engine,
        app="tests.demand.paused_app:create_app",
        env={"VOCMATCH_TEST_PAUSE_MARKER": str(marker), "VOCMATCH_TEST_PAUSE_SECONDS": "3"},
    ) as srv:
        results: dict[str, httpx.Response] = {}
        t = threading.Thread(
            target=lambda: results.setdefault(
                "first",
                httpx.put(
                    srv.url + "/api/v1/postings/batch", json=body, headers=headers, timeout=60
                ),
            )
        )
        t.start()
        while not marker.exists():
            time.sleep(0.02)
        second = httpx.put(
            srv.url + "/api/v1/postings/batch", json=body, headers=headers, timeout=60
        )
        t.join()
    assert results["first"].status_code == 200
    if pg:
        assert second.status_code == 409
        assert second.headers["Retry-After"] == "1"
    else:
        assert second.status_code == 200 and second.headers["Idempotent-Replayed"] == "true"
        assert second.json() == results["first"].json()
    assert len(_rows(engine, prefix)) == 20
