"""Admin API of demand: re-match every posting after a retrain, with progress."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, BackgroundTasks, Path, Request, status
from pydantic import BaseModel, ConfigDict, Field

from vocmatch.demand import rematch
from vocmatch.demand.models import RematchJob
from vocmatch.kit.deps import AdminDep, SessionDep
from vocmatch.kit.openapi import document_security
from vocmatch.kit.responses import errors

router = APIRouter(prefix="/api/v1/admin", tags=["admin"])


class RematchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    scope: Literal["stale", "all"] = Field(
        default="stale",
        description="stale: postings matched by another model version; all: every one",
    )


class RematchJobOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    status: str = Field(description="queued | running | done | failed")
    scope: str
    total: int
    done: int
    model_version: str | None
    started_by: str
    created_at: datetime
    finished_at: datetime | None
    error: str


@router.post(
    "/rematch",
    response_model=RematchJobOut,
    status_code=status.HTTP_202_ACCEPTED,
    responses=errors(401, 403, 422, 429, 503),
)
def start_rematch(
    request: Request,
    background: BackgroundTasks,
    session: SessionDep,
    principal: AdminDep,
    data: RematchIn | None = None,
) -> RematchJob:
    """Start re-matching postings in the background; poll `GET /admin/rematch/{id}` for progress."""
    scope = data.scope if data else "stale"
    job = rematch.start_job(session, principal=principal, scope=scope)
    # Background tasks run after the request's transaction has committed the job row.
    background.add_task(
        rematch.run_job, request.app.state.engine, job.id, scope, principal.audit_name()
    )
    return job


@router.get("/rematch/{job_id}", response_model=RematchJobOut, responses=errors(401, 403, 404, 429))
def rematch_progress(
    job_id: Annotated[int, Path(ge=1)], session: SessionDep, principal: AdminDep
) -> RematchJob:
    """Progress of a re-match job: `done` of `total` postings."""
    return rematch.get_job(session, job_id)


document_security(router)
