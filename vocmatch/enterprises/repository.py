"""Queries over enterprises."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, String, cast, or_, select
from sqlalchemy.orm import Session

from vocmatch.enterprises.models import Enterprise
from vocmatch.enterprises.schemas import EnterpriseFilter
from vocmatch.industries.models import Segment
from vocmatch.kit.principal import Principal


def _like(q: str) -> str:
    return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def scoped(stmt: Select[Any], principal: Principal) -> Select[Any]:
    """Restrict ``stmt`` (over Enterprise) to what ``principal`` may see."""
    if principal.role == "enterprise":
        return stmt.where(Enterprise.id == (principal.enterprise_id or -1))
    if principal.role not in ("admin", "planner", "platform"):
        return stmt.where(Enterprise.id == -1)
    return stmt


def enterprise_query(principal: Principal, filters: EnterpriseFilter) -> Select[Any]:
    """Return the select of the enterprises ``principal`` may see that pass ``filters``
    (unordered)."""
    f = filters
    stmt = scoped(select(Enterprise), principal)
    if f.q:
        pat = _like(f.q)
        stmt = stmt.where(
            or_(
                Enterprise.name.like(pat, escape="\\"),
                cast(Enterprise.short_names, String).like(pat, escape="\\"),
                Enterprise.credit_code == f.q.upper(),
            )
        )
    if f.status:
        stmt = stmt.where(Enterprise.status == f.status)
    if f.chain:
        stmt = stmt.where(cast(Enterprise.chains, String).like(f'%"{f.chain}"%'))
    if f.location_kind:
        stmt = stmt.where(Enterprise.location_kind == f.location_kind)
    if f.is_leading is not None:
        stmt = stmt.where(Enterprise.is_leading == f.is_leading)
    return stmt


def page(session: Session, stmt: Select[Any], *, after: int | None, limit: int) -> list[Enterprise]:
    """Return up to ``limit`` enterprises of ``stmt`` with id greater than ``after``."""
    if after is not None:
        stmt = stmt.where(Enterprise.id > after)
    return list(session.scalars(stmt.order_by(Enterprise.id).limit(limit)))


def get_scoped(session: Session, principal: Principal, enterprise_id: int) -> Enterprise | None:
    """Return the enterprise when it exists and ``principal`` may see it."""
    return session.scalar(
        scoped(select(Enterprise), principal).where(Enterprise.id == enterprise_id)
    )


def unknown_segments(session: Session, keys: list[str]) -> list[str]:
    """Return the segment keys of ``keys`` that no chain defines."""
    if not keys:
        return []
    known = set(session.scalars(select(Segment.key).where(Segment.key.in_(keys))))
    return [k for k in keys if k not in known]
