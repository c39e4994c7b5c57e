"""Two ``vocmatch serve`` processes behind nginx, over PostgreSQL and Redis (issue 18).

The deployment of ``deploy/nginx.conf`` with its ports replaced, run as it would be in production:
a mixed load answers with no 5xx and reaches both processes; one idempotent batch sent to both
processes at once is applied once; analytics read through either process agree right after a
write through one; a re-match job survives SIGKILL of the process running it (the other one
finishes it, from where it stopped).

Runs on PostgreSQL only (``make test``'s second pass; conftest deselects it on SQLite) and fails —
never skips — when Redis or nginx is missing: ``make test`` installs nginx as root
(``make nginx``), Redis is this machine's (``VOCMATCH_TEST_REDIS_URL``, default db 0 under a
prefix of its own, deleted afterwards).
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
from sqlalchemy import Engine, delete, func, insert, or_, select, update

from tests.demand.helpers import item, purge
from tests.ops.conftest import Serve, mix
from tests.ops.loadgen import ServerProcess, json_call, run_load, start_nginx
from vocmatch.accounts import service as auth
from vocmatch.demand.models import IdempotencyKey, Posting, PostingProgramme, RematchJob
from vocmatch.kit.db import transaction

pytestmark = pytest.mark.multiprocess

HEARTBEAT = 3  # seconds: a killed worker's job goes to the other process after this


def _redis_url() -> str:
    return os.environ.get("VOCMATCH_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def redis_prefix() -> Iterator[str]:
    """A key prefix of this run on the test Redis (every key under it deleted afterwards)."""
    client = redis.Redis.from_url(_redis_url(), socket_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:
        pytest.fail(
            f"the multi-process test needs Redis at {_redis_url()} "
            f"(set VOCMATCH_TEST_REDIS_URL; Debian: apt-get install redis-server): {exc}"
        )
    prefix = (
        f"{os.environ.get('VOCMATCH_TEST_REDIS_PREFIX', 'vocmatch-test:')}{uuid.uuid4().hex[:8]}:"
    )
    yield prefix
    for key in client.scan_iter(match=f"{prefix}*", count=500):
        client.delete(key)


def _wait(ok: Callable[[], bool], seconds: float, message: str) -> None:
    deadline = time.monotonic() + seconds
    while not ok():
        if time.monotonic() > deadline:
            raise AssertionError(message)
        time.sleep(0.2)


def _until_not_409(send: Callable[[], httpx.Response]) -> httpx.Response:
    """Send; while the other process holds the Idempotency-Key (409), wait and send again."""
    for _ in range(60):
        r = send()
        if r.status_code != 409:
            return r
        time.sleep(0.5)
    raise AssertionError("the Idempotency-Key stayed held for 30 s")


@pytest.fixture
def admin_key(engine: Engine) -> Iterator[dict[str, str]]:
    username = f"mp-admin-{uuid.uuid4().hex[:6]}"
    with transaction(engine) as s:
        auth.create_user(s, username=username, role="admin")
        issued = auth.create_key(s, username=username, name="mp", rate_limit_per_minute=10**7)
    yield {"Authorization": f"Bearer {issued.secret}"}
    purge(engine, usernames=(username,))


def test_two_processes_behind_nginx_share_state_and_jobs(
    engine: Engine,
    served: Serve,
    platform_key: dict[str, str],
    admin_key: dict[str, str],
    enterprise: int,
    redis_prefix: str,
    tmp_path: Path,
) -> None:
    assert engine.dialect.name == "postgresql", "the multi-process test runs on PostgreSQL"
    prefix = f"MP{uuid.uuid4().hex[:6]}-"
    idem = f"mp-{uuid.uuid4().hex}"
    env = {
        "redis_url": _redis_url(),
        "redis_prefix": redis_prefix,
        "job_heartbeat_seconds": str(HEARTBEAT),
        "rematch_chunk": "20",
        "rematch_pause_ms": "400",
    }
    try:
        with ExitStack() as stack:
            a = stack.enter_context(served(**env))
            b = stack.enter_context(served(**env))
            nginx, url = start_nginx(tmp_path, [a, b])
            stack.callback(lambda: (nginx.terminate(), nginx.wait(10)))
            _mixed_load(url, platform_key, enterprise, tmp_path, [a, b])
            _one_batch_to_both(a, b, platform_key, engine, prefix, idem)
            _analytics_agree_after_a_write(a, b, platform_key, prefix)
            with _others_matches_kept(engine, prefix):
                _rematch_survives_its_worker(url, a, b, admin_key, engine, prefix)
    finally:
        with transaction(engine) as s:
            s.execute(delete(IdempotencyKey).where(IdempotencyKey.key == idem))
            s.execute(delete(RematchJob).where(RematchJob.started_by.startswith("mp-admin-")))
        purge(engine, external_prefix=prefix)


def _mixed_load(
    url: str, headers: dict[str, str], enterprise: int, tmp: Path, servers: list[ServerProcess]
) -> None:
    write = json_call(
        "write",
        "POST",
        "/api/v1/postings",
        {"enterprise_id": enterprise, "title": "数控车工", "headcount": 1},
        headers,
    )
    report = run_load(url, [*mix(headers), write], workdir=tmp, clients=6, seconds=6, timeout=10)
    statuses = report.statuses()
    assert statuses.get(200, 0) > 0 and statuses.get(201, 0) > 0, statuses
    assert set(statuses) <= {200, 201}, statuses  # no 5xx, no 429, nothing unanswered
    used = {line.split()[-1] for line in (tmp / "access.log").read_text().splitlines()}
    assert {s.url.removeprefix("http://") for s in servers} <= used  # both processes answered


def _one_batch_to_both(
    a: ServerProcess,
    b: ServerProcess,
    headers: dict[str, str],
    engine: Engine,
    prefix: str,
    idem: str,
) -> None:
    body = {"items": [item(f"{prefix}{i:03d}", headcount=1 + i % 4) for i in range(150)]}
    sent = {**headers, "Idempotency-Key": idem}
    answers: dict[str, httpx.Response] = {}

    def send(server: ServerProcess) -> None:
        answers[server.url] = _until_not_409(
            lambda: httpx.put(
                server.url + "/api/v1/postings/batch", json=body, headers=sent, timeout=60
            )
        )

    threads = [threading.Thread(target=send, args=(s,)) for s in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ra, rb = answers[a.url], answers[b.url]
    assert ra.status_code == rb.status_code == 200, (ra.text[:300], rb.text[:300])
    assert ra.json() == rb.json()
    replayed = sorted(r.headers.get("Idempotent-Replayed", "") for r in (ra, rb))
    assert replayed == ["", "true"]  # one ran it, the other answered from the stored response
    with transaction(engine, write=False) as s:
        rows = s.execute(
            select(Posting.external_id, func.count())
            .where(Posting.external_id.startswith(prefix))
            .group_by(Posting.external_id)
        ).all()
        keys = s.scalar(select(func.count()).where(IdempotencyKey.key == idem))
    assert len(rows) == 150 and {n for _, n in rows} == {1}  # each posting once
    assert keys == 1


def _analytics_agree_after_a_write(
    a: ServerProcess, b: ServerProcess, headers: dict[str, str], prefix: str
) -> None:
    path = f"/api/v1/analytics/fit?as_of={date.today().isoformat()}"

    def fit(server: ServerProcess) -> Any:
        r = httpx.get(server.url + path, headers=headers, timeout=30)
        assert r.status_code == 200, r.text[:300]
        return r.json()

    before_a, before_b = fit(a), fit(b)  # both caches warm
    assert before_a == before_b
    # A big posting of another kind through process A (the batch's are one vacancy: reposts
    # count once), then B's answer at once.
    other = item(
        f"{prefix}W",
        title="工业机器人运维工程师",
        description="工业机器人调试与维护，PLC 编程，数控设备维修",
        skills=["PLC", "工业机器人"],
        headcount=400,
    )
    written = httpx.put(
        a.url + "/api/v1/postings/batch",
        json={"items": [other]},
        headers=headers,
        timeout=30,
    )
    assert written.status_code == 200, written.text[:300]
    after_b = fit(b)
    assert after_b != before_b  # B saw A's write in its very next request
    assert after_b == fit(a)


_MATCH_COLUMNS = ("chain", "chain_score", "match", "model_version", "matched_at", "updated_at")


@contextmanager
def _others_matches_kept(engine: Engine, prefix: str) -> Iterator[None]:
    """Put back what a "stale" re-match wrote to postings other than this test's.

    The job re-matches every stale posting in the database, the shared fixture postings included;
    later tests read their stored matches (and programme index) as the fixture left them.
    """
    others = or_(Posting.external_id.is_(None), ~Posting.external_id.startswith(prefix))
    columns = [getattr(Posting, c) for c in _MATCH_COLUMNS]
    with transaction(engine, write=False) as s:
        kept = [r._asdict() for r in s.execute(select(Posting.id, *columns).where(others))]
        ids = [r["id"] for r in kept]
        links = [
            dict(r._mapping)
            for r in s.execute(
                select(PostingProgramme.__table__).where(PostingProgramme.posting_id.in_(ids))
            )
        ]
    try:
        yield
    finally:
        with transaction(engine) as s:
            for row in kept:
                s.execute(update(Posting).where(Posting.id == row["id"]).values(**row))
            s.execute(delete(PostingProgramme).where(PostingProgramme.posting_id.in_(ids)))
            if links:
                s.execute(insert(PostingProgramme), links)


def _rematch_survives_its_worker(
    url: str,
    a: ServerProcess,
    b: ServerProcess,
    headers: dict[str, str],
    engine: Engine,
    prefix: str,
) -> None:
    with transaction(engine) as s:
        s.execute(
            update(Posting)
            .where(Posting.external_id.startswith(prefix))
            .values(model_version="old-model")
        )
        stale = s.scalar(
            select(func.count()).where(
                Posting.external_id.startswith(prefix), Posting.deleted_at.is_(None)
            )
        )
    assert stale == 151  # the batch's 150 and the analytics write
    started = httpx.post(
        url + "/api/v1/admin/rematch", json={"scope": "stale"}, headers=headers, timeout=30
    )
    assert started.status_code == 202, started.text[:300]
    job_path = f"/api/v1/admin/rematch/{started.json()['id']}"

    def job(base: str) -> dict[str, Any]:
        r = httpx.get(base + job_path, headers=headers, timeout=10)
        assert r.status_code == 200, r.text[:300]
        return dict(r.json())

    seen: dict[str, Any] = {}

    def one_chunk_done() -> bool:
        seen.update(job(url))
        return bool(seen["worker"]) and seen["done"] >= 20 and seen["status"] == "running"

    _wait(one_chunk_done, 30, f"the job did not start running: {seen}")
    pid = int(seen["worker"].rsplit(":", 1)[1])
    victim, survivor = (a, b) if pid == a.process.pid else (b, a)
    assert pid == victim.process.pid, (pid, a.process.pid, b.process.pid)
    victim.process.kill()  # SIGKILL: no shutdown, no goodbye to the queue
    victim.process.wait()
    assert httpx.get(url + "/api/v1/chains", headers=headers, timeout=10).status_code == 200

    final: dict[str, Any] = {}

    def finished() -> bool:
        final.update(job(survivor.url))
        return final["status"] in ("done", "failed")

    _wait(finished, HEARTBEAT + 60, f"the job was not finished by the other process: {final}")
    assert final["status"] == "done", final
    assert final["attempts"] == 2 and final["worker"].endswith(f":{survivor.process.pid}")
    # Everything the job counted was done (it may count stale postings other than ours too).
    assert final["total"] == final["done"] >= stale
    with transaction(engine, write=False) as s:
        left = s.scalar(
            select(func.count()).where(
                Posting.external_id.startswith(prefix), Posting.model_version == "old-model"
            )
        )
    assert left == 0  # nothing lost with the killed worker's chunk
