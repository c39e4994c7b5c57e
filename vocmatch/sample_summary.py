"""``vocmatch sample summary``: the figures of a loaded deployment, as the sample's README quotes them.

The figures are the product's own: records counted in the database, dual-qualified shares and the
near-qualified list evaluated by the teachers domain under the rule file in force. The sample's
generator (``scripts/build_sample_data.py``) loads the sample into a fresh database and writes this
output into ``data/sample/README.md``, so the README never carries a hand-typed figure.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated

import typer
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vocmatch.demand import scale
from vocmatch.demand.models import Posting
from vocmatch.enterprises.models import Enterprise
from vocmatch.kit.db import get_engine, transaction
from vocmatch.kit.principal import SYSTEM
from vocmatch.partnerships.models import Activity, Agreement, Partner
from vocmatch.schools.models import EnrolmentHistory, Offering, School
from vocmatch.teachers.dual_qualified.evaluation import employed_on, last_qualified_on
from vocmatch.teachers.dual_qualified.facts import Gap, Status
from vocmatch.teachers.dual_qualified.rules import RuleSet, load_rules
from vocmatch.teachers.roster.service import audit_view
from vocmatch.teachers.shares.service import Evaluated, breakdown, evaluate_roster, roster_share

SAMPLE_TODAY = date(2026, 11, 29)  # the sample deployment's "today" (data/sample/README.md)
PLAN_START = 2021  # the 14th plan's first year: the share is shown at each year end since


@dataclass
class SampleSummary:
    """What ``render`` prints."""

    as_of: date
    rule_set: str
    records: dict[str, int]
    locations: Counter[str]
    leading: list[str]
    posting_types: Counter[str]
    posting_statuses: Counter[str]
    schools: list[tuple[str, str]]  # (code, name)
    enrolment: dict[int, dict[str, int]]  # year → school code → enrolled
    shares: list[tuple[str, int, int]]  # (school label, qualified, basis)
    district: tuple[int, int]
    pipeline: tuple[int, int]  # (eligible and verified, pending verification), not recognised
    year_ends: list[tuple[int, int, int]]  # (year, qualified, basis)
    other_bases: list[tuple[str, int, int]]
    near: list[tuple[str, str, str]] = field(default_factory=list)  # (staff_no, programme, missing)


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def _gap_text(g: Gap) -> str:
    have, need = f"{g.have:g}", f"{g.need:g}"
    return {
        "teacher_certificate": "no teacher certificate",
        "skill_level": f"skill certificate level {have} (needs {need} or higher)",
        "skill_field": f"skill certificate (level {have}) outside the field",
        "skill_none": f"no skill certificate in the field at level {need} or higher",
        "title_rank": f"industry title rank {have} (needs {need})",
        "title_field": "industry title outside the field",
        "title_none": "no industry title in the field",
        "teaching_title": f"teaching title rank {have} (needs {need})",
        "work_days": f"enterprise work {have} of {need} days",
        "practice_days": f"enterprise practice {have} of {need} days",
    }.get(g.kind, f"{g.kind} {have}/{need}")


def _missing(status: Status, lapsed: date | None) -> str:
    parts = [
        _gap_text(g)
        for m in status.missing
        for g in (m.options[0], *(o for o in m.options[1:] if o.near))
    ]
    if lapsed is not None:
        parts.append(f"was dual-qualified on {lapsed}")
    return "; ".join(parts)


def standing(e: Evaluated, rules: RuleSet) -> tuple[bool, bool, date | None]:
    """Return whether a teacher is dual-qualified, near-qualified, and the last day qualified.

    Near-qualified as on the action list: not qualified, and either one requirement is missing
    and almost met, or the teacher was qualified within the rule file's lapse window.
    """
    if e.status.qualified or e.status.pending:  # the records meet a level (verified or not)
        return True, False, None
    months = rules.rules.near_qualified.lapsed_within_months
    lapsed = last_qualified_on(e.facts, rules, e.status.as_of, months) if months else None
    return False, e.status.near or lapsed is not None, lapsed


def _meets(e: Evaluated) -> bool:
    """The records meet a level (eligible, or eligible pending verification)."""
    return e.status.qualified or e.status.pending


def sample_summary(session: Session, *, as_of: date, rules: RuleSet | None = None) -> SampleSummary:
    """Return the deployment's figures on ``as_of`` (the near-qualified list is audited)."""
    rules = rules or load_rules()
    schools = list(session.execute(select(School.code, School.name).order_by(School.id)))
    enterprises = list(
        session.execute(
            select(Enterprise.name, Enterprise.location_kind, Enterprise.is_leading).order_by(
                Enterprise.id
            )
        )
    )
    postings = list(session.execute(select(Posting.type, Posting.status)))
    enrolment: dict[int, dict[str, int]] = {}
    for code, year, enrolled in session.execute(
        select(School.code, EnrolmentHistory.year, EnrolmentHistory.enrolled).join(
            School, School.id == EnrolmentHistory.school_id
        )
    ):
        enrolment.setdefault(year, {})[code] = enrolled
    roster = evaluate_roster(session, as_of=as_of, rules=rules)
    by_school = breakdown(session, roster, by="school")
    share = roster_share(roster)
    on_staff = [e for e in roster.items if employed_on(e.facts, as_of)]
    full_time = [e for e in on_staff if e.teacher.employment == "full_time"]
    near = []
    for e in sorted(roster.counted(), key=lambda e: e.teacher.staff_no):
        _, is_near, lapsed = standing(e, rules)
        if is_near:
            near.append(
                (e.teacher.staff_no, e.teacher.programme_code or "", _missing(e.status, lapsed))
            )
    audit_view(
        session,
        SYSTEM,
        what="teacher_roster",
        entity_id="*",
        detail={"page": "sample_summary", "as_of": as_of.isoformat(), "rows": len(near)},
    )
    return SampleSummary(
        as_of=as_of,
        rule_set=rules.rules.version,
        records={
            "schools": len(schools),
            "offerings": _count(session, Offering),
            "enterprises": len(enterprises),
            "postings": len(postings),
            "teachers": len(roster.items),
            "partners": _count(session, Partner),
            "agreements": _count(session, Agreement),
            "activities": _count(session, Activity),
        },
        locations=Counter(kind for _, kind, _ in enterprises),
        leading=[name for name, _, lead in enterprises if lead],
        posting_types=Counter(t for t, _ in postings),
        posting_statuses=Counter(s for _, s in postings),
        schools=[(c, n) for c, n in schools],
        enrolment=dict(sorted(enrolment.items())),
        shares=[(f"{g.key} {g.name}", g.numerator, g.denominator) for g in by_school.groups],
        district=(by_school.district.numerator, by_school.district.denominator),
        pipeline=(share.pipeline, share.pending_verification),
        year_ends=[
            (y, *roster.point(date(y, 12, 31) if y < as_of.year else as_of))
            for y in range(PLAN_START, as_of.year + 1)
        ],
        other_bases=[
            ("all teachers on staff", sum(_meets(e) for e in on_staff), len(on_staff)),
            ("all full-time teachers", sum(_meets(e) for e in full_time), len(full_time)),
        ],
        near=near,
    )


