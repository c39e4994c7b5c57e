"""Planner pages of the plan periods (list, upload, final report), designation records and
milestones. They call the same services as the API."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData, UploadFile

from vocmatch.analytics import service as analytics
from vocmatch.analytics.commitments import service
from vocmatch.analytics.commitments.router import validated
from vocmatch.analytics.commitments.schemas import DesignationIn, MilestoneIn
from vocmatch.catalogue.service import resolve_programme
from vocmatch.indicators.designations import KINDS, LEVELS
from vocmatch.kit.deps import FormDep, SessionDep, check_csrf, require
from vocmatch.kit.errors import VocmatchError
from vocmatch.kit.forms import after_confirm, ask, error_line
from vocmatch.kit.i18n import translate
from vocmatch.kit.principal import Principal
from vocmatch.kit.render import current_lang, render
from vocmatch.partnerships.evidence.service import ACCEPT, StoredBlob, receive
from vocmatch.schools import service as schools

router = APIRouter(include_in_schema=False)
PlannerPage = Annotated[Principal, Depends(require("admin", "planner"))]


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def _file(form: FormData, name: str) -> UploadFile | None:
    value = form.get(name)
    return value if isinstance(value, UploadFile) and value.filename else None


def _blob(form: FormData) -> StoredBlob | None:
    f = _file(form, "file")
    return receive(f.file, f.filename or "") if f is not None else None


def _message(exc: VocmatchError, request: Request) -> str:
    return error_line(exc, current_lang(request))[0]


@router.get("/planner/periods", response_class=HTMLResponse)
def periods_page(request: Request, principal: PlannerPage) -> HTMLResponse:
    """Every plan period with its status, and the form to add the next one."""
    return _periods(request, principal)


def _periods(
    request: Request, principal: Principal, *, error: str = "", status_code: int = 200
) -> HTMLResponse:
    return render(
        request,
        "planner/periods.html",
        {
            "periods": service.list_periods(principal=principal),
            "error": error,
            "saved": request.query_params.get("saved", ""),
        },
        status_code=status_code,
    )


@router.post("/planner/periods", response_model=None)
def upload_period(
    request: Request, session: SessionDep, principal: PlannerPage, form: FormDep
) -> Response:
    """Store an uploaded plan file; a bad one is shown with the line naming file and field."""
    check_csrf(principal, _text(form, "csrf_token"))
    f = _file(form, "file")
    if f is None:
        return _periods(request, principal, error="file: choose a plan file", status_code=422)
    try:
        out = service.upload_period(
            session,
            principal=principal,
            filename=f.filename or "",
            content=f.file.read(1024 * 1024 + 1),
            replace=_text(form, "replace") == "true",
        )
    except VocmatchError as exc:
        if exc.status not in (409, 422):
            raise
        return _periods(request, principal, error=exc.message, status_code=exc.status)
    return RedirectResponse(f"/planner/periods?saved={out.id}", status_code=303)


@router.get("/planner/periods/{period_id}", response_class=HTMLResponse)
def period_report(
    period_id: str, request: Request, session: SessionDep, principal: PlannerPage
) -> HTMLResponse:
    """The period's final report (judged at its deadline) and every commitment it holds."""
    report = service.final_report(session, principal=principal, period_id=period_id)
    return render(request, "planner/period.html", {"r": report})


@router.get("/planner/designations", response_class=HTMLResponse)
def designations_page(
    request: Request, session: SessionDep, principal: PlannerPage
) -> HTMLResponse:
    """Designation records and the form to record one with its evidence."""
    return _designations(request, session, principal, values={})


def _designations(
    request: Request,
    session: SessionDep,
    principal: Principal,
    *,
    values: dict[str, str],
    error: str = "",
    status_code: int = 200,
) -> HTMLResponse:
    _, indicators = service.period_indicators(session, principal=principal)
    return render(
        request,
        "planner/designations.html",
        {
            "rows": service.list_designations(session, principal=principal),
            "kinds": KINDS,
            "levels": LEVELS,
            "schools": schools.list_schools(session, principal=principal),
            "indicators": [i for i in indicators if i.source in ("designations", "unknown")],
            "values": values,
            "error": error,
            "accept": ACCEPT,
            "saved": request.query_params.get("saved", ""),
        },
        status_code=status_code,
    )


FIELDS = (
    "kind",
    "level",
    "title",
    "issuing_body",
    "document_number",
    "issued_on",
    "school_code",
    "programme_code",
    "holder",
    "notes",
)


@router.post("/planner/designations", response_model=None)
def create_designation(
    request: Request, session: SessionDep, principal: PlannerPage, form: FormDep
) -> Response:
    """Record a designation with its evidence file (audited)."""
    check_csrf(principal, _text(form, "csrf_token"))
    values = {k: _text(form, k) for k in FIELDS}
    data: dict[str, Any] = {**values, "school_code": values["school_code"] or None}
    try:
        if values["programme_code"]:
            data["programme_code"] = resolve_programme(session, text=values["programme_code"])
        body = validated(DesignationIn, data)
        out = service.create_designation(session, principal=principal, body=body, blob=_blob(form))
    except VocmatchError as exc:
        if exc.status >= 500 or exc.status in (401, 403, 404):
            raise
        return _designations(
            request,
            session,
            principal,
            values=values,
            error=_message(exc, request),
            status_code=exc.status,
        )
    return RedirectResponse(f"/planner/designations?saved={out.id}", status_code=303)


@router.get("/planner/designations/{designation_id}/delete", response_class=HTMLResponse)
def confirm_delete_designation(
    designation_id: int, request: Request, session: SessionDep, principal: PlannerPage
) -> HTMLResponse:
    """Ask before deleting a designation record (the indicators it counts in change)."""
    d = service.get_designation(session, principal=principal, designation_id=designation_id)
    number = translate(
        "pl.delete.which", current_lang(request), number=d.document_number, on=d.issued_on
    )
    return ask(request, "pl.delete", title=d.title, before=[number], cancel="/planner/designations")


@router.post("/planner/designations/{designation_id}/delete", response_model=None)
def delete_designation(
    designation_id: int,
    request: Request,
    session: SessionDep,
    principal: PlannerPage,
    form: FormDep,
) -> Response:
    """Delete a designation record entered in error (posted from its confirmation page)."""
    check_csrf(principal, _text(form, "csrf_token"))
    return after_confirm(
        request,
        form,
        lambda: service.delete_designation(
            session, principal=principal, designation_id=designation_id
        ),
        done="/planner/designations?deleted=1",
    )


@router.post("/planner/periods/{period_id}/milestones/{key}", response_model=None)
def record_milestone(
    period_id: str, key: str, session: SessionDep, principal: PlannerPage, form: FormDep
) -> Response:
    """Record a milestone's status (from the indicators page)."""
    check_csrf(principal, _text(form, "csrf_token"))
    entry = validated(
        MilestoneIn,
        {
            "status": _text(form, "status"),
            "as_of": _text(form, "as_of") or analytics.today().isoformat(),
            "note": _text(form, "note"),
        },
    )
    service.record_milestone(
        session, principal=principal, period_id=period_id, key=key, entry=entry, blob=_blob(form)
    )
    return RedirectResponse(f"/planner/indicators?saved={key}#m-{key}", status_code=303)
