"""Write teachers and their dated records (certificates, titles, work, practice), audited.

Only admins and planners of the teacher's school write; anyone else gets the same 404 as for
reading. ID numbers arrive in clear and leave as a keyed hash and a mask.
"""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from vocmatch.audit.service import add_created, record
from vocmatch.catalogue.models import Programme
from vocmatch.kit.errors import Conflict, Invalid, NotFound
from vocmatch.kit.principal import Principal
from vocmatch.teachers import repository as repo
from vocmatch.teachers.dual_qualified.rules import RuleSet, load_rules
from vocmatch.teachers.identity import id_card_hash, id_card_mask
from vocmatch.teachers.models import (
    Teacher,
    TeacherAppointment,
    TeacherExperience,
    TeacherPractice,
    TeacherQualification,
    TeacherRecognition,
    TeacherVerification,
)
from vocmatch.teachers.roster.service import roster_school, visible_teacher
from vocmatch.teachers.schemas import (
    AppointmentIn,
    ExperienceIn,
    PracticeIn,
    QualificationIn,
    RecognitionIn,
    TeacherIn,
    TeacherPatch,
    VerificationIn,
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


def check_recognition(r: RecognitionIn, today: date) -> str | None:
    """Return why a recognition's date cannot be right, or None (a recognition is granted, so it
    lies in the past)."""
    if r.recognised_on > today:
        return f"{r.recognised_on} is in the future: a recognition is recorded once it is granted"
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
    add_created(
        session,
        teacher,
        actor=principal.audit_name(),
        entity_type="teacher",
        staff_no=teacher.staff_no,
        school=school.code,
    )
    return teacher


def update_teacher(
    session: Session, *, principal: Principal, teacher_id: int, patch: TeacherPatch
) -> Teacher:
    """Change a teacher's fields; the audit entry lists which (an ID number shows as changed)."""
    teacher = visible_teacher(session, principal, teacher_id)
    changes = patch.model_dump(exclude_unset=True)
    for key in (
        "name",
        "employment",
        "has_teacher_certificate",
        "practice_instructor",
        "post_type",
    ):
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
    try:
        with session.begin_nested():
            for model in (TeacherQualification, TeacherExperience, TeacherPractice):
                for row in session.scalars(select(model).where(model.teacher_id == teacher.id)):
                    session.delete(row)
            session.delete(teacher)
            session.flush()
    except IntegrityError:
        # Other domains (a partnership activity, say) still name the teacher.
        raise Conflict(
            "other records (partnership activities) name this teacher; set left_on instead of "
            "deleting, or remove those records first",
            errors=[{"field": "teacher_id", "message": "still referenced"}],
        ) from None
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


def _created(
    session: Session,
    principal: Principal,
    kind: str,
    teacher: Teacher,
    row: Any,
    extra: dict[str, Any],
) -> None:
    """Store a new dated record of ``teacher`` and audit it (``extra``: what the log shows)."""
    add_created(
        session,
        row,
        actor=principal.audit_name(),
        entity_type=f"teacher_{kind}",
        teacher=teacher.staff_no,
        **extra,
    )


# The records a teacher may not have twice (a second one would count nothing extra).
_Once = TypeVar("_Once", TeacherExperience, TeacherRecognition, TeacherVerification)


def _add_once(
    session: Session,
    principal: Principal,
    kind: str,
    teacher: Teacher,
    row: _Once,
    extra: dict[str, Any],
    *,
    same: tuple[str, ...],
    conflict: tuple[str, str, str],
) -> _Once:
    """Store ``row``, a new record of ``teacher``, and audit it — unless the teacher has one with
    the same values in the ``same`` columns already (None: the column is empty). Then 409
    ``conflict`` (what, field, reason): a duplicate must never reach the readers (shares,
    roster, projections)."""
    model = type(row)
    found = session.scalar(
        select(model.id).where(
            model.teacher_id == teacher.id,
            *(
                getattr(model, name).is_(None)
                if getattr(row, name) is None
                else getattr(model, name) == getattr(row, name)
                for name in same
            ),
        )
    )
    if found is not None:
        what, field, reason = conflict
        raise Conflict(f"{what} (record {found})", errors=[{"field": field, "message": reason}])
    _created(session, principal, kind, teacher, row, extra)
    return row


def add_qualification(
    session: Session, *, principal: Principal, teacher_id: int, data: QualificationIn
) -> TeacherQualification:
    """Add a certificate or title to a teacher."""
    teacher = visible_teacher(session, principal, teacher_id)
    problem = check_qualification(data, load_rules())
    if problem:
        raise _invalid("level", problem)
    row = TeacherQualification(teacher_id=teacher.id, **data.model_dump())
    _created(session, principal, "qualification", teacher, row, {"name": row.name})
    return row


def add_experience(
    session: Session, *, principal: Principal, teacher_id: int, data: ExperienceIn
) -> TeacherExperience:
    """Add a period of enterprise work to a teacher."""
    teacher = visible_teacher(session, principal, teacher_id)
    if data.end_date is not None and data.end_date < data.start_date:
        raise _invalid("end_date", "end_date is before start_date")
    row = TeacherExperience(teacher_id=teacher.id, **data.model_dump())
    return _add_once(
        session,
        principal,
        "experience",
        teacher,
        row,
        {"employer": row.employer},
        same=("employer", "start_date", "end_date"),
        conflict=(
            f"this period at {data.employer} is recorded already",
            "start_date",
            "the same period is recorded already",
        ),
    )


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
    _created(
        session,
        principal,
        "practice",
        teacher,
        row,
        {"enterprise": row.enterprise_name, "days": row.days},
    )
    return row


def add_recognition(
    session: Session, *, principal: Principal, teacher_id: int, data: RecognitionIn
) -> TeacherRecognition:
    """Record a recognition (认定) granted by the education authority (the status itself)."""
    teacher = visible_teacher(session, principal, teacher_id)
    problem = check_recognition(data, date.today())
    if problem:
        raise _invalid("recognised_on", problem)
    row = TeacherRecognition(teacher_id=teacher.id, **data.model_dump())
    extra = {
        "level": row.level,
        "document_no": row.document_no,
        "on": row.recognised_on.isoformat(),
    }
    return _add_once(
        session,
        principal,
        "recognition",
        teacher,
        row,
        extra,
        same=("document_no", "level"),
        conflict=(
            f"this recognition ({data.document_no}) is recorded already",
            "document_no",
            "recorded already for this level",
        ),
    )


def verification_items(rules: RuleSet) -> set[str]:
    """Return the item ids a school may verify (the rule file's ``unchecked`` ids)."""
    return {u.id for lvl in rules.all_levels() for u in lvl.unchecked}


def add_verification(
    session: Session, *, principal: Principal, teacher_id: int, data: VerificationIn
) -> TeacherVerification:
    """Record that the school verified an item (an ``unchecked`` item, or a record's field)."""
    teacher = visible_teacher(session, principal, teacher_id)
    kind, _, rid = data.item_id.partition(":")
    if kind in ("work", "practice") and rid.isdigit():
        rec: TeacherExperience | TeacherPractice | None = (
            session.get(TeacherExperience, int(rid))
            if kind == "work"
            else session.get(TeacherPractice, int(rid))
        )
        if rec is None or rec.teacher_id != teacher.id:
            raise _invalid("item_id", f"teacher {teacher_id} has no {kind} record {rid}")
    elif data.item_id not in verification_items(load_rules()):
        raise _invalid(
            "item_id", "not an unchecked item of the rule set (or work:<id> / practice:<id>)"
        )
    row = TeacherVerification(teacher_id=teacher.id, **data.model_dump())
    return _add_once(
        session,
        principal,
        "verification",
        teacher,
        row,
        {"item": row.item_id},
        same=("item_id",),
        conflict=(f"{data.item_id} is verified already", "item_id", "verified already"),
    )


def add_appointment(
    session: Session, *, principal: Principal, teacher_id: int, data: AppointmentIn
) -> TeacherAppointment:
    """Record a mutual appointment (校企互聘) of a teacher."""
    teacher = visible_teacher(session, principal, teacher_id)
    if data.end_date is not None and data.end_date < data.start_date:
        raise _invalid("end_date", "end_date is before start_date")
    if data.bay_area_technical_staff and data.direction != "enterprise_to_school":
        raise _invalid(
            "bay_area_technical_staff", "only enterprise staff appointed at the school are flagged"
        )
    ent = repo.enterprise_by_name(session, data.enterprise_name.strip())
    row = TeacherAppointment(
        teacher_id=teacher.id,
        enterprise_id=ent.id if ent else None,
        **{
            **data.model_dump(),
            "enterprise_name": ent.name if ent else data.enterprise_name.strip(),
        },
    )
    extra = {"direction": row.direction, "enterprise": row.enterprise_name}
    _created(session, principal, "appointment", teacher, row, extra)
    return row


RecordModel = (
    type[TeacherQualification]
    | type[TeacherExperience]
    | type[TeacherPractice]
    | type[TeacherRecognition]
    | type[TeacherVerification]
    | type[TeacherAppointment]
)
RECORD_MODELS: dict[str, RecordModel] = {
    "qualifications": TeacherQualification,
    "experience": TeacherExperience,
    "practice": TeacherPractice,
    "recognitions": TeacherRecognition,
    "verifications": TeacherVerification,
    "appointments": TeacherAppointment,
}


def delete_record(
    session: Session, *, principal: Principal, teacher_id: int, kind: str, record_id: int
) -> None:
    """Delete one dated record of a teacher (``kind``: a key of ``RECORD_MODELS``)."""
    teacher = visible_teacher(session, principal, teacher_id)
    model = RECORD_MODELS[kind]
    row = session.get(model, record_id)
    if row is None or getattr(row, "teacher_id", None) != teacher.id:
        raise NotFound(f"teacher {teacher_id} has no {kind} record {record_id}")
    if isinstance(row, TeacherPractice) and row.activity_id is not None:
        raise Conflict(
            f"this practice was recorded as partnership activity {row.activity_id}; change it there"
        )
    session.delete(row)
    session.flush()
    _audit_record(session, principal, "delete", kind.rstrip("s"), teacher, record_id, {})
