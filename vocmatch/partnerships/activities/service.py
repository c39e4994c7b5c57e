"""Partnership activities: record, read, change and delete them (with their teacher practice).

Every change is audited in the caller's transaction; services never commit. Scope rules are in
``partnerships/scope.py``; partners and agreements in ``partners/``; coverage views and the plan's
indicators in ``coverage/`` — :func:`indicators` is re-exported here for the planner dashboard.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from vocmatch.audit.service import apply_changes, delete_recorded, record, record_changes
from vocmatch.enterprises.models import Enterprise
from vocmatch.kit.errors import Conflict, NotFound
from vocmatch.kit.i18n import translate
from vocmatch.kit.principal import Principal
from vocmatch.partnerships import repository as repo
from vocmatch.partnerships.activities.practice import linked_practice, sync_practice
from vocmatch.partnerships.checks import (
    FieldErrors,
    check_programmes,
    from_validation,
    invalid,
    new_key,
)
from vocmatch.partnerships.coverage.service import (  # noqa: F401  (the dashboard imports them from here)
    featured_gaps,
    five_commons_matrix,
    indicators,
)
from vocmatch.partnerships.models import Activity, Evidence
from vocmatch.partnerships.partners.service import partner_ref
from vocmatch.partnerships.schemas import ActivityIn, ActivityOut, ActivityPatch, EvidenceOut
from vocmatch.partnerships.scope import activity_clause, sees_activity, sees_people, sees_school
from vocmatch.partnerships.vocab import NEEDS_PARTNER, NEEDS_PROGRAMME
from vocmatch.schools.models import School
from vocmatch.teachers.models import Teacher


# --- activities -------------------------------------------------------------------------------
def default_title(session: Session, type: str, programmes: list[str]) -> str:
    """Return a title from the type and programme names (so the form can leave it blank)."""
    label = translate(f"partnerships.type.{type}", "zh")
    names = repo.programme_names(session, programmes)
    parts = [names.get(c, c) for c in programmes[:3]]
    return f"{label} · {'、'.join(parts)}" if parts else label


def _check_activity(
    session: Session, principal: Principal, v: ActivityIn, activity_id: int | None
) -> list[int]:
    """Validate everything before anything is written; return the partner ids to link."""
    errors: FieldErrors = []
    school = session.get(School, v.school_id)
    if school is None or not sees_school(principal, v.school_id):
        errors.append(
            {
                "field": "school_id",
                "message": "unknown school, or not one of yours",
                "type": "not_yours",
            }
        )
    if v.end_date is not None and v.end_date < v.date:
        errors.append({"field": "end_date", "message": "is before date", "type": "before"})
    check_programmes(session, v.programmes, errors)
    partners = repo.partners_by_id(session, v.partner_ids)
    missing = [str(i) for i in v.partner_ids if i not in partners]
    if missing:
        errors.append(
            {
                "field": "partner_ids",
                "message": f"unknown partner(s): {', '.join(missing)}",
                "type": "unknown",
            }
        )
    enterprise = session.get(Enterprise, v.enterprise_id) if v.enterprise_id else None
    if v.enterprise_id is not None and enterprise is None:
        errors.append(
            {"field": "enterprise_id", "message": "unknown enterprise", "type": "unknown"}
        )
    if v.teacher_id is not None:
        teacher = session.get(Teacher, v.teacher_id)
        if teacher is None or teacher.school_id != v.school_id:
            errors.append(
                {
                    "field": "teacher_id",
                    "message": "not a teacher of this school",
                    "type": "not_teacher",
                }
            )
    required: dict[str, tuple[bool, str]] = {}
    if v.type in NEEDS_PROGRAMME:
        required["programmes"] = (bool(v.programmes), "name at least one programme")
    if v.type in NEEDS_PARTNER:
        required["partner_ids"] = (bool(v.partner_ids), "name at least one partner")
    if v.type == "teacher_practice":
        required["teacher_id"] = (v.teacher_id is not None, "which teacher practised")
        required["enterprise_id"] = (v.enterprise_id is not None, "in which enterprise")
        required["days"] = (v.days is not None, "how many days of practice")
    if v.type == "technician_teaching":
        required["people"] = (bool(v.people), "name the technician who taught")
        required["course"] = (bool(v.course), "which course was taught")
        required["hours"] = (v.hours is not None, "how many hours were taught")
    if v.type == "student_internship":
        required["enterprise_id"] = (v.enterprise_id is not None, "in which enterprise")
        required["students"] = (v.students is not None, "how many students")
    for field, (ok, message) in required.items():
        if not ok and not any(e["field"] == field for e in errors):
            errors.append(
                {
                    "field": field,
                    "message": f"required for {v.type}: {message}",
                    "type": "required",
                }
            )
    if errors:
        raise invalid("activity", errors)
    if v.key:
        other = repo.activity_by_key(session, v.key)
        if other is not None and other.id != activity_id:
            raise Conflict(f"an activity with key {v.key!r} already exists")
    linked = list(dict.fromkeys(v.partner_ids))
    # Practice and internships happen at an enterprise: link its partner record too, so the
    # activity shows on that partner's timeline without a second pick in the form.
    if enterprise is not None and v.type in ("teacher_practice", "student_internship"):
        linked += [p.id for p in repo.partners_of_enterprise(session, enterprise.id)]
    return list(dict.fromkeys(linked))


def check_activity(session: Session, *, principal: Principal, data: ActivityIn) -> None:
    """Raise Invalid/Conflict when ``data`` could not be recorded (nothing is written)."""
    _check_activity(session, principal, data, None)


def _activity_values(session: Session, v: ActivityIn) -> dict[str, Any]:
    values = v.model_dump(exclude={"partner_ids", "key"})
    values["programmes"] = list(dict.fromkeys(v.programmes))
    values["title"] = v.title or default_title(session, v.type, values["programmes"])
    return values


def create_activity(
    session: Session, *, principal: Principal, data: ActivityIn, source: str = "api"
) -> Activity:
    """Record an activity (and its teacher practice when it is one), audited."""
    partner_ids = _check_activity(session, principal, data, None)
    activity = Activity(key=data.key or new_key("ACT"), **_activity_values(session, data))
    session.add(activity)
    session.flush()
    repo.set_activity_partners(session, activity.id, partner_ids)
    practice = sync_practice(session, activity)
    record(
        session,
        actor=principal.audit_name(),
        action="create",
        entity_type="activity",
        entity_id=activity.id,
        detail={
            "key": activity.key,
            "type": activity.type,
            "status": activity.status,
            "school_id": activity.school_id,
            "partners": partner_ids,
            "teacher_practice": practice,
            "source": source,
        },
    )
    return activity


def get_activity(session: Session, *, principal: Principal, activity_id: int) -> Activity:
    """Return an activity the caller may see, or raise NotFound."""
    activity = session.get(Activity, activity_id)
    if activity is not None:
        pids = repo.partner_ids_of(session, [activity.id]).get(activity.id, [])
        ents = {p.enterprise_id for p in repo.partners_by_id(session, pids).values()}
        if sees_activity(principal, activity, {e for e in ents if e is not None}):
            return activity
    raise NotFound(f"no activity with id {activity_id}")


def writable_activity(session: Session, principal: Principal, activity_id: int) -> Activity:
    """Return an activity of one of the caller's schools (to change it), or raise NotFound."""
    activity = session.get(Activity, activity_id)
    if activity is None or not sees_school(principal, activity.school_id):
        raise NotFound(f"no activity with id {activity_id}")
    return activity


