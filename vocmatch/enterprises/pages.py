"""HTML pages of enterprises: portal self-registration and the admins' approval queue."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from vocmatch.auth.secrets import new_token
from vocmatch.config import get_settings
from vocmatch.deps import AdminDep, FormDep, PrincipalDep, SessionDep, check_csrf
from vocmatch.enterprises import registration, service
from vocmatch.errors import Forbidden, VocmatchError
from vocmatch.web.render import render
from vocmatch.web.router import LOGIN_CSRF_COOKIE

router = APIRouter(include_in_schema=False)
FIELDS = (
    "enterprise_name",
    "credit_code",
    "location_kind",
    "contact_name",
    "contact_phone",
    "username",
)


def _register_page(
    request: Request,
    *,
    values: dict[str, str],
    errors: list[dict[str, str]],
    done: bool = False,
    status_code: int = 200,
) -> HTMLResponse:
    token = new_token()
    response = render(
        request,
        "portal/register.html",
        {"v": values, "errors": errors, "done": done, "form_csrf": token},
        status_code=status_code,
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=get_settings().secure_cookies,
        max_age=3600,
    )
    return response


@router.get("/portal/register", response_class=HTMLResponse)
def register_form(request: Request, principal: PrincipalDep) -> HTMLResponse:
    """The self-registration form (anonymous visitors; a pre-session CSRF cookie guards it)."""
    return _register_page(request, values={"location_kind": "high_tech_zone"}, errors=[])


@router.post("/portal/register", response_model=None)
def register(
    request: Request, session: SessionDep, principal: PrincipalDep, form: FormDep
) -> Response:
    """Create the pending enterprise and its user; an admin approves it before it can post."""
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not expected or not hmac.compare_digest(expected, str(form.get("csrf_token", ""))):
        raise Forbidden("missing or wrong CSRF token; reload the page and try again")
    values = {f: str(form.get(f, "")).strip() for f in FIELDS}
    data = {**values, "password": str(form.get("password", ""))}
    data["credit_code"] = data["credit_code"] or None  # type: ignore[assignment]
    try:
        registration.register(session, data=registration.Registration.model_validate(data))
    except ValidationError as exc:
        errors = [
            {"field": ".".join(str(p) for p in e["loc"]), "message": e["msg"]} for e in exc.errors()
        ]
        return _register_page(request, values=values, errors=errors, status_code=422)
    except VocmatchError as exc:
        errors = [{"field": "enterprise_name", "message": exc.message}]
        return _register_page(request, values=values, errors=errors, status_code=exc.status)
    return _register_page(request, values={}, errors=[], done=True)


@router.get("/admin/enterprises", response_class=HTMLResponse)
def approvals(request: Request, session: SessionDep, principal: AdminDep) -> HTMLResponse:
    """Enterprises awaiting approval."""
    return render(
        request, "admin/enterprises.html", {"pending": service.pending_enterprises(session)}
    )


@router.post("/admin/enterprises/{enterprise_id}")
def decide(
    enterprise_id: int,
    session: SessionDep,
    principal: AdminDep,
    decision: Annotated[str, Form(pattern=r"^(approve|reject)$")],
    csrf_token: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """Approve or reject a pending enterprise."""
    check_csrf(principal, csrf_token)
    service.set_status(
        session,
        principal=principal,
        enterprise_id=enterprise_id,
        status="active" if decision == "approve" else "rejected",
    )
    return RedirectResponse("/admin/enterprises", status_code=303)
