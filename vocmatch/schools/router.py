"""API of schools and their offerings: planners edit their own schools' offerings."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, UploadFile
from fastapi.responses import Response

from vocmatch.kit.deps import SessionDep, require
from vocmatch.kit.messages import request_lang
from vocmatch.kit.principal import Principal
from vocmatch.kit.responses import errors
from vocmatch.schools import service
from vocmatch.schools.schemas import (
    ImportResult,
    OfferingIn,
    OfferingOut,
    OfferingPatch,
    PartnerIn,
    PartnerOut,
    SchoolOut,
)

router = APIRouter(prefix="/api/v1", tags=["schools"])

Planner = Annotated[Principal, Depends(require("admin", "planner"))]
SchoolCode = Annotated[str, Path(pattern=r"^[A-Z0-9_-]{2,20}$", examples=["GXZZ"])]
Year = Annotated[int | None, Query(ge=2000, le=2100, description="Only this year")]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/schools", response_model=list[SchoolOut], responses=errors(401, 403))
def list_schools(session: SessionDep, principal: Planner) -> list[SchoolOut]:
    """The schools the caller may see (planners: their own)."""
    return service.list_schools(session, principal=principal)


@router.get(
    "/schools/{code}/offerings",
    response_model=list[OfferingOut],
    responses=errors(401, 403, 404, 422),
)
def list_offerings(
    code: SchoolCode, session: SessionDep, principal: Planner, year: Year = None
) -> list[OfferingOut]:
    """A school's programmes: intake plan, enrolled, graduates, flags and partner enterprises."""
    return service.list_offerings(session, principal=principal, code=code, year=year)


@router.post(
    "/schools/{code}/offerings",
    response_model=OfferingOut,
    status_code=201,
    responses=errors(401, 403, 404, 409, 422),
)
def create_offering(
    code: SchoolCode, body: OfferingIn, session: SessionDep, principal: Planner
) -> OfferingOut:
    """Add a programme to a school's offerings for a year (audited)."""
    return service.create_offering(session, principal=principal, code=code, data=body)


@router.patch(
    "/offerings/{offering_id}", response_model=OfferingOut, responses=errors(401, 403, 404, 422)
)
def update_offering(
    offering_id: int, body: OfferingPatch, session: SessionDep, principal: Planner
) -> OfferingOut:
    """Change an offering's figures or flags (audited)."""
    return service.update_offering(
        session, principal=principal, offering_id=offering_id, patch=body
    )


@router.delete("/offerings/{offering_id}", status_code=204, responses=errors(401, 403, 404))
def delete_offering(offering_id: int, session: SessionDep, principal: Planner) -> Response:
    """Remove an offering and its partners (audited)."""
    service.delete_offering(session, principal=principal, offering_id=offering_id)
    return Response(status_code=204)


@router.post(
    "/offerings/{offering_id}/partners",
    response_model=PartnerOut,
    status_code=201,
    responses=errors(401, 403, 404, 409, 422),
)
def add_partner(
    offering_id: int, body: PartnerIn, session: SessionDep, principal: Planner
) -> PartnerOut:
    """Record an enterprise cooperating with the offering: order class, apprenticeship, …"""
    return service.add_partner(session, principal=principal, offering_id=offering_id, data=body)


@router.delete(
    "/offerings/{offering_id}/partners/{partner_id}",
    status_code=204,
    responses=errors(401, 403, 404),
)
def remove_partner(
    offering_id: int, partner_id: int, session: SessionDep, principal: Planner
) -> Response:
    """Remove a partner from the offering (audited)."""
    service.remove_partner(
        session, principal=principal, offering_id=offering_id, partner_id=partner_id
    )
    return Response(status_code=204)


@router.get(
    "/schools/{code}/offerings.xlsx",
    response_class=Response,
    responses={200: {"content": {XLSX: {}}, "description": "The sheet"}, **errors(401, 403, 404)},
)
def export_offerings(
    code: SchoolCode, request: Request, session: SessionDep, principal: Planner, year: Year = None
) -> Response:
    """Download a school's offerings as an Excel sheet in the caller's language (the page's
    cookie, else Accept-Language, else Chinese); it imports back in either language (audited)."""
    content, filename = service.export_offerings(
        session,
        principal=principal,
        code=code,
        year=year,
        lang=request_lang(request, default="zh"),
    )
    return Response(
        content,
        media_type=XLSX,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.post(
    "/schools/{code}/offerings/import",
    response_model=ImportResult,
    responses=errors(401, 403, 404, 413, 422),
)
def import_offerings(
    code: SchoolCode,
    file: UploadFile,
    session: SessionDep,
    principal: Planner,
    dry_run: Annotated[bool, Query(description="Preview only: validate and show changes")] = True,
) -> ImportResult:
    """Import an offerings sheet: preview (default) shows each row's changes and errors; with
    ``dry_run=false`` every row is written, or none when any row has an error (422)."""
    content = file.file.read()
    return service.import_offerings(
        session, principal=principal, code=code, content=content, dry_run=dry_run
    )
