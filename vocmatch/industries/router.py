"""Read API of the four chains and their segments."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from vocmatch.industries import mapping, service
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


# --- programme → chain mapping (computed by the matcher, overridable by planners) -------------
ProgrammeCode = Annotated[str, Path(pattern=r"^\d{6}$", examples=["630501"])]
PlannerDep = Annotated[Principal, Depends(require("admin", "planner"))]


@router.get(
    "/programmes/{code}/chains",
    response_model=mapping.ProgrammeChains,
    responses=errors(404, 422),
    tags=["industries"],
)
def get_programme_chains(code: ProgrammeCode, session: SessionDep) -> mapping.ProgrammeChains:
    """Return the chains (and segments) a programme feeds, with evidence.

    `chains` is the effective mapping: a planner's override when there is one, else the model's
    rows (every chain scoring ≥ 0.5, best first). `model` and `override` show both sides.
    """
    return mapping.get_programme_chains(session, code=code)


@router.put(
    "/programmes/{code}/chains",
    response_model=mapping.ProgrammeChains,
    responses=errors(401, 403, 404, 422),
    tags=["industries"],
)
def put_programme_chains(
    code: ProgrammeCode, body: mapping.OverrideIn, session: SessionDep, principal: PlannerDep
) -> mapping.ProgrammeChains:
    """Confirm or override a programme's chain (admin, planner). The override wins and is audited."""
    return mapping.set_override(session, code=code, body=body, actor=principal.audit_name())


@router.get(
    "/chains/{key}/programmes",
    response_model=list[mapping.ChainProgramme],
    responses=errors(404),
)
def chain_programmes(key: ChainKey, session: SessionDep) -> list[mapping.ChainProgramme]:
    """List the programmes mapped to a chain (or `none`), best score first."""
    return mapping.programmes_of_chain(session, chain_key=key)
