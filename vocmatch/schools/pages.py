"""Pages where planners keep their schools' offerings: edit, partners, Excel import and export."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from vocmatch.catalogue.service import resolve_programme
from vocmatch.kit.deps import PAGE_CSRF, SessionDep, require
from vocmatch.kit.errors import Invalid, VocmatchError
from vocmatch.kit.forms import error_line
from vocmatch.kit.principal import Principal
from vocmatch.kit.render import current_lang, render
from vocmatch.schools import service
from vocmatch.schools.schemas import PARTNER_KINDS, OfferingIn, OfferingPatch, PartnerIn

router = APIRouter(include_in_schema=False, dependencies=PAGE_CSRF)
PlannerPage = Annotated[Principal, Depends(require("admin", "planner"))]
MAX_PREVIEW_BYTES = 2 * 1024 * 1024


@router.get("/schools", response_class=HTMLResponse)
def schools(request: Request, session: SessionDep, principal: PlannerPage) -> HTMLResponse:
    """The caller's schools."""
    return render(
        request,
        "schools/list.html",
        {"schools": service.list_schools(session, principal=principal)},
    )


def _school_page(
    request: Request,
    session: SessionDep,
    principal: Principal,
    code: str,
    *,
    error: str = "",
    preview: object = None,
    upload: str = "",
    status_code: int = 200,
) -> HTMLResponse:
    school = service.get_school(session, principal=principal, code=code)
    offerings = service.list_offerings(session, principal=principal, code=code)
    years = sorted({o.year for o in offerings}, reverse=True)
    year = int(request.query_params.get("year") or (years[0] if years else 0))
    return render(
        request,
        "schools/school.html",
        {
            "school": school,
            "offerings": [o for o in offerings if o.year == year],
            "years": years,
            "year": year,
            "kinds": PARTNER_KINDS,
            "error": error,
            "preview": preview,
            "upload": upload,
            "saved": request.query_params.get("saved"),
        },
        status_code=status_code,
    )


@router.get("/schools/{code}", response_class=HTMLResponse)
def school(
    code: str, request: Request, session: SessionDep, principal: PlannerPage
) -> HTMLResponse:
    """A school's offerings of a year with their partners, editable."""
    return _school_page(request, session, principal, code)


def _back(code: str, year: int | None = None) -> RedirectResponse:
    q = f"?saved=1{'&year=' + str(year) if year else ''}"
    return RedirectResponse(f"/schools/{code}{q}", status_code=303)


def _guard(
    request: Request,
    session: SessionDep,
    principal: Principal,
    code: str,
    fn: Callable[[], RedirectResponse],
) -> HTMLResponse | RedirectResponse:
    try:
        return fn()
    except (ValidationError, VocmatchError) as exc:
        msg, status = error_line(exc, current_lang(request))
        return _school_page(request, session, principal, code, error=msg, status_code=status)


@router.post("/schools/{code}/offerings", response_model=None)
def add_offering(
    code: str,
    request: Request,
    session: SessionDep,
    principal: PlannerPage,
    programme_code: Annotated[str, Form()],
    year: Annotated[int, Form()],
    intake_plan: Annotated[int, Form()] = 0,
) -> HTMLResponse | RedirectResponse:
    """Add a programme to the school's offerings."""

    def run() -> RedirectResponse:
        data = OfferingIn(
            programme_code=resolve_programme(session, text=programme_code),
            year=year,
            intake_plan=intake_plan,
            enrolled=0,
            graduates_per_year=0,
        )
        service.create_offering(session, principal=principal, code=code, data=data)
        return _back(code, year)

    return _guard(request, session, principal, code, run)


