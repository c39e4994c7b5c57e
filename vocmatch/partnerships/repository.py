"""Queries over partners, agreements, activities, evidence and the offerings they cover."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from vocmatch.catalogue.models import Programme
from vocmatch.enterprises.models import Enterprise
from vocmatch.indicators.models import Designation, MilestoneRecord
from vocmatch.partnerships.models import Activity, Agreement, Evidence, Partner, activity_partner
from vocmatch.partnerships.vocab import FIVE_COMMONS
from vocmatch.schools.models import Offering, OfferingPartner, School
from vocmatch.teachers.models import Teacher, TeacherPractice


def _like(q: str) -> str:
    return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


# --- partners ---------------------------------------------------------------------------------
def list_partners(
    session: Session, *, q: str | None = None, kind: str | None = None, region: str | None = None
) -> list[Partner]:
    """Return partners matching the filters, Bay Area first, then by name."""
    stmt = select(Partner)
    if q:
        stmt = stmt.where(
            or_(Partner.name.like(_like(q), escape="\\"), Partner.key.like(_like(q), escape="\\"))
        )
    if kind:
        stmt = stmt.where(Partner.kind == kind)
    if region:
        stmt = stmt.where(Partner.region == region)
    return list(session.scalars(stmt.order_by((Partner.region != "bay_area"), Partner.name)))


def partners_by_id(session: Session, ids: Iterable[int]) -> dict[int, Partner]:
    """Return the partners with ``ids``."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    return {p.id: p for p in session.scalars(select(Partner).where(Partner.id.in_(wanted)))}


def partner_by_key(session: Session, key: str) -> Partner | None:
    """Return the partner with ``key``."""
    return session.scalar(select(Partner).where(Partner.key == key))


def partner_references(session: Session, partner_id: int) -> int:
    """Return how many agreements and activities name the partner."""
    agreements = session.scalar(
        select(func.count()).select_from(Agreement).where(Agreement.partner_id == partner_id)
    )
    activities = session.scalar(
        select(func.count())
        .select_from(activity_partner)
        .where(activity_partner.c.partner_id == partner_id)
    )
    return int(agreements or 0) + int(activities or 0)


def partner_facts(session: Session) -> dict[int, tuple[str, str, int | None]]:
    """Return ``{id: (name, region, enterprise_id)}`` of every partner."""
    stmt = select(Partner.id, Partner.name, Partner.region, Partner.enterprise_id)
    return {pid: (name, region, eid) for pid, name, region, eid in session.execute(stmt)}


def leading_enterprise_names(session: Session) -> dict[int, str]:
    """Return ``{id: name}`` of leading enterprises (龙头企业)."""
    stmt = select(Enterprise.id, Enterprise.name).where(Enterprise.is_leading.is_(True))
    return {eid: name for eid, name in session.execute(stmt)}


def partners_of_enterprise(session: Session, enterprise_id: int) -> list[Partner]:
    """Return the partner records of an enterprise."""
    return list(
        session.scalars(
            select(Partner).where(Partner.enterprise_id == enterprise_id).order_by(Partner.id)
        )
    )


# --- agreements -------------------------------------------------------------------------------
def list_agreements(
    session: Session,
    where: ColumnElement[bool],
    *,
    school_id: int | None = None,
    partner_id: int | None = None,
    type: str | None = None,
) -> list[Agreement]:
    """Return agreements passing ``where`` and the filters, newest first."""
    stmt = select(Agreement).where(where)
    if school_id is not None:
        stmt = stmt.where(Agreement.school_id == school_id)
    if partner_id is not None:
        stmt = stmt.where(Agreement.partner_id == partner_id)
    if type:
        stmt = stmt.where(Agreement.type == type)
    stmt = stmt.order_by(Agreement.signed_on.desc().nulls_last(), Agreement.id.desc())
    return list(session.scalars(stmt))


