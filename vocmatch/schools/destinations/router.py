"""API of graduate-destination records under ``/api/v1`` (admins and planners)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, UploadFile
from fastapi.responses import Response

from vocmatch.kit.deps import SessionDep, require
from vocmatch.kit.messages import request_lang
from vocmatch.kit.principal import Principal
from vocmatch.kit.responses import errors
from vocmatch.schools.destinations import service
from vocmatch.schools.destinations.schemas import (
    DestinationIn,
    DestinationOut,
    ImportResult,
    YearSummary,
)

router = APIRouter(prefix="/api/v1", tags=["graduate destinations"])

Planner = Annotated[Principal, Depends(require("admin", "planner"))]
SchoolCode = Annotated[str, Path(pattern=r"^[A-Z0-9_-]{2,20}$", examples=["GXZZ"])]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get(
    "/destinations", response_model=list[DestinationOut], responses=errors(401, 403, 404, 422)
)
def list_destinations(
    session: SessionDep,
    principal: Planner,
    school: Annotated[str | None, Query(pattern=r"^[A-Z0-9_-]{2,20}$")] = None,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> list[DestinationOut]:
    """Graduate-destination records of the caller's schools (newest year first)."""
    return service.list_destinations(session, principal=principal, school_code=school, year=year)


@router.get("/destinations/summary", response_model=list[YearSummary], responses=errors(401, 403))
def summary(session: SessionDep, principal: Planner) -> list[YearSummary]:
    """District totals per graduation year: graduates, employed, sent to the High-tech Zone."""
    return service.summary(session, principal=principal)


@router.put(
    "/schools/{code}/destinations",
    response_model=DestinationOut,
    responses=errors(401, 403, 404, 422),
)
def put_destination(
    code: SchoolCode, body: DestinationIn, session: SessionDep, principal: Planner
) -> DestinationOut:
    """Create or replace the record of (school, programme, year). The destinations must add up
    to the graduates (422 naming the field otherwise). Audited."""
    return service.put_destination(session, principal=principal, school_code=code, data=body)


@router.delete("/destinations/{destination_id}", status_code=204, responses=errors(401, 403, 404))
def delete_destination(destination_id: int, session: SessionDep, principal: Planner) -> Response:
    """Delete one record (audited)."""
    service.delete_destination(session, principal=principal, destination_id=destination_id)
    return Response(status_code=204)


@router.get(
    "/destinations.xlsx",
    response_class=Response,
    responses={200: {"content": {XLSX: {}}, "description": "The sheet"}, **errors(401, 403, 404)},
)
def export_destinations(
    request: Request,
    session: SessionDep,
    principal: Planner,
    school: Annotated[str | None, Query(pattern=r"^[A-Z0-9_-]{2,20}$")] = None,
) -> Response:
    """Download the caller's records as an Excel sheet in the caller's language (the page's
    cookie, else Accept-Language, else Chinese); it imports back in either language (audited)."""
    content, filename = service.export_destinations(
        session, principal=principal, school_code=school, lang=request_lang(request, default="zh")
    )
    return Response(
        content,
        media_type=XLSX,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.post(
    "/destinations/import", response_model=ImportResult, responses=errors(401, 403, 413, 422)
)
def import_destinations(
    file: UploadFile,
    session: SessionDep,
    principal: Planner,
    dry_run: Annotated[bool, Query(description="Preview only: validate and show changes")] = True,
) -> ImportResult:
    """Import a destinations sheet (one row per school, programme and year): preview by default;
    with ``dry_run=false`` every row is written, or none when any row has an error (422)."""
    return service.import_destinations(
        session, principal=principal, content=file.file.read(), dry_run=dry_run
    )
