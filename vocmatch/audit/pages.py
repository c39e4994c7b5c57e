"""The admins' audit page: filter by who, what and when."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from vocmatch.audit import service
from vocmatch.kit.db import utcnow
from vocmatch.kit.deps import AdminDep, SessionDep
from vocmatch.kit.render import render

router = APIRouter(include_in_schema=False)


def _day(d: date | None, *, end: bool = False) -> datetime | None:
    if d is None:
        return None
    start = datetime.combine(d, time.min, tzinfo=utcnow().tzinfo)
    return start + timedelta(days=1) if end else start


@router.get("/admin/audit", response_class=HTMLResponse)
def audit_page(
    request: Request,
    session: SessionDep,
    principal: AdminDep,
    actor: Annotated[str | None, Query(max_length=100)] = None,
    action: Annotated[str | None, Query(max_length=40)] = None,
    entity_type: Annotated[str | None, Query(max_length=40)] = None,
    entity_id: Annotated[str | None, Query(max_length=100)] = None,
    since: Annotated[str | None, Query(max_length=10)] = None,
    until: Annotated[str | None, Query(max_length=10)] = None,
    cursor: str | None = None,
) -> HTMLResponse:
    """The audit log, newest first, filtered."""
    d_since = date.fromisoformat(since) if since else None
    d_until = date.fromisoformat(until) if until else None
    page = service.list_entries(
        session,
        actor=actor or None,
        action=action or None,
        entity_type=entity_type or None,
        entity_id=entity_id or None,
        since=_day(d_since),
        until=_day(d_until, end=True),
        limit=100,
        cursor=cursor,
    )
    filters = {
        "actor": actor or "",
        "action": action or "",
        "entity_type": entity_type or "",
        "entity_id": entity_id or "",
        "since": since or "",
        "until": until or "",
    }
    return render(request, "admin/audit.html", {"page": page, "f": filters})
