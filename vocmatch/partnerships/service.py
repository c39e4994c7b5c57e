"""Partnership use cases: partners, agreements and activities (create, read, change, delete).

Every change is audited in the caller's transaction; services never commit. Scope rules are in
``scope.py``; coverage views and the plan's indicators in ``coverage.py`` (re-exported here).
"""

from __future__ import annotations

import secrets
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from vocmatch.audit.service import record
from vocmatch.auth.principal import Principal
from vocmatch.enterprises.models import Enterprise
from vocmatch.errors import Conflict, Forbidden, Invalid, NotFound
from vocmatch.partnerships import repository as repo
from vocmatch.partnerships.coverage import (  # noqa: F401  (the dashboard imports them from here)
    featured_gaps,
    five_commons_matrix,
    indicators,
)
from vocmatch.partnerships.models import Activity, Agreement, Evidence, Partner
from vocmatch.partnerships.practice import linked_practice, sync_practice
from vocmatch.partnerships.schemas import (
    ActivityIn,
    ActivityOut,
    ActivityPatch,
    AgreementIn,
    AgreementOut,
    AgreementPatch,
    EvidenceOut,
    PartnerIn,
    PartnerOut,
    PartnerPatch,
    PartnerRef,
)
from vocmatch.partnerships.scope import (
    activity_clause,
    school_clause,
    sees_activity,
    sees_people,
    sees_school,
)
from vocmatch.partnerships.vocab import NEEDS_PARTNER, NEEDS_PROGRAMME
from vocmatch.schools.models import School
from vocmatch.teachers.models import Teacher
from vocmatch.web.i18n import translate

# Each error: {field, message, type}; ``type`` lets pages show the message in the UI language.
FieldErrors = list[dict[str, str]]


def _invalid(what: str, errors: FieldErrors) -> Invalid:
    summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
    return Invalid(f"invalid {what}: {summary}", errors=errors)


def from_validation(what: str, exc: ValidationError) -> Invalid:
    """Turn a pydantic error into Invalid with one ``{field, message}`` per problem."""
    errors = [
        {
            "field": ".".join(str(p) for p in e["loc"]) or what,
            "message": e["msg"],
            "type": e["type"],
        }
        for e in exc.errors()
    ]
    return _invalid(what, errors)


def _new_key(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(4).upper()}"


def _changes(obj: Any, values: dict[str, Any]) -> dict[str, list[Any]]:
    """Set ``values`` on ``obj``; return ``{field: [old, new]}`` of what changed (for the audit)."""
    changed: dict[str, list[Any]] = {}
    for field, new in values.items():
        old = getattr(obj, field)
        if old != new:
            changed[field] = [_plain(old), _plain(new)]
            setattr(obj, field, new)
    return changed


def _plain(v: Any) -> Any:
    return v.isoformat() if hasattr(v, "isoformat") else v


def _ref(p: Partner) -> PartnerRef:
    return PartnerRef(id=p.id, key=p.key, name=p.name, kind=p.kind, region=p.region)


# --- partners ---------------------------------------------------------------------------------
def partner_out(session: Session, partner: Partner) -> PartnerOut:
    """Return the API shape of a partner (with its enterprise's name)."""
    ent = session.get(Enterprise, partner.enterprise_id) if partner.enterprise_id else None
    return PartnerOut(
        **_ref(partner).model_dump(),
        city=partner.city,
        enterprise_id=partner.enterprise_id,
        enterprise_name=ent.name if ent else "",
        enterprise_is_leading=bool(ent and ent.is_leading),
        website=partner.website,
        notes=partner.notes,
    )


def get_partner(session: Session, *, partner_id: int) -> Partner:
    """Return a partner or raise NotFound (partners are a shared directory)."""
    partner = session.get(Partner, partner_id)
    if partner is None:
        raise NotFound(f"no partner with id {partner_id}")
    return partner


def _check_partner(session: Session, values: dict[str, Any], partner_id: int | None) -> None:
    errors: FieldErrors = []
    if values.get("enterprise_id") is not None and not session.get(
        Enterprise, values["enterprise_id"]
    ):
        errors.append(
            {"field": "enterprise_id", "message": "unknown enterprise", "type": "unknown"}
        )
    if values.get("kind") == "enterprise" and values.get("enterprise_id") is None:
        errors.append(
            {
                "field": "enterprise_id",
                "message": "an enterprise partner names its enterprise",
                "type": "required",
            }
        )
    if errors:
        raise _invalid("partner", errors)
    other = repo.partner_by_key(session, values["key"])
    if other is not None and other.id != partner_id:
        raise Conflict(f"a partner with key {values['key']!r} already exists")


