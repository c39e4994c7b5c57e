"""The audit log over the API (admins only)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from vocmatch.audit import service
from vocmatch.audit.service import AuditOut
from vocmatch.kit.deps import AdminDep, SessionDep
from vocmatch.kit.openapi import document_security
from vocmatch.kit.pagination import Page
from vocmatch.kit.responses import errors

router = APIRouter(prefix="/api/v1/admin", tags=["admin"])


@router.get("/audit", response_model=Page[AuditOut], responses=errors(401, 403, 422, 429))
def list_audit(
    session: SessionDep,
    principal: AdminDep,
    actor: Annotated[str | None, Query(max_length=100)] = None,
    action: Annotated[
        str | None,
        Query(max_length=40, description="create, update, correct, delete, export, login, …"),
    ] = None,
    entity_type: Annotated[str | None, Query(max_length=40)] = None,
    entity_id: Annotated[str | None, Query(max_length=100)] = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: str | None = None,
) -> Page[AuditOut]:
    """Who created, changed, corrected, exported or deleted what, and when (newest first)."""
    return service.list_entries(
        session,
        actor=actor,
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        since=since,
        until=until,
        limit=limit,
        cursor=cursor,
    )


document_security(router)
