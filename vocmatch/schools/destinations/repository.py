"""Queries of graduate-destination records."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from vocmatch.catalogue.models import Programme
from vocmatch.schools.destinations.models import GraduateDestination
from vocmatch.schools.models import School


def records(
    session: Session,
    *,
    school_ids: Iterable[int] | None = None,
    year: int | None = None,
) -> list[tuple[GraduateDestination, str, str]]:
    """Return (record, school code, programme name), newest year first (all schools if None)."""
    stmt = (
        select(GraduateDestination, School.code, Programme.name)
        .join(School, School.id == GraduateDestination.school_id)
        .join(Programme, Programme.code == GraduateDestination.programme_code)
        .order_by(GraduateDestination.year.desc(), School.code, GraduateDestination.programme_code)
    )
    if school_ids is not None:
        stmt = stmt.where(GraduateDestination.school_id.in_(list(school_ids)))
    if year is not None:
        stmt = stmt.where(GraduateDestination.year == year)
    return [(r, code, name) for r, code, name in session.execute(stmt)]


def by_key(
    session: Session, school_id: int, programme_code: str, year: int
) -> GraduateDestination | None:
    """Return the record of (school, programme, year), if any."""
    return session.scalar(
        select(GraduateDestination).where(
            GraduateDestination.school_id == school_id,
            GraduateDestination.programme_code == programme_code,
            GraduateDestination.year == year,
        )
    )


def schools_by_code(session: Session) -> dict[str, School]:
    """Return every school by code."""
    return {s.code: s for s in session.scalars(select(School))}


def programme_codes(session: Session, codes: Iterable[str]) -> set[str]:
    """Return which of ``codes`` are catalogue programmes."""
    wanted = sorted(set(codes))
    if not wanted:
        return set()
    return set(session.scalars(select(Programme.code).where(Programme.code.in_(wanted))))


def programme_name(session: Session, code: str) -> str:
    """Return a programme's name (the code when unknown)."""
    return session.scalar(select(Programme.name).where(Programme.code == code)) or code
