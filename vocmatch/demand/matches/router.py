"""REST API of matches: what a posting, a programme or an enterprise is matched with; re-matching
every posting after a retrain (admins), with progress."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, BackgroundTasks, Path, Query, Request, status
from pydantic import BaseModel, ConfigDict, Field

from vocmatch.demand.matches import rematch
from vocmatch.demand.matches import service as matches
from vocmatch.demand.models import RematchJob
from vocmatch.demand.schemas import EnterpriseMatches, PostingMatches, ProgrammeDemand
from vocmatch.kit.deps import AdminDep, AuthenticatedDep, SessionDep
from vocmatch.kit.openapi import document_security
from vocmatch.kit.responses import errors
from vocmatch.kit.schema import Input

router = APIRouter(prefix="/api/v1")
PostingId = Annotated[int, Path(ge=1, description="Posting id")]


class RematchIn(Input):
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
    attempts: int = Field(description="how many times a worker took the job (>1: resumed)")
    worker: str = Field(description="the process running or last running it (host:pid)")


@router.post(
    "/admin/rematch",
    tags=["admin"],
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
    # The job is sent to the queue after the request's transaction has committed its row.
    return rematch.start_job(session, principal=principal, scope=scope, background=background)


@router.get(
    "/admin/rematch/{job_id}",
    response_model=RematchJobOut,
    responses=errors(401, 403, 404, 429),
    tags=["admin"],
)
def rematch_progress(
    job_id: Annotated[int, Path(ge=1)], session: SessionDep, principal: AdminDep
) -> RematchJob:
    """Progress of a re-match job: `done` of `total` postings."""
    return rematch.get_job(session, job_id)


@router.get(
    "/postings/{posting_id}/matches",
    response_model=PostingMatches,
    responses=errors(401, 404, 429),
    tags=["postings"],
)
def posting_matches(
    posting_id: PostingId, session: SessionDep, principal: AuthenticatedDep
) -> PostingMatches:
    """The posting's chain, occupations and programmes, with the schools offering each programme."""
    return matches.posting_matches(session, principal=principal, posting_id=posting_id)


@router.get(
    "/programmes/{code}/demand",
    response_model=ProgrammeDemand,
    responses=errors(401, 403, 404, 422, 429),
    tags=["postings", "catalogue"],
)
def programme_demand(
    code: Annotated[str, Path(pattern=r"^[0-9]{6}$", examples=["660103"])],
    session: SessionDep,
    principal: AuthenticatedDep,
) -> ProgrammeDemand:
    """Open demand this programme can supply: postings, headcount by chain and type, graduates."""
    return matches.programme_demand(session, principal=principal, code=code)


@router.get(
    "/enterprises/{enterprise_id}/matches",
    response_model=EnterpriseMatches,
    responses=errors(401, 404, 429),
    tags=["enterprises"],
)
def enterprise_matches(
    enterprise_id: Annotated[int, Path(ge=1, description="Enterprise id")],
    session: SessionDep,
    principal: AuthenticatedDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> EnterpriseMatches:
    """Programmes and schools that can supply the enterprise's open demand, with graduates/year."""
    return matches.enterprise_matches(
        session, principal=principal, enterprise_id=enterprise_id, limit=limit
    )


document_security(router)
