"""The plan's indicators: a registry with one provider function per indicator.

A provider returns a ``Reading`` (value, date, where it came from, trend). Indicators the data can
compute are computed; those it cannot are entered by a person with evidence (``IndicatorValue``,
the latest entry on or before the day wins). Targets, units and how each is compared come from
``targets.plan_targets()``; ``build`` turns a reading into the judged ``Indicator``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from vocmatch.analytics import repository as repo
from vocmatch.analytics.schemas import Indicator, IndicatorPoint
from vocmatch.analytics.supply.offerings import OfferingInfo, Supply
from vocmatch.analytics.targets import IndicatorDef, PlanTargets
from vocmatch.indicators import designations
from vocmatch.indicators.models import IndicatorValue
from vocmatch.kit.i18n import translate
from vocmatch.partnerships.activities import service as partnerships
from vocmatch.teachers.shares import service as teachers


@dataclass
class Reading:
    """An indicator's value on a date, where it came from, and its history."""

    value: float | None
    as_of: date | None
    source: str  # computed | provider | entered | designations | unavailable | unknown
    note: tuple[str, dict[str, Any]] = ("", {})  # UI string key of the detail, and its values
    evidence: str = ""
    trend: list[tuple[date, float]] = field(default_factory=list)


@dataclass
class Context:
    session: Session
    as_of: date
    targets: PlanTargets
    supply: Supply
    entered: dict[str, list[IndicatorValue]]
    memo: dict[Any, Any] = field(default_factory=dict)


Provider = Callable[[Context], Reading]
PROVIDERS: dict[str, Provider] = {}


def provider(key: str) -> Callable[[Provider], Provider]:
    """Register ``fn`` as the provider of indicator ``key``."""

    def register(fn: Provider) -> Provider:
        PROVIDERS[key] = fn
        return fn

    return register


def school_year(year: int) -> date:
    """Return the date a school year's figures stand for: its autumn census, 1 September."""
    return date(year, 9, 1)


def entered(ctx: Context, key: str) -> Reading:
    """Return the latest entered value of ``key`` on or before the day (or 'unavailable')."""
    rows = [v for v in ctx.entered.get(key, []) if v.as_of <= ctx.as_of]
    if not rows:
        return Reading(None, None, "unavailable", note=("an.d.no_value", {}))
    last = rows[-1]
    return Reading(
        last.value,
        last.as_of,
        "entered",
        note=("an.d.entered", {"who": last.entered_by or "—"}),
        evidence=last.evidence,
        trend=[(v.as_of, v.value) for v in rows],
    )


@provider("secondary_vocational_enrolment")
def enrolment(ctx: Context) -> Reading:
    """Σ enrolled over schools, per year of the enrolment history (this year's offerings fill in)."""
    history = {y: (n, k) for y, n, k in repo.enrolment_by_year(ctx.session) if y <= ctx.as_of.year}
    if ctx.supply.year not in history and ctx.supply.offerings:
        reporting = {o.school_id for o in ctx.supply.offerings}
        history[ctx.supply.year] = (sum(o.enrolled for o in ctx.supply.offerings), len(reporting))
    if not history:
        return Reading(None, None, "unavailable", note=("an.d.no_history", {}))
    year = max(history)
    total, schools = history[year]
    return Reading(
        float(total),
        school_year(year),
        "computed",
        note=("an.d.enrolment", {"schools": schools, "year": year}),
        trend=[(school_year(y), float(n)) for y, (n, _) in sorted(history.items())],
    )


def _by_year(ctx: Context, value: Callable[[list[OfferingInfo], int], float], what: str) -> Reading:
    years: dict[int, list[OfferingInfo]] = defaultdict(list)
    for o in ctx.supply.history:
        if o.year <= ctx.as_of.year:
            years[o.year].append(o)
    if not years:
        return Reading(None, None, "unavailable", note=("an.d.no_offerings", {}))
    trend = [(school_year(y), value(offs, y)) for y, offs in sorted(years.items())]
    year = ctx.supply.year if ctx.supply.year in years else max(years)
    return Reading(
        value(ctx.supply.offerings if year == ctx.supply.year else years[year], year),
        school_year(year),
        "computed",
        note=(what, {"year": year}),
        trend=trend,
    )


