"""The audit log over the API (admins only)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from vocmatch.audit import service
from vocmatch.audit.service import AuditFilter, AuditOut
from vocmatch.kit.deps import AdminDep, SessionDep
from vocmatch.kit.openapi import document_security
from vocmatch.kit.pagination import Page
from vocmatch.kit.responses import errors

router = APIRouter(prefix="/api/v1/admin", tags=["admin"])


@router.get("/audit", response_model=Page[AuditOut], responses=errors(401, 403, 422, 429))
def list_audit(
    session: SessionDep,
    principal: AdminDep,
    filters: Annotated[AuditFilter, Query()],
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: str | None = None,
) -> Page[AuditOut]:
    """Who created, changed, corrected, exported or deleted what, and when (newest first)."""
    return service.list_entries(session, filters=filters, limit=limit, cursor=cursor)


document_security(router)
