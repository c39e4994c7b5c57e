"""Queries over schools, offerings and offering partners."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from vocmatch.catalogue.models import Programme
from vocmatch.enterprises.models import Enterprise
from vocmatch.schools.models import Offering, OfferingPartner, School


def schools(session: Session, ids: Iterable[int] | None = None) -> list[School]:
    """Return schools (only ``ids`` when given), by code."""
    stmt = select(School).order_by(School.code)
    if ids is not None:
        stmt = stmt.where(School.id.in_(list(ids)))
    return list(session.scalars(stmt))


def school_by_code(session: Session, code: str) -> School | None:
    """Return the school with ``code``."""
    return session.scalar(select(School).where(School.code == code))


def offerings_of(session: Session, school_id: int, year: int | None = None) -> list[Offering]:
    """Return a school's offerings (of ``year``), newest year first, then by programme."""
    stmt = select(Offering).where(Offering.school_id == school_id)
    if year is not None:
        stmt = stmt.where(Offering.year == year)
    return list(session.scalars(stmt.order_by(Offering.year.desc(), Offering.programme_code)))


def offering(session: Session, offering_id: int) -> Offering | None:
    """Return the offering with ``offering_id``."""
    return session.get(Offering, offering_id)


def partners_of(
    session: Session, offering_ids: list[int]
) -> list[tuple[OfferingPartner, Enterprise]]:
    """Return the partners of the offerings with their enterprises."""
    if not offering_ids:
        return []
    stmt = (
        select(OfferingPartner, Enterprise)
        .join(Enterprise, Enterprise.id == OfferingPartner.enterprise_id)
        .where(OfferingPartner.offering_id.in_(offering_ids))
        .order_by(OfferingPartner.id)
    )
    return [(p, e) for p, e in session.execute(stmt)]


def programme_names(session: Session, codes: Iterable[str] | None = None) -> dict[str, str]:
    """Return programme names by code (all, or ``codes``)."""
    stmt = select(Programme.code, Programme.name)
    if codes is not None:
        stmt = stmt.where(Programme.code.in_(list(codes)))
    return {c: n for c, n in session.execute(stmt)}


def enterprise_by_name(session: Session, name: str) -> Enterprise | None:
    """Return the enterprise with this exact name or one of its short names."""
    ent = session.scalar(select(Enterprise).where(Enterprise.name == name))
    if ent is not None:
        return ent
    for e in session.scalars(select(Enterprise).where(Enterprise.status == "active")):
        if name in (e.short_names or []):
            return e
    return None


def offered_programme_codes(session: Session) -> set[str]:
    """Return the codes of the programmes offered by some school in the database."""
    return set(session.scalars(select(Offering.programme_code).distinct()))
