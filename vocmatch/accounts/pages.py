"""HTML pages of accounts: log in, log out, and an enterprise's self-registration on the portal."""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from vocmatch.accounts import login as login_service
from vocmatch.accounts import registration
from vocmatch.accounts import service as auth
from vocmatch.kit.config import get_settings
from vocmatch.kit.deps import (
    LOGIN_CSRF_COOKIE,
    PAGE_CSRF,
    SESSION_COOKIE,
    FormDep,
    PrincipalDep,
    SessionDep,
)
from vocmatch.kit.errors import Forbidden, RateLimited, Unauthorized
from vocmatch.kit.forms import form_values, submit
from vocmatch.kit.render import current_lang, render
from vocmatch.kit.secrets import new_token

# Login and registration check their own pre-session token (a visitor has no session yet, and a
# logged-in one posting the login form again has a session token the form does not carry).
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


def _register_page(
    request: Request,
    *,
    values: dict[str, str],
    errors: list[dict[str, Any]],
    done: bool = False,
    status_code: int = 200,
) -> HTMLResponse:
    token = new_token()
    response = render(
        request,
        "portal/register.html",
        {
            "v": values,
            "errors": errors,
            "done": done,
            "form_csrf": token,
            # A very similar name is registered: the form offers "this is another enterprise".
            "ask_distinct": any(e["field"] == "confirm_distinct" for e in errors),
        },
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
        raise Forbidden(
            "missing or wrong CSRF token; reload the page and try again", key="problem.csrf"
        )
    values = {k: str(v) for k, v in form.items() if k not in ("password", "csrf_token")}

    def save() -> Response:
        data = registration.Registration.model_validate(
            form_values(registration.Registration, form)
        )
        registration.register(session, data=data)
        return _register_page(request, values={}, errors=[], done=True)

    def again(errors: list[dict[str, Any]]) -> Response:
        status = 409 if any(e["type"].startswith("portal.register") for e in errors) else 422
        return _register_page(request, values=values, errors=errors, status_code=status)

    return submit(session, save, again, lang=current_lang(request))


def _login_page(
    request: Request,
    *,
    next: str,
    error: str = "",
    status_code: int = 200,
    headers: dict[str, str] | None = None,
    **params: object,
) -> HTMLResponse:
    token = new_token()
    response = render(
        request,
        "login.html",
        {"login_csrf": token, "next": _safe_next(next), "error": error, "params": params},
        status_code=status_code,
    )
    response.headers.update(headers or {})
    return _with_form_csrf(response, token)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, principal: PrincipalDep, next: str = "/") -> HTMLResponse:
    """The login form (with a pre-session CSRF token)."""
    return _login_page(request, next=next)


@router.post("/login", response_model=None)
def login(
    request: Request,
    session: SessionDep,
    username: Annotated[str, Form(max_length=100)],
    password: Annotated[str, Form(max_length=200)],
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    """Check the password and start a browser session.

    The CSRF token is checked before the password, so a forged form learns nothing about it;
    wrong passwords back off per user and per address (``accounts.login``).
    """
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not expected or not hmac.compare_digest(expected, csrf_token):
        return _login_page(request, next=next, error="login.expired", status_code=400)
    address = request.client.host if request.client else "unknown"
    try:
        user = login_service.log_in(session, username=username, password=password, address=address)
    except RateLimited as exc:
        retry = exc.headers.get("Retry-After", "1")
        return _login_page(
            request,
            next=next,
            error="login.throttled",
            status_code=429,
            headers={"Retry-After": retry},
            seconds=retry,
        )
    except Unauthorized:
        return _login_page(request, next=next, error="login.failed", status_code=401)
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


@router.post("/logout", dependencies=PAGE_CSRF)
def logout(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
) -> RedirectResponse:
    """End the browser session (audited); the browser is told to forget what it cached."""
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        auth.end_web_session(session, token, actor=principal.audit_name())
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    # Back after logout must not show a cached page of the session (browsers that honour it).
    response.headers["Clear-Site-Data"] = '"cache"'
    return response


def _safe_next(target: str) -> str:
    """Only allow local redirects after login (no open redirect)."""
    return target if target.startswith("/") and not target.startswith("//") else "/"
