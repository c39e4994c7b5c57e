"""Changes of an enterprise's identity — legal name, short names, credit code, location kind —
requested by its users and applied only when an administrator approves them.

These fields decide which enterprise a posting of the HR platform lands on (the name resolver
reads names, short names and credit codes), so an enterprise user must not set them alone: a
self-registered firm that gave itself another firm's short names would receive that firm's
postings. Administrators change them directly; every short name must be unique across
enterprises (a name, short name or name-without-legal-form of another enterprise is refused).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vocmatch.audit.service import apply_changes, diff, record_changes
from vocmatch.enterprises.lookup import find_duplicates, load_index
from vocmatch.enterprises.models import Enterprise, EnterpriseChange
from vocmatch.enterprises.schemas import IdentityChange
from vocmatch.kit.db import utcnow
from vocmatch.kit.errors import Conflict, Forbidden, Invalid, NotFound
from vocmatch.kit.principal import Principal

IDENTITY_FIELDS = ("name", "short_names", "credit_code", "location_kind")


def refuse_direct_identity_change(principal: Principal, changes: dict[str, Any]) -> None:
    """Raise Forbidden (naming the fields) when a non-admin tries to set identity fields."""
    touched = [f for f in IDENTITY_FIELDS if f in changes]
    if touched and not principal.is_admin:
        raise Forbidden(
            f"{', '.join(touched)} change only through a request an administrator approves: "
            "POST /api/v1/enterprises/{id}/identity-changes",
            errors=[{"field": f, "message": "needs an administrator's approval"} for f in touched],
        )


def check_identity(session: Session, ent: Enterprise, changes: dict[str, Any]) -> None:
    """Refuse (409, naming the field) names, short names or a credit code another enterprise has."""
    if "name" in changes or "credit_code" in changes:
        dups = find_duplicates(
            session,
            name=changes.get("name") or ent.name,
            credit_code=changes.get("credit_code", ent.credit_code),
            exclude_id=ent.id,
        )
        hard = [c for c in dups if c.how in ("credit_code", "name")]
        if hard:
            field = "credit_code" if hard[0].how == "credit_code" else "name"
            raise Conflict(
                f"another enterprise has this {field.replace('_', ' ')}",
                errors=[{"field": field, "message": "used by another enterprise"}],
            )
    index = load_index(session)
    for alias in changes.get("short_names") or []:
        hit = index.exact(name=alias, credit_code=None)
        if hit is not None and hit.id != ent.id:
            raise Conflict(
                f"the short name {alias!r} names another enterprise",
                errors=[{"field": "short_names", "message": f"{alias!r} names another enterprise"}],
            )


def request_change(
    session: Session, *, principal: Principal, enterprise: Enterprise, data: IdentityChange
) -> EnterpriseChange:
    """Record a pending identity change of ``enterprise`` (its own user, or an admin)."""
    changes = data.model_dump(exclude_unset=True, exclude={"note"})
    if not changes:
        raise Invalid(
            "name at least one of: " + ", ".join(IDENTITY_FIELDS),
            errors=[{"field": "body", "message": "no identity field to change"}],
        )
    for field in IDENTITY_FIELDS:
        if field in changes and changes[field] is None and field != "credit_code":
            raise Invalid(
                f"{field} cannot be emptied", errors=[{"field": field, "message": "null"}]
            )
    check_identity(session, enterprise, changes)
    change = EnterpriseChange(
        enterprise_id=enterprise.id,
        changes=changes,
        requested_by=principal.audit_name(),
        note=data.note,
    )
    session.add(change)
    session.flush()
    record_changes(
        session,
        actor=principal.audit_name(),
        action="request_change",
        entity_type="enterprise",
        entity_id=enterprise.id,
        changes=diff(enterprise, changes),
        change=change.id,
    )
    return change


def list_changes(session: Session, *, status: str | None = "pending") -> list[EnterpriseChange]:
    """Return identity changes (pending first by default), oldest first."""
    stmt = select(EnterpriseChange).order_by(EnterpriseChange.id)
    if status:
        stmt = stmt.where(EnterpriseChange.status == status)
    return list(session.scalars(stmt.limit(500)))


def decide(
    session: Session, *, principal: Principal, change_id: int, approve: bool
) -> EnterpriseChange:
    """Approve (apply) or reject a pending identity change; admins only."""
    if not principal.is_admin:
        raise Forbidden("only administrators decide identity changes")
    change = session.get(EnterpriseChange, change_id)
    if change is None:
        raise NotFound(f"no identity change {change_id}")
    if change.status != "pending":
        raise Conflict(f"identity change {change_id} was {change.status} already")
    ent = session.get(Enterprise, change.enterprise_id)
    if ent is None:
        raise NotFound(f"no enterprise {change.enterprise_id}")
    if approve:
        check_identity(session, ent, change.changes)
        changes = apply_changes(ent, change.changes)
    else:
        changes = diff(ent, change.changes)
    change.status = "approved" if approve else "rejected"
    change.decided_by = principal.audit_name()
    change.decided_at = utcnow()
    session.flush()
    record_changes(
        session,
        actor=principal.audit_name(),
        action="approve_change" if approve else "reject_change",
        entity_type="enterprise",
        entity_id=ent.id,
        changes=changes,
        change=change.id,
    )
    return change
