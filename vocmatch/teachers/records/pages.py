"""Dual-qualified forms: add, edit and delete teachers and their records; import a roster.

They call the same services as the API (same scope checks, same audit); every post checks CSRF.
"""

from __future__ import annotations

import base64
import binascii
from datetime import date
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from vocmatch.catalogue.service import resolve_programme
from vocmatch.kit.config import get_settings
from vocmatch.kit.deps import PAGE_CSRF, FormDep, SessionDep, require
from vocmatch.kit.errors import Invalid, VocmatchError
from vocmatch.kit.forms import after_confirm, ask, confirmed, error_line
from vocmatch.kit.i18n import translate
from vocmatch.kit.principal import Principal
from vocmatch.kit.render import current_lang, render
from vocmatch.kit.schema import Input
from vocmatch.teachers import repository
from vocmatch.teachers.pages import default_school
from vocmatch.teachers.records import service as records
from vocmatch.teachers.records import workbook_import
from vocmatch.teachers.roster import service as roster
from vocmatch.teachers.schemas import (
    AppointmentIn,
    ExperienceIn,
    PracticeIn,
    QualificationIn,
    RecognitionIn,
    TeacherIn,
    TeacherPatch,
    VerificationIn,
)

router = APIRouter(include_in_schema=False, dependencies=PAGE_CSRF)
RosterDep = Annotated[Principal, Depends(require("admin", "planner"))]
OptDate = Annotated[date | None, Query()]


@router.get("/teachers/import", response_class=HTMLResponse)
def import_form(
    request: Request,
    session: SessionDep,
    principal: RosterDep,
    school: Annotated[str | None, Query(max_length=20)] = None,
) -> HTMLResponse:
    """Upload a roster workbook."""
    allowed = roster.roster_school_ids(principal)
    code = school or default_school(session, principal) or ""
    return render(
        request,
        "teachers/import.html",
        {
            "schools": repository.schools(session, allowed),
            "code": code,
            "preview": None,
            "payload": "",
        },
    )


@router.post("/teachers/import", response_class=HTMLResponse)
def import_submit(
    request: Request,
    session: SessionDep,
    principal: RosterDep,
    school: Annotated[str, Form(max_length=20)],
    file: Annotated[UploadFile | None, File()] = None,
    payload: Annotated[str, Form()] = "",
    confirm: Annotated[str, Form()] = "",
) -> HTMLResponse:
    """Preview the upload (nothing written); with ``confirm`` write it when every row is valid."""
    limit = get_settings().max_body_bytes
    if file is not None and file.filename:
        content = file.file.read(limit + 1)
    else:
        try:
            content = base64.b64decode(payload.encode(), validate=True)
        except (binascii.Error, ValueError):
            raise Invalid(
                "file: choose a workbook to upload",
                errors=[{"field": "file", "message": "missing"}],
            ) from None
    workbook_import.read_upload(content, limit)
    preview = workbook_import.import_roster(
        session, principal=principal, school_code=school, content=content, commit=bool(confirm)
    )
    allowed = roster.roster_school_ids(principal)
    context = {
        "schools": repository.schools(session, allowed),
        "code": school,
        "preview": preview,
        "payload": "" if preview.written else base64.b64encode(content).decode(),
    }
    return render(request, "teachers/import.html", context)


# --- a teacher -----------------------------------------------------------------------------------
@router.get("/teachers/new", response_class=HTMLResponse)
def new_form(
    request: Request,
    session: SessionDep,
    principal: RosterDep,
    school: Annotated[str | None, Query(max_length=20)] = None,
) -> HTMLResponse:
    """The form for a new teacher."""
    allowed = roster.roster_school_ids(principal)
    values = {
        "school_code": school or default_school(session, principal) or "",
        "employment": "full_time",
    }
    return render(
        request,
        "teachers/form.html",
        {
            "teacher": None,
            "values": values,
            "schools": repository.schools(session, allowed),
            "error": "",
        },
    )


