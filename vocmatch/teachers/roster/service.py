"""The roster with names: who may see it, each teacher's status explained, and the action list.

Names are personal data: only admins and planners of the teacher's school see them; for anyone
else a teacher is a 404. Every view of names is written to the audit log in the same transaction.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from sqlalchemy.orm import Session

from vocmatch.audit.service import record
from vocmatch.enterprises.models import Enterprise
from vocmatch.kit.errors import Forbidden, NotFound
from vocmatch.kit.pagination import Page, decode_cursor, encode_cursor
from vocmatch.kit.principal import Principal
from vocmatch.schools.models import School
from vocmatch.teachers import repository as repo
from vocmatch.teachers.dual_qualified.evaluation import last_qualified_on
from vocmatch.teachers.dual_qualified.facts import Gap, Missing, Status, TeacherFacts
from vocmatch.teachers.dual_qualified.rules import RuleSet, Text, describe, load_rules
from vocmatch.teachers.dual_qualified.share_arithmetic import greedy_plan
from vocmatch.teachers.models import Teacher
from vocmatch.teachers.prose import Prose
from vocmatch.teachers.schemas import (
    ActionOut,
    ActionPlanOut,
    AppointmentOut,
    EnterpriseSuggestion,
    ExperienceOut,
    FactOut,
    GapOut,
    MissingOut,
    PracticeOut,
    QualificationOut,
    RecognitionOut,
    StatusOut,
    TeacherOut,
    TeacherSummary,
    VerificationOut,
)
from vocmatch.teachers.shares.service import (
    Evaluated,
    Roster,
    evaluate_roster,
    evaluated,
    roster_share,
)

SUGGESTIONS = 5


# --- scope ---------------------------------------------------------------------------------------
def can_see_roster(principal: Principal, school_id: int) -> bool:
    """Admins see every roster; planners only their schools'; nobody else sees names."""
    return principal.is_admin or (principal.role == "planner" and school_id in principal.school_ids)


def roster_school_ids(principal: Principal) -> set[int] | None:
    """Return the schools whose roster the caller may see (None = all); refuse other roles."""
    if principal.is_admin:
        return None
    if principal.role == "planner":
        return set(principal.school_ids)
    raise Forbidden("teacher rosters are open to admins and the school's planners only")


def roster_school(session: Session, principal: Principal, code: str) -> School:
    """Return the school whose roster the caller asks for; another school's is a 404."""
    school = repo.school_by_code(session, code)
    if school is None or not can_see_roster(principal, school.id):
        raise NotFound(f"no school with code {code!r}")
    return school


def _scope_ids(session: Session, principal: Principal, school_code: str | None) -> list[int] | None:
    if school_code:
        return [roster_school(session, principal, school_code).id]
    allowed = roster_school_ids(principal)
    return None if allowed is None else sorted(allowed)


def audit_view(
    session: Session,
    principal: Principal,
    *,
    what: str,
    entity_id: str | int,
    detail: dict[str, object],
) -> None:
    """Record that ``principal`` saw personal data (``what`` = teacher | teacher_roster)."""
    record(
        session,
        actor=principal.audit_name(),
        action="view",
        entity_type=what,
        entity_id=entity_id,
        detail=detail,
    )


# --- conversions ---------------------------------------------------------------------------------
def rule_label(labels: dict[str, tuple[Text, Prose]], rule_id: str) -> Text:
    """The label of a level or requirement id of the rule set (the id itself when unknown)."""
    return labels.get(rule_id, (Text(zh=rule_id, en=rule_id), ""))[0]


def _gap_out(g: Gap, labels: dict[str, tuple[Text, Prose]]) -> GapOut:
    return GapOut(
        rule_id=g.rule_id,
        label=rule_label(labels, g.rule_id).zh,
        kind=g.kind,
        have=g.have,
        need=g.need,
        effort_days=g.effort_days,
        near=g.near,
        facts=[FactOut(**vars(f)) for f in g.facts],
        unconfirmed=[FactOut(**vars(f)) for f in g.unconfirmed],
        unconfirmed_days=g.unconfirmed_days,
    )


