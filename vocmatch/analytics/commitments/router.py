"""API of the plan periods, milestones and designation records under ``/api/v1/plan``."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Path, Query, Response, UploadFile
from fastapi.responses import FileResponse
from pydantic import ValidationError

from vocmatch.analytics.commitments import service
from vocmatch.analytics.commitments.schemas import (
    DesignationIn,
    DesignationOut,
    FinalReport,
    Kind,
    Level,
    MilestoneIn,
    MilestoneOut,
    MilestoneStatus,
    PeriodDetail,
    PeriodOut,
)
from vocmatch.kit.deps import SessionDep, require
from vocmatch.kit.errors import Invalid
from vocmatch.kit.principal import Principal
from vocmatch.kit.responses import errors
from vocmatch.partnerships.evidence.service import attachment_headers, receive

router = APIRouter(prefix="/api/v1/plan", tags=["plan"])
Planner = Annotated[Principal, Depends(require("admin", "planner"))]
PeriodId = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9-]{1,58}[a-z0-9]$")]
Key = Annotated[str, Path(pattern=r"^[a-z_]{2,60}$")]
Evidence = Annotated[UploadFile | None, File(description="PDF, JPG, PNG, DOCX or XLSX")]


def validated(model: type[Any], data: dict[str, Any]) -> Any:
    """Validate form fields into ``model``; a bad one is a 422 naming the field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        # The type and ctx let kit.messages say it in the reader's language.
        errs = [
            {
                "field": ".".join(str(p) for p in e["loc"]) or "form",
                "type": e["type"],
                "ctx": {
                    k: v if isinstance(v, int | float | str) else str(v)
                    for k, v in (e.get("ctx") or {}).items()
                },
                "message": e["msg"],
            }
            for e in exc.errors()
        ]
        raise Invalid(f"{errs[0]['field']}: {errs[0]['message']}", errors=errs) from None


@router.get("/periods", response_model=list[PeriodOut], responses=errors(401, 403))
def periods(principal: Planner) -> list[PeriodOut]:
    """Every plan period (data/plans/<id>.yaml), its status today and which one is current."""
    return service.list_periods(principal=principal)


@router.post(
    "/periods", response_model=PeriodOut, status_code=201, responses=errors(401, 403, 409, 422)
)
def upload_period(
    session: SessionDep,
    principal: Planner,
    file: Annotated[UploadFile, File(description="The plan file, <id>.yaml (UTF-8)")],
    replace: Annotated[bool, Query(description="Replace a period with the same id")] = False,
) -> PeriodOut:
    """Add (or replace) a plan period from its YAML file: validated, stored and audited; a bad
    file is refused with one line naming the file and the field."""
    content = file.file.read(1024 * 1024 + 1)
    if len(content) > 1024 * 1024:
        raise Invalid(
            "file: a plan file is at most 1 MB", errors=[{"field": "file", "message": "too large"}]
        )
    return service.upload_period(
        session, principal=principal, filename=file.filename or "", content=content, replace=replace
    )


@router.get("/periods/{period_id}", response_model=PeriodDetail, responses=errors(401, 403, 404))
def period(period_id: PeriodId, principal: Planner) -> PeriodDetail:
    """A period with every commitment: clause, the plan's words, nature, deadline, target."""
    return service.get_period(principal=principal, period_id=period_id)


@router.get(
    "/periods/{period_id}/report", response_model=FinalReport, responses=errors(401, 403, 404)
)
def report(period_id: PeriodId, session: SessionDep, principal: Planner) -> FinalReport:
    """The period judged at its deadline: every indicator and milestone met, missed or unknown."""
    return service.final_report(session, principal=principal, period_id=period_id)


@router.get(
    "/periods/{period_id}/milestones",
    response_model=list[MilestoneOut],
    responses=errors(401, 403, 404),
)
def milestones(period_id: PeriodId, session: SessionDep, principal: Planner) -> list[MilestoneOut]:
    """The period's milestones with their latest status (unknown without a record)."""
    return service.milestones(session, principal=principal, period_id=period_id)


