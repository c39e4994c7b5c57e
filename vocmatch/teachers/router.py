"""The dual-qualified API: rosters (names: admins and the school's planners), shares (no names)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Path, Query, Request, Response, UploadFile, status
from pydantic import BaseModel

from vocmatch.kit.config import get_settings
from vocmatch.kit.deps import AuthenticatedDep, SessionDep, require
from vocmatch.kit.endpoints import signed
from vocmatch.kit.errors import Invalid
from vocmatch.kit.messages import request_lang
from vocmatch.kit.pagination import Page
from vocmatch.kit.principal import Principal
from vocmatch.kit.responses import errors
from vocmatch.kit.schema import as_of_query
from vocmatch.teachers import schemas
from vocmatch.teachers.records import service as records
from vocmatch.teachers.records import workbook_export, workbook_import
from vocmatch.teachers.roster import obligations
from vocmatch.teachers.roster import service as roster
from vocmatch.teachers.shares import privacy, service

router = APIRouter(prefix="/api/v1/teachers", tags=["teachers"])

# Lists need a role that has rosters; object routes admit anyone authenticated and answer 404
# unless the caller is an admin or a planner of the teacher's school (no hint that it exists).
RosterDep = Annotated[Principal, Depends(require("admin", "planner"))]
AsOf = Annotated[
    date | None, as_of_query("Evaluate on this date (default today); any past date works")
]
SchoolCode = Annotated[str | None, Query(max_length=20, description="School code, e.g. GXZZ")]
TeacherId = Annotated[int, Path(ge=1)]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _day(as_of: date | None) -> date:
    return as_of or date.today()


# --- aggregates: any authenticated caller, never names -------------------------------------------
@router.get("/share", response_model=schemas.ShareOut, responses=errors(401, 422))
def district_share(
    session: SessionDep, principal: AuthenticatedDep, as_of: AsOf = None
) -> schemas.ShareOut:
    """The district's dual-qualified share (the plan indicator; target 50 %)."""
    return service.district_share(session, as_of=_day(as_of))


@router.get("/shares", response_model=schemas.SharesOut, responses=errors(401, 403, 404, 422))
def shares(
    session: SessionDep,
    principal: AuthenticatedDep,
    by: Literal["school", "programme", "chain"] = "school",
    school: SchoolCode = None,
    as_of: AsOf = None,
) -> schemas.SharesOut:
    """The share of the district (or one ``school``) broken down by school, programme or chain.

    Programme and chain breakdowns are for administrators and planners; groups smaller than three
    teachers are left out for whoever may not see those teachers (``shares.privacy``)."""
    privacy.check_breakdown_allowed(principal, by)
    out = service.shares(session, as_of=_day(as_of), by=by, school_code=school)
    return privacy.apply_floor(session, out, principal=principal, school_code=school)


@router.get(
    "/shares/history", response_model=list[schemas.SharePoint], responses=errors(401, 404, 422)
)
def share_history(
    session: SessionDep,
    principal: AuthenticatedDep,
    months: Annotated[int, Query(ge=1, le=120)] = 24,
    school: SchoolCode = None,
    as_of: AsOf = None,
) -> list[schemas.SharePoint]:
    """The share at each month end from the dated records (the last point is ``as_of``)."""
    return service.share_history(session, months=months, as_of=_day(as_of), school_code=school)


@router.get("/projection", response_model=schemas.ProjectionOut, responses=errors(401, 404, 422))
def projection(
    session: SessionDep,
    principal: AuthenticatedDep,
    school: SchoolCode = None,
    chosen_date: Annotated[
        date | None, Query(description="Project to this date (default: end of next year)")
    ] = None,
    as_of: AsOf = None,
) -> schemas.ProjectionOut:
    """The trend, the 2025-12-31 target (met or missed), when 50 % is reached at the current
    pace, and how many teachers must qualify per month to reach it by ``chosen_date``."""
    day = _day(as_of)
    if chosen_date is not None and chosen_date <= day:
        raise Invalid(
            "chosen_date must be after as_of",
            errors=[{"field": "chosen_date", "message": "must be after as_of"}],
        )
    return service.projection(session, as_of=day, school_code=school, chosen_date=chosen_date)


@router.get("/rules", response_model=schemas.RuleSetOut, responses=errors(401))
def rules(principal: AuthenticatedDep) -> schemas.RuleSetOut:
    """The rule set in force: levels, requirements and where the 2022 standard is interpreted."""
    return service.rule_set()


