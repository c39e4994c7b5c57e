"""Queries the analytics read: compact rows only (Core selects, no ORM objects), one trip each."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, String, cast, func, null, or_, select
from sqlalchemy.orm import Session

from vocmatch.catalogue.models import Programme
from vocmatch.demand.models import Posting
from vocmatch.enterprises.models import Enterprise
from vocmatch.indicators.models import IndicatorValue
from vocmatch.industries.models import ProgrammeChain, Segment, SkillTerm
from vocmatch.partnerships.models import Agreement
from vocmatch.schools.capacity.models import SchoolCapacity
from vocmatch.schools.destinations.models import EMPLOYED, GraduateDestination
from vocmatch.schools.models import EnrolmentHistory, Offering, OfferingPartner, School
from vocmatch.teachers.models import Teacher


def _stamp(model: Any, *extra: Any, count: bool = True) -> list[Any]:
    parts = [select(func.count()).select_from(model).scalar_subquery() if count else null()]
    parts += [select(e).scalar_subquery() for e in extra]
    return parts


# What the plan's indicators read besides the snapshot (teachers, partnerships, entered values,
# designations, schools' records): ``indicators_version`` fingerprints them.
INDICATOR_TABLES = (
    "activity",
    "activity_partner",
    "agreement",
    "designation",
    "enrolment_history",
    "enterprise",
    "evidence",
    "graduate_destination",
    "indicator_value",
    "milestone_record",
    "offering",
    "offering_partner",
    "partner",
    "programme",
    "programme_chain",
    "school",
    "school_capacity",
    "segment",
    "teacher",
    "teacher_appointment",
    "teacher_experience",
    "teacher_practice",
    "teacher_qualification",
    "teacher_recognition",
    "teacher_verification",
)


def indicators_version(session: Session) -> tuple[Any, ...]:
    """Return the count, newest id and newest ``updated_at`` (where a table has them) of every
    table in ``INDICATOR_TABLES``, in one query (small tables: a province has a few thousand
    rows in the largest)."""
    parts: list[Any] = []
    for name in INDICATOR_TABLES:
        table = Teacher.metadata.tables[name]  # every model's metadata (teachers' imported)
        parts.append(select(func.count()).select_from(table).scalar_subquery())
        parts += [
            select(func.max(table.c[col])).scalar_subquery()
            for col in ("id", "updated_at")
            if col in table.c
        ]
    return tuple(session.execute(select(*parts)).one())


def data_version(session: Session, *, count_postings: bool = True) -> dict[str, tuple[Any, ...]]:
    """Return cheap fingerprints of every table the analytics read, grouped by what they feed.

    Counting postings reads the whole table (a province's million rows: tens of milliseconds or
    more), so it is optional; without it the postings' count is None and their newest id and
    time (two index look-ups) tell what changed.
    """
    groups: dict[str, list[Any]] = {
        "terms": _stamp(SkillTerm, func.max(SkillTerm.id)) + _stamp(Segment, func.max(Segment.id)),
        "postings": _stamp(
            Posting, func.max(Posting.id), func.max(Posting.updated_at), count=count_postings
        ),
        "enterprises": _stamp(Enterprise, func.max(Enterprise.updated_at)),
        "supply": _stamp(
            Offering,
            func.max(Offering.updated_at),
            func.sum(Offering.intake_plan + Offering.graduates_per_year + Offering.enrolled),
        )
        + _stamp(
            OfferingPartner, func.max(OfferingPartner.id), func.max(OfferingPartner.updated_at)
        )
        + _stamp(ProgrammeChain, func.max(ProgrammeChain.id), func.sum(ProgrammeChain.score))
        + _stamp(Segment, func.sum(func.length(cast(Segment.programme_codes, String))))
        + _stamp(School, func.max(School.updated_at))
        + _stamp(GraduateDestination, func.max(GraduateDestination.updated_at))
        + _stamp(SchoolCapacity, func.max(SchoolCapacity.updated_at))
        + _stamp(Agreement, func.max(Agreement.updated_at)),
    }
    flat = [c for cols in groups.values() for c in cols]
    row = session.execute(select(*flat)).one()
    out: dict[str, tuple[Any, ...]] = {}
    i = 0
    for name, cols in groups.items():
        out[name] = tuple(row[i : i + len(cols)])
        i += len(cols)
    return out


POSTING_COLUMNS = (
    Posting.id,
    Posting.enterprise_id,
    Posting.source,
    Posting.headcount,
    Posting.type,
    Posting.deleted_at,
    Posting.valid_from,
    Posting.created_at,
    Posting.chain,
    Posting.chain_override,
    Posting.occupation_override,
    Posting.match,
    Posting.skills,
    Posting.title,
    Posting.description,
    Posting.updated_at,
)


def posting_rows(session: Session, *, ids: list[int] | None = None) -> list[Row[Any]]:
    """Return the compact rows of the undeleted postings, any status (or of ``ids``, whatever
    state): demand is what was posted, whether still open, filled or closed."""
    if ids is None:
        stmt = select(*POSTING_COLUMNS).where(Posting.deleted_at.is_(None))
        return list(session.execute(stmt))
    out: list[Row[Any]] = []
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        out.extend(session.execute(select(*POSTING_COLUMNS).where(Posting.id.in_(chunk))))
    return out


def posting_stamps(session: Session, *, since: datetime | None) -> list[tuple[int, datetime]]:
    """Return (id, updated_at) of the postings updated at or after ``since`` (all when None)."""
    stmt = select(Posting.id, Posting.updated_at)
    if since is not None:
        stmt = stmt.where(Posting.updated_at >= since)
    return [(i, u) for i, u in session.execute(stmt)]


def postings_by_id(session: Session, ids: list[int]) -> list[Row[Any]]:
    """Return display rows of the postings with ``ids`` (with the enterprise's name)."""
    if not ids:
        return []
    stmt = (
        select(
            Posting.id,
            Posting.title,
            Posting.headcount,
            Posting.type,
            Posting.valid_until,
            Posting.match,
            Enterprise.id.label("enterprise_id"),
            Enterprise.name.label("enterprise_name"),
            Enterprise.location_kind,
        )
        .join(Enterprise, Enterprise.id == Posting.enterprise_id)
        .where(Posting.id.in_(ids))
    )
    return list(session.execute(stmt))


def _rows(session: Session, model: Any, columns: str, *order_by: Any) -> list[Row[Any]]:
    """Return the rows of ``model``'s ``columns`` (names separated by spaces), in ``order_by``."""
    stmt = select(*(getattr(model, c) for c in columns.split())).order_by(*order_by)
    return list(session.execute(stmt))


def enterprise_rows(session: Session) -> list[Row[Any]]:
    """Return id, name, location, leading flag and chains of every enterprise."""
    return _rows(session, Enterprise, "id name location_kind is_leading chains status")


def segment_rows(session: Session) -> list[Row[Any]]:
    """Return the segments in chain order."""
    columns = "id chain_key key name_zh name_en occupation_codes programme_codes"
    return _rows(session, Segment, columns, Segment.chain_key, Segment.position)


def skill_term_rows(session: Session) -> list[Row[Any]]:
    """Return every skill term with its chain and segment id."""
    return _rows(session, SkillTerm, "chain_key segment_id zh en synonyms", SkillTerm.id)


def programme_rows(session: Session) -> list[Row[Any]]:
    """Return each catalogue programme's code, name and teaching texts."""
    columns = "code name class_code dalei_code courses abilities certificates"
    return _rows(session, Programme, columns)


def school_rows(session: Session) -> list[Row[Any]]:
    """Return every school's id, code, name and kind."""
    return _rows(session, School, "id code name short_name kind")


def offering_rows(session: Session) -> list[Row[Any]]:
    """Return every offering (all years)."""
    columns = (
        "id school_id programme_code year intake_plan enrolled graduates_per_year"
        " key_demonstration characteristic provincial_quality school_courses"
    )
    return _rows(session, Offering, columns)


def partner_rows(session: Session) -> list[Row[Any]]:
    """Return every offering partner with its enterprise's name and leading flag."""
    return list(
        session.execute(
            select(
                OfferingPartner.id,
                OfferingPartner.offering_id,
                OfferingPartner.enterprise_id,
                OfferingPartner.kind,
                OfferingPartner.since_year,
                OfferingPartner.notes,
                Enterprise.name.label("enterprise_name"),
                Enterprise.is_leading,
            ).join(Enterprise, Enterprise.id == OfferingPartner.enterprise_id)
        )
    )


def enrolment_by_year(session: Session) -> list[tuple[int, int, int]]:
    """Return (year, total enrolled, schools reporting) per year of the enrolment history."""
    stmt = (
        select(
            EnrolmentHistory.year,
            func.sum(EnrolmentHistory.enrolled),
            func.count(EnrolmentHistory.school_id),
        )
        .group_by(EnrolmentHistory.year)
        .order_by(EnrolmentHistory.year)
    )
    return [(int(y), int(n or 0), int(k)) for y, n, k in session.execute(stmt)]


def indicator_values(session: Session) -> list[IndicatorValue]:
    """Return every entered indicator value, oldest first."""
    return list(
        session.scalars(
            select(IndicatorValue).order_by(IndicatorValue.indicator, IndicatorValue.as_of)
        )
    )


def destination_rows(session: Session) -> list[Row[Any]]:
    """Return every graduate-destination record: school, programme, year, graduates, employed
    (the four employed columns summed) and employed in the High-tech Zone."""
    employed = sum(
        (getattr(GraduateDestination, k) for k in EMPLOYED[1:]),
        GraduateDestination.employed_high_tech_zone,
    )
    return list(
        session.execute(
            select(
                GraduateDestination.school_id,
                GraduateDestination.programme_code,
                GraduateDestination.year,
                GraduateDestination.graduates,
                employed.label("employed"),
                GraduateDestination.employed_high_tech_zone,
            )
        )
    )


def capacity_rows(session: Session) -> list[Row[Any]]:
    """Return every school capacity record."""
    return _rows(session, SchoolCapacity, "school_id year places teachers training_stations")


def articulated_offerings(session: Session, as_of: date) -> set[tuple[int, str]]:
    """Return (school, programme) of the 3+2 / 中高职贯通 agreements in force on ``as_of``."""
    stmt = select(Agreement.school_id, Agreement.programmes).where(
        Agreement.type == "articulation",
        or_(Agreement.signed_on.is_(None), Agreement.signed_on <= as_of),
        or_(Agreement.valid_until.is_(None), Agreement.valid_until >= as_of),
    )
    return {(sid, str(code)) for sid, codes in session.execute(stmt) for code in codes or ()}
