"""Queries over postings and their programme index."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session, defer

from vocmatch.catalogue.models import Occupation, Programme, ProgrammeOccupation
from vocmatch.demand.models import Posting
from vocmatch.demand.schemas import PostingFilter
from vocmatch.enterprises.models import Enterprise
from vocmatch.kit.principal import Principal
from vocmatch.schools.models import Offering, School

effective_chain = func.coalesce(Posting.chain_override, Posting.chain)

NO_FILTER = PostingFilter()


def scoped(stmt: Select[Any], principal: Principal) -> Select[Any]:
    """Restrict ``stmt`` (over Posting) to what ``principal`` may see."""
    if principal.role == "enterprise":
        return stmt.where(Posting.enterprise_id == (principal.enterprise_id or -1))
    if principal.role not in ("admin", "planner", "platform"):
        return stmt.where(Posting.id == -1)
    return stmt


def get_scoped(
    session: Session, principal: Principal, posting_id: int, *, include_deleted: bool = False
) -> Posting | None:
    """Return the posting when it exists, is visible to ``principal`` and (by default) not deleted."""
    stmt = scoped(select(Posting), principal).where(Posting.id == posting_id)
    if not include_deleted:
        stmt = stmt.where(Posting.deleted_at.is_(None))
    return session.scalar(stmt)


def posting_query(
    principal: Principal, filters: PostingFilter = NO_FILTER, *, include_deleted: bool = False
) -> Select[Any]:
    """Return the select of the postings ``principal`` may see that pass ``filters`` (unordered;
    the match blob not loaded)."""
    f = filters
    stmt = scoped(select(Posting).options(defer(Posting.match, raiseload=True)), principal)
    if not include_deleted:
        stmt = stmt.where(Posting.deleted_at.is_(None))
    if f.enterprise_id is not None:
        stmt = stmt.where(Posting.enterprise_id == f.enterprise_id)
    if f.status:
        stmt = stmt.where(Posting.status == f.status)
    if f.chain:
        stmt = stmt.where(effective_chain == f.chain)
    if f.type:
        stmt = stmt.where(Posting.type == f.type)
    if f.q:
        pat = "%" + f.q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        stmt = stmt.where(Posting.title.like(pat, escape="\\"))
    return stmt


def changes_after(
    session: Session,
    stmt: Select[Any],
    *,
    after: tuple[datetime, int] | None,
    limit: int,
    until: datetime | None = None,
    later_than: datetime | None = None,
) -> list[Posting]:
    """Return up to ``limit`` postings of ``stmt`` after the (updated_at, id) key, in key order
    (only those stamped at or before ``until`` / after ``later_than`` when given)."""
    if after is not None:
        ts, last_id = after
        stmt = stmt.where(
            or_(Posting.updated_at > ts, and_(Posting.updated_at == ts, Posting.id > last_id))
        )
    if until is not None:
        stmt = stmt.where(Posting.updated_at <= until)
    if later_than is not None:
        stmt = stmt.where(Posting.updated_at > later_than)
    return list(session.scalars(stmt.order_by(Posting.updated_at, Posting.id).limit(limit)))


def newest_first(
    session: Session, stmt: Select[Any], *, before: int | None, limit: int
) -> list[Posting]:
    """Return up to ``limit`` postings of ``stmt`` with id below ``before``, newest first."""
    if before is not None:
        stmt = stmt.where(Posting.id < before)
    return list(session.scalars(stmt.order_by(Posting.id.desc()).limit(limit)))


def enterprise_names(session: Session, ids: Iterable[int]) -> dict[int, str]:
    """Return enterprise names by id."""
    ids = set(ids)
    if not ids:
        return {}
    rows = session.execute(select(Enterprise.id, Enterprise.name).where(Enterprise.id.in_(ids)))
    return {r[0]: r[1] for r in rows}


def programmes_of_occupation(session: Session, code: str) -> list[str]:
    """Return the programme codes officially linked to occupation ``code``."""
    return list(
        session.scalars(
            select(ProgrammeOccupation.programme_code)
            .where(ProgrammeOccupation.occupation_code == code)
            .distinct()
            .order_by(ProgrammeOccupation.programme_code)
        )
    )


def occupation_name(session: Session, code: str) -> str:
    """Return the name of occupation ``code`` (empty when unknown)."""
    occ = session.get(Occupation, code)
    return occ.name if occ else ""


def programme_names(session: Session, codes: Iterable[str]) -> dict[str, str]:
    """Return programme names by code."""
    codes = set(codes)
    if not codes:
        return {}
    rows = session.execute(select(Programme.code, Programme.name).where(Programme.code.in_(codes)))
    return {r[0]: r[1] for r in rows}


def supply(session: Session, codes: Iterable[str]) -> dict[str, list[tuple[School, Offering]]]:
    """Return, per programme code, the schools offering it in their latest year (most graduates first)."""
    codes = set(codes)
    if not codes:
        return {}
    latest = (
        select(Offering.school_id, Offering.programme_code, func.max(Offering.year).label("year"))
        .where(Offering.programme_code.in_(codes))
        .group_by(Offering.school_id, Offering.programme_code)
        .subquery()
    )
    rows = session.execute(
        select(School, Offering)
        .join(Offering, Offering.school_id == School.id)
        .join(
            latest,
            and_(
                latest.c.school_id == Offering.school_id,
                latest.c.programme_code == Offering.programme_code,
                latest.c.year == Offering.year,
            ),
        )
        .order_by(Offering.graduates_per_year.desc(), School.code)
    )
    out: dict[str, list[tuple[School, Offering]]] = {}
    for school, offering in rows:
        out.setdefault(offering.programme_code, []).append((school, offering))
    return out