@provider("chain_featured_programmes")
def chain_featured(ctx: Context) -> Reading:
    """Key demonstration or characteristic offerings of programmes placed in one of the chains
    (the same placements as the fit table and the chain views: industries governance)."""
    placed = ctx.supply.placements
    return _by_year(
        ctx,
        lambda offs, _y: float(
            sum(
                (o.key_demonstration or o.characteristic) and bool(placed.get(o.programme_code))
                for o in offs
            )
        ),
        "an.d.chain_featured",
    )


def _partnerships(ctx: Context, day: date) -> dict[str, Any]:
    """Return the partnerships domain's indicators on ``day`` (computed once per context)."""
    if day not in ctx.memo:
        ctx.memo[day] = partnerships.indicators(ctx.session, as_of=day)
    return ctx.memo[day]


def _from_partnerships(ctx: Context, key: str) -> Reading:
    """Return the partnerships domain's value of ``key`` now and at the plan's deadline (that
    domain reports an entered official value, when there is one, over its own count)."""
    d = ctx.targets.indicator(key)
    deadline = ctx.targets.deadline_of(d) if d is not None else ctx.targets.plan.deadline
    now = _partnerships(ctx, ctx.as_of)[key]
    trend: list[tuple[date, float]] = []
    if ctx.as_of > deadline:
        then = _partnerships(ctx, deadline)[key]
        if then.value is not None:
            trend.append((deadline, float(then.value)))
    if now.value is not None:
        trend.append((ctx.as_of, float(now.value)))
    if key == "five_commons_coverage":
        note: tuple[str, dict[str, Any]] = (
            "an.d.pairings",
            {"num": now.numerator, "den": now.denominator or 0},
        )
    elif now.unit == "share":
        note = ("an.d.share", {"num": now.numerator, "den": now.denominator or 0})
    else:
        note = ("an.d.records", {"n": now.numerator})
    return Reading(
        None if now.value is None else float(now.value),
        now.as_of,
        "provider",
        note=note,
        evidence="；".join(now.evidence[:6]),
        trend=trend,
    )


@provider("leading_enterprise_cooperation")
def leading_cooperation(ctx: Context) -> Reading:
    """Featured programmes with ≥ 1 leading-enterprise partner (agreements in force or offering
    partners) ÷ featured programmes — computed by the partnerships domain."""
    return _from_partnerships(ctx, "leading_enterprise_cooperation")


@provider("five_commons_coverage")
def five_commons(ctx: Context) -> Reading:
    """Pairings (school × Bay Area partner × programme) with all five commons done — the
    partnerships domain; no target (item 30 states a principle)."""
    return _from_partnerships(ctx, "five_commons_coverage")


@provider("bay_area_articulation")
def articulation(ctx: Context) -> Reading:
    """Offerings under an articulation agreement in force with a Bay Area college."""
    return _from_partnerships(ctx, "bay_area_articulation")


def designated(ctx: Context, d: IndicatorDef) -> Reading:
    """Count the designation records the indicator's rule names (kinds, levels) issued on or
    before the day; unknown (value None) without any — never inferred from other records. The
    trend has the cumulative count at each record's date, so the deadline sees only those
    issued by then."""
    assert d.designation is not None
    rows = designations.counted(
        ctx.session, kinds=d.designation.kinds, levels=d.designation.levels(), as_of=ctx.as_of
    )
    if not rows:
        return Reading(None, None, "unknown", note=("an.d.no_designation", {}))
    trend: list[tuple[date, float]] = []
    for n, row in enumerate(rows, start=1):
        if trend and trend[-1][0] == row.issued_on:
            trend.pop()
        trend.append((row.issued_on, float(n)))
    return Reading(
        float(len(rows)),
        rows[-1].issued_on,
        "designations",
        note=("an.d.designations", {"n": len(rows), "sample": sum(r.sample for r in rows)}),
        evidence="；".join(designations.describe(r) for r in rows[:6]),
        trend=trend,
    )


@provider("dual_qualified_share")
def dual_qualified(ctx: Context) -> Reading:
    """Dual-qualified ÷ counted teachers on the day, by the rule file — the teachers domain;
    the trend is the share at each year end since 2021 from the dated records."""
    history = teachers.share_history(
        ctx.session, months=_months_since(date(2021, 1, 1), ctx.as_of), as_of=ctx.as_of
    )
    if not history or history[-1].denominator == 0:
        return entered(ctx, "dual_qualified_share")
    now = history[-1]
    trend = [(p.as_of, p.value) for p in history if p.as_of.month == 12 or p is now]
    return Reading(
        now.value,
        now.as_of,
        "computed",
        note=("an.d.dual_share", {"num": now.numerator, "den": now.denominator}),
        trend=trend,
    )


