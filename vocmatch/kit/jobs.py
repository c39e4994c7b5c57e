"""Background jobs: on a dramatiq queue in Redis when ``VOCMATCH_REDIS_URL`` is set, else in process.

A job is a registered function ``fn(engine, **kwargs)`` (``@task("name")``; kit knows no domain,
the domains register theirs) sent with JSON-able keyword arguments. Its state and progress live
in the database (the domain's job row, e.g. ``rematch_job``), so any process — and ``/admin`` —
shows it; the queue only carries "run job 7".

**With Redis**, every ``vocmatch serve`` process also runs a dramatiq worker
(``VOCMATCH_JOB_THREADS`` threads, 1 by default) and a job runs in whichever process takes it.
Dramatiq acknowledges a message only when its function returns; each process heartbeats in
Redis about once a second, and a process silent for ``VOCMATCH_JOB_HEARTBEAT_SECONDS`` (15) is
presumed dead: the messages it held go back to the queue and another process runs them again.
So a job survives its worker being killed (at least once: the functions resume from their
committed progress and a finished job ignores a second delivery). Why dramatiq and not rq, arq or
procrastinate: its workers are threads inside a process (no fork, so the loaded matcher is
shared and ``vocmatch serve`` can run them), and redelivery hangs on a heartbeat, not on a job
timeout — a re-match of a million postings may run for minutes, and arq or rq would either
re-run it while it is still running or wait its whole timeout after a crash; procrastinate would
need PostgreSQL, while SQLite is the embedded default.

**Without Redis**, a job runs in a thread of the process that sent it, once the request has been
answered (FastAPI's background tasks); it dies with that process and is resumed when sent again.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import dramatiq
from dramatiq.brokers.redis import MAINTENANCE_SCALE, RedisBroker
from fastapi import BackgroundTasks
from sqlalchemy import Engine

from vocmatch.kit import shared
from vocmatch.kit.config import get_settings

log = logging.getLogger(__name__)
Task = Callable[..., None]
_TASKS: dict[str, Task] = {}
QUEUE = "vocmatch"
_engine: Engine | None = None
_worker: dramatiq.Worker | None = None


def task(name: str) -> Callable[[Task], Task]:
    """Register ``fn(engine, **kwargs)`` as the job ``name``."""

    def register(fn: Task) -> Task:
        _TASKS[name] = fn
        return fn

    return register


def worker_name() -> str:
    """Return this process's name as a job's runner (host:pid): shown with its progress."""
    return f"{socket.gethostname()}:{os.getpid()}"


def run(engine: Engine, name: str, kwargs: dict[str, Any]) -> None:
    """Run the job ``name`` here and now; a failure is logged (the job records its own)."""
    try:
        _TASKS[name](engine, **kwargs)
    except Exception:
        log.exception("jobs.failed", extra={"job": name})


@lru_cache
def broker() -> RedisBroker | None:
    """Return the Redis broker, or None when jobs run in process."""
    settings = get_settings()
    if shared.redis_client() is None or not settings.redis_url:
        return None
    found = RedisBroker(
        url=settings.redis_url,
        namespace=f"{settings.redis_prefix}jobs",
        # No retries, time limits or age limits: a job records its own failure, may run for
        # minutes, and is redelivered only when its worker is gone.
        middleware=[],
        heartbeat_timeout=int(settings.job_heartbeat_seconds * 1000),
        # Look for dead workers' messages on every fetch (a handful of workers: cheap).
        maintenance_chance=MAINTENANCE_SCALE,
    )
    dramatiq.actor(broker=found, actor_name="vocmatch_job", queue_name=QUEUE)(_deliver)
    return found


def _deliver(name: str, kwargs: dict[str, Any]) -> None:
    engine = _engine
    if engine is None:  # a worker always has its engine (start_worker); be loud if not
        raise RuntimeError("job worker started without an engine")
    run(engine, name, kwargs)


def send(engine: Engine, name: str, **kwargs: Any) -> None:
    """Run job ``name`` now: queue it (Redis) or run it in this thread."""
    if name not in _TASKS:
        raise KeyError(f"no job {name!r}")
    found = broker()
    if found is None:
        run(engine, name, kwargs)
        return
    found.get_actor("vocmatch_job").send(name, kwargs)


def submit(background: BackgroundTasks, engine: Engine, name: str, **kwargs: Any) -> None:
    """Send job ``name`` once the request has committed and been answered."""
    background.add_task(send, engine, name, **kwargs)


def start_worker(engine: Engine) -> bool:
    """Start this process's job worker when jobs go through Redis; True when one runs."""
    global _engine, _worker
    found = broker()
    threads = get_settings().job_threads
    if found is None or threads == 0 or _worker is not None:
        return False
    _engine = engine
    _worker = dramatiq.Worker(found, queues={QUEUE}, worker_threads=threads, worker_timeout=1000)
    _worker.start()
    log.info("jobs.worker.started", extra={"worker": worker_name(), "threads": threads})
    return True


def stop_worker(timeout_seconds: float = 5.0) -> None:
    """Stop this process's worker; a job it was running goes back to the queue."""
    global _worker
    if _worker is not None:
        _worker.stop(timeout=int(timeout_seconds * 1000))
        _worker = None
