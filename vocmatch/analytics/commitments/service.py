"""Plan periods, milestones and designation records: the use cases of the API, pages and CLI.

- Periods are files (``analytics.targets``): listed with their status on today; a planner or an
  administrator uploads the next one (validated, stored, audited). A finished period has a final
  report: each indicator and milestone met, missed or unknown at its deadline, with evidence.
- A milestone's status is recorded with a date, a note and optionally an evidence file; the latest
  record on or before the day wins; without any the status is ``unknown``.
- Designation records are the only records the designation indicators count. Their evidence files
  go through the partnerships' evidence store (checked by content, stored by hash).

Reads need ``admin`` or ``planner``. Writes: administrators, and planners of every school (the
plan is the district's) — a designation held by one school may also be recorded by a planner of
that school. Every write, and every evidence download, is audited.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from vocmatch.analytics import repository as analytics_repo
from vocmatch.analytics import service as analytics
from vocmatch.analytics.commitments.schemas import (
    CommitmentOut,
    DesignationIn,
    DesignationOut,
    EvidenceFileOut,
    FinalReport,
    MilestoneIn,
    MilestoneOut,
    PeriodDetail,
    PeriodOut,
)
from vocmatch.analytics.schemas import Indicator
from vocmatch.analytics.targets import (
    MilestoneDef,
    PlanTargets,
    current_period,
    plan_periods,
    store_period,
)
from vocmatch.audit.service import add_created, delete_recorded, record
from vocmatch.indicators import designations as designation_rules
from vocmatch.indicators.models import Designation, MilestoneRecord
from vocmatch.kit.errors import Forbidden, Invalid, NotFound
from vocmatch.kit.principal import Principal
from vocmatch.partnerships.evidence.service import StoredBlob, blob_path
from vocmatch.schools import repository as schools

ROLES = ("admin", "planner")


def _reader(principal: Principal) -> None:
    analytics.check(principal, ROLES)


def _district_writer(session: Session, principal: Principal, school_id: int | None = None) -> None:
    """Refuse writers other than administrators, planners of every school, or (for a record held
    by one school) a planner of that school."""
    analytics.check(principal, ROLES)
    if principal.role != "planner":
        return
    if school_id is not None and principal.can_see_school(school_id):
        return
    every_school = {row.id for row in analytics_repo.school_rows(session)}
    if not every_school <= set(principal.school_ids):
        raise Forbidden("plan records are entered by administrators or by planners of every school")


# --- periods ----------------------------------------------------------------------------------
def period_out(p: PlanTargets, *, today: date, current: PlanTargets) -> PeriodOut:
    """Return a period's summary on ``today``."""
    return PeriodOut(
        id=p.id,
        name_zh=p.plan.name_zh,
        name_en=p.plan.name_en,
        issued_by=p.plan.issued_by,
        issued=p.plan.issued,
        start=p.plan.start,
        deadline=p.plan.deadline,
        status=p.status(today),
        current=p.id == current.id,
        indicators=len(p.indicators),
        milestones=len(p.milestones),
        source_text=p.plan.source_text,
    )


def list_periods(*, principal: Principal, today: date | None = None) -> list[PeriodOut]:
    """Return every plan period, oldest first, with its status and which one is current."""
    _reader(principal)
    day = today or analytics.today()
    periods = plan_periods()
    current = current_period(periods, day)
    return [period_out(p, today=day, current=current) for p in periods]


def _period(period_id: str) -> PlanTargets:
    found = next((p for p in plan_periods() if p.id == period_id), None)
    if found is None:
        raise NotFound(f"no plan period {period_id!r}")
    return found


def get_period(*, principal: Principal, period_id: str, today: date | None = None) -> PeriodDetail:
    """Return a period with every commitment: clause, the plan's words, nature, deadline."""
    _reader(principal)
    day = today or analytics.today()
    p = _period(period_id)
    summary = period_out(p, today=day, current=current_period(plan_periods(), day))
    commitments = [
        CommitmentOut(
            **d.words(), type="indicator", deadline=p.deadline_of(d), target=d.target, unit=d.unit
        )
        for d in p.indicators
    ] + [
        CommitmentOut(**m.words(), type="milestone", deadline=p.deadline_of(m))
        for m in p.milestones
    ]
    return PeriodDetail(**summary.model_dump(), commitments=commitments)


def upload_period(
    session: Session, *, principal: Principal, filename: str, content: bytes, replace: bool = False
) -> PeriodOut:
    """Validate and store a plan file (the next period's targets), audited."""
    _district_writer(session, principal)
    stored = store_period(filename, content, replace=replace)
    record(
        session,
        actor=principal.audit_name(),
        action="update" if replace else "create",
        entity_type="plan_period",
        detail={"id": stored.targets.id, "file": stored.path.name, "bytes": len(content)},
    )
    day = analytics.today()
    return period_out(stored.targets, today=day, current=current_period(plan_periods(), day))


