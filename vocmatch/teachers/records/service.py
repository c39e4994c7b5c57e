"""Write teachers and their dated records (certificates, titles, work, practice), audited.

Only admins and planners of the teacher's school write; anyone else gets the same 404 as for
reading. ID numbers arrive in clear and leave as a keyed hash and a mask.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vocmatch.audit.service import record
from vocmatch.catalogue.models import Programme
from vocmatch.kit.errors import Conflict, Invalid, NotFound
from vocmatch.kit.principal import Principal
from vocmatch.teachers import repository as repo
from vocmatch.teachers.dual_qualified.rules import RuleSet, load_rules
from vocmatch.teachers.identity import id_card_hash, id_card_mask
from vocmatch.teachers.models import (
    Teacher,
    TeacherExperience,
    TeacherPractice,
    TeacherQualification,
)
from vocmatch.teachers.roster.service import roster_school, visible_teacher
from vocmatch.teachers.schemas import (
    ExperienceIn,
    PracticeIn,
    QualificationIn,
    TeacherIn,
    TeacherPatch,
)


def _invalid(field: str, message: str) -> Invalid:
    return Invalid(f"{field}: {message}", errors=[{"field": field, "message": message}])


def check_programme(session: Session, code: str | None) -> None:
    """Refuse a programme code that is not in the national catalogue."""
    if code and session.get(Programme, code) is None:
        raise _invalid("programme_code", f"{code!r} is not a 中职 programme of the catalogue")


def check_qualification(q: QualificationIn, rules: RuleSet) -> str | None:
    """Return why the rules cannot read this qualification's level, or None."""
    if q.kind == "skill_certificate":
        if q.level.strip() not in rules.rules.skill_levels:
            return "level of a skill certificate must be 5 (五级/初级工) … 1 (一级/高级技师)"
    elif (
        q.level.strip() not in rules.rules.title_ranks
        and q.name.strip() not in rules.rules.title_ranks
    ):
        return "title rank not recognised: give junior | intermediate | senior | full_senior (or 初级/中级/副高级/正高级)"
    return None


def check_practice(p: PracticeIn) -> str | None:
    """Return why a practice period is inconsistent, or None."""
    if p.end_date < p.start_date:
        return "end_date is before start_date"
    if p.days > (p.end_date - p.start_date).days + 1:
        return f"{p.days} days do not fit between {p.start_date} and {p.end_date}"
    return None


def _source_enterprise_id(session: Session, name: str) -> int | None:
    if not name.strip():
        return None
    ent = repo.enterprise_by_name(session, name.strip())
    return ent.id if ent else None


def create_teacher(session: Session, *, principal: Principal, data: TeacherIn) -> Teacher:
    """Create a teacher at a school the caller plans for."""
    school = roster_school(session, principal, data.school_code)
    if repo.teacher_by_staff_no(session, [data.staff_no]):
        raise Conflict(f"staff number {data.staff_no!r} is already taken")
    check_programme(session, data.programme_code)
    teacher = Teacher(
        school_id=school.id,
        **data.model_dump(exclude={"school_code", "id_card", "source_enterprise"}),
        id_card_hash=id_card_hash(data.id_card) if data.id_card else "",
        id_card_mask=id_card_mask(data.id_card) if data.id_card else "",
        source_enterprise_id=_source_enterprise_id(session, data.source_enterprise),
    )
    session.add(teacher)
    session.flush()
    record(
        session,
        actor=principal.audit_name(),
        action="create",
        entity_type="teacher",
        entity_id=teacher.id,
        detail={"staff_no": teacher.staff_no, "school": school.code},
    )
    return teacher


def update_teacher(
    session: Session, *, principal: Principal, teacher_id: int, patch: TeacherPatch
) -> Teacher:
    """Change a teacher's fields; the audit entry lists which (an ID number shows as changed)."""
    teacher = visible_teacher(session, principal, teacher_id)
    changes = patch.model_dump(exclude_unset=True)
    for key in ("name", "employment", "has_teacher_certificate"):
        if key in changes and changes[key] is None:
            raise _invalid(key, "may not be null")
    if "programme_code" in changes:
        changes["programme_code"] = changes["programme_code"] or None
        check_programme(session, changes["programme_code"])
    changed: list[str] = []
    if "id_card" in changes:
        number = changes.pop("id_card") or ""
        new_hash = id_card_hash(number) if number else ""
        if new_hash != teacher.id_card_hash:
            teacher.id_card_hash = new_hash
            teacher.id_card_mask = id_card_mask(number) if number else ""
            changed.append("id_card")
    if "source_enterprise" in changes:
        teacher.source_enterprise_id = _source_enterprise_id(
            session, changes.pop("source_enterprise") or ""
        )
        changed.append("source_enterprise")
    for key, value in changes.items():
        if getattr(teacher, key) != value:
            setattr(teacher, key, value)
            changed.append(key)
    if changed:
        session.flush()
        record(
            session,
            actor=principal.audit_name(),
            action="update",
            entity_type="teacher",
            entity_id=teacher.id,
            detail={"staff_no": teacher.staff_no, "fields": changed},
        )
    return teacher


