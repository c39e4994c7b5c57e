"""School capacity records: read and write one per school and year (audited)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from vocmatch.audit.service import record
from vocmatch.kit.errors import Forbidden, NotFound
from vocmatch.kit.principal import Principal
from vocmatch.schools.capacity.models import SchoolCapacity
from vocmatch.schools.capacity.schemas import CapacityIn, CapacityOut
from vocmatch.schools.models import School

FIELDS = ("places", "teachers", "training_stations", "source")


def _school(session: Session, principal: Principal, code: str) -> School:
    if principal.role not in ("admin", "planner"):
        raise Forbidden("school capacity is for administrators and planners")
    school = session.scalar(select(School).where(School.code == code))
    if school is None or not principal.can_see_school(school.id):
        raise NotFound(f"no school {code!r} among yours")
    return school


def list_capacity(session: Session, *, principal: Principal, school_code: str) -> list[CapacityOut]:
    """Return a school's capacity records, newest year first."""
    school = _school(session, principal, school_code)
    rows = session.scalars(
        select(SchoolCapacity)
        .where(SchoolCapacity.school_id == school.id)
        .order_by(SchoolCapacity.year.desc())
    )
    return [
        CapacityOut(school_code=school.code, year=r.year, **{k: getattr(r, k) for k in FIELDS})
        for r in rows
    ]


def put_capacity(
    session: Session, *, principal: Principal, school_code: str, data: CapacityIn
) -> CapacityOut:
    """Create or replace a school's capacity of ``data.year``; audited."""
    school = _school(session, principal, school_code)
    row = session.scalar(
        select(SchoolCapacity).where(
            SchoolCapacity.school_id == school.id, SchoolCapacity.year == data.year
        )
    )
    action = "update" if row is not None else "create"
    if row is None:
        row = SchoolCapacity(school_id=school.id, year=data.year)
        session.add(row)
    for k in FIELDS:
        setattr(row, k, getattr(data, k))
    session.flush()
    record(
        session,
        actor=principal.audit_name(),
        action=action,
        entity_type="school_capacity",
        entity_id=school.code,
        detail=data.model_dump(),
    )
    return CapacityOut(school_code=school.code, **data.model_dump())
