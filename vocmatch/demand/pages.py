"""HTML pages of demand: the enterprise portal, the staff postings list, corrections and import.

They call the same services as the API; forms carry the session's CSRF token.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from vocmatch.demand.imports import service as imports
from vocmatch.demand.matches import service as matches
from vocmatch.demand.postings import service
from vocmatch.demand.repository import enterprise_names
from vocmatch.demand.schemas import Correction, PostingCreate, PostingFilter, PostingPatch
from vocmatch.enterprises.models import Enterprise
from vocmatch.kit.deps import PAGE_CSRF, FormDep, SessionDep, require
from vocmatch.kit.errors import VocmatchError
from vocmatch.kit.forms import after_confirm, ask, form_values, submit
from vocmatch.kit.i18n import translate
from vocmatch.kit.principal import Principal
from vocmatch.kit.render import current_lang, render

router = APIRouter(include_in_schema=False, dependencies=PAGE_CSRF)
EnterpriseUser = Annotated[Principal, Depends(require("enterprise"))]
Staff = Annotated[Principal, Depends(require("admin", "planner", "platform"))]
Importer = Annotated[Principal, Depends(require("admin", "platform", "enterprise"))]


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
        {
            "ent": ent,
            "postings": postings.items,
            "supply": supply,
            "deleted": request.query_params.get("deleted") == "1",
        },
    )


def _posting_form(
    request: Request,
    *,
    action: str,
    values: Any,
    errors: list[dict[str, Any]] | None = None,
    status_code: int = 200,
    pending: bool = False,
) -> HTMLResponse:
    return render(
        request,
        "portal/posting_form.html",
        {"action": action, "v": values, "errors": errors or [], "pending": pending},
        status_code=status_code,
    )


@router.get("/portal/postings/new", response_class=HTMLResponse)
def new_posting(request: Request, session: SessionDep, principal: EnterpriseUser) -> HTMLResponse:
    """The form to post demand (a pending enterprise sees why it cannot post yet instead)."""
    return _posting_form(
        request,
        action="/portal/postings",
        values={"headcount": 1, "type": "hire", "status": "open"},
        pending=_enterprise(session, principal).status != "active",
    )


@router.post("/portal/postings", response_model=None)
def create_posting(
    request: Request, session: SessionDep, principal: EnterpriseUser, form: FormDep
) -> Response:
    """Create a posting from the form, then show it with its matches.

    A pending enterprise's form comes back with everything typed and the reason (403), so
    nothing is lost while it waits for approval.
    """
    lang = current_lang(request)
    values = dict(form)
    if _enterprise(session, principal).status != "active":
        error = {"field": "form", "message": translate("problem.pending", lang)}
        return _posting_form(
            request,
            action="/portal/postings",
            values=values,
            errors=[error],
            status_code=403,
            pending=True,
        )

    def save() -> Response:
        data = PostingCreate.model_validate(form_values(PostingCreate, form))
        p = service.create_posting(session, principal=principal, data=data, source="portal")
        return RedirectResponse(f"/portal/postings/{p.id}?saved=1", status_code=303)

    return submit(
        session,
        save,
        lambda errors: _posting_form(
            request, action="/portal/postings", values=values, errors=errors, status_code=422
        ),
        lang=lang,
    )


@router.get("/portal/postings/{posting_id}", response_class=HTMLResponse)
def portal_posting(
    posting_id: int, request: Request, session: SessionDep, principal: EnterpriseUser
) -> HTMLResponse:
    """One of the enterprise's postings with the programmes and schools that can supply it."""
    return _posting_page(request, session, principal, posting_id, base="/portal/postings")


def _posting_page(
    request: Request,
    session: Session,
    principal: Principal,
    posting_id: int,
    *,
    base: str,
    errors: list[dict[str, Any]] | None = None,
    typed: dict[str, str] | None = None,
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
            "errors": errors or [],
            "typed": typed or {},
        },
        status_code=422 if errors else 200,
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
    action = f"/portal/postings/{posting_id}/edit"

    def save() -> Response:
        patch = PostingPatch.model_validate(form_values(PostingPatch, form))
        service.update_posting(session, principal=principal, posting_id=posting_id, patch=patch)
        return RedirectResponse(f"/portal/postings/{posting_id}?saved=1", status_code=303)

    return submit(
        session,
        save,
        lambda errors: _posting_form(
            request, action=action, values=dict(form), errors=errors, status_code=422
        ),
        lang=current_lang(request),
    )


@router.get("/portal/postings/{posting_id}/delete", response_class=HTMLResponse)
def confirm_delete_posting(
    posting_id: int, request: Request, session: SessionDep, principal: EnterpriseUser
) -> HTMLResponse:
    """Ask before deleting a posting."""
    p = service.get_posting(session, principal=principal, posting_id=posting_id)
    return ask(request, "posting.delete", title=p.title, cancel=f"/portal/postings/{p.id}")


@router.post("/portal/postings/{posting_id}/delete")
def delete_posting(
    posting_id: int,
    request: Request,
    session: SessionDep,
    principal: EnterpriseUser,
    form: FormDep,
) -> RedirectResponse:
    """Delete a posting (posted from the confirmation page; any other post goes back to it)."""
    return after_confirm(
        request,
        form,
        lambda: service.delete_posting(session, principal=principal, posting_id=posting_id),
        done="/portal?deleted=1",
    )


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
    filters = PostingFilter(q=q or None, chain=chain or None)
    page = service.list_postings(
        session, principal=principal, filters=filters, limit=50, cursor=cursor
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
) -> HTMLResponse:
    """Preview (dry run) or import the uploaded file."""
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


@router.post("/postings/{posting_id}/correction", response_model=None)
def correct(
    posting_id: int,
    request: Request,
    session: SessionDep,
    principal: Annotated[Principal, Depends(require("admin", "planner", "enterprise"))],
    form: FormDep,
) -> Response:
    """Save a person's correction (blank clears it); the occupation by its name or its code.
    A name that is unknown or fits several occupations shows the page again with the reason."""
    base = "/portal/postings" if principal.role == "enterprise" else "/postings"
    typed = {k: str(form.get(k) or "").strip() for k in ("chain", "occupation_code", "note")}

    def save() -> Response:
        correction = Correction.model_validate(
            {
                "chain": typed["chain"] or None,
                "occupation_code": typed["occupation_code"] or None,
                "note": typed["note"],
            }
        )
        service.correct_posting(
            session, principal=principal, posting_id=posting_id, correction=correction
        )
        return RedirectResponse(f"{base}/{posting_id}?saved=1", status_code=303)

    return submit(
        session,
        save,
        lambda errors: _posting_page(
            request, session, principal, posting_id, base=base, errors=errors, typed=typed
        ),
        lang=current_lang(request),
    )
