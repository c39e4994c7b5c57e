"""The admins' audit page: filter by who, what and when."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from vocmatch.audit import service
from vocmatch.kit.db import utcnow
from vocmatch.kit.deps import PAGE_CSRF, AdminDep, SessionDep
from vocmatch.kit.render import render

router = APIRouter(include_in_schema=False, dependencies=PAGE_CSRF)


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
    return render(
        request,
        "admin/audit.html",
        {"page": page, "f": filters, "diffs": {e.id: readable(e.detail) for e in page.items}},
    )


def _text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, str | int | float | bool):
        return str(value)
    return json.dumps(value, ensure_ascii=False, default=str)  # Chinese as it is, no escapes


def readable(detail: dict[str, Any]) -> list[tuple[str, str, str | None]]:
    """Return an entry's detail as rows (field, value or before, after or None).

    A change recorded as ``{"before": {…}, "after": {…}}`` (or ``{"changes": {field: [old,
    new]}}``) becomes one row per changed field with both values; anything else one row per key.
    """
    before, after = detail.get("before"), detail.get("after")
    if isinstance(before, dict) and isinstance(after, dict):
        keys = list(dict.fromkeys([*after, *before]))
        return [(k, _text(before.get(k)), _text(after.get(k))) for k in keys]
    changes = detail.get("changes")
    if isinstance(changes, dict):
        rows: list[tuple[str, str, str | None]] = []
        for k, v in changes.items():
            if isinstance(v, list | tuple) and len(v) == 2:
                rows.append((k, _text(v[0]), _text(v[1])))
            elif isinstance(v, dict) and {"before", "after"} <= set(v):
                rows.append((k, _text(v["before"]), _text(v["after"])))
            else:
                rows.append((k, _text(v), None))
        rest = {k: v for k, v in detail.items() if k != "changes"}
        return rows + [(k, _text(v), None) for k, v in rest.items()]
    if before is not None and after is not None:
        return [("status", _text(before), _text(after))]
    return [(k, _text(v), None) for k, v in detail.items()]
