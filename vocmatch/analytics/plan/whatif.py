"""The what-if: a planner's own intakes, scored and checked by the same model as the optimiser.

Nothing is written. The changed intakes are a plan like the optimiser's: the same objective
terms, the same constraints (trajectory, ratio, capacity, ±max change, kept offerings), the same
effects on every indicator and the same warnings. A programme the district does not offer yet is
sized against its unserved demand, as the optimiser does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from vocmatch.analytics.fit.scoring import balanced_range, band, supply_ratio
from vocmatch.analytics.method import CHAIN_KEYS
from vocmatch.analytics.people import people
from vocmatch.analytics.plan.actions import action, checks, objective, plan_effects
from vocmatch.analytics.plan.inputs import NewVar, PlanInputs
from vocmatch.analytics.plan.model import Plan, evaluate, supply_of
from vocmatch.analytics.plan.schemas import (
    WhatIfChain,
    WhatIfChange,
    WhatIfProgramme,
    WhatIfResult,
)
from vocmatch.analytics.schemas import Indicator
from vocmatch.analytics.snapshot import Analysis, Snapshot
from vocmatch.kit.errors import Invalid

NOTE = (
    "Steady state of the new intakes: graduates entering work = intake × completion × "
    "employment share; enrolment changes by Δintake × {years} years × completion. Scored and "
    "checked by the same model as the recommendations. Nothing has been saved."
)


def to_plan(
    snap: Snapshot, inputs: PlanInputs, changes: Sequence[WhatIfChange]
) -> tuple[Plan, PlanInputs]:
    """Return the planner's changes as a plan (and inputs that know any new offering)."""
    schools = {s.code: s for s in inputs.scope}
    by_key = {(v.school_code, v.offering.programme_code): v for v in inputs.offerings}
    errors = []
    for i, ch in enumerate(changes):
        if ch.school_code not in schools:
            errors.append(
                {
                    "field": f"changes.{i}.school_code",
                    "message": "not a school in scope",
                    "key": "an.whatif.school_out_of_scope",
                    "params": {"text": ch.school_code},
                }
            )
        if ch.programme_code not in snap.supply.names:
            errors.append(
                {
                    "field": f"changes.{i}.programme_code",
                    "message": "not a 中职 programme",
                    "key": "catalogue.programme.not_found",
                    "params": {"text": ch.programme_code},
                }
            )
    if errors:
        raise Invalid("the what-if names unknown schools or programmes", errors=errors)
    plan = Plan()
    new = list(inputs.new)
    method = snap.method
    k_new = method.supply.default_completion * method.supply.default_employment_share
    for ch in changes:
        v = by_key.get((ch.school_code, ch.programme_code))
        if v is not None:
            plan.delta[v.offering.id] = ch.intake_plan - v.x0
            continue
        school = schools[ch.school_code]
        if not any(j.school_id == school.id and j.programme_code == ch.programme_code for j in new):
            new.append(NewVar(school.id, school.code, ch.programme_code, k_new, 0, 5000))
        plan.new[(school.id, ch.programme_code)] = ch.intake_plan
    plan.delta = {k: d for k, d in plan.delta.items() if d}
    return plan, replace(inputs, new=new)