def _pct(num: int, den: int) -> str:
    return f"{num}/{den} = {100 * num / den:.1f} %" if den else "n/a"


def _counts(c: Counter[str]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(c.items()))


def render(s: SampleSummary) -> str:
    """Return the summary as Markdown (what the CLI prints and the sample's README quotes)."""
    codes = [c for c, _ in s.schools]
    lines = [
        f"Figures on {s.as_of} (dual-qualified rules `{s.rule_set}`).",
        "",
        "| records | |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in s.records.items()),
        "",
        f"* Enterprises by location: {_counts(s.locations)}.",
        f"* Leading enterprises (`is_leading`): {', '.join(s.leading)}.",
        f"* Postings by type: {_counts(s.posting_types)}; by status: {_counts(s.posting_statuses)}.",
        "",
        f"| school | dual-qualified (recognised, 认定) on {s.as_of} |",
        "|---|---|",
        *(f"| {label} | {_pct(n, d)} |" for label, n, d in s.shares),
        f"| **district** | **{_pct(*s.district)}** |",
        "",
        "Year ends (the last one is "
        + f"{s.as_of}): "
        + " · ".join(f"{y}: {_pct(n, d)}" for y, n, d in s.year_ends)
        + ".",
        f"Not counted, the pipeline: {s.pipeline[0]} eligible on the records and verified, "
        f"{s.pipeline[1]} eligible pending verification (待核实), not recognised yet.",
        "Eligible on the records (verified or pending; not recognition), other bases: "
        + "; ".join(f"{k}: {_pct(n, d)}" for k, n, d in s.other_bases)
        + ".",
        "",
        "Near-qualified (counted, not dual-qualified, one requirement almost met, or dual-qualified "
        "within the rule file's lapse window):",
        "",
        "| staff_no | programme | what is missing |",
        "|---|---|---|",
        *(f"| {sn} | {code} | {what} |" for sn, code, what in s.near),
        "",
        "| year | " + " | ".join(codes) + " | district |",
        "|---|" + "---|" * len(codes) + "---|",
        *(
            f"| {y} | "
            + " | ".join(str(row.get(c, "—")) for c in codes)
            + f" | {sum(row.values())} |"
            for y, row in s.enrolment.items()
        ),
    ]
    return "\n".join(lines) + "\n"