def active_agreements(session: Session, as_of: date, *, type: str | None = None) -> list[Agreement]:
    """Return agreements in force on ``as_of`` (signed by then, not expired; unknown dates count)."""
    stmt = select(Agreement).where(
        or_(Agreement.signed_on.is_(None), Agreement.signed_on <= as_of),
        or_(Agreement.valid_until.is_(None), Agreement.valid_until >= as_of),
    )
    if type:
        stmt = stmt.where(Agreement.type == type)
    return list(session.scalars(stmt.order_by(Agreement.signed_on, Agreement.id)))


def agreements_in_force(
    session: Session, as_of: date, school_ids: Sequence[int]
) -> list[tuple[int, int, list[str]]]:
    """Return ``(school_id, partner_id, programmes)`` of agreements in force at those schools."""
    if not school_ids:
        return []
    stmt = select(Agreement.school_id, Agreement.partner_id, Agreement.programmes).where(
        Agreement.school_id.in_(school_ids),
        or_(Agreement.signed_on.is_(None), Agreement.signed_on <= as_of),
        or_(Agreement.valid_until.is_(None), Agreement.valid_until >= as_of),
    )
    return [(sid, pid, list(codes)) for sid, pid, codes in session.execute(stmt)]


def agreement_by_key(session: Session, key: str) -> Agreement | None:
    """Return the agreement with ``key``."""
    return session.scalar(select(Agreement).where(Agreement.key == key))


# --- activities -------------------------------------------------------------------------------
def list_activities(
    session: Session,
    where: ColumnElement[bool],
    *,
    year: int | None = None,
    type: str | None = None,
    status: str | None = None,
    school_id: int | None = None,
    partner_id: int | None = None,
    limit: int | None = None,
) -> list[Activity]:
    """Return activities passing ``where`` and the filters, newest first."""
    stmt = select(Activity).where(where)
    if year is not None:
        stmt = stmt.where(Activity.date >= date(year, 1, 1), Activity.date <= date(year, 12, 31))
    if type:
        stmt = stmt.where(Activity.type == type)
    if status:
        stmt = stmt.where(Activity.status == status)
    if school_id is not None:
        stmt = stmt.where(Activity.school_id == school_id)
    if partner_id is not None:
        stmt = stmt.where(
            Activity.id.in_(
                select(activity_partner.c.activity_id).where(
                    activity_partner.c.partner_id == partner_id
                )
            )
        )
    stmt = stmt.order_by(Activity.date.desc(), Activity.id.desc())
    if limit:
        stmt = stmt.limit(limit)
    return list(session.scalars(stmt))


def five_commons_rows(
    session: Session, school_ids: Sequence[int]
) -> list[tuple[int, int, str, str, date, list[str]]]:
    """Return ``(id, school_id, type, status, date, programmes)`` of five-commons activities."""
    if not school_ids:
        return []
    stmt = select(
        Activity.id,
        Activity.school_id,
        Activity.type,
        Activity.status,
        Activity.date,
        Activity.programmes,
    ).where(Activity.type.in_(FIVE_COMMONS), Activity.school_id.in_(school_ids))
    return [(a, s, t, st, d, list(p)) for a, s, t, st, d, p in session.execute(stmt)]


def done_commons_by_partner(
    session: Session, as_of: date, school_ids: Sequence[int]
) -> list[tuple[int, int, str, list[str]]]:
    """Return ``(school_id, partner_id, common, programmes)`` of five-commons activities done on
    or before ``as_of``, one row per partner the activity names."""
    if not school_ids:
        return []
    stmt = (
        select(
            Activity.school_id, activity_partner.c.partner_id, Activity.type, Activity.programmes
        )
        .join(activity_partner, activity_partner.c.activity_id == Activity.id)
        .where(
            Activity.type.in_(FIVE_COMMONS),
            Activity.status == "done",
            Activity.date <= as_of,
            Activity.school_id.in_(school_ids),
        )
    )
    return [(sid, pid, t, list(codes)) for sid, pid, t, codes in session.execute(stmt)]


