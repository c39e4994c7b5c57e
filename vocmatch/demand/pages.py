"""HTML pages of demand: the enterprise portal, the staff postings list, corrections and import.

They call the same services as the API; forms carry the session's CSRF token.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from vocmatch.demand.imports import service as imports
from vocmatch.demand.matches import service as matches
from vocmatch.demand.postings import service
from vocmatch.demand.repository import enterprise_names
from vocmatch.demand.schemas import Correction, PostingCreate, PostingPatch
from vocmatch.enterprises.models import Enterprise
from vocmatch.kit.deps import FormDep, SessionDep, check_csrf, require
from vocmatch.kit.errors import VocmatchError
from vocmatch.kit.principal import Principal
from vocmatch.kit.render import render

router = APIRouter(include_in_schema=False)
EnterpriseUser = Annotated[Principal, Depends(require("enterprise"))]
Staff = Annotated[Principal, Depends(require("admin", "planner", "platform"))]
Importer = Annotated[Principal, Depends(require("admin", "platform", "enterprise"))]
FORM_FIELDS = (
    "title",
    "description",
    "skills",
    "headcount",
    "education",
    "type",
    "location",
    "salary_min",
    "salary_max",
    "valid_from",
    "valid_until",
    "status",
)


def _form_data(form: Any) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for f in FORM_FIELDS:
        v = form.get(f)
        if v is None:
            continue
        v = str(v).strip()
        if f == "skills":
            data[f] = [s.strip() for s in v.replace("；", ";").split(";") if s.strip()]
        elif v == "" and f not in ("description", "location"):
            data[f] = None if f in ("salary_min", "salary_max", "valid_from", "valid_until") else v
        else:
            data[f] = v
    return {k: v for k, v in data.items() if not (v is None and k in ("title",))}


def _errors(exc: Exception) -> list[dict[str, Any]]:
    if isinstance(exc, ValidationError):
        return [
            {"field": ".".join(str(p) for p in e["loc"]) or "form", "message": e["msg"]}
            for e in exc.errors()
        ]
    assert isinstance(exc, VocmatchError)
    return exc.errors or [{"field": "form", "message": exc.message}]


def _enterprise(session: Session, principal: Principal) -> Enterprise:
    ent = session.get(Enterprise, principal.enterprise_id or -1)
    assert ent is not None
    return ent


@router.get("/portal", response_class=HTMLResponse)
def portal(request: Request, session: SessionDep, principal: EnterpriseUser) -> HTMLResponse:
    """The enterprise's home: its status, its postings and what they match."""
    ent = _enterprise(session, principal)
    postings = service.list_postings(session, principal=principal, limit=200)
    supply = (
        matches.enterprise_matches(session, principal=principal, enterprise_id=ent.id, limit=10)
        if ent.status == "active"
        else None
    )
    return render(
        request,
        "portal/index.html",
        {"ent": ent, "postings": postings.items, "supply": supply},
    )


def _posting_form(
    request: Request,
    *,
    action: str,
    values: dict[str, Any],
    errors: list[dict[str, Any]] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "portal/posting_form.html",
        {"action": action, "v": values, "errors": errors or []},
        status_code=status_code,
    )


@router.get("/portal/postings/new", response_class=HTMLResponse)
def new_posting(request: Request, session: SessionDep, principal: EnterpriseUser) -> HTMLResponse:
    """The form to post demand."""
    return _posting_form(
        request,
        action="/portal/postings",
        values={"headcount": 1, "type": "hire", "status": "open"},
    )


@router.post("/portal/postings", response_model=None)
def create_posting(
    request: Request, session: SessionDep, principal: EnterpriseUser, form: FormDep
) -> Response:
    """Create a posting from the form, then show it with its matches."""
    check_csrf(principal, str(form.get("csrf_token", "")))
    data = _form_data(form)
    try:
        p = service.create_posting(
            session, principal=principal, data=PostingCreate.model_validate(data), source="portal"
        )
    except (ValidationError, VocmatchError) as exc:
        if isinstance(exc, VocmatchError) and exc.status == 403:
            raise
        return _posting_form(
            request, action="/portal/postings", values=data, errors=_errors(exc), status_code=422
        )
    return RedirectResponse(f"/portal/postings/{p.id}?saved=1", status_code=303)


@router.get("/portal/postings/{posting_id}", response_class=HTMLResponse)
def portal_posting(
    posting_id: int, request: Request, session: SessionDep, principal: EnterpriseUser
) -> HTMLResponse:
    """One of the enterprise's postings with the programmes and schools that can supply it."""
    return _posting_page(request, session, principal, posting_id, base="/portal/postings")


def _posting_page(
    request: Request, session: Session, principal: Principal, posting_id: int, *, base: str
) -> HTMLResponse:
    p = service.get_posting(session, principal=principal, posting_id=posting_id)
    m = matches.posting_matches(session, principal=principal, posting_id=posting_id)
    ent = session.get(Enterprise, p.enterprise_id)
    return render(
        request,
        "demand/posting.html",
        {
            "p": service.to_out(p),
            "m": m,
            "ent": ent,
            "base": base,
            "saved": request.query_params.get("saved") == "1",
            "can_edit": principal.role == "enterprise",
            "can_correct": principal.role in service.CORRECTORS,
        },
    )


