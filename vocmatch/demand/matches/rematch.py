"""Re-match stored postings after a retrain: in chunks, each its own transaction, with progress.

A chunk commits the postings it re-matched, so a crash or restart loses at most one chunk of work
and running again picks up where it stopped (it selects postings whose model version differs).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, or_, select
from sqlalchemy.orm import Session

from vocmatch.audit.service import record
from vocmatch.demand.models import Posting, RematchJob
from vocmatch.demand.postings.match_store import current_model_version, match_postings, posting_text
from vocmatch.demand.postings.service import apply_match, index_programmes
from vocmatch.kit import metrics
from vocmatch.kit.db import transaction, utcnow
from vocmatch.kit.errors import NotFound, Unavailable
from vocmatch.kit.principal import Principal

log = logging.getLogger(__name__)
CHUNK = 1000
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


def ids_to_rematch(session: Session, *, version: str, scope: str = "stale") -> list[int]:
    """Return the live postings to re-match: all, or those matched by another model version."""
    stmt = select(Posting.id).where(Posting.deleted_at.is_(None))
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
) -> RematchCounts:
    """Re-match postings chunk by chunk (one transaction each); report progress after each chunk."""
    version = require_version()
    with transaction(engine, write=False) as s:
        ids = ids_to_rematch(s, version=version, scope=scope)
    counts = RematchCounts(total=len(ids))
    _job(engine, job_id, status="running", total=counts.total, model_version=version)
    progress(0, counts.total)
    metrics.job_progress("rematch", 0, counts.total)
    try:
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            with transaction(engine) as s:
                counts.chain_changed += rematch_chunk(s, chunk)
                counts.done += len(chunk)
                if job_id is not None:
                    job = s.get(RematchJob, job_id)
                    if job is not None:
                        job.done = counts.done
            progress(counts.done, counts.total)
            metrics.job_progress("rematch", counts.done, counts.total)
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


def start_job(session: Session, *, principal: Principal, scope: str) -> RematchJob:
    """Create a queued re-match job (the caller runs it after the request commits)."""
    require_version()
    job = RematchJob(status="queued", scope=scope, started_by=principal.audit_name())
    session.add(job)
    session.flush()
    return job


def run_job(engine: Engine, job_id: int, scope: str, actor: str) -> None:
    """Run a queued job to the end (in a background thread); failures are kept on the job."""
    try:
        rematch(engine, scope=scope, actor=actor, job_id=job_id)
    except Exception:
        log.exception("demand.rematch.failed", extra={"job_id": job_id})


def get_job(session: Session, job_id: int) -> RematchJob:
    """Return a re-match job or raise NotFound."""
    job = session.get(RematchJob, job_id)
    if job is None:
        raise NotFound(f"no re-match job {job_id}")
    return job
