"""The graduate-destination page: the district's yearly summary, the records, a form, Excel.

It calls the same service as the API. The High-tech Zone column answers item 15's
“为赣州高新区企业输送更多‘赣县工匠’” with a figure per year.
"""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from vocmatch.catalogue.service import resolve_programme
from vocmatch.kit.charts import Series, line_chart
from vocmatch.kit.deps import PAGE_CSRF, FormDep, SessionDep, require
from vocmatch.kit.errors import VocmatchError
from vocmatch.kit.forms import error_line
from vocmatch.kit.i18n import translate
from vocmatch.kit.principal import Principal
from vocmatch.kit.render import current_lang, render
from vocmatch.schools import service as schools
from vocmatch.schools.destinations import service
from vocmatch.schools.destinations.models import DESTINATIONS
from vocmatch.schools.destinations.schemas import DestinationIn

router = APIRouter(include_in_schema=False, dependencies=PAGE_CSRF)
PlannerPage = Annotated[Principal, Depends(require("admin", "planner"))]
MAX_PREVIEW_BYTES = 2 * 1024 * 1024


def _page(
    request: Request,
    session: SessionDep,
    principal: Principal,
    *,
    error: str = "",
    preview: Any = None,
    upload: str = "",
    form: dict[str, Any] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    lang = current_lang(request)
    summary = service.summary(session, principal=principal)
    chart = None
    if len(summary) >= 2:
        chart = line_chart(
            [str(s.year) for s in summary],
            [
                Series(
                    translate("ds.col.high_tech_zone", lang),
                    [s.employed_high_tech_zone for s in summary],
                ),
                Series(
                    translate("ds.col.employed", lang), [s.employed for s in summary], "#c77700"
                ),
            ],
            title=translate("ds.chart", lang),
            counts=True,
            height=220,
        )
    return render(
        request,
        "schools/destinations.html",
        {
            "summary": summary,
            "chart": chart,
            "records": service.list_destinations(session, principal=principal),
            "schools": schools.list_schools(session, principal=principal),
            "columns": DESTINATIONS,
            "error": error,
            "preview": preview,
            "upload": upload,
            "form": form or {},
            "saved": request.query_params.get("saved"),
        },
        status_code=status_code,
    )


@router.get("/destinations", response_class=HTMLResponse)
def destinations(request: Request, session: SessionDep, principal: PlannerPage) -> HTMLResponse:
    """The district's graduates per year and where they went, and the caller's records."""
    return _page(request, session, principal)


def _message(exc: ValidationError | VocmatchError, request: Request) -> tuple[str, int]:
    return error_line(exc, current_lang(request))


@router.post("/destinations", response_model=None)
def save(
    request: Request, session: SessionDep, principal: PlannerPage, posted: FormDep
) -> HTMLResponse | RedirectResponse:
    """Create or replace one record from the form (audited)."""
    form = {k: str(v).strip() for k, v in posted.items()}
    form.pop("csrf_token", "")
    school = form.pop("school_code", "")
    try:
        if form.get("programme_code"):
            form["programme_code"] = resolve_programme(session, text=form["programme_code"])
        data = DestinationIn.model_validate({k: v for k, v in form.items() if v != ""})
        service.put_destination(session, principal=principal, school_code=school, data=data)
    except (ValidationError, VocmatchError) as exc:
        msg, status = _message(exc, request)
        if status == 404:
            raise
        form["school_code"] = school
        return _page(request, session, principal, error=msg, form=form, status_code=status)
    return RedirectResponse("/destinations?saved=1", status_code=303)


@router.post("/destinations/import", response_class=HTMLResponse)
def import_preview(
    request: Request,
    session: SessionDep,
    principal: PlannerPage,
    file: UploadFile,
) -> HTMLResponse:
    """Show what an uploaded sheet would change, row by row; nothing is written yet."""
    content = file.file.read(MAX_PREVIEW_BYTES + 1)
    if len(content) > MAX_PREVIEW_BYTES:
        return _page(request, session, principal, error="file too large", status_code=413)
    try:
        preview = service.import_destinations(
            session, principal=principal, content=content, dry_run=True
        )
    except VocmatchError as exc:
        msg, status = _message(exc, request)
        return _page(request, session, principal, error=msg, status_code=status)
    upload = base64.b64encode(content).decode() if not preview.errors else ""
    return _page(request, session, principal, preview=preview, upload=upload)


@router.post("/destinations/import/confirm", response_model=None)
def import_confirm(
    request: Request,
    session: SessionDep,
    principal: PlannerPage,
    upload: Annotated[str, Form(max_length=3 * MAX_PREVIEW_BYTES)],
) -> HTMLResponse | RedirectResponse:
    """Write the previewed sheet (validated again: all rows or none)."""
    try:
        content = base64.b64decode(upload, validate=True)
        service.import_destinations(session, principal=principal, content=content, dry_run=False)
    except (binascii.Error, ValueError):
        return _page(request, session, principal, error="broken upload", status_code=422)
    except VocmatchError as exc:
        msg, status = _message(exc, request)
        return _page(request, session, principal, error=msg, status_code=status)
    return RedirectResponse("/destinations?saved=1", status_code=303)
