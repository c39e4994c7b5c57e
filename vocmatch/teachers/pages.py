"""Dual-qualified pages: the dashboard, the roster, a teacher's record, the action list, import.

They call the same services as the API; rosters with names stay within the caller's schools.
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

from vocmatch.auth.principal import Principal
from vocmatch.config import get_settings
from vocmatch.deps import SessionDep, check_csrf, require
from vocmatch.errors import Invalid, VocmatchError
from vocmatch.teachers import records, repository, roster, service, xlsx
from vocmatch.teachers.rules import describe, load_rules
from vocmatch.teachers.schemas import (
    ExperienceIn,
    PracticeIn,
    QualificationIn,
    TeacherIn,
    TeacherPatch,
)
from vocmatch.web.charts import Series, line_chart
from vocmatch.web.i18n import translate
from vocmatch.web.render import current_lang, render

router = APIRouter(include_in_schema=False)
RosterDep = Annotated[Principal, Depends(require("admin", "planner"))]
OptDate = Annotated[date | None, Query()]


def _pct(v: float) -> str:
    return f"{v * 100:.1f}%"


def _helpers(request: Request) -> dict[str, Any]:
    """Template helpers: percentages and rule labels in the page's language."""
    lang = current_lang(request)
    labels = describe(load_rules())

    def rule_label(rule_id: str) -> str:
        text = labels.get(rule_id)
        if text is None:
            return rule_id
        return (text[0].en if lang == "en" and text[0].en else text[0].zh) or rule_id

    def interpretation(rule_id: str) -> str:
        return labels.get(rule_id, (None, ""))[1]

    return {"pct": _pct, "rule_label": rule_label, "interpretation": interpretation}


def _default_school(session: SessionDep, principal: Principal) -> str | None:
    if principal.is_admin or not principal.school_ids:
        return None
    mine = repository.schools(session, principal.school_ids)
    return mine[0].code if mine else None


@router.get("/teachers", response_class=HTMLResponse)
def dashboard(
    request: Request,
    session: SessionDep,
    principal: RosterDep,
    school: Annotated[str | None, Query(max_length=20)] = None,
    as_of: OptDate = None,
    chosen_date: OptDate = None,
) -> HTMLResponse:
    """A school's (or the district's) share, trend, projection and breakdowns."""
    day = as_of or date.today()
    code = school if school is not None else _default_school(session, principal)
    code = code or None
    found = service.school_or_404(session, code) if code else None
    if chosen_date is not None and chosen_date <= day:
        chosen_date = None
    evaluated = service.evaluate_roster(
        session, as_of=day, school_ids=[found.id] if found else None
    )
    proj = service.project(evaluated, scope=code or "district", chosen_date=chosen_date)
    t = _translator(request)
    labels = [p.month for p in proj.history] + [p.month for p in proj.projection[1:]]
    n_hist = len(proj.history)
    actual: list[float | None] = [p.value * 100 for p in proj.history] + [None] * (
        len(labels) - n_hist
    )
    projected: list[float | None] = [None] * (n_hist - 1) + [p.value * 100 for p in proj.projection]
    chart = line_chart(
        labels,
        [
            Series(t("teachers.series.actual"), actual, colour="#0b5cad"),
            Series(t("teachers.series.projection"), projected, colour="#c77700", dashed=True),
        ],
        title=t("teachers.chart_title"),
        unit="%",
        target=proj.target * 100,
        target_label=t("teachers.target_line"),
        ymax=100,
    )
    context = {
        "schools": repository.schools(session),
        "school": found,
        "code": code or "",
        "as_of": day,
        "proj": proj,
        "chart": chart,
        "by_school": None if found else service.breakdown(session, evaluated, by="school"),
        "by_programme": service.breakdown(session, evaluated, by="programme"),
        "by_chain": service.breakdown(session, evaluated, by="chain"),
        "can_roster": roster.can_see_roster(principal, found.id) if found else principal.is_admin,
        "rules": load_rules(),
        **_helpers(request),
    }
    return render(request, "teachers/dashboard.html", context)


def _translator(request: Request) -> Any:
    lang = current_lang(request)
    return lambda key, **kw: translate(key, lang, **kw)