def _months_since(start: date, end: date) -> int:
    return max(1, (end.year - start.year) * 12 + end.month - start.month + 1)


@provider("general_vocational_ratio")
def general_vocational(ctx: Context) -> Reading:
    """Vocational share of upper-secondary places: V ÷ (V + G), V = Σ intake plan of the year's
    offerings, G = the entered general high-school places (``general_high_school_places``) of the
    latest entry on or before the day."""
    general = [v for v in ctx.entered.get("general_high_school_places", []) if v.as_of <= ctx.as_of]
    if not general:
        return Reading(None, None, "unavailable", note=("an.d.enter_general", {}))
    by_year: dict[int, int] = defaultdict(int)
    for o in ctx.supply.history:
        by_year[o.year] += o.intake_plan
    by_year[ctx.supply.year] = sum(o.intake_plan for o in ctx.supply.offerings)
    trend = [
        (g.as_of, by_year[g.as_of.year] / (by_year[g.as_of.year] + g.value))
        for g in general
        if by_year.get(g.as_of.year) and by_year[g.as_of.year] + g.value > 0
    ]
    last = general[-1]
    vocational = by_year.get(last.as_of.year, 0)
    if vocational + last.value <= 0:
        return Reading(None, None, "unavailable", note=("an.d.no_places", {}))
    return Reading(
        vocational / (vocational + last.value),
        last.as_of,
        "computed",
        note=(
            "an.d.general",
            {"v": vocational, "year": last.as_of.year, "g": f"{last.value:.0f}"},
        ),
        evidence=last.evidence,
        trend=trend,
    )


def _progress(d: IndicatorDef, value: float | None) -> float | None:
    if value is None or d.target is None or d.target == 0:
        return None
    if d.compare == "about":
        return max(0.0, 1.0 - min(1.0, abs(value - d.target) / d.target))
    return max(0.0, min(1.0, value / d.target))


def is_met(d: IndicatorDef, value: float | None) -> bool | None:
    """Return whether ``value`` meets the indicator's target (None without a value or target)."""
    if value is None or d.target is None:
        return None
    if d.compare == "about":
        return abs(value - d.target) <= d.tolerance + 1e-12
    return value >= d.target - 1e-12


def build(d: IndicatorDef, r: Reading, deadline: date, period: str = "") -> Indicator:
    """Return the judged indicator: progress, met now, value at the deadline and met then,
    with the plan's clause and words."""
    before = [v for day, v in r.trend if day <= deadline]
    if not before and r.value is not None and r.as_of is not None and r.as_of <= deadline:
        before = [r.value]
    at_deadline = before[-1] if before else None
    return Indicator(
        **d.words(),
        plan_ref=d.clause,
        period=period,
        unit=d.unit,
        source=r.source,
        value=r.value,
        as_of=r.as_of,
        target=d.target,
        compare=d.compare,
        tolerance=d.tolerance,
        progress=_progress(d, r.value),
        met_now=is_met(d, r.value),
        deadline=deadline,
        at_deadline=at_deadline,
        met_at_deadline=is_met(d, at_deadline),
        detail=translate(r.note[0], "en", **r.note[1]) if r.note[0] else "",
        detail_key=r.note[0],
        detail_args={k: str(v) for k, v in r.note[1].items()},
        evidence=r.evidence,
        trend=[IndicatorPoint(as_of=day, value=v) for day, v in r.trend],
    )


def read_all(ctx: Context) -> list[Indicator]:
    """Return every indicator of the plan, in the order of the targets file."""
    out = []
    for d in ctx.targets.indicators:
        fn = PROVIDERS.get(d.key)
        if d.source == "designations":
            reading = designated(ctx, d)
        elif fn is not None and d.source != "entered":
            reading = fn(ctx)
        else:
            reading = entered(ctx, d.key)
        out.append(build(d, reading, ctx.targets.deadline_of(d), ctx.targets.id))
    return out


def entered_values(session: Session) -> dict[str, list[IndicatorValue]]:
    """Return entered values grouped by indicator, oldest first."""
    out: dict[str, list[IndicatorValue]] = defaultdict(list)
    for v in repo.indicator_values(session):
        out[v.indicator].append(v)
    return out
