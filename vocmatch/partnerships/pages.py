"""Partnership pages under ``/partnerships`` (admins and planners). They call the same services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from vocmatch.kit.config import get_settings
from vocmatch.kit.deps import PAGE_CSRF, SessionDep, require
from vocmatch.kit.endpoints import signed
from vocmatch.kit.errors import VocmatchError
from vocmatch.kit.forms import after_confirm, ask
from vocmatch.kit.i18n import translate
from vocmatch.kit.principal import Principal
from vocmatch.kit.render import current_lang, render
from vocmatch.kit.tables import download
from vocmatch.partnerships import forms, import_format, page_context, report, workbook
from vocmatch.partnerships.activities import service
from vocmatch.partnerships.coverage import service as coverage
from vocmatch.partnerships.evidence import service as evidence
from vocmatch.partnerships.partners import service as partners
from vocmatch.partnerships.schemas import (
    ActivityIn,
    ActivityPatch,
    AgreementIn,
    AgreementPatch,
    PartnerIn,
    PartnerPatch,
)
from vocmatch.partnerships.scope import STAFF
from vocmatch.partnerships.vocab import ACTIVITY_TYPES
from vocmatch.partnerships.year import report_as_of

router = APIRouter(prefix="/partnerships", include_in_schema=False, dependencies=PAGE_CSRF)
Staff = Annotated[Principal, Depends(require(*STAFF))]
M = TypeVar("M", PartnerIn, PartnerPatch, AgreementIn, AgreementPatch)


async def _form(request: Request) -> FormData:
    return await request.form()


FormDep = Annotated[FormData, Depends(_form)]


def _see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


@router.get("", response_class=HTMLResponse)
def overview(
    request: Request,
    session: SessionDep,
    principal: Staff,
    school: Annotated[int | None, Query()] = None,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    recorded: Annotated[int | None, Query()] = None,
) -> HTMLResponse:
    """Matrix, what featured programmes lack, indicators, charts and recent activities."""
    today = date.today()
    ctx = page_context.overview(
        session,
        principal=principal,
        as_of=today,
        school_id=school,
        year=year or today.year,
        lang=current_lang(request),
    )
    if recorded is not None:
        ctx["recorded"] = page_context.recorded(session, principal=principal, activity_id=recorded)
    return render(request, "partnerships/overview.html", ctx)


# --- activities -------------------------------------------------------------------------------
@router.get("/activities", response_class=HTMLResponse)
def activities(
    request: Request,
    session: SessionDep,
    principal: Staff,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    type: Annotated[str | None, Query(max_length=40)] = None,
    status: Annotated[str | None, Query(max_length=10)] = None,
) -> HTMLResponse:
    """Every activity of the caller's schools, filtered by year, type and status."""
    found = service.list_activities(
        session, principal=principal, year=year, type=type or None, status=status or None
    )
    rows = service.activity_out(session, principal, found)
    return render(
        request,
        "partnerships/activities.html",
        {
            "rows": rows,
            "year": year,
            "type": type or "",
            "status": status or "",
            "types": ACTIVITY_TYPES,
            "years": page_context.years_of(session, principal),
        },
    )


@router.get("/activities/new", response_class=HTMLResponse)
def new_activity(
    request: Request,
    session: SessionDep,
    principal: Staff,
    type: Annotated[str | None, Query(max_length=40)] = None,
    programme: Annotated[str | None, Query(max_length=6)] = None,
    school: Annotated[int | None, Query()] = None,
    partner: Annotated[int | None, Query()] = None,
) -> HTMLResponse:
    """The one-screen form to record an activity (sensible defaults; prefilled from the matrix)."""
    values = page_context.activity_defaults(
        session,
        principal=principal,
        type=type,
        programme=programme,
        school_id=school,
        partner_id=partner,
    )
    ctx = page_context.activity_form(session, principal=principal, values=values, errors={})
    return render(request, "partnerships/activity_form.html", ctx)


@router.post("/activities/new", response_model=None)
def create_activity(
    request: Request, session: SessionDep, principal: Staff, form: FormDep
) -> Response:
    """Record the activity and its evidence files in one transaction."""
    errors: forms.FieldErrors = {}
    values = forms.activity_fields(form, errors)
    data = forms.parse(ActivityIn, values, errors)
    files = forms.uploads(form, "files")
    if data is not None:
        # Everything is checked before anything is written, so a refused form leaves no trace.
        try:
            service.check_activity(session, principal=principal, data=data)
            blobs = [evidence.receive(f.file, f.filename or "") for f in files]
        except VocmatchError as exc:
            errors.update(forms.errors_of(exc.errors) or {"form": exc.message})
        else:
            activity = service.create_activity(
                session, principal=principal, data=data, source="web"
            )
            for blob in blobs:
                evidence.attach(
                    session, principal=principal, activity_id=activity.id, blob=blob, source="web"
                )
            return _see_other(f"/partnerships?recorded={activity.id}&school={activity.school_id}")
    ctx = page_context.activity_form(session, principal=principal, values=values, errors=errors)
    return render(request, "partnerships/activity_form.html", ctx, status_code=422)


