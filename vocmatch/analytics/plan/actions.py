"""A plan turned into what a planner reads: actions with numbers, effects, warnings and checks."""

from __future__ import annotations

import math
from collections.abc import Sequence

from vocmatch.analytics.indicators.effects import Change, Effect, effects
from vocmatch.analytics.people import people
from vocmatch.analytics.plan.inputs import NewVar, OfferingVar, PlanInputs, Target
from vocmatch.analytics.plan.model import Plan, Terms, supply_of
from vocmatch.analytics.plan.schemas import Action, Check, Kept, Objective
from vocmatch.analytics.schemas import EvidenceOut, Indicator
from vocmatch.analytics.snapshot import Analysis, Snapshot


def objective(t: Terms) -> Objective:
    """Return the API shape of the objective's terms (rounded to 0.1 person)."""
    return Objective(
        total=round(t.total, 1),
        unmet=round(t.unmet, 1),
        surplus=round(t.surplus, 1),
        unknown_moves=round(t.unknown_moves, 1),
        changes=round(t.changes, 1),
        opened=round(t.opened, 1),
        shortfall=round(t.shortfall, 1),
    )


def deviation(t: Target, supply: float) -> float:
    """Return w · (short of the balanced band + beyond it): a target's share of the objective."""
    return t.weight * (
        max(0.0, t.lower * t.demand - supply) + max(0.0, supply - t.upper * t.demand)
    )


def action(
    snap: Snapshot,
    a: Analysis,
    inputs: PlanInputs,
    indicators: Sequence[Indicator],
    *,
    var: OfferingVar | None,
    new: NewVar | None,
    places: int,
    base: dict[str, float] | None = None,
) -> Action:
    """Return one intake change as an action; ``base``: the supply of the unchanged plan."""
    method = snap.method
    base = base if base is not None else supply_of(inputs, Plan())
    years = method.planning.study_years
    if var is not None:
        o = var.offering
        code, school_id, x0, completion = o.programme_code, o.school_id, o.intake_plan, o.completion
        employment = o.employment
        k = var.k
        kind = "expand" if places > 0 else "shrink"
    else:
        assert new is not None
        code, school_id, x0 = new.programme_code, new.school_id, 0
        completion = method.supply.default_completion
        employment = snap.supply.default_employment
        k = new.k
        kind = "open"
    fit = a.programmes.get(code)
    before = base.get(code)
    after = None if before is None else before + k * places
    t = inputs.targets.get(code)
    gain = (
        deviation(t, before) - deviation(t, after)
        if t and before is not None and after is not None
        else 0.0
    )
    ev = (
        fit.evidence
        if fit
        else EvidenceOut(
            postings=0,
            enterprises=0,
            sources=[],
            covering=[],
            sufficient=False,
            strength=0.0,
            reasons=[],
        )
    )
    change = Change(intake=places, enrolment=people(places * years * completion))
    eff = effects(indicators, change)
    school = snap.supply.schools[school_id]
    zone = employment.high_tech_zone or 0.0
    demand = fit.demand if fit and fit.offered else fit.unserved if fit else 0
    return Action(
        kind=kind,
        school_code=school.code,
        school_name=school.short_name,
        programme_code=code,
        programme_name=snap.supply.names.get(code, code),
        places=places,
        intake_before=x0,
        intake_after=x0 + places,
        demand=demand,
        supply_before=people(before) if before is not None else (fit.employed if fit else 0),
        supply_after=people(after)
        if after is not None
        else people((fit.employed if fit else 0) + places * completion * employment.share),
        band=fit.band if fit else "not_offered",
        evidence=ev,
        employment_source=employment.source,
        high_tech_zone=people(places * completion * employment.share * zone),
        improvement=round(gain, 1),
        effects=eff,
        warnings=[e.key for e in eff if e.warning],
    )


def actions(
    snap: Snapshot,
    a: Analysis,
    inputs: PlanInputs,
    plan: Plan,
    indicators: Sequence[Indicator],
) -> list[Action]:
    """Return the plan's actions, the largest improvement first (then the most places)."""
    out = []
    base = supply_of(inputs, Plan())
    for var in inputs.offerings:
        d = plan.delta.get(var.offering.id, 0)
        if d:
            out.append(action(snap, a, inputs, indicators, var=var, new=None, places=d, base=base))
    for (school_id, code), z in plan.new.items():
        nv = next(
            (j for j in inputs.new if j.school_id == school_id and j.programme_code == code), None
        )
        if nv is not None and z > 0:
            out.append(action(snap, a, inputs, indicators, var=None, new=nv, places=z, base=base))
    out.sort(key=lambda x: (-x.improvement, -abs(x.places), x.school_code, x.programme_code))
    for i, x in enumerate(out, start=1):
        x.rank = i
    return out


def kept(snap: Snapshot, inputs: PlanInputs) -> list[Kept]:
    """Return the offerings the plan may not cut, with the floor and the reasons."""
    return [
        Kept(
            school_code=v.school_code,
            programme_code=v.offering.programme_code,
            programme_name=snap.supply.names.get(v.offering.programme_code, ""),
            intake=v.x0,
            floor=v.lower,
            reasons=list(v.reasons),
        )
        for v in inputs.offerings
        if v.reasons
    ]


def checks(inputs: PlanInputs, plan: Plan) -> list[Check]:
    """Return every constraint with whether ``plan`` keeps it (the what-if shows the same)."""
    net = sum(plan.delta.values()) + sum(plan.new.values())
    out = [
        Check(key="trajectory", ok=net >= inputs.required, required=inputs.required, planned=net),
        Check(key="not_falling", ok=net >= 0, required=0, planned=net),
    ]
    for s in inputs.scope:
        if s.id not in inputs.room:
            out.append(Check(key="capacity", ok=True, subject=s.code, detail="not_recorded"))
            continue
        x0 = sum(v.x0 for v in inputs.offerings if v.offering.school_id == s.id)
        d = sum(
            plan.delta.get(v.offering.id, 0)
            for v in inputs.offerings
            if v.offering.school_id == s.id
        )
        d += sum(z for (sid, _c), z in plan.new.items() if sid == s.id)
        limit = max(inputs.room[s.id], x0)
        out.append(
            Check(
                key="capacity", ok=x0 + d <= limit, subject=s.code, required=limit, planned=x0 + d
            )
        )
    for v in inputs.offerings:
        d = plan.delta.get(v.offering.id, 0)
        step = math.floor(inputs.max_change * v.x0 + 1e-9)
        subject = f"{v.school_code} {v.offering.programme_code}"
        if abs(d) > step:
            out.append(Check(key="max_change", ok=False, subject=subject, required=step, planned=d))
        if v.reasons and v.x0 + d < v.lower:
            out.append(
                Check(
                    key="kept",
                    ok=False,
                    subject=subject,
                    required=v.lower,
                    planned=v.x0 + d,
                    detail=",".join(v.reasons),
                )
            )
    return out


def plan_effects(
    snap: Snapshot, inputs: PlanInputs, plan: Plan, indicators: Sequence[Indicator]
) -> list[Effect]:
    """Return the whole plan's effect on every indicator (steady-state enrolment)."""
    years = snap.method.planning.study_years
    students = sum(
        v.offering.completion * plan.delta.get(v.offering.id, 0) for v in inputs.offerings
    ) + sum(snap.method.supply.default_completion * z for z in plan.new.values())
    net = sum(plan.delta.values()) + sum(plan.new.values())
    return effects(indicators, Change(intake=net, enrolment=people(students * years)))
