"""Enterprise use cases: register (with duplicate detection), list, update, approve."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vocmatch.audit.service import apply_changes, record, record_changes
from vocmatch.enterprises import repository as repo
from vocmatch.enterprises.changes import check_identity, refuse_direct_identity_change
from vocmatch.enterprises.lookup import Candidate, find_duplicates
from vocmatch.enterprises.models import Enterprise
from vocmatch.enterprises.schemas import (
    EnterpriseFilter,
    EnterpriseIn,
    EnterpriseOut,
    EnterprisePatch,
)
from vocmatch.kit.errors import Conflict, Forbidden, Invalid, NotFound
from vocmatch.kit.pagination import Page, int_cursor, page_of
from vocmatch.kit.principal import Principal

# Fields only admins may set (an enterprise cannot crown itself 龙头企业).
ADMIN_ONLY_FIELDS = ("is_leading",)

NO_FILTER = EnterpriseFilter()


def duplicate_conflict(candidates: list[Candidate], name: str) -> Conflict:
    """Return the 409 "did you mean …" error naming the likely duplicates."""
    best = candidates[0]
    how = {
        "credit_code": "has the same credit code",
        "name": "has the same name",
        "short_name": "uses this name as a short name",
        "normalised": "has the same name apart from its legal form",
        "resolver": f"has a very similar name (score {best.score:.2f})",
    }.get(best.how, "looks the same")
    return Conflict(
        f"did you mean {best.name!r} (id {best.id})? It {how}. "
        "Send confirm_distinct=true if this really is a different enterprise.",
        errors=[
            {
                "field": "credit_code" if best.how == "credit_code" else "name",
                "message": f"possible duplicate of enterprise {best.id}",
                "candidate": {
                    "id": c.id,
                    "name": c.name,
                    "credit_code": c.credit_code,
                    "status": c.status,
                    "score": round(c.score, 3),
                    "how": c.how,
                },
            }
            for c in candidates[:5]
        ],
    )


def _check_fields(session: Session, data: dict[str, Any], principal: Principal) -> None:
    if principal.role != "admin":
        for f in ADMIN_ONLY_FIELDS:
            if data.get(f) is not None:
                raise Invalid(
                    f"{f} is set by administrators only",
                    errors=[{"field": f, "message": "set by administrators only"}],
                )
    unknown = repo.unknown_segments(session, data.get("segments") or [])
    if unknown:
        raise Invalid(
            f"unknown segment(s): {', '.join(unknown)}",
            errors=[{"field": "segments", "message": f"unknown segment {k!r}"} for k in unknown],
        )


def create_enterprise(
    session: Session,
    *,
    principal: Principal,
    data: EnterpriseIn,
    status: str = "active",
    confirm_distinct: bool = False,
) -> Enterprise:
    """Register an enterprise; 409 "did you mean …" when it probably exists already."""
    fields = data.model_dump(exclude_none=True)
    _check_fields(session, fields, principal)
    candidates = find_duplicates(session, name=data.name, credit_code=data.credit_code)
    hard = [c for c in candidates if c.how in ("credit_code", "name")]
    if hard or (candidates and not confirm_distinct):
        raise duplicate_conflict(hard or candidates, data.name)
    ent = Enterprise(**fields, status=status)
    session.add(ent)
    session.flush()
    record(
        session,
        actor=principal.audit_name(),
        action="create",
        entity_type="enterprise",
        entity_id=ent.id,
        detail={"name": ent.name, "status": status},
    )
    return ent


def create_pending(
    session: Session, *, principal: Principal, name: str, credit_code: str | None
) -> Enterprise:
    """Create a pending enterprise for a name nobody registered yet (approved later by an admin)."""
    ent = Enterprise(name=name, credit_code=credit_code, status="pending", location_kind="other")
    session.add(ent)
    session.flush()
    record(
        session,
        actor=principal.audit_name(),
        action="create",
        entity_type="enterprise",
        entity_id=ent.id,
        detail={"name": name, "status": "pending", "why": "unknown name in posted demand"},
    )
    return ent


def get_enterprise(session: Session, *, principal: Principal, enterprise_id: int) -> Enterprise:
    """Return the enterprise, or NotFound when it does not exist or is another tenant's."""
    ent = repo.get_scoped(session, principal, enterprise_id)
    if ent is None:
        raise NotFound(f"no enterprise with id {enterprise_id}")
    return ent


def list_enterprises(
    session: Session,
    *,
    principal: Principal,
    filters: EnterpriseFilter = NO_FILTER,
    limit: int = 50,
    cursor: str | None = None,
) -> Page[EnterpriseOut]:
    """Return a page of the enterprises ``principal`` may see, ordered by id."""
    stmt = repo.enterprise_query(principal, filters)
    rows = repo.page(session, stmt, after=int_cursor(cursor), limit=limit)
    return page_of(rows, limit=limit, key=lambda e: e.id, out=EnterpriseOut.model_validate)


def update_enterprise(
    session: Session, *, principal: Principal, enterprise_id: int, patch: EnterprisePatch
) -> Enterprise:
    """Apply a partial update (admins: any enterprise; enterprise users: their own, except the
    identity fields, which change through an approved request — ``enterprises.changes``)."""
    if principal.role not in ("admin", "enterprise"):
        raise Forbidden("only administrators and the enterprise itself may change an enterprise")
    ent = get_enterprise(session, principal=principal, enterprise_id=enterprise_id)
    changes = patch.model_dump(exclude_unset=True)
    _check_fields(session, changes, principal)
    refuse_direct_identity_change(principal, changes)
    check_identity(session, ent, changes)
    kept = {k: v for k, v in changes.items() if v is not None or k == "credit_code"}
    applied = apply_changes(ent, kept)
    session.flush()
    record_changes(
        session,
        actor=principal.audit_name(),
        entity_type="enterprise",
        entity_id=ent.id,
        changes=applied,
    )
    return ent


def set_status(
    session: Session, *, principal: Principal, enterprise_id: int, status: str
) -> Enterprise:
    """Approve (``active``) or reject a pending enterprise; admins only."""
    if not principal.is_admin:
        raise Forbidden("only administrators approve enterprises")
    ent = get_enterprise(session, principal=principal, enterprise_id=enterprise_id)
    changes = apply_changes(ent, {"status": status})
    session.flush()
    record_changes(
        session,
        actor=principal.audit_name(),
        action="approve" if status == "active" else "reject",
        entity_type="enterprise",
        entity_id=ent.id,
        changes=changes,
    )
    return ent


def pending_enterprises(session: Session) -> list[Enterprise]:
    """Return enterprises awaiting approval, oldest first."""
    return list(
        session.scalars(
            select(Enterprise).where(Enterprise.status == "pending").order_by(Enterprise.id)
        )
    )
