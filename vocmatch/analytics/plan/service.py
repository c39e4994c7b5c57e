"""The recommended plan and the what-if, for the district or a planner's schools.

Scope: an admin plans the district (or one school with ``school``); a planner plans their own
schools (or one of them). The other schools' offerings stay as they are and still count in every
programme's labour supply.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from vocmatch.analytics.plan import actions as act
from vocmatch.analytics.plan.inputs import PlanInputs, plan_inputs
from vocmatch.analytics.plan.model import Plan, evaluate, solve
from vocmatch.analytics.plan.schemas import PlanResult, Suggestion, WhatIfRequest, WhatIfResult
from vocmatch.analytics.plan.suggestions import suggestions
from vocmatch.analytics.plan.whatif import what_if as score_what_if
from vocmatch.analytics.schemas import Indicator
from vocmatch.analytics.service import DETAIL_ROLES, check, indicators_of, use
from vocmatch.analytics.snapshot import Analysis, Snapshot
from vocmatch.catalogue.service import resolve_programme
from vocmatch.kit.errors import Invalid, NotFound
from vocmatch.kit.principal import Principal


def scope_of(snap: Snapshot, principal: Principal, school: str | None) -> set[int]:
    """Return the ids of the schools the plan decides for (404 for a school not the caller's)."""
    schools = snap.supply.schools.values()
    if school:
        found = next((s for s in schools if s.code == school), None)
        if found is None or not principal.can_see_school(found.id):
            raise NotFound(f"no school {school!r} among yours")
        return {found.id}
    return {s.id for s in schools if principal.can_see_school(s.id)}


def _solved(snap: Snapshot, scope: set[int], max_change: float) -> tuple[PlanInputs, Plan]:
    key = ("plan", frozenset(scope), max_change)
    if key not in snap.memo:
        a = snap.analyse()
        inputs = plan_inputs(snap, a, scope, max_change)
        plan = solve(inputs, snap.method.planning.costs, snap.method.planning.solver_time_limit_s)
        snap.memo[key] = (inputs, plan)
    inputs, plan = snap.memo[key]
    return inputs, plan


def recommendations(
    session: Session,
    *,
    principal: Principal,
    as_of: date | None = None,
    school: str | None = None,
    max_change: float | None = None,
    solve_again: bool = False,
) -> PlanResult:
    """Return the optimiser's intake plan for next year, its actions, checks and effects."""
    check(principal, DETAIL_ROLES)

    def run(snap: Snapshot) -> PlanResult:
        change = max_change or snap.method.planning.max_change
        scope = scope_of(snap, principal, school)
        if solve_again:
            snap.memo.pop(("plan", frozenset(scope), change), None)
        inputs, plan = _solved(snap, scope, change)
        indicators = indicators_of(session, snap)
        # Indicators are read on every request (other domains' records feed them); the rest of
        # the answer depends only on the snapshot, the scope, the change limit and them.
        key = ("result", frozenset(scope), change, tuple(i.model_dump_json() for i in indicators))
        if key not in snap.memo:
            snap.memo[key] = _result(snap, inputs, plan, indicators, change, scope)
        return snap.memo[key].model_copy(deep=True)

    return use(session, as_of, run)


def _result(
    snap: Snapshot,
    inputs: PlanInputs,
    plan: Plan,
    indicators: list[Indicator],
    change: float,
    scope: set[int],
) -> PlanResult:
    a = snap.analyse()
    costs = snap.method.planning.costs
    net = sum(plan.delta.values()) + sum(plan.new.values())
    return PlanResult(
        scope=sorted(s.code for s in inputs.scope),
        plan_year=inputs.plan_year,
        max_change=change,
        status=plan.status,
        seconds=round(plan.seconds, 3),
        intake_before=inputs.intake_now,
        intake_after=inputs.intake_now + net,
        trajectory_enrolment=inputs.trajectory,
        required_change=inputs.required,
        objective_before=act.objective(evaluate(inputs, Plan(), costs)),
        objective_after=act.objective(evaluate(inputs, plan, costs)),
        actions=act.actions(snap, a, inputs, plan, indicators),
        kept=act.kept(snap, inputs),
        checks=act.checks(inputs, plan),
        effects=act.plan_effects(snap, inputs, plan, indicators),
        suggestions=_suggestions(snap, a, scope),
    )


def _suggestions(snap: Snapshot, a: Analysis, scope: set[int]) -> list[Suggestion]:
    key = ("suggestions", frozenset(scope))
    if key not in snap.memo:
        snap.memo[key] = suggestions(snap, a, scope)
    return list(snap.memo[key])


def _resolved(
    session: Session, request: WhatIfRequest
) -> tuple[WhatIfRequest, dict[str, dict[str, Any]]]:
    """Return ``request`` with every programme named by its code, and the error of each change
    whose programme is unknown or ambiguous (by field; those changes keep the text typed)."""
    changes, errors = [], {}
    for i, ch in enumerate(request.changes):
        field = f"changes.{i}.programme_code"
        try:
            code = resolve_programme(session, text=ch.programme_code, field=field)
        except Invalid as exc:
            errors[field] = exc.errors[0]
            code = ch.programme_code
        changes.append(ch.model_copy(update={"programme_code": code}))
    return request.model_copy(update={"changes": changes}), errors


def _unknown(found: list[dict[str, Any]], unresolved: dict[str, dict[str, Any]]) -> Invalid:
    """One error naming every unknown school and programme (the resolver's words for these)."""
    errors = [unresolved.get(str(e["field"]), e) for e in found]
    errors += [e for f, e in unresolved.items() if f not in {str(x["field"]) for x in found}]
    return Invalid("the what-if names unknown schools or programmes", errors=errors)


def what_if(
    session: Session,
    *,
    principal: Principal,
    request: WhatIfRequest,
    as_of: date | None = None,
    school: str | None = None,
) -> WhatIfResult:
    """Score the planner's intakes with the recommendation model; nothing is written.

    A change may name its programme by code or by name (``catalogue.service.resolve_programme``).
    """
    check(principal, DETAIL_ROLES)
    request, unresolved = _resolved(session, request)

    def run(snap: Snapshot) -> WhatIfResult:
        change = request.max_change or snap.method.planning.max_change
        scope = scope_of(snap, principal, school)
        inputs, plan = _solved(snap, scope, change)
        a = snap.analyse()
        try:
            result = score_what_if(
                snap, a, inputs, request.changes, indicators_of(session, snap), plan
            )
        except Invalid as exc:
            raise _unknown(exc.errors, unresolved) from None
        if unresolved:
            raise _unknown([], unresolved)
        return result

    return use(session, as_of, run)
