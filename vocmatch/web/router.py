"""Server-rendered pages. They call the same services as the API; no logic lives here."""

from __future__ import annotations

import hmac
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from vocmatch.auth import service as auth
from vocmatch.auth.secrets import new_token
from vocmatch.catalogue import service as catalogue
from vocmatch.config import get_settings
from vocmatch.deps import SESSION_COOKIE, PrincipalDep, SessionDep, check_csrf
from vocmatch.industries import placements
from vocmatch.industries import service as industries
from vocmatch.web.render import render

router = APIRouter(include_in_schema=False)
STATIC_DIR = Path(__file__).parent / "static"
LOGIN_CSRF_COOKIE = "vocmatch_login_csrf"


@router.get("/", response_class=HTMLResponse)
def home(request: Request, session: SessionDep, principal: PrincipalDep) -> HTMLResponse:
    """The four chains, their segments, and a catalogue search box."""
    return render(request, "home.html", {"chains": industries.list_chains(session)})


@router.get("/programmes", response_class=HTMLResponse)
def programmes(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    q: Annotated[str | None, Query(max_length=100)] = None,
    cursor: str | None = None,
) -> HTMLResponse:
    """The catalogue with search and paging."""
    page = catalogue.list_programmes(session, q=q or None, limit=50, cursor=cursor)
    return render(request, "programmes.html", {"page": page, "q": q or ""})


@router.get("/programmes/{code}", response_class=HTMLResponse)
def programme(
    code: str, request: Request, session: SessionDep, principal: PrincipalDep
) -> HTMLResponse:
    """One programme's profile, its linked occupations and the chains it feeds."""
    p = catalogue.get_programme(session, code=code)
    chains = placements.get_programme_chains(session, code=code)
    return render(request, "programme.html", {"p": p, "chains": chains})


@router.get("/occupations", response_class=HTMLResponse)
def occupations(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    q: Annotated[str | None, Query(max_length=100)] = None,
    cursor: str | None = None,
) -> HTMLResponse:
    """The 2022 occupations with search and paging."""
    page = catalogue.list_occupations(session, q=q or None, limit=50, cursor=cursor)
    return render(request, "occupations.html", {"page": page, "q": q or ""})


@router.get("/occupations/{code}", response_class=HTMLResponse)
def occupation(
    code: str, request: Request, session: SessionDep, principal: PrincipalDep
) -> HTMLResponse:
    """One occupation with its work types, market titles and programmes."""
    return render(request, "occupation.html", {"o": catalogue.get_occupation(session, code=code)})


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, principal: PrincipalDep, next: str = "/") -> HTMLResponse:
    """The login form (with a pre-session CSRF token)."""
    token = new_token()
    response = render(
        request, "login.html", {"login_csrf": token, "next": _safe_next(next), "error": ""}
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
        failed.set_cookie(
            LOGIN_CSRF_COOKIE,
            token,
            httponly=True,
            samesite="strict",
            secure=get_settings().secure_cookies,
            max_age=3600,
        )
        return failed
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