def create_partner(session: Session, *, principal: Principal, data: PartnerIn) -> Partner:
    """Create a partner and audit it."""
    values = data.model_dump()
    values["key"] = data.key or _new_key("P")
    _check_partner(session, values, None)
    partner = Partner(**values)
    session.add(partner)
    session.flush()
    record(
        session,
        actor=principal.audit_name(),
        action="create",
        entity_type="partner",
        entity_id=partner.id,
        detail={"key": partner.key, "name": partner.name, "kind": partner.kind},
    )
    return partner


def update_partner(
    session: Session, *, principal: Principal, partner_id: int, data: PartnerPatch
) -> Partner:
    """Change a partner and audit what changed."""
    partner = get_partner(session, partner_id=partner_id)
    values = {
        c: getattr(partner, c)
        for c in ("key", "name", "kind", "region", "city", "enterprise_id", "website", "notes")
    }
    values.update(data.model_dump(exclude_unset=True))
    _check_partner(session, values, partner.id)
    values.pop("key")
    changed = _changes(partner, values)
    if changed:
        record(
            session,
            actor=principal.audit_name(),
            action="update",
            entity_type="partner",
            entity_id=partner.id,
            detail={"key": partner.key, "changed": changed},
        )
    return partner


def delete_partner(session: Session, *, principal: Principal, partner_id: int) -> None:
    """Delete an unreferenced partner (admins only: the directory is shared by every school)."""
    if principal.role != "admin":
        raise Forbidden("only administrators delete partners; they are shared by every school")
    partner = get_partner(session, partner_id=partner_id)
    used = repo.partner_references(session, partner.id)
    if used:
        raise Conflict(f"partner {partner.key!r} is named by {used} agreement(s)/activity(ies)")
    record(
        session,
        actor=principal.audit_name(),
        action="delete",
        entity_type="partner",
        entity_id=partner.id,
        detail={"key": partner.key, "name": partner.name},
    )
    session.delete(partner)
    session.flush()


# --- agreements -------------------------------------------------------------------------------
def agreement_out(session: Session, agreements: list[Agreement]) -> list[AgreementOut]:
    """Return the API shape of agreements."""
    partners = repo.partners_by_id(session, [a.partner_id for a in agreements])
    schools = repo.by_ids(session, School, [a.school_id for a in agreements])
    return [
        AgreementOut(
            id=a.id,
            key=a.key,
            partner=_ref(partners[a.partner_id]),
            school_id=a.school_id,
            school_code=schools[a.school_id].code,
            type=a.type,
            title=a.title,
            signed_on=a.signed_on,
            valid_until=a.valid_until,
            programmes=list(a.programmes),
            notes=a.notes,
        )
        for a in agreements
    ]


def list_agreements(
    session: Session,
    *,
    principal: Principal,
    school_id: int | None = None,
    partner_id: int | None = None,
    type: str | None = None,
) -> list[Agreement]:
    """Return the agreements of the schools ``principal`` may see."""
    where = school_clause(principal, Agreement.school_id)
    return repo.list_agreements(
        session, where, school_id=school_id, partner_id=partner_id, type=type
    )


def get_agreement(session: Session, *, principal: Principal, agreement_id: int) -> Agreement:
    """Return an agreement of one of the caller's schools, or raise NotFound."""
    agreement = session.get(Agreement, agreement_id)
    if agreement is None or not sees_school(principal, agreement.school_id):
        raise NotFound(f"no agreement with id {agreement_id}")
    return agreement


def _check_programmes(session: Session, codes: list[str], errors: FieldErrors) -> None:
    known = repo.programme_names(session, codes)
    unknown = [c for c in codes if c not in known]
    if unknown:
        errors.append(
            {
                "field": "programmes",
                "message": f"not a catalogue programme: {', '.join(unknown)}",
                "type": "unknown",
            }
        )


