"""Real ``vocmatch serve`` processes under load (issue 11): no deadlock, refusal instead of
collapse, liveness that stays fast, database faults as 503, and a SIGTERM that drains and exits.

Each test runs its server on the suite's database (SQLite file or PostgreSQL), drives it from a
separate lower-priority process (standing for clients on other machines) and takes well under a
minute.
"""

from __future__ import annotations

import contextlib
import re
import signal
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, func, select, text

from tests.ops.conftest import Serve, mix
from tests.ops.loadgen import Report, json_call, probing, run_load, serving_normally
from vocmatch.demand.models import Posting
from vocmatch.kit.db import transaction, write_bind

pytestmark = pytest.mark.slow


def _in_flight(url: str) -> int:
    detail = httpx.get(url + "/readyz", timeout=5).json()["checks"]["load"]["detail"]
    found = re.search(r"(\d+)/\d+ in flight", detail)
    assert found, detail
    return int(found.group(1))


def _listening(url: str) -> bool:
    try:
        httpx.get(url + "/healthz", timeout=2)
    except httpx.ConnectError:
        return False
    return True


def _wait_for(predicate: Any, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def test_one_thread_and_one_connection_serve_every_request_no_deadlock(
    served: Serve, platform_key: dict[str, str], tmp_path: Path
) -> None:
    # Issue 11's wedge: connections held by requests waiting for a thread, threads waiting for a
    # connection. With one of each, 30 concurrent authenticated callers make it certain if any
    # request holds its connection across two thread hops; here each is served in one hop.
    with served(
        threads="1",
        pool_size="1",
        max_in_flight="64",
        queue_size="0",
        pool_timeout_seconds="30",
        request_deadline_seconds="60",
    ) as srv:
        report = run_load(
            srv.url, mix(platform_key), workdir=tmp_path, clients=30, seconds=4, timeout=30
        )
    statuses = report.statuses()
    assert set(statuses) == {200}, statuses
    assert statuses[200] >= 30


def _during(load: Any) -> tuple[threading.Thread, dict[str, Report]]:
    box: dict[str, Report] = {}
    thread = threading.Thread(target=lambda: box.setdefault("report", load()))
    thread.start()
    return thread, box


def test_past_capacity_it_refuses_quickly_stays_live_and_recovers_within_seconds(
    served: Serve, platform_key: dict[str, str], tmp_path: Path
) -> None:
    calls = mix(platform_key)
    with served() as srv, probing(srv.url, "/healthz", workdir=tmp_path, every=0.025) as health:
        thread, box = _during(
            lambda: run_load(srv.url, calls, workdir=tmp_path, rate=300, seconds=6, timeout=2)
        )
        saturated = _wait_for(
            lambda: httpx.get(srv.url + "/readyz", timeout=5).status_code == 503, 8
        )
        thread.join()
        stopped = time.monotonic()
        recovered = _wait_for(lambda: serving_normally(srv.url, platform_key), 5)
        recovery = time.monotonic() - stopped
        # Readiness turns back once no request has been refused for its 2 s window.
        ready_again = _wait_for(
            lambda: httpx.get(srv.url + "/readyz", timeout=5).status_code == 200,
            5 - recovery,
        )
    report = box["report"]
    statuses = report.statuses()
    assert statuses.get(503, 0) > 0, f"not past capacity: {statuses}"
    assert set(statuses) <= {200, 503}, statuses  # no 500, no client left without an answer
    assert report.throughput(200) > 0
    assert saturated, "/readyz never reported the saturated process"
    latencies = sorted(lat for _, lat in health)
    assert len(latencies) > 100
    assert -1.0 not in latencies
    # /healthz never waits for a worker or the database: 99 % within 100 ms, and no stall past
    # half a second. (On this 2-core machine shared at load 6-9 the kernel parks the saturated process for
    # 20-40 ms at a time — GC passes of 0 ms CPU took 35 ms of wall time — and a probe that meets
    # two such parks is the machine's, not the server's; on an idle machine every probe answers
    # within 100 ms. `bench/bench_overload.py` reports the maximum with the load average.)
    assert latencies[int(0.99 * len(latencies))] < 0.1, latencies[-5:]
    assert latencies[-1] < 0.5, latencies[-5:]
    assert recovered, f"not serving normally {recovery:.1f} s after the load stopped"
    assert ready_again, "/readyz still reports saturation 5 s after the load stopped"


def _posting(headers: dict[str, str], enterprise_id: int) -> Any:
    body = {"enterprise_id": enterprise_id, "title": "数控车工", "headcount": 2}
    return json_call("write", "POST", "/api/v1/postings", body, headers)


def test_database_faults_mid_load_answer_503_never_500(
    served: Serve, platform_key: dict[str, str], enterprise: int, engine: Engine, tmp_path: Path
) -> None:
    calls = [*mix(platform_key), _posting(platform_key, enterprise)]
    postgres = engine.dialect.name == "postgresql"
    # SQLite's fault is a writer holding the lock; PostgreSQL's, connections killed under load.
    env = {} if postgres else {"sqlite_busy_timeout_ms": "200"}
    with served(**env) as srv:
        thread, box = _during(
            lambda: run_load(srv.url, calls, workdir=tmp_path, clients=8, seconds=6, timeout=10)
        )
        killed = 0
        for _ in range(4):
            killed += _fault(engine, srv.process.pid)
        thread.join()
        after = httpx.get(srv.url + "/api/v1/postings?limit=5", headers=platform_key, timeout=10)
    statuses = box["report"].statuses()
    assert killed > 0
    assert set(statuses) <= {200, 201, 503}, statuses
    assert statuses.get(200, 0) > 0 and statuses.get(201, 0) > 0
    if not postgres:
        assert statuses.get(503, 0) > 0  # the writes that met the held lock
    assert after.status_code == 200  # and it serves on its own afterwards


def _fault(engine: Engine, pid: int) -> int:
    """Inflict one database fault on the server ``pid``; return how many things it hit."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            # Wait for the server to be holding connections, then kill them all.
            _wait_for(lambda: _backends(conn, pid) > 0, 5)
            return int(
                conn.scalar(
                    text(
                        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        "WHERE application_name = :app"
                    ),
                    {"app": f"vocmatch:{pid}"},
                )
                or 0
            )
    lock = _hold_write_lock(engine)
    time.sleep(1.0)  # the fault lasts a second (what it does is asserted after the load)
    _release(engine, lock)
    return 1


def _backends(conn: Any, pid: int) -> int:
    return int(
        conn.scalar(
            text("SELECT count(*) FROM pg_stat_activity WHERE application_name = :app"),
            {"app": f"vocmatch:{pid}"},
        )
        or 0
    )


def _hold_write_lock(engine: Engine) -> Any:
    """Take the lock every posting write needs (SQLite: the database's; PostgreSQL: the table's)."""
    conn = write_bind(engine).connect()
    conn.begin()  # SQLite: BEGIN IMMEDIATE
    if engine.dialect.name == "postgresql":
        conn.execute(text("LOCK TABLE posting IN ACCESS EXCLUSIVE MODE"))
    return conn


def _release(engine: Engine, conn: Any) -> None:
    conn.rollback()
    conn.close()


def test_a_query_stuck_behind_a_lock_ends_as_503_with_retry_after(
    served: Serve, platform_key: dict[str, str], enterprise: int, engine: Engine
) -> None:
    # PostgreSQL: statement_timeout stops the waiting INSERT. SQLite: the busy timeout.
    with served(statement_timeout_ms="500", sqlite_busy_timeout_ms="500") as srv:
        lock = _hold_write_lock(engine)
        try:
            r = httpx.post(
                srv.url + "/api/v1/postings",
                json={"enterprise_id": enterprise, "title": "数控车工"},
                headers=platform_key,
                timeout=30,
            )
        finally:
            _release(engine, lock)
        again = httpx.post(
            srv.url + "/api/v1/postings",
            json={"enterprise_id": enterprise, "title": "数控车工"},
            headers=platform_key,
            timeout=30,
        )
    assert r.status_code == 503, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert r.headers["retry-after"] == "1"
    assert again.status_code == 201  # the retry the header asks for succeeds


def test_sigterm_lets_the_request_in_flight_finish_then_exits(
    served: Serve, platform_key: dict[str, str], enterprise: int, engine: Engine
) -> None:
    with served() as srv:
        lock = _hold_write_lock(engine)
        box: dict[str, httpx.Response] = {}
        sender = threading.Thread(
            target=lambda: box.setdefault(
                "r",
                httpx.post(
                    srv.url + "/api/v1/postings",
                    json={"enterprise_id": enterprise, "title": "数控车工"},
                    headers=platform_key,
                    timeout=30,
                ),
            )
        )
        sender.start()
        try:
            assert _wait_for(lambda: _in_flight(srv.url) == 1, 10)
            srv.process.terminate()  # SIGTERM while the write waits for the lock
            # New clients are turned away while the request in flight is still being served.
            assert _wait_for(lambda: not _listening(srv.url), 5)
            assert box == {}
        finally:
            _release(engine, lock)
        sender.join(timeout=30)
        exit_code = srv.process.wait(timeout=15)
    assert box["r"].status_code == 201  # drained: the request in flight got its answer
    assert exit_code == -signal.SIGTERM  # uvicorn re-raises the signal once it has drained


def _post_stuck(url: str, headers: dict[str, str], enterprise: int) -> None:
    # The server goes away under this request: the dropped connection is the expected outcome.
    with contextlib.suppress(httpx.HTTPError):
        httpx.post(
            url + "/api/v1/postings",
            json={"enterprise_id": enterprise, "title": "卡住的岗位"},
            headers=headers,
            timeout=60,
        )


def test_sigterm_with_work_stuck_past_the_grace_period_still_exits(
    served: Serve, platform_key: dict[str, str], enterprise: int, engine: Engine
) -> None:
    with served(
        shutdown_grace_seconds="1", statement_timeout_ms="60000", sqlite_busy_timeout_ms="60000"
    ) as srv:
        lock = _hold_write_lock(engine)
        try:
            sender = threading.Thread(target=_post_stuck, args=(srv.url, platform_key, enterprise))
            sender.start()
            assert _wait_for(lambda: _in_flight(srv.url) == 1, 10)
            started = time.monotonic()
            srv.process.terminate()
            exit_code = srv.process.wait(timeout=30)
            took = time.monotonic() - started
        finally:
            _release(engine, lock)
    # 1 s of grace, then the request is cancelled and the process ends, although the thread doing
    # the write is still waiting for the lock.
    assert took < 5
    assert exit_code == -signal.SIGTERM
    with transaction(engine, write=False) as s:
        assert s.scalar(select(func.count()).where(Posting.title == "卡住的岗位")) == 0
