"""Admin pages: the index (with re-match progress), users and API keys."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from vocmatch.accounts import service
from vocmatch.demand.matches import rematch
from vocmatch.demand.models import RematchJob
from vocmatch.enterprises.service import pending_enterprises
from vocmatch.kit import metrics
from vocmatch.kit.deps import AdminDep, SessionDep, check_csrf
from vocmatch.kit.errors import VocmatchError
from vocmatch.kit.render import render

router = APIRouter(include_in_schema=False)


@router.get("/admin", response_class=HTMLResponse)
def admin_index(request: Request, session: SessionDep, principal: AdminDep) -> HTMLResponse:
    """Links to the admin pages, pending approvals and the last re-match job."""
    job = session.scalar(select(RematchJob).order_by(RematchJob.id.desc()).limit(1))
    return render(
        request,
        "admin/index.html",
        {"pending": len(pending_enterprises(session)), "job": job, "error": ""},
    )


@router.post("/admin/rematch", response_model=None)
def admin_rematch(
    request: Request,
    background: BackgroundTasks,
    session: SessionDep,
    principal: AdminDep,
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    """Start re-matching every stale posting in the background."""
    check_csrf(principal, csrf_token)
    rematch.start_job(session, principal=principal, scope="stale", background=background)
    return RedirectResponse("/admin", status_code=303)


@router.get("/metrics", response_model=None)
def prometheus_metrics(principal: AdminDep) -> Response:
    """Prometheus metrics for an administrator (a scraper may use the metrics token instead)."""
    body, content_type = metrics.render()
    return Response(body, media_type=content_type, headers={"cache-control": "no-store"})


@router.get("/admin/users", response_class=HTMLResponse)
def users(request: Request, session: SessionDep, principal: AdminDep) -> HTMLResponse:
    """Every user, with a revoke button."""
    return render(request, "admin/users.html", {"users": service.list_users(session)})


@router.post("/admin/users/{username}/revoke")
def revoke_user(
    username: str, session: SessionDep, principal: AdminDep, csrf_token: Annotated[str, Form()] = ""
) -> RedirectResponse:
    """Deactivate a user."""
    check_csrf(principal, csrf_token)
    service.revoke_user(session, username=username, actor=principal.audit_name())
    return RedirectResponse("/admin/users", status_code=303)


def _keys_page(
    request: Request, session: SessionDep, *, secret: str = "", error: str = "", status: int = 200
) -> HTMLResponse:
    return render(
        request,
        "admin/keys.html",
        {
            "keys": service.list_keys(session),
            "users": [u for u in service.list_users(session) if u.active],
            "secret": secret,
            "error": error,
        },
        status_code=status,
    )


@router.get("/admin/keys", response_class=HTMLResponse)
def keys(request: Request, session: SessionDep, principal: AdminDep) -> HTMLResponse:
    """Every API key (never the secret) and the form to issue one."""
    return _keys_page(request, session)


@router.post("/admin/keys", response_class=HTMLResponse)
def create_key(
    request: Request,
    session: SessionDep,
    principal: AdminDep,
    username: Annotated[str, Form(max_length=100)],
    name: Annotated[str, Form(min_length=1, max_length=100)] = "default",
    expires_in_days: Annotated[int, Form(ge=0, le=3650)] = 365,
    csrf_token: Annotated[str, Form()] = "",
) -> HTMLResponse:
    """Issue a key and show its secret once."""
    check_csrf(principal, csrf_token)
    try:
        issued = service.create_key(
            session,
            username=username,
            name=name,
            expires_in_days=expires_in_days or None,
            actor=principal.audit_name(),
        )
    except VocmatchError as exc:
        return _keys_page(request, session, error=exc.message, status=exc.status)
    response = _keys_page(request, session, secret=issued.secret)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.post("/admin/keys/{prefix}/revoke")
def revoke_key(
    prefix: str, session: SessionDep, principal: AdminDep, csrf_token: Annotated[str, Form()] = ""
) -> RedirectResponse:
    """Revoke a key."""
    check_csrf(principal, csrf_token)
    service.revoke_key(session, prefix=prefix, actor=principal.audit_name())
    return RedirectResponse("/admin/keys", status_code=303)