def _check_agreement(
    session: Session, principal: Principal, values: dict[str, Any], agreement_id: int | None
) -> None:
    errors: FieldErrors = []
    if not session.get(Partner, values["partner_id"]):
        errors.append({"field": "partner_id", "message": "unknown partner", "type": "unknown"})
    if not session.get(School, values["school_id"]) or not sees_school(
        principal, values["school_id"]
    ):
        errors.append(
            {
                "field": "school_id",
                "message": "unknown school, or not one of yours",
                "type": "not_yours",
            }
        )
    if (
        values["signed_on"]
        and values["valid_until"]
        and values["valid_until"] < values["signed_on"]
    ):
        errors.append({"field": "valid_until", "message": "is before signed_on", "type": "before"})
    _check_programmes(session, values["programmes"], errors)
    if errors:
        raise _invalid("agreement", errors)
    other = repo.agreement_by_key(session, values["key"])
    if other is not None and other.id != agreement_id:
        raise Conflict(f"an agreement with key {values['key']!r} already exists")


def create_agreement(session: Session, *, principal: Principal, data: AgreementIn) -> Agreement:
    """Create an agreement for one of the caller's schools and audit it."""
    values = data.model_dump()
    values["key"] = data.key or _new_key("AG")
    values["programmes"] = list(dict.fromkeys(values["programmes"]))
    _check_agreement(session, principal, values, None)
    agreement = Agreement(**values)
    session.add(agreement)
    session.flush()
    record(
        session,
        actor=principal.audit_name(),
        action="create",
        entity_type="agreement",
        entity_id=agreement.id,
        detail={"key": agreement.key, "type": agreement.type, "school_id": agreement.school_id},
    )
    return agreement


def update_agreement(
    session: Session, *, principal: Principal, agreement_id: int, data: AgreementPatch
) -> Agreement:
    """Change an agreement of one of the caller's schools and audit what changed."""
    agreement = get_agreement(session, principal=principal, agreement_id=agreement_id)
    fields = ("key", "partner_id", "school_id", "type", "title", "signed_on", "valid_until")
    values = {c: getattr(agreement, c) for c in (*fields, "programmes", "notes")}
    values.update(data.model_dump(exclude_unset=True))
    values["programmes"] = list(dict.fromkeys(values["programmes"] or []))
    _check_agreement(session, principal, values, agreement.id)
    values.pop("key")
    changed = _changes(agreement, values)
    if changed:
        record(
            session,
            actor=principal.audit_name(),
            action="update",
            entity_type="agreement",
            entity_id=agreement.id,
            detail={"key": agreement.key, "changed": changed},
        )
    return agreement


def delete_agreement(session: Session, *, principal: Principal, agreement_id: int) -> None:
    """Delete an agreement of one of the caller's schools and audit it."""
    agreement = get_agreement(session, principal=principal, agreement_id=agreement_id)
    record(
        session,
        actor=principal.audit_name(),
        action="delete",
        entity_type="agreement",
        entity_id=agreement.id,
        detail={"key": agreement.key, "type": agreement.type, "title": agreement.title},
    )
    session.delete(agreement)
    session.flush()


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
    _check_programmes(session, v.programmes, errors)
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
        raise _invalid("activity", errors)
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
    activity = Activity(key=data.key or _new_key("ACT"), **_activity_values(session, data))
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
    changed = _changes(activity, _activity_values(session, full))
    if sorted(before) != sorted(partner_ids):
        repo.set_activity_partners(session, activity.id, partner_ids)
        changed["partner_ids"] = [sorted(before), sorted(partner_ids)]
    session.flush()
    practice = sync_practice(session, activity)
    if changed or practice not in ("none", "unchanged"):
        record(
            session,
            actor=principal.audit_name(),
            action="update",
            entity_type="activity",
            entity_id=activity.id,
            detail={
                "key": activity.key,
                "changed": changed,
                "teacher_practice": practice,
                "source": source,
            },
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
    record(
        session,
        actor=principal.audit_name(),
        action="delete",
        entity_type="activity",
        entity_id=activity.id,
        detail={
            "key": activity.key,
            "type": activity.type,
            "title": activity.title,
            "evidence_files": len(files),
            "teacher_practice": "deleted" if practice is not None else "none",
        },
    )
    session.delete(activity)
    session.flush()


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
                partners=[_ref(partners[p]) for p in pids.get(a.id, [])],
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
