"""Read API of the four chains and their segments."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from vocmatch.industries import placements, service
from vocmatch.industries.schemas import ChainOut, SegmentOut
from vocmatch.kit.deps import SessionDep, require
from vocmatch.kit.principal import Principal
from vocmatch.kit.responses import errors

router = APIRouter(prefix="/api/v1", tags=["industries"])

ChainKey = Annotated[str, Path(examples=["rare_earth"])]


@router.get("/chains", response_model=list[ChainOut])
def list_chains(session: SessionDep) -> list[ChainOut]:
    """List the four chains with their segments, skills, occupations and programmes."""
    return service.list_chains(session)


@router.get("/chains/{key}", response_model=ChainOut, responses=errors(404))
def get_chain(key: ChainKey, session: SessionDep) -> ChainOut:
    """Get one chain."""
    return service.get_chain(session, key=key)


@router.get("/segments", response_model=list[SegmentOut])
def list_segments(
    session: SessionDep,
    chain: Annotated[str | None, Query(description="Only this chain's segments")] = None,
) -> list[SegmentOut]:
    """List segments, upstream to downstream."""
    return service.list_segments(session, chain=chain)


# --- programme → chain placements (curated lists decide; the model proposes; planners decide) ---
ProgrammeCode = Annotated[str, Path(pattern=r"^\d{6}$", examples=["630501"])]
PlannerDep = Annotated[Principal, Depends(require("admin", "planner"))]


@router.get(
    "/programmes/{code}/chains",
    response_model=placements.ProgrammeChains,
    responses=errors(404, 422),
    tags=["industries"],
)
def get_programme_chains(code: ProgrammeCode, session: SessionDep) -> placements.ProgrammeChains:
    """Return the chains (and segments) a programme feeds, and the model's open proposals.

    `chains` is what every figure uses: the curated lists of industries.yaml plus the proposals a
    planner accepted, or a planner's decision (`override`) instead. `proposals` are the model's
    chains nobody has accepted: they count nowhere.
    """
    return placements.get_programme_chains(session, code=code)


@router.put(
    "/programmes/{code}/chains",
    response_model=placements.ProgrammeChains,
    responses=errors(401, 403, 404, 422),
    tags=["industries"],
)
def put_programme_chains(
    code: ProgrammeCode, body: placements.OverrideIn, session: SessionDep, principal: PlannerDep
) -> placements.ProgrammeChains:
    """Decide a programme's chain (admin, planner): replaces its placements; audited."""
    return placements.set_override(session, code=code, body=body, actor=principal.audit_name())


@router.post(
    "/programmes/{code}/chains/accept",
    response_model=placements.ProgrammeChains,
    responses=errors(401, 403, 404, 422),
    tags=["industries"],
)
def accept_proposal(
    code: ProgrammeCode, body: placements.AcceptIn, session: SessionDep, principal: PlannerDep
) -> placements.ProgrammeChains:
    """Accept one of the model's proposals (admin, planner); audited. 422 if not proposed."""
    return placements.accept_proposal(session, code=code, body=body, actor=principal.audit_name())


@router.delete(
    "/programmes/{code}/chains/{chain_key}",
    response_model=placements.ProgrammeChains,
    responses=errors(401, 403, 404, 422),
    tags=["industries"],
)
def withdraw_decision(
    code: ProgrammeCode, chain_key: ChainKey, session: SessionDep, principal: PlannerDep
) -> placements.ProgrammeChains:
    """Withdraw a planner's acceptance or decision of one chain (admin, planner); audited."""
    return placements.withdraw(
        session, code=code, chain_key=chain_key, actor=principal.audit_name()
    )


@router.get(
    "/chains/{key}/programmes",
    response_model=list[placements.ChainProgramme],
    responses=errors(404),
)
def chain_programmes(key: ChainKey, session: SessionDep) -> list[placements.ChainProgramme]:
    """List the programmes placed in a chain (or `none`: placed in no chain), by code."""
    return placements.programmes_of_chain(session, chain_key=key)