@router.post(
    "/periods/{period_id}/milestones/{key}/records",
    response_model=MilestoneOut,
    status_code=201,
    responses=errors(401, 403, 404, 413, 415, 422),
)
def record_milestone(
    period_id: PeriodId,
    key: Key,
    session: SessionDep,
    principal: Planner,
    status: Annotated[MilestoneStatus, Form()],
    as_of: Annotated[date, Form()],
    note: Annotated[str, Form()],
    file: Evidence = None,
) -> MilestoneOut:
    """Record a milestone's status on a date with a note and an optional evidence file."""
    entry = validated(MilestoneIn, {"status": status, "as_of": as_of, "note": note})
    blob = receive(file.file, file.filename or "") if file is not None and file.filename else None
    return service.record_milestone(
        session, principal=principal, period_id=period_id, key=key, entry=entry, blob=blob
    )


@router.get(
    "/milestone-records/{record_id}/evidence",
    response_class=FileResponse,
    responses={200: {"description": "The file, as an attachment"}, **errors(401, 403, 404)},
)
def milestone_evidence(
    record_id: Annotated[int, Path(ge=1, le=2**31 - 1)], session: SessionDep, principal: Planner
) -> FileResponse:
    """Download a milestone record's evidence file (audited)."""
    name, media, path = service.open_evidence(
        session, principal=principal, what="milestone_record", row_id=record_id
    )
    return FileResponse(path, media_type=media, headers=attachment_headers(name))


@router.get("/designations", response_model=list[DesignationOut], responses=errors(401, 403))
def designations(
    session: SessionDep, principal: Planner, kind: Annotated[Kind | None, Query()] = None
) -> list[DesignationOut]:
    """Designation records, newest first (the only records designation indicators count)."""
    return service.list_designations(session, principal=principal, kind=kind)


@router.post(
    "/designations",
    response_model=DesignationOut,
    status_code=201,
    responses=errors(401, 403, 413, 415, 422),
)
def create_designation(
    session: SessionDep,
    principal: Planner,
    kind: Annotated[Kind, Form()],
    level: Annotated[Level, Form()],
    title: Annotated[str, Form()],
    issuing_body: Annotated[str, Form()],
    document_number: Annotated[str, Form()],
    issued_on: Annotated[date, Form()],
    file: Annotated[UploadFile, File(description="The designation document: PDF, JPG, PNG…")],
    school_code: Annotated[str, Form()] = "",
    programme_code: Annotated[str, Form()] = "",
    holder: Annotated[str, Form()] = "",
    notes: Annotated[str, Form()] = "",
) -> DesignationOut:
    """Record a designation with its evidence file (audited)."""
    body = validated(
        DesignationIn,
        {
            "kind": kind,
            "level": level,
            "title": title,
            "issuing_body": issuing_body,
            "document_number": document_number,
            "issued_on": issued_on,
            "school_code": school_code or None,
            "programme_code": programme_code,
            "holder": holder,
            "notes": notes,
        },
    )
    blob = receive(file.file, file.filename or "") if file.filename else None
    return service.create_designation(session, principal=principal, body=body, blob=blob)


@router.delete("/designations/{designation_id}", status_code=204, responses=errors(401, 403, 404))
def delete_designation(
    designation_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    session: SessionDep,
    principal: Planner,
) -> Response:
    """Delete a designation record entered in error (audited)."""
    service.delete_designation(session, principal=principal, designation_id=designation_id)
    return Response(status_code=204)


@router.get(
    "/designations/{designation_id}/evidence",
    response_class=FileResponse,
    responses={200: {"description": "The file, as an attachment"}, **errors(401, 403, 404)},
)
def designation_evidence(
    designation_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    session: SessionDep,
    principal: Planner,
) -> FileResponse:
    """Download a designation's evidence file (audited)."""
    name, media, path = service.open_evidence(
        session, principal=principal, what="designation", row_id=designation_id
    )
    return FileResponse(path, media_type=media, headers=attachment_headers(name))