@router.post("/schools/{code}/offerings/{offering_id}", response_model=None)
def edit_offering(
    code: str,
    offering_id: int,
    request: Request,
    session: SessionDep,
    principal: PlannerPage,
    intake_plan: Annotated[int, Form()],
    enrolled: Annotated[int, Form()],
    graduates_per_year: Annotated[int, Form()],
    school_courses: Annotated[str, Form()] = "",
    key_demonstration: Annotated[bool, Form()] = False,
    characteristic: Annotated[bool, Form()] = False,
    provincial_quality: Annotated[bool, Form()] = False,
) -> HTMLResponse | RedirectResponse:
    """Save an offering's figures, flags and school courses."""

    def run() -> RedirectResponse:
        patch = OfferingPatch(
            intake_plan=intake_plan,
            enrolled=enrolled,
            graduates_per_year=graduates_per_year,
            school_courses=school_courses,
            key_demonstration=key_demonstration,
            characteristic=characteristic,
            provincial_quality=provincial_quality,
        )
        out = service.update_offering(
            session, principal=principal, offering_id=offering_id, patch=patch
        )
        return _back(code, out.year)

    return _guard(request, session, principal, code, run)


@router.post("/schools/{code}/offerings/{offering_id}/delete", response_model=None)
def delete_offering(
    code: str,
    offering_id: int,
    session: SessionDep,
    principal: PlannerPage,
) -> RedirectResponse:
    """Remove an offering."""
    service.delete_offering(session, principal=principal, offering_id=offering_id)
    return _back(code)


@router.post("/schools/{code}/offerings/{offering_id}/partners", response_model=None)
def add_partner(
    code: str,
    offering_id: int,
    request: Request,
    session: SessionDep,
    principal: PlannerPage,
    enterprise_name: Annotated[str, Form()],
    kind: Annotated[str, Form()],
    since_year: Annotated[str, Form()] = "",
) -> HTMLResponse | RedirectResponse:
    """Add a partner enterprise to an offering."""

    def run() -> RedirectResponse:
        data = PartnerIn(
            enterprise_name=enterprise_name,
            kind=kind,
            since_year=int(since_year) if since_year.strip().isdigit() else None,
        )
        service.add_partner(session, principal=principal, offering_id=offering_id, data=data)
        return _back(code)

    return _guard(request, session, principal, code, run)


@router.post(
    "/schools/{code}/offerings/{offering_id}/partners/{partner_id}/delete", response_model=None
)
def remove_partner(
    code: str,
    offering_id: int,
    partner_id: int,
    session: SessionDep,
    principal: PlannerPage,
) -> RedirectResponse:
    """Remove a partner from an offering."""
    service.remove_partner(
        session, principal=principal, offering_id=offering_id, partner_id=partner_id
    )
    return _back(code)


@router.post("/schools/{code}/import", response_class=HTMLResponse)
def import_preview(
    code: str,
    request: Request,
    session: SessionDep,
    principal: PlannerPage,
    file: UploadFile,
) -> HTMLResponse:
    """Show what an uploaded sheet would change, row by row; nothing is written yet."""
    content = file.file.read(MAX_PREVIEW_BYTES + 1)
    if len(content) > MAX_PREVIEW_BYTES:
        return _school_page(
            request, session, principal, code, error="file too large", status_code=413
        )
    try:
        preview = service.import_offerings(
            session, principal=principal, code=code, content=content, dry_run=True
        )
    except Invalid as exc:
        return _school_page(request, session, principal, code, error=exc.message, status_code=422)
    upload = base64.b64encode(content).decode() if not preview.errors else ""
    return _school_page(request, session, principal, code, preview=preview, upload=upload)


@router.post("/schools/{code}/import/confirm", response_model=None)
def import_confirm(
    code: str,
    request: Request,
    session: SessionDep,
    principal: PlannerPage,
    upload: Annotated[str, Form(max_length=3 * MAX_PREVIEW_BYTES)],
) -> HTMLResponse | RedirectResponse:
    """Write the previewed sheet (validated again: all rows or none)."""
    try:
        content = base64.b64decode(upload, validate=True)
    except (binascii.Error, ValueError):
        return _school_page(
            request, session, principal, code, error="broken upload", status_code=422
        )

    def run() -> RedirectResponse:
        service.import_offerings(
            session, principal=principal, code=code, content=content, dry_run=False
        )
        return _back(code)

    return _guard(request, session, principal, code, run)
