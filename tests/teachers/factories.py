"""Teacher factories: a teacher and the dated records the dual-qualified rules read."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from vocmatch.schools.models import School
from vocmatch.teachers.identity import id_card_hash, id_card_mask
from vocmatch.teachers.models import (
    Teacher,
    TeacherExperience,
    TeacherPractice,
    TeacherQualification,
    TeacherRecognition,
    TeacherVerification,
)

_seq = itertools.count(1)


def make_teacher(session: Session, school: School, **kw: Any) -> Teacher:
    """Create a full-time 660103 teacher with a teacher certificate, hired 2015 (override freely)."""
    n = next(_seq)
    id_card = kw.pop("id_card", "")
    teacher = Teacher(
        school_id=school.id,
        staff_no=kw.pop("staff_no", f"{school.code}-X{n:04d}"),
        name=kw.pop("name", f"测试教师{n}"),
        programme_code=kw.pop("programme_code", "660103"),
        employment=kw.pop("employment", "full_time"),
        hired_on=kw.pop("hired_on", date(2015, 9, 1)),
        has_teacher_certificate=kw.pop("has_teacher_certificate", True),
        id_card_hash=id_card_hash(id_card) if id_card else "",
        id_card_mask=id_card_mask(id_card) if id_card else "",
        **kw,
    )
    session.add(teacher)
    session.flush()
    return teacher


def add_skill(
    session: Session,
    teacher: Teacher,
    level: str,
    issued_on: date,
    field: str = "数控车工",
    **kw: Any,
) -> TeacherQualification:
    """Give ``teacher`` a skill certificate."""
    q = TeacherQualification(
        teacher_id=teacher.id,
        kind="skill_certificate",
        name=kw.pop("name", f"{field}职业技能等级证书"),
        level=level,
        issued_on=issued_on,
        field=field,
        **kw,
    )
    session.add(q)
    session.flush()
    return q


def add_title(
    session: Session,
    teacher: Teacher,
    name: str,
    issued_on: date,
    *,
    kind: str = "industry_title",
    **kw: Any,
) -> TeacherQualification:
    """Give ``teacher`` a title (industry by default; ``professional_title`` for teaching titles)."""
    q = TeacherQualification(
        teacher_id=teacher.id,
        kind=kind,
        name=name,
        issued_on=issued_on,
        level=kw.pop("level", ""),
        **kw,
    )
    session.add(q)
    session.flush()
    return q


def add_work(
    session: Session,
    teacher: Teacher,
    start: date,
    end: date | None,
    employer: str = "测试企业",
    role: str = "",
) -> TeacherExperience:
    """Give ``teacher`` a period of enterprise work."""
    x = TeacherExperience(
        teacher_id=teacher.id, employer=employer, start_date=start, end_date=end, role=role
    )
    session.add(x)
    session.flush()
    return x


def add_practice(
    session: Session,
    teacher: Teacher,
    start: date,
    days: int,
    enterprise: str = "测试企业",
    **kw: Any,
) -> TeacherPractice:
    """Give ``teacher`` ``days`` of enterprise practice from ``start`` (calendar days)."""
    p = TeacherPractice(
        teacher_id=teacher.id,
        enterprise_name=enterprise,
        start_date=start,
        end_date=kw.pop("end_date", start + timedelta(days=days - 1)),
        days=days,
        **kw,
    )
    session.add(p)
    session.flush()
    return p


def verify(
    session: Session, teacher: Teacher, on: date, items: tuple[str, ...] = ("J-ETHICS", "J-TEACH")
) -> None:
    """Record that the school verified ``items`` of ``teacher`` on ``on``."""
    for item in items:
        session.add(TeacherVerification(teacher_id=teacher.id, item_id=item, verified_on=on))
    session.flush()


def recognise(
    session: Session, teacher: Teacher, on: date, level: str = "junior", **kw: Any
) -> TeacherRecognition:
    """Record a recognition (认定) of ``teacher`` granted on ``on``."""
    r = TeacherRecognition(
        teacher_id=teacher.id,
        level=level,
        recognised_on=on,
        issuer=kw.pop("issuer", "赣州市教育局"),
        document_no=kw.pop("document_no", f"测认〔{on.year}〕{teacher.id}号"),
        **kw,
    )
    session.add(r)
    session.flush()
    return r