def what_if(
    snap: Snapshot,
    a: Analysis,
    inputs: PlanInputs,
    changes: Sequence[WhatIfChange],
    indicators: Sequence[Indicator],
    recommended: Plan,
) -> WhatIfResult:
    """Return the what-if's figures, effects, checks and objective beside the recommended one."""
    plan, inputs = to_plan(snap, inputs, changes)
    costs = snap.method.planning.costs
    before, after = supply_of(inputs, Plan()), supply_of(inputs, plan)
    lo, hi = balanced_range(snap.method.fit.bands)
    del lo, hi
    programmes = []
    touched = sorted(
        {snap.supply.offerings_by_id()[k].programme_code for k in plan.delta}
        | {c for _s, c in plan.new}
    )
    for code in touched:
        fit = a.programmes.get(code)
        demand = (fit.demand if fit.offered else fit.unserved) if fit else 0
        sufficient = bool(fit and fit.evidence.sufficient)
        e0 = fit.employed if fit and fit.offered else 0
        e1 = people(after.get(code, e0 + _unscored(inputs, plan, code)))
        r0, r1 = supply_ratio(e0, demand), supply_ratio(e1, demand)
        g1 = (fit.graduates if fit else 0) + _graduates(snap, inputs, plan, code)
        programmes.append(
            WhatIfProgramme(
                code=code,
                name=snap.supply.names.get(code, code),
                demand=demand,
                graduates_before=fit.graduates if fit else 0,
                graduates_after=g1,
                supply_before=e0,
                supply_after=e1,
                ratio_before=None if r0 is None else round(r0, 3),
                ratio_after=None if r1 is None else round(r1, 3),
                band_before=fit.band if fit else "not_offered",
                band_after=band(r1, sufficient, snap.method.fit.bands),
            )
        )
    del before
    changes_out = []
    for v in inputs.offerings:
        d = plan.delta.get(v.offering.id, 0)
        if d:
            changes_out.append(action(snap, a, inputs, indicators, var=v, new=None, places=d))
    for (sid, code), z in plan.new.items():
        nv = next(j for j in inputs.new if j.school_id == sid and j.programme_code == code)
        changes_out.append(action(snap, a, inputs, indicators, var=None, new=nv, places=z))
    return WhatIfResult(
        note=NOTE.format(years=snap.method.planning.study_years),
        changes=changes_out,
        programmes=programmes,
        chains=_chains(snap, a, inputs, plan),
        effects=plan_effects(snap, inputs, plan, indicators),
        checks=checks(inputs, plan),
        objective_before=objective(evaluate(inputs, Plan(), costs)),
        objective_after=objective(evaluate(inputs, plan, costs)),
        objective_recommended=objective(evaluate(inputs, recommended, costs)),
    )


def _unscored(inputs: PlanInputs, plan: Plan, code: str) -> float:
    """Return the labour-supply change of a programme that is not a target (no evidence)."""
    return sum(
        v.k * plan.delta.get(v.offering.id, 0)
        for v in inputs.offerings
        if v.offering.programme_code == code
    ) + sum(
        j.k * plan.new.get((j.school_id, j.programme_code), 0)
        for j in inputs.new
        if j.programme_code == code
    )


def _graduates(snap: Snapshot, inputs: PlanInputs, plan: Plan, code: str) -> int:
    """Return Δ graduates a year of ``code`` at steady state."""
    g = sum(
        v.offering.completion * plan.delta.get(v.offering.id, 0)
        for v in inputs.offerings
        if v.offering.programme_code == code
    )
    g += sum(
        snap.method.supply.default_completion * z for (_s, c), z in plan.new.items() if c == code
    )
    return people(g)


def _chains(snap: Snapshot, a: Analysis, inputs: PlanInputs, plan: Plan) -> list[WhatIfChain]:
    """Return each chain's labour supply before and after (split by the same placements)."""
    out = []
    for chain in (*CHAIN_KEYS, "none"):
        gap = next(c for c in a.chains if c.key == chain)
        delta = 0.0
        for code in {v.offering.programme_code for v in inputs.offerings} | {
            c for _s, c in plan.new
        }:
            d = _unscored(inputs, plan, code)
            if not d:
                continue
            placed = snap.supply.placements.get(code, [])
            st = a.states.get(code)
            weights = {(s.chain): s.weight for s in st.shares} if st and st.shares else {}
            if not placed:
                delta += d if chain == "none" else 0.0
            elif weights:
                delta += d * sum(s.weight for s in st.shares if s.chain == chain) if st else 0.0
            else:
                n = len(placed)
                delta += d * sum(1 for p in placed if p.chain == chain) / n
        out.append(
            WhatIfChain(
                key=chain,
                demand=gap.demand,
                supply_before=gap.supply,
                supply_after=people(gap.supply + delta),
            )
        )
    return out