@router.get("/portal/postings/{posting_id}/edit", response_class=HTMLResponse)
def edit_posting(
    posting_id: int, request: Request, session: SessionDep, principal: EnterpriseUser
) -> HTMLResponse:
    """The form to change a posting."""
    p = service.to_out(service.get_posting(session, principal=principal, posting_id=posting_id))
    values = p.model_dump()
    values["skills"] = "；".join(p.skills)
    return _posting_form(request, action=f"/portal/postings/{posting_id}/edit", values=values)


@router.post("/portal/postings/{posting_id}/edit", response_model=None)
def update_posting(
    posting_id: int,
    request: Request,
    session: SessionDep,
    principal: EnterpriseUser,
    form: FormDep,
) -> Response:
    """Save the changed posting (re-matched when its text changed)."""
    check_csrf(principal, str(form.get("csrf_token", "")))
    data = _form_data(form)
    try:
        service.update_posting(
            session,
            principal=principal,
            posting_id=posting_id,
            patch=PostingPatch.model_validate(data),
        )
    except (ValidationError, VocmatchError) as exc:
        if isinstance(exc, VocmatchError) and exc.status in (403, 404):
            raise
        return _posting_form(
            request,
            action=f"/portal/postings/{posting_id}/edit",
            values=data,
            errors=_errors(exc),
            status_code=422,
        )
    return RedirectResponse(f"/portal/postings/{posting_id}?saved=1", status_code=303)


@router.post("/portal/postings/{posting_id}/delete")
def delete_posting(
    posting_id: int,
    session: SessionDep,
    principal: EnterpriseUser,
    csrf_token: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """Delete a posting."""
    check_csrf(principal, csrf_token)
    service.delete_posting(session, principal=principal, posting_id=posting_id)
    return RedirectResponse("/portal", status_code=303)


@router.get("/postings", response_class=HTMLResponse)
def staff_postings(
    request: Request,
    session: SessionDep,
    principal: Staff,
    q: Annotated[str | None, Query(max_length=100)] = None,
    chain: Annotated[str | None, Query(max_length=40)] = None,
    cursor: str | None = None,
) -> HTMLResponse:
    """Every live posting, newest first, with its (effective) chain."""
    page = service.list_postings(
        session, principal=principal, q=q or None, chain=chain or None, limit=50, cursor=cursor
    )
    names = enterprise_names(session, (p.enterprise_id for p in page.items))
    return render(
        request,
        "demand/postings.html",
        {"page": page, "names": names, "q": q or "", "chain": chain or ""},
    )


@router.get("/postings/import", response_class=HTMLResponse)
@router.get("/portal/import", response_class=HTMLResponse)
def import_form(request: Request, session: SessionDep, principal: Importer) -> HTMLResponse:
    """Upload a CSV/XLSX export to preview or import."""
    return render(request, "demand/import.html", {"report": None, "errors": []})


@router.post("/postings/import", response_class=HTMLResponse)
@router.post("/portal/import", response_class=HTMLResponse)
def import_file(
    request: Request,
    session: SessionDep,
    principal: Importer,
    file: Annotated[UploadFile, File()],
    action: Annotated[str, Form()] = "preview",
    csrf_token: Annotated[str, Form()] = "",
) -> HTMLResponse:
    """Preview (dry run) or import the uploaded file."""
    check_csrf(principal, csrf_token)
    data = file.file.read()
    try:
        report = imports.run_import(
            session,
            principal=principal,
            data=data,
            filename=file.filename or "upload",
            dry_run=action == "preview",
            mode="valid_only" if action == "valid_only" else "all",
        )
    except VocmatchError as exc:
        if exc.status in (401, 403):
            raise
        return render(
            request,
            "demand/import.html",
            {"report": None, "errors": exc.errors, "message": exc.message},
            status_code=422,
        )
    return render(request, "demand/import.html", {"report": report, "errors": report.errors})


@router.get("/postings/{posting_id}", response_class=HTMLResponse)
def staff_posting(
    posting_id: int, request: Request, session: SessionDep, principal: Staff
) -> HTMLResponse:
    """A posting with its matches and (for admins and planners) the correction form."""
    return _posting_page(request, session, principal, posting_id, base="/postings")


@router.post("/postings/{posting_id}/correction")
def correct(
    posting_id: int,
    request: Request,
    session: SessionDep,
    principal: Annotated[Principal, Depends(require("admin", "planner", "enterprise"))],
    chain: Annotated[str, Form()] = "",
    occupation_code: Annotated[str, Form()] = "",
    note: Annotated[str, Form(max_length=500)] = "",
    csrf_token: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """Save a person's correction (blank clears it)."""
    check_csrf(principal, csrf_token)
    correction = Correction.model_validate(
        {"chain": chain or None, "occupation_code": occupation_code or None, "note": note}
    )
    service.correct_posting(
        session, principal=principal, posting_id=posting_id, correction=correction
    )
    base = "/portal/postings" if principal.role == "enterprise" else "/postings"
    return RedirectResponse(f"{base}/{posting_id}?saved=1", status_code=303)
