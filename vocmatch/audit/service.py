"""Write audit entries inside the caller's transaction (so they commit or roll back with it)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from vocmatch.audit.models import AuditEntry


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    entity_type: str,
    entity_id: str | int = "",
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Add an audit entry to ``session`` and return it."""
    entry = AuditEntry(
        actor=actor,
        action=action,
        entity_type=entity_type,
        entity_id=str(entity_id),
        detail=detail or {},
    )
    session.add(entry)
    return entry
