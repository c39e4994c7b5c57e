"""Read API of the four chains and their segments."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from vocmatch.common.responses import errors
from vocmatch.deps import SessionDep
from vocmatch.industries import service
from vocmatch.industries.schemas import ChainOut, SegmentOut

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
