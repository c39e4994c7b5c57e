"""Enterprise-practice obligations: who is overdue or due within a year, from dated practice.

The rules come from ``data/teachers_district.yaml`` (``teachers.district``): the national rule
(职业学校教师企业实践规定: at least 6 months in every 5 years) and the Bay Area cadence the district
sets for plan item 30 (落实教师定期到“粤港澳大湾区”企业实践的规定). ``check`` is pure date arithmetic;
the list has names, so it follows the roster's privacy rules (admins and the school's planners,
audited).

Date arithmetic (the same reading as the dual-qualified rules): a practice record counts on day
``d`` when it has ended and ``years_before(d, W) < end_date <= d``. It stops counting on
``drop_day(end, W)`` — the same calendar day W years later (1 March for 29 February). A teacher
hired on ``h`` has until ``first_due = drop_day(h, W)`` to complete the first ``min_days``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from vocmatch.audit.service import record
from vocmatch.kit.i18n import translate
from vocmatch.kit.principal import Principal
from vocmatch.kit.tables import Column, Sheet, to_xlsx
from vocmatch.teachers import repository as repo
from vocmatch.teachers.district import Obligation, Obligations, obligations
from vocmatch.teachers.dual_qualified.evaluation import years_before
from vocmatch.teachers.dual_qualified.facts import PracticeFact
from vocmatch.teachers.roster.service import _scope_ids, audit_view
from vocmatch.teachers.schemas import ObligationRow, ObligationRuleOut, ObligationsOut, ProseOut
from vocmatch.teachers.shares.service import evaluate_roster


def drop_day(day: date, years: int) -> date:
    """Return the first day on which a record that ended on ``day`` is outside a ``years`` window."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February: still counts on 28 February, gone on 1 March
        return date(day.year + years, 3, 1)


def days_in_window(practice: Sequence[PracticeFact], day: date, years: int) -> int:
    """Return the practice days counting on ``day`` (records that ended in the window)."""
    lo = years_before(day, years)
    return sum(p.days for p in practice if lo < p.end_date <= day)


@dataclass(frozen=True)
class Check:
    """One teacher against one obligation on ``as_of``."""

    status: str  # ok | due_soon | overdue | first_period
    days: int  # days counting on as_of
    short: int  # days missing on as_of (0 when met)
    due_on: date | None  # met / first period: the day it lapses (falls due) without new practice
    overdue_since: date | None  # overdue: since when (None: never met and no hiring date)


def check(
    practice: Sequence[PracticeFact],
    *,
    hired_on: date | None,
    rule: Obligation,
    as_of: date,
    due_within_days: int,
) -> Check:
    """Return where a teacher stands against ``rule`` on ``as_of`` (see the module docstring)."""
    w, need = rule.window_years, rule.min_days
    records = [p for p in practice if p.bay_area or not rule.bay_area_only]
    days = days_in_window(records, as_of, w)
    start = max(hired_on, rule.effective_from) if hired_on and rule.effective_from else hired_on
    first_due = drop_day(start, w) if start else None
    short = max(0, need - days)

    def met(day: date) -> bool:
        return days_in_window(records, day, w) >= need

    if days >= need:
        # Without new practice the window loses the most recent records last: it lapses when the
        # record that brings the sum to ``need`` (counting from the latest) drops out.
        total, lapse = 0, as_of
        for p in sorted(
            (p for p in records if years_before(as_of, w) < p.end_date <= as_of),
            key=lambda p: p.end_date,
            reverse=True,
        ):
            total += p.days
            if total >= need:
                lapse = drop_day(p.end_date, w)
                break
        due = max(lapse, first_due) if first_due else lapse
        soon = (due - as_of).days <= due_within_days
        return Check("due_soon" if soon else "ok", days, 0, due, None)
    if first_due is not None and as_of < first_due:
        soon = (first_due - as_of).days <= due_within_days
        return Check("due_soon" if soon else "first_period", days, short, first_due, None)
    # Overdue: since the last day it turned from met (or from the first period) to not met.
    # Compliance changes only on end days (gain) and drop days (loss); between them it is constant.
    events = sorted(
        {
            d
            for p in records
            for d in (p.end_date, drop_day(p.end_date, w))
            if d <= as_of and (first_due is None or d >= first_due)
        }
        | ({first_due} if first_due is not None else set())
    )
    since: date | None = None
    for d in events:
        before_ok = met(d - timedelta(days=1)) or (first_due is not None and d == first_due)
        if not met(d) and before_ok:
            since = d
    return Check("overdue", days, short, None, since)


SHOWN = ("overdue", "due_soon")


