"""API of school capacity records under ``/api/v1/schools/{code}/capacity``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path

from vocmatch.kit.deps import SessionDep, require
from vocmatch.kit.principal import Principal
from vocmatch.kit.responses import errors
from vocmatch.schools.capacity import service
from vocmatch.schools.capacity.schemas import CapacityIn, CapacityOut

router = APIRouter(prefix="/api/v1", tags=["schools"])

Planner = Annotated[Principal, Depends(require("admin", "planner"))]
SchoolCode = Annotated[str, Path(pattern=r"^[A-Z0-9_-]{2,20}$", examples=["GXZZ"])]


@router.get(
    "/schools/{code}/capacity", response_model=list[CapacityOut], responses=errors(401, 403, 404)
)
def list_capacity(code: SchoolCode, session: SessionDep, principal: Planner) -> list[CapacityOut]:
    """A school's places, full-time teachers and training stations per year (newest first)."""
    return service.list_capacity(session, principal=principal, school_code=code)


@router.put(
    "/schools/{code}/capacity", response_model=CapacityOut, responses=errors(401, 403, 404, 422)
)
def put_capacity(
    code: SchoolCode, body: CapacityIn, session: SessionDep, principal: Planner
) -> CapacityOut:
    """Create or replace a school's capacity of a year (audited). The recommendations never
    plan a school beyond it."""
    return service.put_capacity(session, principal=principal, school_code=code, data=body)