def period_indicators(
    session: Session, *, principal: Principal, period_id: str | None = None
) -> tuple[PlanTargets, list[Indicator]]:
    """Return a period (default: the current one) and its indicators, today's figures judged
    at the period's deadline."""
    _reader(principal)
    periods = plan_periods()
    p = _period(period_id) if period_id else current_period(periods, analytics.today())
    return p, analytics.use(
        session, None, lambda snap: analytics.indicators_of(session, snap, targets=p)
    )


def final_report(session: Session, *, principal: Principal, period_id: str) -> FinalReport:
    """Return the period judged at its deadline (a running period: judged so far)."""
    p, indicators = period_indicators(session, principal=principal, period_id=period_id)
    day = analytics.today()
    summary = period_out(p, today=day, current=current_period(plan_periods(), day))
    stones = milestones(session, principal=principal, period_id=p.id, as_of=p.plan.deadline)
    judged = [i.met_at_deadline for i in indicators if i.target is not None]
    judged += [None if m.status == "unknown" else m.status == "done" for m in stones]
    return FinalReport(
        period=summary,
        indicators=indicators,
        milestones=stones,
        met=sum(v is True for v in judged),
        missed=sum(v is False for v in judged),
        unknown=sum(v is None for v in judged),
    )


# --- milestones -------------------------------------------------------------------------------
def _evidence_out(row: Designation | MilestoneRecord, url: str) -> EvidenceFileOut | None:
    if not row.evidence_sha256:
        return None
    return EvidenceFileOut(
        filename=row.evidence_filename,
        content_type=row.evidence_content_type,
        size=row.evidence_size,
        url=url,
    )


def _milestone_out(
    session: Session, p: PlanTargets, m: MilestoneDef, rows: list[MilestoneRecord], day: date
) -> MilestoneOut:
    seen = [r for r in rows if r.as_of <= day]
    last = seen[-1] if seen else None
    found = (
        designation_rules.counted(
            session, kinds=m.designation_kinds, levels=designation_rules.LEVELS, as_of=day
        )
        if m.designation_kinds
        else []
    )
    return MilestoneOut(
        **m.words(also=False),
        deadline=p.deadline_of(m),
        see=m.see,
        status="unknown" if last is None else last.status,  # type: ignore[arg-type]
        as_of=last.as_of if last else None,
        note=last.note if last else "",
        entered_by=last.entered_by if last else "",
        evidence=(
            _evidence_out(last, f"/api/v1/plan/milestone-records/{last.id}/evidence")
            if last
            else None
        ),
        records=len(rows),
        designations=[designation_rules.describe(d) for d in found],
    )


def milestones(
    session: Session,
    *,
    principal: Principal,
    period_id: str | None = None,
    as_of: date | None = None,
) -> list[MilestoneOut]:
    """Return a period's milestones (default: the current period) with their status on the day."""
    _reader(principal)
    day = as_of or analytics.today()
    p = _period(period_id) if period_id else current_period(plan_periods(), analytics.today())
    rows = session.scalars(
        select(MilestoneRecord)
        .where(MilestoneRecord.period == p.id)
        .order_by(MilestoneRecord.as_of, MilestoneRecord.id)
    ).all()
    by_key: dict[str, list[MilestoneRecord]] = {}
    for r in rows:
        by_key.setdefault(r.milestone, []).append(r)
    return [_milestone_out(session, p, m, by_key.get(m.key, []), day) for m in p.milestones]


def record_milestone(
    session: Session,
    *,
    principal: Principal,
    period_id: str,
    key: str,
    entry: MilestoneIn,
    blob: StoredBlob | None = None,
) -> MilestoneOut:
    """Record a milestone's status on a date, with a note and an optional evidence file."""
    _district_writer(session, principal)
    p = _period(period_id)
    m = p.milestone(key)
    if m is None:
        raise NotFound(f"no milestone {key!r} in plan period {period_id!r}")
    row = MilestoneRecord(
        period=p.id,
        milestone=key,
        status=entry.status,
        as_of=entry.as_of,
        note=entry.note,
        entered_by=principal.audit_name(),
    )
    _attach(row, blob)
    add_created(
        session,
        row,
        actor=principal.audit_name(),
        entity_type="milestone_record",
        period=p.id,
        milestone=key,
        status=entry.status,
        as_of=entry.as_of.isoformat(),
        evidence=row.evidence_sha256 or None,
    )
    rows = session.scalars(
        select(MilestoneRecord)
        .where(MilestoneRecord.period == p.id, MilestoneRecord.milestone == key)
        .order_by(MilestoneRecord.as_of, MilestoneRecord.id)
    ).all()
    return _milestone_out(session, p, m, list(rows), max(entry.as_of, analytics.today()))