def activity_input(session: Session, activity: Activity) -> dict[str, Any]:
    """Return the activity as ActivityIn fields (for editing forms and patches)."""
    fields = ActivityIn.model_fields.keys() - {"partner_ids"}
    values = {f: getattr(activity, f) for f in fields}
    values["partner_ids"] = repo.partner_ids_of(session, [activity.id]).get(activity.id, [])
    return values


def update_activity(
    session: Session,
    *,
    principal: Principal,
    activity_id: int,
    data: ActivityPatch,
    source: str = "api",
) -> Activity:
    """Change an activity, keep its teacher practice in step, and audit what changed."""
    activity = writable_activity(session, principal, activity_id)
    merged = activity_input(session, activity) | data.model_dump(exclude_unset=True)
    try:
        full = ActivityIn.model_validate(merged)
    except ValidationError as exc:
        raise from_validation("activity", exc) from None
    partner_ids = _check_activity(session, principal, full, activity.id)
    before = repo.partner_ids_of(session, [activity.id]).get(activity.id, [])
    changed = apply_changes(activity, _activity_values(session, full))
    if sorted(before) != sorted(partner_ids):
        repo.set_activity_partners(session, activity.id, partner_ids)
        changed["partner_ids"] = [sorted(before), sorted(partner_ids)]
    session.flush()
    practice = sync_practice(session, activity)
    if changed or practice not in ("none", "unchanged"):
        record_changes(
            session,
            actor=principal.audit_name(),
            entity_type="activity",
            entity_id=activity.id,
            changes=changed,
            key=activity.key,
            teacher_practice=practice,
            source=source,
        )
    return activity