def _form_values(form: dict[str, Any]) -> dict[str, Any]:
    out = {
        k: (v.strip() if isinstance(v, str) else v) for k, v in form.items() if k != "csrf_token"
    }
    out["has_teacher_certificate"] = out.get("has_teacher_certificate") == "1"
    for key in ("birth_year", "programme_code", "hired_on", "left_on", "teacher_certificate_on"):
        if out.get(key) == "":
            out[key] = None
    return out


def _message(exc: ValidationError | VocmatchError, request: Request) -> str:
    return error_line(exc, current_lang(request))[0]


def _with_programme(session: Session, values: dict[str, Any]) -> dict[str, Any]:
    """The form's values with the programme (typed by name or code) named by its code."""
    if values.get("programme_code"):
        values["programme_code"] = resolve_programme(session, text=values["programme_code"])
    return values


@router.post("/teachers/new", response_model=None)
def create(
    request: Request, session: SessionDep, principal: RosterDep, posted: FormDep
) -> Response:
    """Create a teacher from the form."""
    form = dict(posted)
    values = _form_values(form)
    try:
        teacher = records.create_teacher(
            session,
            principal=principal,
            data=TeacherIn.model_validate(_with_programme(session, values)),
        )
    except (ValidationError, VocmatchError) as exc:
        if isinstance(exc, VocmatchError) and exc.status == 404:
            raise
        allowed = roster.roster_school_ids(principal)
        return render(
            request,
            "teachers/form.html",
            {
                "teacher": None,
                "values": values,
                "schools": repository.schools(session, allowed),
                "error": _message(exc, request),
            },
            status_code=422,
        )
    return RedirectResponse(f"/teachers/{teacher.id}", status_code=303)


@router.get("/teachers/{teacher_id:int}/edit", response_class=HTMLResponse)
def edit_form(
    request: Request, session: SessionDep, principal: RosterDep, teacher_id: int
) -> HTMLResponse:
    """The form to change a teacher."""
    out = roster.get_teacher(
        session, principal=principal, teacher_id=teacher_id, as_of=date.today()
    )
    values = out.model_dump(exclude={"status", "qualifications", "experience", "practice"})
    return render(
        request,
        "teachers/form.html",
        {"teacher": out, "values": values, "schools": [], "error": ""},
    )


@router.post("/teachers/{teacher_id:int}/edit", response_model=None)
def edit(
    request: Request, session: SessionDep, principal: RosterDep, teacher_id: int, posted: FormDep
) -> Response:
    """Save the changed fields."""
    form = dict(posted)
    values = _form_values(form)
    values.pop("school_code", None)
    values.pop("staff_no", None)
    if not values.get("id_card"):
        values.pop("id_card", None)  # an empty box keeps the number on file
    try:
        records.update_teacher(
            session,
            principal=principal,
            teacher_id=teacher_id,
            patch=TeacherPatch.model_validate(_with_programme(session, values)),
        )
    except (ValidationError, VocmatchError) as exc:
        if isinstance(exc, VocmatchError) and exc.status == 404:
            raise
        out = roster.get_teacher(
            session, principal=principal, teacher_id=teacher_id, as_of=date.today(), audit=False
        )
        return render(
            request,
            "teachers/form.html",
            {
                "teacher": out,
                "values": {**out.model_dump(), **values},
                "schools": [],
                "error": _message(exc, request),
            },
            status_code=422,
        )
    return RedirectResponse(f"/teachers/{teacher_id}", status_code=303)


@router.get("/teachers/{teacher_id:int}/delete", response_class=HTMLResponse)
def confirm_delete(
    request: Request, session: SessionDep, principal: RosterDep, teacher_id: int
) -> HTMLResponse:
    """Ask before deleting a teacher (one who left keeps the history with a leaving date)."""
    t = roster.visible_teacher(session, principal, teacher_id)
    return ask(
        request, "teachers.delete_teacher", staff_no=t.staff_no, cancel=f"/teachers/{teacher_id}"
    )