def _attach(row: Designation | MilestoneRecord, blob: StoredBlob | None) -> None:
    if blob is None:
        return
    row.evidence_filename = blob.filename
    row.evidence_content_type = blob.content_type
    row.evidence_size = blob.size
    row.evidence_sha256 = blob.sha256


# --- designations -----------------------------------------------------------------------------
def designation_out(d: Designation, school_code: str | None) -> DesignationOut:
    """Return the API shape of a designation record."""
    columns = DesignationOut.model_fields.keys() - {"school_code", "evidence"}
    return DesignationOut(
        **{c: getattr(d, c) for c in columns},
        school_code=school_code,
        evidence=_evidence_out(d, f"/api/v1/plan/designations/{d.id}/evidence"),
    )


def list_designations(
    session: Session, *, principal: Principal, kind: str | None = None
) -> list[DesignationOut]:
    """Return the designation records (newest first), optionally of one kind."""
    _reader(principal)
    stmt = select(Designation).order_by(Designation.issued_on.desc(), Designation.id.desc())
    if kind is not None:
        stmt = stmt.where(Designation.kind == kind)
    rows = list(session.scalars(stmt))
    codes = {s.id: s.code for s in schools.schools(session)}
    return [designation_out(d, codes.get(d.school_id) if d.school_id else None) for d in rows]


def get_designation(
    session: Session, *, principal: Principal, designation_id: int
) -> DesignationOut:
    """Return one designation record, or raise NotFound."""
    _reader(principal)
    row = session.get(Designation, designation_id)
    if row is None:
        raise NotFound(f"no designation with id {designation_id}")
    found = schools.schools(session, [row.school_id]) if row.school_id else []
    return designation_out(row, found[0].code if found else None)


def create_designation(
    session: Session, *, principal: Principal, body: DesignationIn, blob: StoredBlob | None
) -> DesignationOut:
    """Record a designation with its evidence file (required), audited."""
    school_id: int | None = None
    if body.school_code is not None:
        school = schools.school_by_code(session, body.school_code)
        if school is None or not _sees(principal, school.id):
            raise Invalid(
                f"school_code: no school {body.school_code!r}",
                errors=[
                    {
                        "field": "school_code",
                        "message": "no such school",
                        "key": "pl.d.err.school",
                        "params": {"code": body.school_code},
                    }
                ],
            )
        school_id = school.id
    _district_writer(session, principal, school_id)
    if body.programme_code and school_id is None:
        raise Invalid(
            "programme_code needs school_code (a programme is designated at a school)",
            errors=[
                {
                    "field": "school_code",
                    "message": "required with programme_code",
                    "key": "pl.d.err.school_for_programme",
                }
            ],
        )
    if blob is None:
        raise Invalid(
            "file: a designation needs its evidence (the designation document)",
            errors=[{"field": "file", "message": "evidence file required", "key": "pl.d.err.file"}],
        )
    row = Designation(
        **body.model_dump(exclude={"school_code"}),
        school_id=school_id,
        sample=False,
        entered_by=principal.audit_name(),
    )
    _attach(row, blob)
    add_created(
        session,
        row,
        actor=principal.audit_name(),
        entity_type="designation",
        kind=row.kind,
        level=row.level,
        document_number=row.document_number,
        issued_on=row.issued_on.isoformat(),
        evidence=row.evidence_sha256,
    )
    return designation_out(row, body.school_code)


def _sees(principal: Principal, school_id: int) -> bool:
    return principal.role == "admin" or principal.can_see_school(school_id)


def delete_designation(session: Session, *, principal: Principal, designation_id: int) -> None:
    """Delete a designation record (entered in error), audited."""
    row = session.get(Designation, designation_id)
    if row is None:
        raise NotFound(f"no designation with id {designation_id}")
    _district_writer(session, principal, row.school_id)
    delete_recorded(
        session,
        row,
        actor=principal.audit_name(),
        entity_type="designation",
        kind=row.kind,
        title=row.title,
        document_number=row.document_number,
    )


def open_evidence(
    session: Session, *, principal: Principal, what: str, row_id: int
) -> tuple[str, str, Path]:
    """Return (filename, content type, path) of a designation's or milestone record's evidence,
    audited as a view."""
    _reader(principal)
    row: Designation | MilestoneRecord | None = (
        session.get(Designation, row_id)
        if what == "designation"
        else session.get(MilestoneRecord, row_id)
    )
    if row is None or not row.evidence_sha256:
        raise NotFound(f"no evidence file for {what} {row_id}")
    path = blob_path(row.evidence_sha256)
    if not path.is_file():
        raise NotFound(f"the evidence file of {what} {row_id} is missing from storage")
    record(
        session,
        actor=principal.audit_name(),
        action="view",
        entity_type=f"{what}.evidence",
        entity_id=row.id,
        detail={"filename": row.evidence_filename},
    )
    return row.evidence_filename, row.evidence_content_type, path