def obligation_list(
    session: Session,
    *,
    principal: Principal,
    as_of: date,
    school_code: str | None = None,
    include_ok: bool = False,
    audit: bool = True,
) -> ObligationsOut:
    """Return, per teacher of the basis the caller may see, where they stand against each
    obligation: overdue and due within ``due_within_days`` (all when ``include_ok``). Audited."""
    ids = _scope_ids(session, principal, school_code)
    config: Obligations | None = obligations()
    roster = evaluate_roster(session, as_of=as_of, school_ids=ids)
    codes = {s.id: s.code for s in repo.schools(session)}
    programmes = repo.programme_names(session)
    rows: list[ObligationRow] = []
    counts: dict[str, dict[str, int]] = {}
    for rule in config.rules if config else []:
        tally = counts.setdefault(
            rule.key, {"ok": 0, "due_soon": 0, "overdue": 0, "first_period": 0}
        )
        for e in roster.counted():
            c = check(
                e.facts.practice,
                hired_on=e.teacher.hired_on,
                rule=rule,
                as_of=as_of,
                due_within_days=config.due_within_days if config else 365,
            )
            tally[c.status] += 1
            if not include_ok and c.status not in SHOWN:
                continue
            t = e.teacher
            rows.append(
                ObligationRow(
                    teacher_id=t.id,
                    staff_no=t.staff_no,
                    name=t.name,
                    school_code=codes.get(t.school_id, ""),
                    programme_code=t.programme_code,
                    programme_name=programmes.get(t.programme_code or "", ""),
                    rule=rule.key,
                    status=c.status,  # type: ignore[arg-type]
                    days_in_window=c.days,
                    min_days=rule.min_days,
                    window_years=rule.window_years,
                    days_short=c.short,
                    due_on=c.due_on,
                    overdue_since=c.overdue_since,
                )
            )
    order = {"overdue": 0, "due_soon": 1, "first_period": 2, "ok": 3}
    rows.sort(key=lambda r: (order[r.status], r.rule, r.due_on or date.min, r.staff_no))
    if audit:
        audit_view(
            session,
            principal,
            what="teacher_roster",
            entity_id=school_code or "*",
            detail={"page": "obligations", "as_of": as_of.isoformat(), "rows": len(rows)},
        )
    return ObligationsOut(
        as_of=as_of,
        scope=school_code or "all",
        configured=config is not None,
        due_within_days=config.due_within_days if config else 0,
        applies_to=ProseOut(**config.applies_to.model_dump()) if config else ProseOut(),
        rules=[ObligationRuleOut(**r.model_dump()) for r in (config.rules if config else [])],
        counts=counts,
        items=rows,
    )


def _columns(lang: str) -> list[Column]:
    def t(key: str) -> str:
        return translate(key, lang)

    return [
        Column("staff_no", t("teachers.staff_no")),
        Column("name", t("teachers.name")),
        Column("school", t("teachers.school")),
        Column("programme_code", t("teachers.ob.programme_code")),
        Column("programme", t("teachers.programme")),
        Column("rule", t("teachers.ob.rule_col")),
        Column("status", t("teachers.status")),
        Column("days_in_window", t("teachers.ob.days"), "int"),
        Column("min_days", t("teachers.ob.min_days"), "int"),
        Column("window_years", t("teachers.ob.window_years"), "int"),
        Column("days_short", t("teachers.ob.short"), "int"),
        Column("due_on", t("teachers.ob.due_on"), "date"),
        Column("overdue_since", t("teachers.ob.overdue_since"), "date"),
    ]


def export_obligations(
    session: Session,
    *,
    principal: Principal,
    as_of: date,
    school_code: str | None = None,
    lang: str = "zh",
) -> bytes:
    """Return the overdue / due-within-a-year list as XLSX in ``lang`` (names: roster scope;
    audited): obligations and statuses in words, a 说明 sheet with each rule's source."""
    out = obligation_list(
        session, principal=principal, as_of=as_of, school_code=school_code, audit=False
    )

    def t(key: str, **kw: object) -> str:
        return translate(key, lang, **kw)

    rows = [
        [
            r.staff_no, r.name, r.school_code, r.programme_code or "", r.programme_name,
            t(f"teachers.ob.rule_name.{r.rule}"), t(f"teachers.ob.status.{r.status}"),
            r.days_in_window, r.min_days, r.window_years, r.days_short, r.due_on, r.overdue_since,
        ]
        for r in out.items
    ]  # fmt: skip
    notes = [t("teachers.ob.export_as_of", day=as_of.isoformat())]
    for rule in out.rules:
        quote = f"「{rule.quote}」" if rule.quote else ""
        source = rule.source.zh if lang == "zh" else rule.source.en
        reading = rule.interpretation.zh if lang == "zh" else rule.interpretation.en
        notes.append(
            f"{t(f'teachers.ob.rule_name.{rule.key}')}：{source or rule.source.zh} {quote}"
            f"（{reading or rule.interpretation.zh}）"
        )
    content = to_xlsx([Sheet(t("teachers.ob.sheet"), _columns(lang), rows)], lang=lang, notes=notes)
    record(
        session,
        actor=principal.audit_name(),
        action="export",
        entity_type="teacher_obligations",
        entity_id=school_code or "*",
        detail={"rows": len(out.items), "as_of": as_of.isoformat(), "format": "xlsx"},
    )
    return content
