"""Admin pages: the index (with re-match progress), users and API keys."""

from __future__ import annotations

from functools import partial
from typing import Annotated, Literal

from fastapi import APIRouter, BackgroundTasks, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from vocmatch.accounts import service
from vocmatch.demand.matches import rematch
from vocmatch.demand.models import RematchJob
from vocmatch.enterprises.service import pending_enterprises
from vocmatch.kit import metrics
from vocmatch.kit.deps import PAGE_CSRF, AdminDep, FormDep, SessionDep
from vocmatch.kit.errors import VocmatchError
from vocmatch.kit.forms import after_confirm, ask
from vocmatch.kit.i18n import translate
from vocmatch.kit.render import current_lang, render

router = APIRouter(include_in_schema=False, dependencies=PAGE_CSRF)


@router.get("/admin", response_class=HTMLResponse)
def admin_index(request: Request, session: SessionDep, principal: AdminDep) -> HTMLResponse:
    """Links to the admin pages, pending approvals, what a re-match would do and the last job."""
    job = session.scalar(select(RematchJob).order_by(RematchJob.id.desc()).limit(1))
    version = rematch.current_model_version()
    counts = (
        {
            scope: len(rematch.ids_to_rematch(session, version=version, scope=scope))
            for scope in SCOPES
        }
        if version
        else None
    )
    return render(
        request,
        "admin/index.html",
        {
            "pending": len(pending_enterprises(session)),
            "job": job,
            "counts": counts,
            "version": version,
            "running": job is not None and job.status in ("queued", "running"),
        },
    )


SCOPES = ("stale", "all")


@router.post("/admin/rematch", response_model=None)
def admin_rematch(
    request: Request,
    background: BackgroundTasks,
    session: SessionDep,
    principal: AdminDep,
    scope: Annotated[Literal["stale", "all"], Form()] = "stale",
) -> Response:
    """Start re-matching the stale postings (matched by another model) or all, in the background."""
    rematch.start_job(session, principal=principal, scope=scope, background=background)
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


@router.get("/admin/users/{username}/revoke", response_class=HTMLResponse)
def confirm_revoke_user(
    username: str, request: Request, session: SessionDep, principal: AdminDep
) -> HTMLResponse:
    """Ask before deactivating a user."""
    user = service.get_user(session, username=username)
    return ask(request, "admin.revoke_user", cancel="/admin/users", name=user.username)


@router.post("/admin/users/{username}/revoke")
def revoke_user(
    username: str, request: Request, session: SessionDep, principal: AdminDep, form: FormDep
) -> RedirectResponse:
    """Deactivate a user (posted from the confirmation page)."""
    revoke = partial(service.revoke_user, session, username=username, actor=principal.audit_name())
    return after_confirm(request, form, revoke, done="/admin/users")


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
            "revoked": request.query_params.get("revoked") == "1",
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
) -> HTMLResponse:
    """Issue a key and show its secret once."""
    try:
        issued = service.create_key(
            session,
            username=username,
            name=name,
            expires_in_days=expires_in_days or None,
            actor=principal.audit_name(),
        )
    except VocmatchError as exc:
        return _keys_page(
            request, session, error=exc.text(current_lang(request)), status=exc.status
        )
    response = _keys_page(request, session, secret=issued.secret)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/admin/keys/{prefix}/revoke", response_class=HTMLResponse)
def confirm_revoke_key(
    prefix: str, request: Request, session: SessionDep, principal: AdminDep
) -> HTMLResponse:
    """Ask before revoking a key; a key in use by the HR platform gets a warning of its own."""
    key, user = service.get_key(session, prefix=prefix)
    lang = current_lang(request)
    used = key.last_used_at.strftime("%Y-%m-%d %H:%M") if key.last_used_at else "—"
    warning = ""
    if user.role == "platform":
        warning = translate("admin.revoke_key.platform", lang, used=used)
    return ask(
        request,
        "admin.revoke_key",
        cancel="/admin/keys",
        before=[translate("admin.revoke_key.owner", lang, user=user.username, used=used)],
        warning=warning,
        name=key.name,
        prefix=key.prefix,
    )


@router.post("/admin/keys/{prefix}/revoke")
def revoke_key(
    prefix: str, request: Request, session: SessionDep, principal: AdminDep, form: FormDep
) -> RedirectResponse:
    """Revoke a key (posted from the confirmation page)."""
    revoke = partial(service.revoke_key, session, prefix=prefix, actor=principal.audit_name())
    return after_confirm(request, form, revoke, done="/admin/keys?revoked=1")