# --- rosters: admins and planners of the school ---------------------------------------------------
@router.get("", response_model=Page[schemas.TeacherSummary], responses=errors(401, 403, 404, 422))
def list_teachers(
    session: SessionDep,
    principal: RosterDep,
    school: SchoolCode = None,
    programme: Annotated[str | None, Query(pattern=r"^[0-9]{6}$")] = None,
    employment: Literal["full_time", "part_time"] | None = None,
    status_filter: Annotated[
        Literal[
            "recognised",
            "pipeline",
            "pending",
            "dual_qualified",
            "not_qualified",
            "near",
            "not_counted",
            "junior",
            "intermediate",
            "senior",
        ]
        | None,
        Query(alias="status"),
    ] = None,
    q: Annotated[str | None, Query(max_length=100)] = None,
    as_of: AsOf = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: str | None = None,
) -> Page[schemas.TeacherSummary]:
    """The roster the caller may see with each teacher's status (audited)."""
    return roster.list_teachers(
        session,
        principal=principal,
        as_of=_day(as_of),
        school_code=school,
        programme_code=programme,
        employment=employment,
        status=status_filter,
        q=q,
        limit=limit,
        cursor=cursor,
    )


@router.post(
    "",
    response_model=schemas.TeacherOut,
    status_code=status.HTTP_201_CREATED,
    responses=errors(401, 403, 404, 409, 422),
)
def create_teacher(
    session: SessionDep, principal: AuthenticatedDep, body: schemas.TeacherIn
) -> schemas.TeacherOut:
    """Add a teacher to a school the caller plans for (the ID number is hashed and masked)."""
    t = records.create_teacher(session, principal=principal, data=body)
    return roster.get_teacher(
        session, principal=principal, teacher_id=t.id, as_of=date.today(), audit=False
    )


@router.get(
    "/action-plan", response_model=schemas.ActionPlanOut, responses=errors(401, 403, 404, 422)
)
def action_plan(
    session: SessionDep, principal: RosterDep, school: SchoolCode = None, as_of: AsOf = None
) -> schemas.ActionPlanOut:
    """The near-qualified list (by effort) and the shortest list of actions reaching 50 %."""
    return roster.action_plan(session, principal=principal, as_of=_day(as_of), school_code=school)


@router.get(
    "/obligations", response_model=schemas.ObligationsOut, responses=errors(401, 403, 404, 422)
)
def practice_obligations(
    session: SessionDep,
    principal: RosterDep,
    school: SchoolCode = None,
    as_of: AsOf = None,
    include_ok: Annotated[
        bool, Query(description="Also list teachers who meet the obligation")
    ] = False,
) -> schemas.ObligationsOut:
    """Teachers overdue or due within a year for enterprise practice (the national ≥ 6 months
    in 5 years, and the district's Bay Area cadence), per school; names in scope only (audited)."""
    return obligations.obligation_list(
        session, principal=principal, as_of=_day(as_of), school_code=school, include_ok=include_ok
    )


