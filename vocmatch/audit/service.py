"""Write audit entries inside the caller's transaction (so they commit or roll back with it).

An update is recorded in one diff shape, ``{"changes": {field: [old, new]}, …context}``:
``apply_changes`` sets the values and returns that diff, ``record_changes`` writes it (the audit
page also reads the older ``before``/``after`` and ``changed`` rows).

In a read-only transaction (a GET that shows or exports personal data) the entry is written right
after the read, before the response leaves (``kit.db.add_after_read``): if it cannot be written,
the caller gets an error instead of the data.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from vocmatch.audit.models import AuditEntry
from vocmatch.kit.db import add_after_read
from vocmatch.kit.pagination import Page, int_cursor, page_of


class AuditFilter(BaseModel):
    """Which audit entries a list shows (the query of ``GET /api/v1/admin/audit``)."""

    actor: str | None = Field(default=None, max_length=100)
    action: str | None = Field(
        default=None, max_length=40, description="create, update, correct, delete, export, login, …"
    )
    entity_type: str | None = Field(default=None, max_length=40)
    entity_id: str | None = Field(default=None, max_length=100)
    since: datetime | None = None
    until: datetime | None = None


NO_FILTER = AuditFilter()


class AuditOut(BaseModel):
    """One audit entry as admins read it."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    at: datetime
    actor: str
    action: str
    entity_type: str
    entity_id: str
    detail: dict[str, Any]


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    entity_type: str,
    entity_id: str | int = "",
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Add an audit entry to ``session`` (after the read, for a read-only one) and return it."""
    entry = AuditEntry(
        actor=actor,
        action=action,
        entity_type=entity_type,
        entity_id=str(entity_id),
        detail=detail or {},
    )
    add_after_read(session, entry)
    return entry


def add_created(
    session: Session, obj: Any, *, actor: str, entity_type: str, **detail: Any
) -> AuditEntry:
    """Add a new row, flush it (for its id) and record its creation with ``detail``."""
    session.add(obj)
    session.flush()
    return record(
        session,
        actor=actor,
        action="create",
        entity_type=entity_type,
        entity_id=obj.id,
        detail=detail,
    )


def delete_recorded(
    session: Session, obj: Any, *, actor: str, entity_type: str, **detail: Any
) -> AuditEntry:
    """Record the deletion of a row with ``detail``, then delete it (flushed)."""
    entry = record(
        session,
        actor=actor,
        action="delete",
        entity_type=entity_type,
        entity_id=obj.id,
        detail=detail,
    )
    session.delete(obj)
    session.flush()
    return entry


Changes = dict[str, list[Any]]
"""What an update changes: ``{field: [old, new]}``, values as JSON (dates as ISO text)."""


def diff(obj: Any, values: dict[str, Any]) -> Changes:
    """Return ``{field: [old, new]}`` for each of ``values`` that differs from ``obj`` (unchanged)."""
    return {
        field: [_plain(getattr(obj, field)), _plain(new)]
        for field, new in values.items()
        if getattr(obj, field) != new
    }


def apply_changes(obj: Any, values: dict[str, Any]) -> Changes:
    """Set ``values`` on ``obj``; return ``{field: [old, new]}`` of what changed."""
    changes = diff(obj, values)
    for field in changes:
        setattr(obj, field, values[field])
    return changes


def record_changes(
    session: Session,
    *,
    actor: str,
    entity_type: str,
    entity_id: str | int,
    changes: Changes,
    action: str = "update",
    **context: Any,
) -> AuditEntry:
    """Record an update in the one diff shape: ``{**context, "changes": {field: [old, new]}}``."""
    return record(
        session,
        actor=actor,
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        detail={**context, "changes": changes},
    )


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool | list | dict):
        return value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def list_entries(
    session: Session,
    *,
    filters: AuditFilter = NO_FILTER,
    limit: int = 100,
    cursor: str | None = None,
) -> Page[AuditOut]:
    """Return the audit entries that pass ``filters``, newest first."""
    f = filters
    stmt = select(AuditEntry)
    if f.actor:
        stmt = stmt.where(AuditEntry.actor == f.actor)
    if f.action:
        stmt = stmt.where(AuditEntry.action == f.action)
    if f.entity_type:
        stmt = stmt.where(AuditEntry.entity_type == f.entity_type)
    if f.entity_id:
        stmt = stmt.where(AuditEntry.entity_id == f.entity_id)
    if f.since:
        stmt = stmt.where(AuditEntry.at >= f.since)
    if f.until:
        stmt = stmt.where(AuditEntry.at < f.until)
    before = int_cursor(cursor)
    if before is not None:
        stmt = stmt.where(AuditEntry.id < before)
    rows = list(session.scalars(stmt.order_by(AuditEntry.id.desc()).limit(limit)))
    return page_of(rows, limit=limit, key=lambda e: e.id, out=AuditOut.model_validate)