@router.post("/teachers/{teacher_id:int}/delete", response_model=None)
def delete(
    request: Request,
    session: SessionDep,
    principal: RosterDep,
    teacher_id: int,
    form: FormDep,
) -> Response:
    """Delete a teacher (posted from the confirmation page)."""
    t = roster.visible_teacher(session, principal, teacher_id)
    school = repository.schools(session, [t.school_id])[0].code
    return after_confirm(
        request,
        form,
        lambda: records.delete_teacher(session, principal=principal, teacher_id=teacher_id),
        done=f"/teachers/list?school={school}",
    )


_RECORD_IN: dict[str, type[Input]] = {
    "qualifications": QualificationIn,
    "experience": ExperienceIn,
    "practice": PracticeIn,
    "recognitions": RecognitionIn,
    "verifications": VerificationIn,
    "appointments": AppointmentIn,
}


def _record_kind(kind: str) -> str:
    if kind not in _RECORD_IN:
        raise Invalid(
            f"kind: unknown record kind {kind!r}", errors=[{"field": "kind", "message": "unknown"}]
        )
    return kind


@router.post("/teachers/{teacher_id:int}/records/{kind}", response_model=None)
def add_record(
    request: Request,
    session: SessionDep,
    principal: RosterDep,
    teacher_id: int,
    kind: str,
    posted: FormDep,
) -> Response:
    """Add a certificate/title, a work period or a practice period from the record page."""
    form = dict(posted)
    _record_kind(kind)
    values: dict[str, Any] = {k: v for k, v in form.items() if k != "csrf_token" and v != ""}
    if kind == "practice" and "bay_area" in values:
        values["bay_area"] = values["bay_area"] == "1"
    if kind == "appointments":
        values["bay_area_technical_staff"] = values.get("bay_area_technical_staff") == "1"
    add = {
        "qualifications": records.add_qualification,
        "experience": records.add_experience,
        "practice": records.add_practice,
        "recognitions": records.add_recognition,
        "verifications": records.add_verification,
        "appointments": records.add_appointment,
    }[kind]
    try:
        add(
            session,
            principal=principal,
            teacher_id=teacher_id,
            data=_RECORD_IN[kind].model_validate(values),
        )  # type: ignore[operator]
    except (ValidationError, VocmatchError) as exc:
        if isinstance(exc, VocmatchError) and exc.status == 404:
            raise
        return RedirectResponse(
            f"/teachers/{teacher_id}?error={quote(_message(exc, request))}#{kind}", status_code=303
        )
    return RedirectResponse(f"/teachers/{teacher_id}#{kind}", status_code=303)


@router.get(
    "/teachers/{teacher_id:int}/records/{kind}/{record_id:int}/delete",
    response_class=HTMLResponse,
)
def confirm_delete_record(
    request: Request,
    session: SessionDep,
    principal: RosterDep,
    teacher_id: int,
    kind: str,
) -> HTMLResponse:
    """Ask before deleting one dated record (its answer posts to the same address)."""
    roster.visible_teacher(session, principal, teacher_id)
    label = translate(f"teachers.{_record_kind(kind)}", current_lang(request))
    return ask(
        request, "teachers.record_delete", kind=label, cancel=f"/teachers/{teacher_id}#{kind}"
    )


@router.post(
    "/teachers/{teacher_id:int}/records/{kind}/{record_id:int}/delete", response_model=None
)
def delete_record(
    request: Request,
    session: SessionDep,
    principal: RosterDep,
    teacher_id: int,
    kind: str,
    record_id: int,
    form: FormDep,
) -> Response:
    """Delete one dated record (posted from the confirmation page)."""
    _record_kind(kind)
    if not confirmed(form):
        return RedirectResponse(request.url.path, status_code=303)
    try:
        records.delete_record(
            session, principal=principal, teacher_id=teacher_id, kind=kind, record_id=record_id
        )
    except VocmatchError as exc:
        return RedirectResponse(
            f"/teachers/{teacher_id}?error={quote(_message(exc, request))}#{kind}", status_code=303
        )
    return RedirectResponse(f"/teachers/{teacher_id}#{kind}", status_code=303)