@router.get("/activities/{activity_id}", response_class=HTMLResponse)
def activity(
    activity_id: int, request: Request, session: SessionDep, principal: Staff
) -> HTMLResponse:
    """One activity with its evidence files."""
    found = service.writable_activity(session, principal, activity_id)
    out = service.activity_out(session, principal, [found])[0]
    return render(
        request,
        "partnerships/activity.html",
        {"a": out, "accept": evidence.ACCEPT, "max_mb": get_settings().max_upload_bytes // 2**20},
    )


@router.get("/activities/{activity_id}/edit", response_class=HTMLResponse)
def edit_activity(
    activity_id: int, request: Request, session: SessionDep, principal: Staff
) -> HTMLResponse:
    """The activity form filled with the activity."""
    found = service.writable_activity(session, principal, activity_id)
    values = service.activity_input(session, found)
    ctx = page_context.activity_form(
        session, principal=principal, values=values, errors={}, activity_id=found.id
    )
    return render(request, "partnerships/activity_form.html", ctx)


@router.post("/activities/{activity_id}/edit", response_model=None)
def update_activity(
    activity_id: int, request: Request, session: SessionDep, principal: Staff, form: FormDep
) -> Response:
    """Save the edited activity (its teacher practice follows) and any new evidence files."""
    found = service.writable_activity(session, principal, activity_id)
    errors: forms.FieldErrors = {}
    values = forms.activity_fields(form, errors)
    values["school_id"] = found.school_id
    patch_values = {k: v for k, v in values.items() if k != "school_id"}
    data = forms.parse(ActivityPatch, patch_values, errors)
    if data is not None:
        # update_activity validates the whole result before it writes anything.
        try:
            blobs = [
                evidence.receive(f.file, f.filename or "") for f in forms.uploads(form, "files")
            ]
            service.update_activity(
                session, principal=principal, activity_id=found.id, data=data, source="web"
            )
        except VocmatchError as exc:
            errors.update(forms.errors_of(exc.errors) or {"form": exc.message})
        else:
            for blob in blobs:
                evidence.attach(
                    session, principal=principal, activity_id=found.id, blob=blob, source="web"
                )
            return _see_other(f"/partnerships/activities/{found.id}")
    ctx = page_context.activity_form(
        session, principal=principal, values=values, errors=errors, activity_id=found.id
    )
    return render(request, "partnerships/activity_form.html", ctx, status_code=422)


def _delete_pages(
    kind: str,
    path: str,
    find: Callable[[Session, Principal, int], Any],
    label: str,
    remove: Callable[..., object],
    shown_on: str = "",
) -> None:
    """Add the two pages that delete a partnership record (``kind``: activity, evidence, partner,
    agreement) at ``{path}/{<kind>_id}/delete``: the question (GET), naming the record by its
    ``label`` and saying what goes with it, with a way back to the record's page; and, once
    confirmed, the POST that runs ``remove`` and goes to the list at ``{path}``. A record shown
    on another's page (``shown_on``, e.g. ``/activities/{r.activity_id}``) goes back there."""
    id_name = f"{kind}_id"
    back = f"/partnerships{shown_on or path + '/{r.id}'}"

    def ask_first(
        request: Request, session: Session, principal: Principal, **ids: int
    ) -> HTMLResponse:
        found = find(session, principal, ids[id_name])
        lang = current_lang(request)
        return ask(
            request,
            "partnerships.remove",
            what=translate(f"partnerships.remove.{kind}", lang),
            name=getattr(found, label),
            before=[translate(f"partnerships.remove.{kind}.also", lang)],
            cancel=back.format(r=found),
        )

    def delete(
        request: Request, session: Session, principal: Principal, form: FormData, **ids: int
    ) -> Response:
        if shown_on:
            done = back.format(r=find(session, principal, ids[id_name]))
        else:
            done = f"/partnerships{path}"
        act = partial(remove, session, principal=principal, **{id_name: ids[id_name]})
        return after_confirm(request, form, act, done=done)

    params = [
        (id_name, int),
        ("request", Request),
        ("session", SessionDep),
        ("principal", Staff),
        ("form", FormDep),
    ]
    signed(ask_first, f"confirm_delete_{kind}", f"Ask before deleting a {kind}.", params[:4])
    signed(delete, f"delete_{kind}", f"Delete a {kind}, once confirmed.", params)
    where = f"{path}/{{{id_name}}}/delete"
    router.add_api_route(where, ask_first, response_class=HTMLResponse)
    router.add_api_route(where, delete, methods=["POST"], response_model=None)


def _evidence(session: Session, principal: Principal, evidence_id: int) -> Any:
    return evidence.get_evidence(session, principal=principal, evidence_id=evidence_id)


def _partner(session: Session, principal: Principal, partner_id: int) -> Any:
    return partners.get_partner(session, partner_id=partner_id)


def _agreement(session: Session, principal: Principal, agreement_id: int) -> Any:
    return partners.get_agreement(session, principal=principal, agreement_id=agreement_id)


_delete_pages(
    "activity", "/activities", service.writable_activity, "title", service.delete_activity
)
_delete_pages("partner", "/partners", _partner, "name", partners.delete_partner)
_delete_pages("agreement", "/agreements", _agreement, "title", partners.delete_agreement)
_delete_pages(
    "evidence",
    "/evidence",
    _evidence,
    "filename",
    evidence.delete_evidence,
    shown_on="/activities/{r.activity_id}",
)


@router.post("/activities/{activity_id}/evidence", response_model=None)
def add_evidence(
    activity_id: int, session: SessionDep, principal: Staff, form: FormDep
) -> Response:
    """Attach more evidence files or set the evidence link."""
    found = service.writable_activity(session, principal, activity_id)
    for f in forms.uploads(form, "files"):
        blob = evidence.receive(f.file, f.filename or "")
        evidence.attach(session, principal=principal, activity_id=found.id, blob=blob, source="web")
    return _see_other(f"/partnerships/activities/{found.id}")


def _save(
    request: Request,
    fields: dict[str, Any],
    errors: forms.FieldErrors,
    model: type[M],
    write: Callable[[M], str],
    again: tuple[str, Callable[..., dict[str, Any]]],
) -> Response:
    """Save the ``fields`` of a posted form (``errors``: those met reading them), validated as
    ``model`` and written by ``write`` (303 to the address it returns); or show the page again
    with the values and the errors, 422 (``again``: its template and its context, called with
    ``values=`` and ``errors=``)."""
    if done := forms.save(model, fields, errors, write):
        return done
    template, context = again
    return render(request, template, context(values=fields, errors=errors), status_code=422)


# --- partners ---------------------------------------------------------------------------------
@router.get("/partners", response_class=HTMLResponse)
def partner_directory(request: Request, session: SessionDep, principal: Staff) -> HTMLResponse:
    """The partner directory and a form to add one."""
    ctx = page_context.partners_page(session, principal=principal, values={}, errors={})
    return render(request, "partnerships/partners.html", ctx)


@router.post("/partners", response_model=None)
def create_partner(
    request: Request, session: SessionDep, principal: Staff, form: FormDep
) -> Response:
    """Add a partner."""

    def write(data: PartnerIn) -> str:
        partner = partners.create_partner(session, principal=principal, data=data)
        return f"/partnerships/partners/{partner.id}"

    errors: forms.FieldErrors = {}
    values = forms.partner_fields(form, errors)
    again = partial(page_context.partners_page, session, principal=principal)
    return _save(request, values, errors, PartnerIn, write, ("partnerships/partners.html", again))


@router.get("/partners/{partner_id}", response_class=HTMLResponse)
def partner(
    partner_id: int, request: Request, session: SessionDep, principal: Staff
) -> HTMLResponse:
    """A partner: its timeline with the caller's schools, agreements, and an edit form."""
    ctx = page_context.partner_page(
        session,
        principal=principal,
        partner_id=partner_id,
        values=None,
        errors={},
        lang=current_lang(request),
    )
    return render(request, "partnerships/partner.html", ctx)


@router.post("/partners/{partner_id}", response_model=None)
def update_partner(
    partner_id: int, request: Request, session: SessionDep, principal: Staff, form: FormDep
) -> Response:
    """Save a partner's changes."""

    def write(data: PartnerPatch) -> str:
        partners.update_partner(session, principal=principal, partner_id=partner_id, data=data)
        return f"/partnerships/partners/{partner_id}"

    again = partial(
        page_context.partner_page,
        session,
        principal=principal,
        partner_id=partner_id,
        lang=current_lang(request),
    )
    errors: forms.FieldErrors = {}
    values = forms.partner_fields(form, errors)
    return _save(request, values, errors, PartnerPatch, write, ("partnerships/partner.html", again))


# --- agreements -------------------------------------------------------------------------------
@router.get("/agreements", response_class=HTMLResponse)
def agreements(request: Request, session: SessionDep, principal: Staff) -> HTMLResponse:
    """The agreements of the caller's schools and a form to add one."""
    ctx = page_context.agreements_page(session, principal=principal, values={}, errors={})
    return render(request, "partnerships/agreements.html", ctx)


@router.post("/agreements", response_model=None)
def create_agreement(
    request: Request, session: SessionDep, principal: Staff, form: FormDep
) -> Response:
    """Record an agreement."""

    def write(data: AgreementIn) -> str:
        partners.create_agreement(session, principal=principal, data=data)
        return "/partnerships/agreements"

    again = partial(page_context.agreements_page, session, principal=principal)
    errors: forms.FieldErrors = {}
    values = forms.agreement_fields(form, errors)
    page = ("partnerships/agreements.html", again)
    return _save(request, values, errors, AgreementIn, write, page)


@router.get("/agreements/{agreement_id}", response_class=HTMLResponse)
def agreement(
    agreement_id: int, request: Request, session: SessionDep, principal: Staff
) -> HTMLResponse:
    """An agreement's edit form."""
    found = partners.get_agreement(session, principal=principal, agreement_id=agreement_id)
    ctx = page_context.agreement_page(
        session, principal=principal, agreement=found, values=None, errors={}
    )
    return render(request, "partnerships/agreement.html", ctx)


@router.post("/agreements/{agreement_id}", response_model=None)
def update_agreement(
    agreement_id: int, request: Request, session: SessionDep, principal: Staff, form: FormDep
) -> Response:
    """Save an agreement's changes."""
    found = partners.get_agreement(session, principal=principal, agreement_id=agreement_id)

    def write(data: AgreementPatch) -> str:
        partners.update_agreement(session, principal=principal, agreement_id=found.id, data=data)
        return "/partnerships/agreements"

    again = partial(page_context.agreement_page, session, principal=principal, agreement=found)
    errors: forms.FieldErrors = {}
    values = forms.agreement_fields(form, errors)
    values.pop("school_id")
    page = ("partnerships/agreement.html", again)
    return _save(request, values, errors, AgreementPatch, write, page)


# --- practice, import -------------------------------------------------------------------------
@router.get("/practice", response_class=HTMLResponse)
def practice(request: Request, session: SessionDep, principal: Staff) -> HTMLResponse:
    """Teachers' Bay Area enterprise practice days per year (names: audited view)."""
    rows = coverage.practice_days(session, principal=principal)
    service.audit_roster_view(session, principal=principal, rows=len(rows), via="web")
    return render(
        request,
        "partnerships/practice.html",
        page_context.practice_page(rows, lang=current_lang(request)),
    )


@router.post("/import", response_model=None)
def import_workbook(
    request: Request, session: SessionDep, principal: Staff, form: FormDep
) -> Response:
    """Import an XLSX workbook (partners, agreements, activities); all rows or none."""
    files = forms.uploads(form, "file")
    if not files:
        return render(
            request,
            "partnerships/import.html",
            {"error": "partnerships.import.none", "detail": "", "result": None},
            status_code=422,
        )
    # A refused workbook raises: the request's transaction rolls back and the error page names
    # the sheet, row and field.
    result = workbook.import_workbook(session, principal=principal, content=files[0].file.read())
    return render(
        request, "partnerships/import.html", {"error": "", "detail": "", "result": result}
    )


@router.get("/report.xlsx", response_model=None)
def year_report(
    request: Request,
    session: SessionDep,
    principal: Staff,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> Response:
    """The year's partnership report for people (same as the API's), in the page's language."""
    year = year or date.today().year
    content = report.export_report(
        session,
        principal=principal,
        year=year,
        as_of=report_as_of(year),
        lang=current_lang(request),
    )
    return download(content, f"partnership-report-{year}.xlsx")


@router.get("/workbook.xlsx", response_model=None)
def import_workbook_download(
    session: SessionDep,
    principal: Staff,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> Response:
    """The year's records in the import format (keys and codes), to edit and import back."""
    year = year or date.today().year
    content = import_format.export_workbook(session, principal=principal, year=year)
    return download(content, f"partnership-import-{year}.xlsx")