def done_with_bay_area_partners(
    session: Session, as_of: date, school_ids: Sequence[int]
) -> list[tuple[int, list[str], str]]:
    """Return ``(school_id, programmes, partner name)`` of done activities with Bay Area partners."""
    if not school_ids:
        return []
    stmt = (
        select(Activity.school_id, Activity.programmes, Partner.name)
        .join(activity_partner, activity_partner.c.activity_id == Activity.id)
        .join(Partner, Partner.id == activity_partner.c.partner_id)
        .where(
            Activity.status == "done",
            Activity.date <= as_of,
            Activity.school_id.in_(school_ids),
            Partner.region == "bay_area",
        )
    )
    return [(sid, list(codes), name) for sid, codes, name in session.execute(stmt)]


def timeline_rows(
    session: Session, where: ColumnElement[bool], *, partner_id: int | None = None
) -> list[tuple[int, int, date, str, str, str]]:
    """Return ``(partner_id, activity id, date, type, status, title)``, oldest first."""
    stmt = (
        select(
            activity_partner.c.partner_id,
            Activity.id,
            Activity.date,
            Activity.type,
            Activity.status,
            Activity.title,
        )
        .join(activity_partner, activity_partner.c.activity_id == Activity.id)
        .where(where)
        .order_by(Activity.date, Activity.id)
    )
    if partner_id is not None:
        stmt = stmt.where(activity_partner.c.partner_id == partner_id)
    return [(p, a, d, t, st, ti) for p, a, d, t, st, ti in session.execute(stmt)]


def activity_by_key(session: Session, key: str) -> Activity | None:
    """Return the activity with ``key``."""
    return session.scalar(select(Activity).where(Activity.key == key))


def partner_ids_of(session: Session, activity_ids: Sequence[int]) -> dict[int, list[int]]:
    """Return the partner ids of each activity."""
    out: dict[int, list[int]] = defaultdict(list)
    if not activity_ids:
        return out
    rows = session.execute(
        select(activity_partner.c.activity_id, activity_partner.c.partner_id)
        .where(activity_partner.c.activity_id.in_(sorted(set(activity_ids))))
        .order_by(activity_partner.c.activity_id, activity_partner.c.partner_id)
    )
    for aid, pid in rows:
        out[aid].append(pid)
    return out


def set_activity_partners(session: Session, activity_id: int, partner_ids: Sequence[int]) -> None:
    """Make the activity's partners exactly ``partner_ids``."""
    have = set(partner_ids_of(session, [activity_id]).get(activity_id, []))
    wanted = set(partner_ids)
    for pid in sorted(wanted - have):
        session.execute(activity_partner.insert().values(activity_id=activity_id, partner_id=pid))
    gone = sorted(have - wanted)
    if gone:
        session.execute(
            activity_partner.delete().where(
                activity_partner.c.activity_id == activity_id,
                activity_partner.c.partner_id.in_(gone),
            )
        )


def evidence_of(session: Session, activity_ids: Sequence[int]) -> dict[int, list[Evidence]]:
    """Return the evidence files of each activity, oldest first."""
    out: dict[int, list[Evidence]] = defaultdict(list)
    if not activity_ids:
        return out
    stmt = (
        select(Evidence)
        .where(Evidence.activity_id.in_(sorted(set(activity_ids))))
        .order_by(Evidence.id)
    )
    for ev in session.scalars(stmt):
        out[ev.activity_id].append(ev)
    return out


def practice_ids_of(session: Session, activity_ids: Sequence[int]) -> dict[int, int]:
    """Return the linked TeacherPractice id of each activity that has one."""
    if not activity_ids:
        return {}
    rows = session.execute(
        select(TeacherPractice.activity_id, TeacherPractice.id).where(
            TeacherPractice.activity_id.in_(sorted(set(activity_ids)))
        )
    )
    return {int(aid): pid for aid, pid in rows if aid is not None}


def blob_in_use(session: Session, sha256: str) -> bool:
    """True when any evidence row still refers to the blob."""
    return (
        session.scalar(select(func.count()).select_from(Evidence).where(Evidence.sha256 == sha256))
        or 0
    ) > 0