def delete_activity(session: Session, *, principal: Principal, activity_id: int) -> None:
    """Delete an activity with its evidence rows and linked practice, audited.

    Blobs stay on disk until ``vocmatch partnerships prune-uploads`` (a rolled-back request must
    not lose a file another row still needs).
    """
    activity = writable_activity(session, principal, activity_id)
    practice = linked_practice(session, activity.id)
    if practice is not None:
        session.delete(practice)
    files = repo.evidence_of(session, [activity.id]).get(activity.id, [])
    for ev in files:
        session.delete(ev)
    session.flush()  # children first: the activity row goes last
    repo.set_activity_partners(session, activity.id, [])
    delete_recorded(
        session,
        activity,
        actor=principal.audit_name(),
        entity_type="activity",
        key=activity.key,
        type=activity.type,
        title=activity.title,
        evidence_files=len(files),
        teacher_practice="deleted" if practice is not None else "none",
    )


def list_activities(
    session: Session,
    *,
    principal: Principal,
    year: int | None = None,
    type: str | None = None,
    status: str | None = None,
    school_id: int | None = None,
    partner_id: int | None = None,
    limit: int | None = None,
) -> list[Activity]:
    """Return the activities ``principal`` may see, newest first."""
    return repo.list_activities(
        session,
        activity_clause(principal),
        year=year,
        type=type,
        status=status,
        school_id=school_id,
        partner_id=partner_id,
        limit=limit,
    )


def evidence_out(ev: Evidence) -> EvidenceOut:
    """Return the API shape of an evidence file."""
    return EvidenceOut(
        id=ev.id,
        filename=ev.filename,
        content_type=ev.content_type,
        size=ev.size,
        sha256=ev.sha256,
        uploaded_by=ev.uploaded_by,
        created_at=ev.created_at,
        url=f"/api/v1/partnerships/evidence/{ev.id}",
    )


def activity_out(
    session: Session, principal: Principal, activities: list[Activity]
) -> list[ActivityOut]:
    """Return the API shape of activities; people and files only for staff of the school."""
    ids = [a.id for a in activities]
    pids = repo.partner_ids_of(session, ids)
    partners = repo.partners_by_id(session, [p for ps in pids.values() for p in ps])
    schools = repo.by_ids(session, School, [a.school_id for a in activities])
    teachers = repo.by_ids(session, Teacher, [a.teacher_id for a in activities])
    ents = repo.by_ids(session, Enterprise, [a.enterprise_id for a in activities])
    files = repo.evidence_of(session, ids)
    practice = repo.practice_ids_of(session, ids)
    out = []
    for a in activities:
        staff = sees_people(principal, a.school_id)
        teacher = teachers.get(a.teacher_id) if a.teacher_id else None
        ent = ents.get(a.enterprise_id) if a.enterprise_id else None
        out.append(
            ActivityOut(
                id=a.id,
                key=a.key,
                date=a.date,
                end_date=a.end_date,
                type=a.type,
                school_id=a.school_id,
                school_code=schools[a.school_id].code,
                programmes=list(a.programmes),
                partners=[partner_ref(partners[p]) for p in pids.get(a.id, [])],
                status=a.status,
                title=a.title,
                people=list(a.people) if staff else [],
                teacher_id=a.teacher_id if staff else None,
                teacher_name=teacher.name if staff and teacher else "",
                enterprise_id=a.enterprise_id,
                enterprise_name=ent.name if ent else "",
                days=a.days,
                hours=a.hours,
                students=a.students,
                course=a.course,
                evidence_url=a.evidence_url,
                notes=a.notes if staff else "",
                evidence=[evidence_out(e) for e in files.get(a.id, [])] if staff else [],
                practice_id=practice.get(a.id) if staff else None,
                created_at=a.created_at,
                updated_at=a.updated_at,
            )
        )
    return out


def audit_roster_view(session: Session, *, principal: Principal, rows: int, via: str) -> None:
    """Audit a view of teachers' names with their Bay Area practice (personal data)."""
    record(
        session,
        actor=principal.audit_name(),
        action="view",
        entity_type="teacher_practice",
        detail={"view": "bay_area_practice", "rows": rows, "via": via},
    )
