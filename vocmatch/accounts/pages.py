"""HTML pages of accounts: log in, log out, and an enterprise's self-registration on the portal."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from vocmatch.accounts import registration
from vocmatch.accounts import service as auth
from vocmatch.kit.config import get_settings
from vocmatch.kit.deps import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    FormDep,
    PrincipalDep,
    SessionDep,
    check_csrf,
)
from vocmatch.kit.errors import Forbidden, VocmatchError
from vocmatch.kit.render import render
from vocmatch.kit.secrets import new_token

router = APIRouter(include_in_schema=False)


def _with_form_csrf(response: HTMLResponse, token: str) -> HTMLResponse:
    """Set the pre-session CSRF cookie of an anonymous form (login, registration) on ``response``."""
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=get_settings().secure_cookies,
        max_age=3600,
    )
    return response


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
    return _with_form_csrf(response, token)


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


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, principal: PrincipalDep, next: str = "/") -> HTMLResponse:
    """The login form (with a pre-session CSRF token)."""
    token = new_token()
    response = render(
        request, "login.html", {"login_csrf": token, "next": _safe_next(next), "error": ""}
    )
    return _with_form_csrf(response, token)


@router.post("/login", response_model=None)
def login(
    request: Request,
    session: SessionDep,
    username: Annotated[str, Form(max_length=100)],
    password: Annotated[str, Form(max_length=200)],
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    """Check the password and start a browser session."""
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    user = auth.authenticate_password(session, username=username, password=password)
    if not expected or not hmac.compare_digest(expected, csrf_token) or user is None:
        token = new_token()
        failed = render(
            request,
            "login.html",
            {"login_csrf": token, "next": _safe_next(next), "error": "login.failed"},
            status_code=400 if user is not None else 401,
        )
        return _with_form_csrf(failed, token)
    settings = get_settings()
    cookie, _ = auth.start_web_session(session, user=user, hours=settings.session_hours)
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        cookie,
        httponly=True,
        samesite="lax",
        secure=settings.secure_cookies,
        max_age=settings.session_hours * 3600,
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE)
    return response


@router.post("/logout")
def logout(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    csrf_token: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """End the browser session."""
    check_csrf(principal, csrf_token)
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        auth.end_web_session(session, token)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


def _safe_next(target: str) -> str:
    """Only allow local redirects after login (no open redirect)."""
    return target if target.startswith("/") and not target.startswith("//") else "/"