def all_blob_hashes(session: Session) -> set[str]:
    """Return every blob hash evidence rows, designations and milestone records refer to."""
    out = set(session.scalars(select(Evidence.sha256).distinct()))
    out |= set(session.scalars(select(Designation.evidence_sha256).distinct()))
    out |= set(session.scalars(select(MilestoneRecord.evidence_sha256).distinct()))
    return out - {""}


# --- lookups ----------------------------------------------------------------------------------
def by_ids(session: Session, model: Any, ids: Iterable[int | None]) -> dict[int, Any]:
    """Return rows of ``model`` by id (``None`` ids are skipped)."""
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    return {o.id: o for o in session.scalars(select(model).where(model.id.in_(wanted)))}


def schools(session: Session) -> list[School]:
    """Return every school by code."""
    return list(session.scalars(select(School).order_by(School.code)))


def programme_names(session: Session, codes: Iterable[str]) -> dict[str, str]:
    """Return catalogue names of programme ``codes``."""
    wanted = sorted(set(codes))
    if not wanted:
        return {}
    rows = session.execute(select(Programme.code, Programme.name).where(Programme.code.in_(wanted)))
    return {code: name for code, name in rows}


def teachers_of_school(session: Session, school_id: int) -> list[Teacher]:
    """Return the teachers of a school by staff number."""
    return list(
        session.scalars(
            select(Teacher).where(Teacher.school_id == school_id).order_by(Teacher.staff_no)
        )
    )


def enterprises(session: Session) -> list[Enterprise]:
    """Return active and pending enterprises, Bay Area first, then by name."""
    stmt = (
        select(Enterprise)
        .where(Enterprise.status != "rejected")
        .order_by(Enterprise.location_kind != "bay_area", Enterprise.name)
    )
    return list(session.scalars(stmt))


def offering_year(session: Session, as_of: date) -> int | None:
    """Return the latest offering year not after ``as_of`` (else the earliest on record)."""
    year = session.scalar(select(func.max(Offering.year)).where(Offering.year <= as_of.year))
    if year is None:
        year = session.scalar(select(func.min(Offering.year)))
    return int(year) if year is not None else None


def offerings_of_year(
    session: Session, year: int, where: ColumnElement[bool]
) -> list[tuple[Offering, School, str]]:
    """Return ``(offering, school, programme name)`` of ``year`` passing ``where``."""
    stmt = (
        select(Offering, School, Programme.name)
        .join(School, School.id == Offering.school_id)
        .join(Programme, Programme.code == Offering.programme_code)
        .where(Offering.year == year, where)
        .order_by(School.code, Offering.programme_code)
    )
    return [(o, s, n) for o, s, n in session.execute(stmt)]


def offering_partner_enterprises(
    session: Session, offering_ids: Sequence[int]
) -> dict[int, list[Enterprise]]:
    """Return the enterprises cooperating with each offering (OfferingPartner)."""
    out: dict[int, list[Enterprise]] = defaultdict(list)
    if not offering_ids:
        return out
    stmt = (
        select(OfferingPartner.offering_id, Enterprise)
        .join(Enterprise, Enterprise.id == OfferingPartner.enterprise_id)
        .where(OfferingPartner.offering_id.in_(sorted(set(offering_ids))))
        .order_by(OfferingPartner.offering_id, Enterprise.name)
    )
    for oid, ent in session.execute(stmt):
        out[oid].append(ent)
    return out


def bay_area_practice(
    session: Session, where: ColumnElement[bool]
) -> list[tuple[TeacherPractice, Teacher, School]]:
    """Return Bay Area practice periods with their teacher and school, passing ``where``."""
    stmt = (
        select(TeacherPractice, Teacher, School)
        .join(Teacher, Teacher.id == TeacherPractice.teacher_id)
        .join(School, School.id == Teacher.school_id)
        .where(and_(TeacherPractice.bay_area.is_(True), where))
        .order_by(TeacherPractice.start_date, Teacher.staff_no)
    )
    return [(p, t, s) for p, t, s in session.execute(stmt)]