def status_out(status: Status, rules: RuleSet, *, lapsed_on: date | None = None) -> StatusOut:
    """Return the API shape of a status, with labels from the rule set."""
    labels = describe(rules)
    level_rule = rules.level_rule(status.next_rule_id or status.rule_id)
    chain = rules.chain(status.route)
    unchecked = [u.zh for lvl in chain[: _depth(rules, status) + 1] for u in lvl.unchecked]
    return StatusOut(
        as_of=status.as_of,
        rule_set=status.rule_set,
        counted=status.counted,
        basis_reason=status.basis_reason,
        level=status.level,
        rule_id=status.rule_id,
        rule_name=rule_label(labels, status.rule_id).zh,
        met=list(status.met),
        met_labels=[rule_label(labels, i).zh for i in status.met],
        facts=[FactOut(**vars(f)) for f in status.facts],
        missing=[
            MissingOut(
                rule_id=m.rule_id,
                label=rule_label(labels, m.rule_id).zh,
                effort_days=m.effort_days,
                options=[_gap_out(g, labels) for g in m.options],
            )
            for m in status.missing
        ],
        next_rule_id=status.next_rule_id,
        next_rule_name=level_rule.name.zh if level_rule and status.next_rule_id else None,
        unchecked=unchecked,
        effort_days=status.effort_days,
        near=status.near,
        last_qualified_on=lapsed_on,
        route=status.route,
        pending_level=status.pending_level,
        pending_items=list(status.pending_items),
        pending_labels=[pending_label(labels, i) for i in status.pending_items],
    )


def pending_label(labels: dict[str, tuple[Text, Prose]], item: str) -> str:
    """What a pending (unverified) item asks for, in Chinese."""
    kind, _, record_id = item.partition(":")
    if kind in ("work", "practice") and record_id.isdigit():
        what = "企业工作经历" if kind == "work" else "企业实践"
        return f"{what}（记录 {record_id}）与所教专业相关"
    return rule_label(labels, item).zh


def _depth(rules: RuleSet, status: Status) -> int:
    ids = [lvl.id for lvl in rules.chain(status.route)]
    return ids.index(status.rule_id) if status.qualified and status.rule_id in ids else 0


def _lapsed(e: Evaluated, rules: RuleSet) -> date | None:
    months = rules.rules.near_qualified.lapsed_within_months
    if e.status.qualified or not e.status.counted or months == 0:
        return None
    return last_qualified_on(e.facts, rules, e.status.as_of, months)


def summary(
    e: Evaluated, school_codes: dict[int, str], programmes: dict[str, str], rules: RuleSet
) -> TeacherSummary:
    """Return a roster row."""
    t, s = e.teacher, e.status
    rec = e.recognition(s.as_of)
    return TeacherSummary(
        id=t.id,
        staff_no=t.staff_no,
        name=t.name,
        school_code=school_codes.get(t.school_id, ""),
        programme_code=t.programme_code,
        programme_name=programmes.get(t.programme_code or "", ""),
        subject_area=t.subject_area,
        employment=t.employment,
        level=s.level,
        counted=s.counted,
        near=s.near,
        lapsed=_lapsed(e, rules) is not None,
        effort_days=s.effort_days if s.counted and not s.qualified else 0.0,
        pending=s.pending,
        recognised_level=rec.level if rec else None,
        recognised_on=rec.recognised_on if rec else None,
        pipeline=e.in_pipeline,
        post_type=t.post_type,
        practice_instructor=t.practice_instructor,
    )