@router.get("/teachers/list", response_class=HTMLResponse)
def roster_page(
    request: Request,
    session: SessionDep,
    principal: RosterDep,
    school: Annotated[str | None, Query(max_length=20)] = None,
    programme: Annotated[str | None, Query(max_length=6)] = None,
    status: Annotated[str | None, Query(max_length=20)] = None,
    employment: Annotated[str | None, Query(max_length=20)] = None,
    q: Annotated[str | None, Query(max_length=100)] = None,
    as_of: OptDate = None,
) -> HTMLResponse:
    """The roster with filters (names: audited)."""
    day = as_of or date.today()
    code = school if school is not None else _default_school(session, principal)
    page = roster.list_teachers(
        session,
        principal=principal,
        as_of=day,
        school_code=code or None,
        programme_code=programme or None,
        employment=employment if employment in ("full_time", "part_time") else None,
        status=status or None,
        q=q or None,
        limit=1000,
    )
    allowed = roster.roster_school_ids(principal)
    context = {
        "page": page,
        "schools": repository.schools(session, allowed),
        "programmes": repository.programme_names(session),
        "filters": {
            "school": code or "",
            "programme": programme or "",
            "status": status or "",
            "employment": employment or "",
            "q": q or "",
        },
        "as_of": day,
        **_helpers(request),
    }
    return render(request, "teachers/list.html", context)


@router.get("/teachers/actions", response_class=HTMLResponse)
def actions_page(
    request: Request,
    session: SessionDep,
    principal: RosterDep,
    school: Annotated[str | None, Query(max_length=20)] = None,
    as_of: OptDate = None,
) -> HTMLResponse:
    """The near-qualified list and the shortest plan to 50 %."""
    day = as_of or date.today()
    code = school if school is not None else _default_school(session, principal)
    plan = roster.action_plan(session, principal=principal, as_of=day, school_code=code or None)
    allowed = roster.roster_school_ids(principal)
    context = {
        "plan": plan,
        "schools": repository.schools(session, allowed),
        "code": code or "",
        "as_of": day,
        **_helpers(request),
    }
    return render(request, "teachers/actions.html", context)


# --- import --------------------------------------------------------------------------------------
@router.get("/teachers/import", response_class=HTMLResponse)
def import_form(
    request: Request,
    session: SessionDep,
    principal: RosterDep,
    school: Annotated[str | None, Query(max_length=20)] = None,
) -> HTMLResponse:
    """Upload a roster workbook."""
    allowed = roster.roster_school_ids(principal)
    code = school or _default_school(session, principal) or ""
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
    csrf_token: Annotated[str, Form()] = "",
    file: Annotated[UploadFile | None, File()] = None,
    payload: Annotated[str, Form()] = "",
    confirm: Annotated[str, Form()] = "",
) -> HTMLResponse:
    """Preview the upload (nothing written); with ``confirm`` write it when every row is valid."""
    check_csrf(principal, csrf_token)
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
    xlsx.read_upload(content, limit)
    preview = xlsx.import_roster(
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
        "school_code": school or _default_school(session, principal) or "",
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


def _message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        return f"{'.'.join(str(p) for p in err.get('loc', ()))}: {err.get('msg', '')}"
    return getattr(exc, "message", str(exc))


@router.post("/teachers/new", response_model=None)
async def create(request: Request, session: SessionDep, principal: RosterDep) -> Response:
    """Create a teacher from the form."""
    form = dict(await request.form())
    check_csrf(principal, str(form.get("csrf_token", "")))
    values = _form_values(form)
    try:
        teacher = records.create_teacher(
            session, principal=principal, data=TeacherIn.model_validate(values)
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
                "error": _message(exc),
            },
            status_code=422,
        )
    return RedirectResponse(f"/teachers/{teacher.id}", status_code=303)


