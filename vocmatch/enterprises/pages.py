"""HTML pages of enterprises: the admins' approval queue of self-registered enterprises."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from vocmatch.enterprises import service
from vocmatch.kit.deps import PAGE_CSRF, AdminDep, SessionDep
from vocmatch.kit.render import render

router = APIRouter(include_in_schema=False, dependencies=PAGE_CSRF)


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
) -> RedirectResponse:
    """Approve or reject a pending enterprise."""
    service.set_status(
        session,
        principal=principal,
        enterprise_id=enterprise_id,
        status="active" if decision == "approve" else "rejected",
    )
    return RedirectResponse("/admin/enterprises", status_code=303)