# --- reads ---------------------------------------------------------------------------------------
def list_teachers(
    session: Session,
    *,
    principal: Principal,
    as_of: date,
    school_code: str | None = None,
    programme_code: str | None = None,
    employment: str | None = None,
    status: str | None = None,
    q: str | None = None,
    limit: int = 100,
    cursor: str | None = None,
) -> Page[TeacherSummary]:
    """Return a page of the roster the caller may see, with each teacher's status on ``as_of``.

    ``status``: recognised | pipeline | pending | dual_qualified (eligible) | not_qualified | near |
    not_counted | junior | intermediate | senior (eligible levels).
    """
    ids = _scope_ids(session, principal, school_code)
    rules = load_rules()
    stmt = repo.teacher_query(
        school_ids=ids, programme_code=programme_code, employment=employment, q=q
    )
    teachers = repo.teachers(session, stmt)
    roster = _evaluate(session, teachers, rules, as_of)
    codes = {s.id: s.code for s in repo.schools(session)}
    programmes = repo.programme_names(session)
    rows = [summary(e, codes, programmes, rules) for e in roster.items]
    rows = [r for r in rows if _status_filter(r, status)]
    after = decode_cursor(cursor)
    rows_after = [r for r in rows if r.staff_no > str(after)] if after is not None else rows
    page = rows_after[:limit]
    nxt = encode_cursor(page[-1].staff_no) if len(rows_after) > limit else None
    audit_view(
        session,
        principal,
        what="teacher_roster",
        entity_id=school_code or "*",
        detail={
            "as_of": as_of.isoformat(),
            "rows": len(page),
            "filters": {"programme": programme_code, "status": status, "q": q},
        },
    )
    return Page(items=page, next_cursor=nxt, total=len(rows))


def _status_filter(row: TeacherSummary, status: str | None) -> bool:
    if not status:
        return True
    return {
        "recognised": row.recognised_level is not None,
        "pipeline": row.pipeline,
        "pending": row.pending,
        "dual_qualified": row.counted and row.level is not None,
        "not_qualified": row.counted and row.level is None and not row.pending,
        "near": row.near or (row.lapsed and row.level is None),
        "not_counted": not row.counted,
    }.get(status, row.level == status)


def _evaluate(session: Session, teachers: list[Teacher], rules: RuleSet, as_of: date) -> Roster:
    facts = repo.facts_for(session, teachers, rules)
    return Roster(as_of, rules, evaluated(session, teachers, facts, rules, as_of))


def visible_teacher(session: Session, principal: Principal, teacher_id: int) -> Teacher:
    """Return the teacher if the caller may see them; anyone else gets a 404."""
    t = repo.get_teacher(session, teacher_id)
    if t is None or not can_see_roster(principal, t.school_id):
        raise NotFound(f"no teacher with id {teacher_id}")
    return t


def get_teacher(
    session: Session, *, principal: Principal, teacher_id: int, as_of: date, audit: bool = True
) -> TeacherOut:
    """Return a teacher's record and status with its explanation (audited as a view)."""
    t = visible_teacher(session, principal, teacher_id)
    rules = load_rules()
    roster = _evaluate(session, [t], rules, as_of)
    e = roster.items[0]
    school = session.get(School, t.school_id)
    source = session.get(Enterprise, t.source_enterprise_id) if t.source_enterprise_id else None
    if audit:
        audit_view(
            session,
            principal,
            what="teacher",
            entity_id=t.id,
            detail={"staff_no": t.staff_no, "as_of": as_of.isoformat()},
        )
    return TeacherOut(
        id=t.id,
        school_code=school.code if school else "",
        school_name=school.name if school else "",
        staff_no=t.staff_no,
        name=t.name,
        gender=t.gender,
        birth_year=t.birth_year,
        id_card_mask=t.id_card_mask,
        programme_code=t.programme_code,
        programme_name=repo.programme_names(session).get(t.programme_code or "", ""),
        subject_area=t.subject_area,
        employment=t.employment,
        source_enterprise=source.name if source else "",
        hired_on=t.hired_on,
        left_on=t.left_on,
        has_teacher_certificate=t.has_teacher_certificate,
        teacher_certificate_no=t.teacher_certificate_no,
        teacher_certificate_on=t.teacher_certificate_on,
        qualifications=[
            QualificationOut.model_validate(q) for q in repo.qualifications(session, [t.id])
        ],
        experience=[ExperienceOut.model_validate(x) for x in repo.experience(session, [t.id])],
        practice=[PracticeOut.model_validate(p) for p in repo.practice(session, [t.id])],
        status=status_out(e.status, rules, lapsed_on=_lapsed(e, rules)),
        practice_instructor=t.practice_instructor,
        post_type=t.post_type,
        recognitions=[RecognitionOut.model_validate(r) for r in e.recognitions],
        recognised_level=(rec.level if (rec := e.recognition(as_of)) else None),
        pipeline=e.in_pipeline,
        verifications=[
            VerificationOut.model_validate(v) for v in repo.verifications(session, [t.id])
        ],
        appointments=[AppointmentOut.model_validate(a) for a in repo.appointments(session, [t.id])],
    )