@router.get("/teachers/{teacher_id}", response_class=HTMLResponse)
def teacher_page(
    request: Request,
    session: SessionDep,
    principal: RosterDep,
    teacher_id: int,
    as_of: OptDate = None,
) -> HTMLResponse:
    """A teacher's record and the explanation of the status (audited)."""
    day = as_of or date.today()
    out = roster.get_teacher(session, principal=principal, teacher_id=teacher_id, as_of=day)
    rules = load_rules()
    unchecked = [u for lvl in rules.rules.levels for u in lvl.unchecked]
    s = out.status
    facts = [*s.facts, *(f for m in s.missing for g in m.options for f in g.facts)]
    counted_practice = {f.record_id for f in facts if f.kind == "practice"}
    return render(
        request,
        "teachers/teacher.html",
        {
            "teacher": out,
            "s": s,
            "counted_practice": counted_practice,
            "as_of": day,
            "rules": rules,
            "unchecked": unchecked,
            "error": request.query_params.get("error", ""),
            **_helpers(request),
        },
    )


@router.get("/teachers/{teacher_id}/edit", response_class=HTMLResponse)
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


@router.post("/teachers/{teacher_id}/edit", response_model=None)
async def edit(
    request: Request, session: SessionDep, principal: RosterDep, teacher_id: int
) -> Response:
    """Save the changed fields."""
    form = dict(await request.form())
    check_csrf(principal, str(form.get("csrf_token", "")))
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
            patch=TeacherPatch.model_validate(values),
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
                "error": _message(exc),
            },
            status_code=422,
        )
    return RedirectResponse(f"/teachers/{teacher_id}", status_code=303)


@router.post("/teachers/{teacher_id}/delete", response_model=None)
def delete(
    session: SessionDep,
    principal: RosterDep,
    teacher_id: int,
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    """Delete a teacher."""
    check_csrf(principal, csrf_token)
    t = roster.visible_teacher(session, principal, teacher_id)
    school = repository.schools(session, [t.school_id])[0].code
    records.delete_teacher(session, principal=principal, teacher_id=teacher_id)
    return RedirectResponse(f"/teachers/list?school={school}", status_code=303)


_RECORD_IN: dict[str, type[QualificationIn] | type[ExperienceIn] | type[PracticeIn]] = {
    "qualifications": QualificationIn,
    "experience": ExperienceIn,
    "practice": PracticeIn,
}


@router.post("/teachers/{teacher_id}/records/{kind}", response_model=None)
async def add_record(
    request: Request, session: SessionDep, principal: RosterDep, teacher_id: int, kind: str
) -> Response:
    """Add a certificate/title, a work period or a practice period from the record page."""
    form = dict(await request.form())
    check_csrf(principal, str(form.get("csrf_token", "")))
    if kind not in _RECORD_IN:
        raise Invalid(
            f"kind: unknown record kind {kind!r}", errors=[{"field": "kind", "message": "unknown"}]
        )
    values: dict[str, Any] = {k: v for k, v in form.items() if k != "csrf_token" and v != ""}
    if kind == "practice" and "bay_area" in values:
        values["bay_area"] = values["bay_area"] == "1"
    add = {
        "qualifications": records.add_qualification,
        "experience": records.add_experience,
        "practice": records.add_practice,
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
            f"/teachers/{teacher_id}?error={quote(_message(exc))}#{kind}", status_code=303
        )
    return RedirectResponse(f"/teachers/{teacher_id}#{kind}", status_code=303)


@router.post("/teachers/{teacher_id}/records/{kind}/{record_id}/delete", response_model=None)
def delete_record(
    session: SessionDep,
    principal: RosterDep,
    teacher_id: int,
    kind: str,
    record_id: int,
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    """Delete one dated record."""
    check_csrf(principal, csrf_token)
    if kind not in _RECORD_IN:
        raise Invalid(
            f"kind: unknown record kind {kind!r}", errors=[{"field": "kind", "message": "unknown"}]
        )
    try:
        records.delete_record(
            session, principal=principal, teacher_id=teacher_id, kind=kind, record_id=record_id
        )
    except VocmatchError as exc:
        if exc.status == 404:
            raise
        return RedirectResponse(
            f"/teachers/{teacher_id}?error={quote(exc.message)}#{kind}", status_code=303
        )
    return RedirectResponse(f"/teachers/{teacher_id}#{kind}", status_code=303)