@router.get(
    "/obligations.xlsx",
    response_class=Response,
    responses={
        200: {"content": {XLSX: {}}, "description": "The obligation list"},
        **errors(401, 403, 404, 422),
    },
)
def export_obligations(
    request: Request,
    session: SessionDep,
    principal: RosterDep,
    school: SchoolCode = None,
    as_of: AsOf = None,
) -> Response:
    """The overdue / due-within-a-year list as XLSX (audited), in the caller's language (the
    page's cookie, else Accept-Language, else Chinese)."""
    day = _day(as_of)
    content = obligations.export_obligations(
        session,
        principal=principal,
        as_of=day,
        school_code=school,
        lang=request_lang(request, default="zh"),
    )
    name = f"practice-obligations-{school or 'all'}-{day}.xlsx"
    return Response(
        content, media_type=XLSX, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@router.get(
    "/export.xlsx",
    response_class=Response,
    responses={
        200: {"content": {XLSX: {}}, "description": "The roster workbook"},
        **errors(401, 403, 404, 422),
    },
)
def export_roster(
    session: SessionDep,
    principal: AuthenticatedDep,
    school: Annotated[str, Query(max_length=20)],
    as_of: AsOf = None,
) -> Response:
    """A school's roster as XLSX: one sheet per record type, ID numbers masked (audited)."""
    day = _day(as_of)
    content = workbook_export.export_roster(
        session, principal=principal, school_code=school, as_of=day
    )
    name = f"teachers-{school}-{day}.xlsx"
    return Response(
        content, media_type=XLSX, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@router.get(
    "/template.xlsx",
    response_class=Response,
    responses={
        200: {"content": {XLSX: {}}, "description": "An empty roster workbook"},
        **errors(401, 403),
    },
)
def template(principal: RosterDep) -> Response:
    """An empty roster workbook with the headers and the format description."""
    return Response(
        workbook_export.template(),
        media_type=XLSX,
        headers={"Content-Disposition": 'attachment; filename="teachers-template.xlsx"'},
    )


@router.post(
    "/import", response_model=schemas.ImportPreview, responses=errors(401, 403, 404, 413, 422)
)
def import_roster(
    session: SessionDep,
    principal: AuthenticatedDep,
    file: Annotated[UploadFile, File(description="The roster workbook (.xlsx)")],
    school: Annotated[str, Query(max_length=20)],
    dry_run: Annotated[
        bool, Query(description="Preview only (default); false writes when valid")
    ] = True,
) -> schemas.ImportPreview:
    """Check a roster workbook row by row; write it only when ``dry_run=false`` and every row is valid."""
    content = workbook_import.read_upload(
        file.file.read(get_settings().max_body_bytes + 1), get_settings().max_body_bytes
    )
    return workbook_import.import_roster(
        session, principal=principal, school_code=school, content=content, commit=not dry_run
    )


@router.get(
    "/{teacher_id}", response_model=schemas.TeacherOut, responses=errors(401, 403, 404, 422)
)
def get_teacher(
    session: SessionDep, principal: AuthenticatedDep, teacher_id: TeacherId, as_of: AsOf = None
) -> schemas.TeacherOut:
    """A teacher's record and status: the rule, the dated facts and what is missing (audited)."""
    return roster.get_teacher(
        session, principal=principal, teacher_id=teacher_id, as_of=_day(as_of)
    )


@router.patch(
    "/{teacher_id}", response_model=schemas.TeacherOut, responses=errors(401, 403, 404, 422)
)
def update_teacher(
    session: SessionDep,
    principal: AuthenticatedDep,
    teacher_id: TeacherId,
    body: schemas.TeacherPatch,
) -> schemas.TeacherOut:
    """Change a teacher's fields."""
    records.update_teacher(session, principal=principal, teacher_id=teacher_id, patch=body)
    return roster.get_teacher(
        session, principal=principal, teacher_id=teacher_id, as_of=date.today(), audit=False
    )


@router.delete(
    "/{teacher_id}", status_code=status.HTTP_204_NO_CONTENT, responses=errors(401, 403, 404)
)
def delete_teacher(
    session: SessionDep, principal: AuthenticatedDep, teacher_id: TeacherId
) -> Response:
    """Delete a teacher and their records (set ``left_on`` instead to keep the history)."""
    records.delete_teacher(session, principal=principal, teacher_id=teacher_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# --- dated records: one POST each, all alike (audited; 409 where a second one would count twice) ---
# path → (the record's singular: records.add_<it>, schemas <It>In / <It>Out; more errors; docs)
_RECORDS: dict[str, tuple[str, tuple[int, ...], str]] = {
    "qualifications": (
        "qualification",
        (),
        "Add a skill certificate, teaching title or industry title.",
    ),
    "experience": ("experience", (), "Add a period of enterprise work."),
    "practice": (
        "practice",
        (),
        "Add an enterprise practice period (Bay Area follows the enterprise unless given).",
    ),
    "recognitions": (
        "recognition",
        (409,),
        "Record a recognition (认定: level, date, issuing body, document number) — the status the\n"
        "50 % share counts; eligibility computed from the records is never recognition (audited).",
    ),
    "verifications": (
        "verification",
        (409,),
        "Record the school's check of an item the records cannot show (clears 待核实).",
    ),
    "appointments": (
        "appointment",
        (),
        "Record a mutual appointment (校企互聘): enterprise staff at the school, or the teacher\n"
        "appointed in an enterprise (Bay Area technical staff flagged).",
    ),
}


def _record_endpoint(
    name: str, body_model: type[BaseModel], out: type[BaseModel], add: Any, doc: str
) -> Callable[..., BaseModel]:
    """The endpoint that adds one dated record of a teacher with ``add`` and answers ``out``."""

    def endpoint(
        session: SessionDep, principal: AuthenticatedDep, teacher_id: TeacherId, body: BaseModel
    ) -> BaseModel:
        row = add(session, principal=principal, teacher_id=teacher_id, data=body)
        return out.model_validate(row)

    params = [
        ("session", SessionDep),
        ("principal", AuthenticatedDep),
        ("teacher_id", TeacherId),
        ("body", body_model),
    ]
    return signed(endpoint, name, doc, params, out)


for _path, (_one, _more, _doc) in _RECORDS.items():
    _out = getattr(schemas, f"{_one.capitalize()}Out")
    router.add_api_route(
        f"/{{teacher_id}}/{_path}",
        _record_endpoint(
            f"add_{_one}",
            getattr(schemas, f"{_one.capitalize()}In"),
            _out,
            getattr(records, f"add_{_one}"),
            _doc,
        ),
        methods=["POST"],
        response_model=_out,
        status_code=status.HTTP_201_CREATED,
        responses=errors(401, 403, 404, *_more, 422),
    )


@router.delete(
    "/{teacher_id}/{kind}/{record_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=errors(401, 403, 404, 409, 422),
)
def delete_record(
    session: SessionDep,
    principal: AuthenticatedDep,
    teacher_id: TeacherId,
    kind: Literal[
        "qualifications", "experience", "practice", "recognitions", "verifications", "appointments"
    ],
    record_id: Annotated[int, Path(ge=1)],
) -> Response:
    """Delete one dated record of a teacher."""
    records.delete_record(
        session, principal=principal, teacher_id=teacher_id, kind=kind, record_id=record_id
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)
