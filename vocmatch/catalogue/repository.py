"""Queries over the catalogue tables."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from vocmatch.catalogue.models import LinkSource, Occupation, Programme, ProgrammeOccupation
from vocmatch.catalogue.schemas import OccupationFilter, ProgrammeFilter


def _like(q: str) -> str:
    return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def programme_query(filters: ProgrammeFilter, codes: Sequence[str] | None = None) -> Select[Any]:
    """Return a select of the programmes that pass ``filters`` (unordered, unpaged)."""
    f = filters
    stmt = select(Programme)
    if f.q:
        stmt = stmt.where(
            or_(Programme.name.like(_like(f.q), escape="\\"), Programme.code.startswith(f.q))
        )
    if f.class_code:
        stmt = stmt.where(Programme.class_code == f.class_code)
    if f.dalei_code:
        stmt = stmt.where(Programme.dalei_code == f.dalei_code)
    if f.has_profile is not None:
        stmt = stmt.where(Programme.has_profile == f.has_profile)
    if f.added_2025 is not None:
        stmt = stmt.where(Programme.added_2025 == f.added_2025)
    if codes is not None:
        stmt = stmt.where(Programme.code.in_(codes))
    return stmt


def occupation_query(filters: OccupationFilter) -> Select[Any]:
    """Return a select of the occupations that pass ``filters``; ``q`` also searches work types
    and market titles."""
    f = filters
    stmt = select(Occupation)
    if f.q:
        pat = _like(f.q)
        stmt = stmt.where(
            or_(
                Occupation.name.like(pat, escape="\\"),
                Occupation.code.startswith(f.q),
                Occupation.work_types.like(pat, escape="\\"),
                Occupation.market_titles.like(pat, escape="\\"),
            )
        )
    if f.major_code:
        stmt = stmt.where(Occupation.major_code == f.major_code)
    if f.minor_code:
        stmt = stmt.where(Occupation.minor_code == f.minor_code)
    return stmt


def page_by_code(
    session: Session, stmt: Select[Any], model: Any, *, after: str | None, limit: int
) -> tuple[list[Any], int]:
    """Return one page of ``stmt`` ordered by code after ``after``, and the total count."""
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    if after is not None:
        stmt = stmt.where(model.code > after)
    rows = list(session.scalars(stmt.order_by(model.code).limit(limit)))
    return rows, total


def get_programme(session: Session, code: str) -> Programme | None:
    """Return the programme with ``code``."""
    return session.get(Programme, code)


def get_occupation(session: Session, code: str) -> Occupation | None:
    """Return the occupation with ``code``."""
    return session.get(Occupation, code)


def links_of_programme(session: Session, code: str) -> list[ProgrammeOccupation]:
    """Return the official occupation links of a programme."""
    return list(
        session.scalars(
            select(ProgrammeOccupation)
            .where(ProgrammeOccupation.programme_code == code)
            .order_by(ProgrammeOccupation.id)
        )
    )


def group_codes(session: Session, codes: Iterable[str]) -> dict[str, list[str]]:
    """Return, per known detailed occupation code, itself and its minor and middle group codes."""
    codes = set(codes)
    if not codes:
        return {}
    rows = session.execute(
        select(Occupation.code, Occupation.minor_code, Occupation.middle_code).where(
            Occupation.code.in_(codes)
        )
    )
    return {code: [c for c in (code, minor, middle) if c] for code, minor, middle in rows}


def links_to(
    session: Session, occupation_codes: Collection[str], sources: Collection[str] | None
) -> list[tuple[ProgrammeOccupation, str]]:
    """Return the links naming any of ``occupation_codes``, with each programme's name."""
    if not occupation_codes:
        return []
    stmt = (
        select(ProgrammeOccupation, Programme.name)
        .join(Programme, Programme.code == ProgrammeOccupation.programme_code)
        .where(ProgrammeOccupation.occupation_code.in_(occupation_codes))
        .order_by(ProgrammeOccupation.programme_code, ProgrammeOccupation.id)
    )
    if sources is not None:
        stmt = stmt.where(ProgrammeOccupation.source.in_(sources))
    return [(link, name) for link, name in session.execute(stmt)]


def programmes_of_occupation(session: Session, code: str) -> list[Programme]:
    """Return the programmes whose 职业面向 names this occupation (directly or via its group)."""
    occ = session.get(Occupation, code)
    if occ is None:
        return []
    codes = [code, occ.minor_code, occ.middle_code]
    stmt = (
        select(Programme)
        .join(ProgrammeOccupation, ProgrammeOccupation.programme_code == Programme.code)
        .where(ProgrammeOccupation.occupation_code.in_(codes))
        .distinct()
        .order_by(Programme.code)
    )
    return list(session.scalars(stmt))


def planner_link(session: Session, programme: str, occupation: str) -> ProgrammeOccupation | None:
    """Return a planner's link of ``programme`` to ``occupation``, if there is one."""
    return session.scalars(
        select(ProgrammeOccupation).where(
            ProgrammeOccupation.programme_code == programme,
            ProgrammeOccupation.occupation_code == occupation,
            ProgrammeOccupation.source == LinkSource.planner,
        )
    ).first()