# --- the action list -----------------------------------------------------------------------------
Step = Literal["apply_recognition", "verify", "close_gap"]
_STEPS: tuple[Step, ...] = ("apply_recognition", "verify", "close_gap")


def _step(e: Evaluated) -> Step:
    if e.status.qualified:
        return "apply_recognition"
    return "verify" if e.status.pending else "close_gap"


def _effort(e: Evaluated) -> float:
    """Days of the teacher's time: none to apply or be verified, else the cheapest gaps."""
    return 0.0 if _step(e) != "close_gap" else e.status.effort_days


def _shown(m: Missing) -> list[Gap]:
    """The cheapest way to meet a requirement, and any almost-met one besides it."""
    return [m.options[0], *(g for g in m.options[1:] if g.near)]


def action_plan(
    session: Session, *, principal: Principal, as_of: date, school_code: str | None = None
) -> ActionPlanOut:
    """Return the near-qualified teachers (cheapest first) and the shortest plan to the target.

    The plan takes not-yet-qualified teachers in order of effort until the share of the scope
    (one school, or every school the caller sees) reaches the target.
    """
    ids = _scope_ids(session, principal, school_code)
    roster = evaluate_roster(session, as_of=as_of, school_ids=ids)
    rules = roster.rules
    codes = {s.id: s.code for s in repo.schools(session)}
    programmes = repo.programme_names(session)
    demand = repo.open_demand(session, as_of)
    labels = describe(rules)

    def action(e: Evaluated, lapsed: date | None) -> ActionOut:
        step = _step(e)
        offers = (
            demand.for_programme(e.teacher.programme_code, SUGGESTIONS)
            if step == "close_gap"
            else []
        )
        return ActionOut(
            teacher=summary(e, codes, programmes, rules),
            gaps=[_gap_out(g, labels) for m in e.status.missing for g in _shown(m)]
            if step == "close_gap"
            else [],
            effort_days=_effort(e),
            lapsed_on=lapsed,
            step=step,
            suggestions=[
                EnterpriseSuggestion(
                    enterprise_id=d.enterprise.id,
                    name=d.enterprise.name,
                    location_kind=d.enterprise.location_kind,
                    bay_area=d.enterprise.location_kind == "bay_area",
                    postings=d.postings,
                    best_score=d.best_score,
                    basis=d.basis,
                )
                for d in offers
            ],
        )

    # Everyone of the basis not recognised yet: the pipeline first (they only need to apply),
    # then those pending verification, then the cheapest gaps.
    open_ = sorted(
        (e for e in roster.counted() if not e.recognised),
        key=lambda e: (_effort(e), _STEPS.index(_step(e)), e.teacher.staff_no),
    )
    near: list[ActionOut] = []
    for e in open_:
        if e.status.qualified or e.status.pending:
            continue
        lapsed = _lapsed(e, rules)
        if e.status.near or lapsed is not None:
            near.append(action(e, lapsed))
    num, den = roster.point(as_of)
    steps = greedy_plan(
        [(e, _effort(e)) for e in open_],
        numerator=num,
        denominator=den,
        target=rules.rules.target.share,
    )
    plan = []
    for step in steps:
        assert isinstance(step.item, Evaluated)
        a = action(step.item, _lapsed(step.item, rules))
        a.share_after = step.share
        plan.append(a)
    current = roster_share(roster)
    audit_view(
        session,
        principal,
        what="teacher_roster",
        entity_id=school_code or "*",
        detail={"page": "action_plan", "as_of": as_of.isoformat(), "rows": len(near) + len(plan)},
    )
    reaches = (current.teachers_short == 0) or (len(plan) == current.teachers_short)
    return ActionPlanOut(
        scope=school_code or "all",
        as_of=as_of,
        rule_set_version=rules.version,
        current=current,
        near_qualified=near,
        plan=plan,
        plan_reaches_target=reaches,
        plan_effort_days=sum(a.effort_days for a in plan),
    )


def facts_of(session: Session, teacher: Teacher, rules: RuleSet) -> TeacherFacts:
    """Return one teacher's evaluation facts."""
    return repo.facts_for(session, [teacher], rules)[teacher.id]