sample_app = typer.Typer(help="The sample deployment (data/sample/).", no_args_is_help=True)


@sample_app.command("summary")
def summary_command(
    as_of: Annotated[
        str, typer.Option(help="Evaluate on this date (YYYY-MM-DD; default the sample's today)")
    ] = SAMPLE_TODAY.isoformat(),
) -> None:
    """Print the loaded deployment's figures (records, dual-qualified shares, enrolment)."""
    try:
        day = date.fromisoformat(as_of)
    except ValueError:
        raise typer.BadParameter(f"not a date: {as_of!r} (use YYYY-MM-DD)") from None
    with transaction(get_engine()) as session:
        typer.echo(render(sample_summary(session, as_of=day)), nl=False)


@sample_app.command("scale")
def scale_command(
    postings: Annotated[int, typer.Option(min=1, help="Postings to generate")] = 1_000_000,
    schools: Annotated[int, typer.Option(min=1, help="Schools to generate")] = 300,
    seed: Annotated[int, typer.Option(help="Same seed and --as-of: same rows")] = 1,
    as_of: Annotated[
        str, typer.Option(help="The province's today (YYYY-MM-DD; default today)")
    ] = "",
) -> None:
    """Generate a synthetic province (schools, offerings, enterprises, matched postings).

    Rows of an earlier run are replaced. Load the reference data first; the matcher must be
    trained (`vocmatch train`) for the postings to be matched.
    """
    try:
        day = date.fromisoformat(as_of) if as_of else date.today()
    except ValueError:
        raise typer.BadParameter(f"not a date: {as_of!r} (use YYYY-MM-DD)") from None
    with (
        typer.progressbar(length=postings, label="postings", file=sys.stderr) as bar,
        transaction(get_engine()) as session,
    ):
        counts = scale.generate(
            session,
            postings_count=postings,
            schools=schools,
            seed=seed,
            as_of=day,
            progress=bar.update,
        )
    typer.echo(
        f"province (seed {seed}, as of {day}): {counts.schools} schools, {counts.offerings} "
        f"offerings, {counts.enterprises} enterprises, {counts.postings} postings "
        f"({counts.matched} matched, {counts.index_rows} programme-index rows)"
    )
