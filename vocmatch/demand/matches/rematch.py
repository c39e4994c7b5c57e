"""Re-match stored postings after a retrain: in chunks, each its own transaction, with progress.

A chunk commits the postings it re-matched, so a crash or restart loses at most one chunk of work
and running again picks up where it stopped (it selects postings whose model version differs).
A job (``POST /admin/rematch``, the admin page) runs on the job queue (``kit.jobs``): its row
keeps the last posting id committed (``cursor``), so when its worker dies and the queue hands it
to another, the job goes on after that id with its count of postings done.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import BackgroundTasks
from sqlalchemy import Engine, or_, select
from sqlalchemy.orm import Session

from vocmatch.audit.service import record
from vocmatch.demand.models import Posting, RematchJob
from vocmatch.demand.postings.match_store import current_model_version, match_postings, posting_text
from vocmatch.demand.postings.service import apply_match, index_programmes
from vocmatch.kit import jobs, metrics
from vocmatch.kit.config import get_settings
from vocmatch.kit.db import transaction, utcnow
from vocmatch.kit.errors import NotFound, Unavailable
from vocmatch.kit.principal import Principal

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]


@dataclass
class RematchCounts:
    """How many postings a re-match looked at and changed."""

    total: int = 0
    done: int = 0
    chain_changed: int = 0


def _quiet(_done: int, _total: int) -> None:
    return None


def require_version() -> str:
    """Return the matcher's version, or 503 when no trained matcher is available."""
    version = current_model_version()
    if version is None:
        raise Unavailable("no trained matcher is available; train it first (vocmatch train)")
    return version


def ids_to_rematch(
    session: Session, *, version: str, scope: str = "stale", after: int = 0
) -> list[int]:
    """Return the live postings to re-match (id above ``after``): all, or those matched by
    another model version."""
    stmt = select(Posting.id).where(Posting.deleted_at.is_(None), Posting.id > after)
    if scope != "all":
        stmt = stmt.where(or_(Posting.model_version.is_(None), Posting.model_version != version))
    return list(session.scalars(stmt.order_by(Posting.id)))


def rematch_chunk(session: Session, ids: list[int]) -> int:
    """Re-match the postings ``ids`` in ``session``; return how many changed chain."""
    postings = list(
        session.scalars(select(Posting).where(Posting.id.in_(ids)).order_by(Posting.id))
    )
    results = match_postings(
        [(p.title, posting_text(p.description, p.skills or [])) for p in postings]
    )
    changed = 0
    for p, m in zip(postings, results, strict=True):
        changed += p.chain != m.chain
        apply_match(p, m)
    session.flush()
    index_programmes(session, postings)
    return changed


def rematch(
    engine: Engine,
    *,
    scope: str = "stale",
    actor: str = "system",
    progress: Progress = _quiet,
    job_id: int | None = None,
    after: int = 0,
    done: int = 0,
) -> RematchCounts:
    """Re-match postings chunk by chunk (one transaction each); report progress after each chunk.

    ``after``/``done``: resume a job after the posting id it last committed, ``done`` counted.
    """
    version = require_version()
    with transaction(engine, write=False) as s:
        ids = ids_to_rematch(s, version=version, scope=scope, after=after)
    counts = RematchCounts(total=done + len(ids), done=done)
    _job(engine, job_id, status="running", total=counts.total, model_version=version)
    progress(counts.done, counts.total)
    metrics.job_progress("rematch", counts.done, counts.total)
    settings = get_settings()
    pause, size = settings.rematch_pause_ms / 1000, settings.rematch_chunk
    try:
        for start in range(0, len(ids), size):
            chunk = ids[start : start + size]
            with transaction(engine) as s:
                counts.chain_changed += rematch_chunk(s, chunk)
                counts.done += len(chunk)
                if job_id is not None:
                    job = s.get(RematchJob, job_id)
                    if job is not None:
                        job.done, job.cursor = counts.done, chunk[-1]
            progress(counts.done, counts.total)
            metrics.job_progress("rematch", counts.done, counts.total)
            if pause:
                time.sleep(pause)
    except Exception as exc:
        _job(engine, job_id, status="failed", error=f"{type(exc).__name__}: {exc}"[:500])
        raise
    with transaction(engine) as s:
        record(
            s,
            actor=actor,
            action="rematch",
            entity_type="posting",
            detail={"scope": scope, "model_version": version, **counts.__dict__},
        )
    _job(engine, job_id, status="done", done=counts.done, finished_at=utcnow())
    log.info("demand.rematch.done", extra={"total": counts.total, "changed": counts.chain_changed})
    return counts


def _job(engine: Engine, job_id: int | None, **fields: object) -> None:
    if job_id is None:
        return
    with transaction(engine) as s:
        job = s.get(RematchJob, job_id)
        if job is not None:
            for k, v in fields.items():
                setattr(job, k, v)


def start_job(
    session: Session, *, principal: Principal, scope: str, background: BackgroundTasks
) -> RematchJob:
    """Create a queued re-match job, sent to the job queue once the request has committed."""
    require_version()
    job = RematchJob(status="queued", scope=scope, started_by=principal.audit_name())
    session.add(job)
    session.flush()
    jobs.submit(background, session.get_bind().engine, JOB, job_id=job.id)
    return job


JOB = "demand.rematch"


@jobs.task(JOB)
def run_job(engine: Engine, job_id: int) -> None:
    """Run a job to the end, or on from where its last worker stopped; failures stay on the job.

    A job already finished is left alone (the queue delivers at least once).
    """
    with transaction(engine) as s:
        job = s.get(RematchJob, job_id)
        if job is None or job.status in ("done", "failed"):
            return
        job.attempts += 1
        job.worker = jobs.worker_name()
        scope, actor, after, done = job.scope, job.started_by, job.cursor, job.done
    log.info("demand.rematch.start", extra={"job_id": job_id, "after": after, "done": done})
    try:
        rematch(engine, scope=scope, actor=actor, job_id=job_id, after=after, done=done)
    except Exception:
        log.exception("demand.rematch.failed", extra={"job_id": job_id})


def get_job(session: Session, job_id: int) -> RematchJob:
    """Return a re-match job or raise NotFound."""
    job = session.get(RematchJob, job_id)
    if job is None:
        raise NotFound(f"no re-match job {job_id}")
    return job