def delete_teacher(session: Session, *, principal: Principal, teacher_id: int) -> None:
    """Delete a teacher and their records (to keep history, set ``left_on`` instead)."""
    teacher = visible_teacher(session, principal, teacher_id)
    for model in (TeacherQualification, TeacherExperience, TeacherPractice):
        for row in session.scalars(select(model).where(model.teacher_id == teacher.id)):
            session.delete(row)
    session.delete(teacher)
    record(
        session,
        actor=principal.audit_name(),
        action="delete",
        entity_type="teacher",
        entity_id=teacher_id,
        detail={"staff_no": teacher.staff_no},
    )
    session.flush()


def _audit_record(
    session: Session,
    principal: Principal,
    action: str,
    kind: str,
    teacher: Teacher,
    row_id: int,
    extra: dict[str, Any],
) -> None:
    record(
        session,
        actor=principal.audit_name(),
        action=action,
        entity_type=f"teacher_{kind}",
        entity_id=row_id,
        detail={"teacher": teacher.staff_no, **extra},
    )


def add_qualification(
    session: Session, *, principal: Principal, teacher_id: int, data: QualificationIn
) -> TeacherQualification:
    """Add a certificate or title to a teacher."""
    teacher = visible_teacher(session, principal, teacher_id)
    problem = check_qualification(data, load_rules())
    if problem:
        raise _invalid("level", problem)
    row = TeacherQualification(teacher_id=teacher.id, **data.model_dump())
    session.add(row)
    session.flush()
    _audit_record(
        session, principal, "create", "qualification", teacher, row.id, {"name": row.name}
    )
    return row


def add_experience(
    session: Session, *, principal: Principal, teacher_id: int, data: ExperienceIn
) -> TeacherExperience:
    """Add a period of enterprise work to a teacher."""
    teacher = visible_teacher(session, principal, teacher_id)
    if data.end_date is not None and data.end_date < data.start_date:
        raise _invalid("end_date", "end_date is before start_date")
    row = TeacherExperience(teacher_id=teacher.id, **data.model_dump())
    session.add(row)
    session.flush()
    _audit_record(
        session, principal, "create", "experience", teacher, row.id, {"employer": row.employer}
    )
    return row


def add_practice(
    session: Session, *, principal: Principal, teacher_id: int, data: PracticeIn
) -> TeacherPractice:
    """Add an enterprise practice period; Bay Area follows the enterprise unless given."""
    teacher = visible_teacher(session, principal, teacher_id)
    problem = check_practice(data)
    if problem:
        raise _invalid("days" if "fit" in problem else "end_date", problem)
    ent = repo.enterprise_by_name(session, data.enterprise_name.strip())
    bay = (
        data.bay_area
        if data.bay_area is not None
        else bool(ent and ent.location_kind == "bay_area")
    )
    row = TeacherPractice(
        teacher_id=teacher.id,
        enterprise_id=ent.id if ent else None,
        enterprise_name=ent.name if ent else data.enterprise_name.strip(),
        start_date=data.start_date,
        end_date=data.end_date,
        days=data.days,
        bay_area=bay,
        content=data.content,
    )
    session.add(row)
    session.flush()
    _audit_record(
        session,
        principal,
        "create",
        "practice",
        teacher,
        row.id,
        {"enterprise": row.enterprise_name, "days": row.days},
    )
    return row


RECORD_MODELS: dict[
    str, type[TeacherQualification] | type[TeacherExperience] | type[TeacherPractice]
] = {
    "qualifications": TeacherQualification,
    "experience": TeacherExperience,
    "practice": TeacherPractice,
}


def delete_record(
    session: Session, *, principal: Principal, teacher_id: int, kind: str, record_id: int
) -> None:
    """Delete one dated record of a teacher (``kind``: qualifications | experience | practice)."""
    teacher = visible_teacher(session, principal, teacher_id)
    model = RECORD_MODELS[kind]
    row = session.get(model, record_id)
    assert row is None or isinstance(
        row, TeacherQualification | TeacherExperience | TeacherPractice
    )
    if row is None or row.teacher_id != teacher.id:
        raise NotFound(f"teacher {teacher_id} has no {kind} record {record_id}")
    if isinstance(row, TeacherPractice) and row.activity_id is not None:
        raise Conflict(
            f"this practice was recorded as partnership activity {row.activity_id}; change it there"
        )
    session.delete(row)
    session.flush()
    _audit_record(session, principal, "delete", kind.rstrip("s"), teacher, record_id, {})
