"""The intake plan as a mixed-integer programme, solved with ``scipy.optimize.milp`` (HiGHS).

Variables (whole places): for each offering in scope an increase p ≥ 0 and a decrease m ≥ 0
(x = x0 + p − m, bounded as ``inputs.py`` says); for each candidate new offering an intake z and
a switch y ∈ {0, 1}; for each target programme c the shortfall u_c ≥ 0 and the surplus v_c ≥ 0 of
its labour supply against the balanced band; the trajectory shortfall s ≥ 0.

    minimise  Σ_c w_c (u_c + v_c)                       evidence-weighted unmet + surplus
            + cost_change Σ (p + m + z)                 prefer fewer changes
            + cost_unknown Σ_{o: evidence insufficient} (p + m)
            + cost_open Σ y + cost_shortfall · s
    subject to
      u_c ≥ lower·D_c − E_c(x),  v_c ≥ E_c(x) − upper·D_c,  E_c(x) = fixed_c + Σ k_o x_o + Σ k_j z_j
      Σ (p − m) + Σ z + s ≥ required          enrolment trajectory (soft: s is reported)
      Σ (p − m) + Σ z ≥ 0                      the 中职 : 普高 place ratio does not fall
      Σ_{o ∈ school} (p − m) + Σ_{j ∈ school} z ≤ max(0, room − x0_school)   capacity
      lower_j · y_j ≤ z_j ≤ upper_j · y_j;  Σ_{j of c} y_j ≤ 1   one class, one school

``evaluate`` scores any plan (the optimiser's, or a planner's what-if) with the same terms and
reports each constraint, so the what-if runs the same model.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import lil_matrix

from vocmatch.analytics.method import CostsDef
from vocmatch.analytics.plan.inputs import NewVar, PlanInputs


@dataclass
class Plan:
    """Intake changes per offering id and new offerings (school id, programme) → intake."""

    delta: dict[int, int] = field(default_factory=dict)
    new: dict[tuple[int, str], int] = field(default_factory=dict)
    status: str = "optimal"
    seconds: float = 0.0


@dataclass
class Terms:
    unmet: float
    surplus: float
    unknown_moves: float
    changes: float
    opened: float
    shortfall: float

    @property
    def total(self) -> float:
        """Return the objective."""
        return (
            self.unmet
            + self.surplus
            + self.unknown_moves
            + self.changes
            + self.opened
            + self.shortfall
        )


def supply_of(inputs: PlanInputs, plan: Plan) -> dict[str, float]:
    """Return each target programme's labour supply a year under ``plan`` (steady state)."""
    out = {c: t.fixed for c, t in inputs.targets.items()}
    for v in inputs.offerings:
        code = v.offering.programme_code
        if code in out:
            out[code] += v.k * (v.x0 + plan.delta.get(v.offering.id, 0))
    for j in inputs.new:
        z = plan.new.get((j.school_id, j.programme_code), 0)
        if j.programme_code in out:
            out[j.programme_code] += j.k * z
    return out


def evaluate(inputs: PlanInputs, plan: Plan, costs: CostsDef) -> Terms:
    """Return the objective's terms for ``plan`` (people a year)."""
    supply = supply_of(inputs, plan)
    unmet = surplus = 0.0  # the same terms as actions.deviation, kept apart
    for c, t in inputs.targets.items():
        e = supply[c]
        unmet += t.weight * max(0.0, t.lower * t.demand - e)
        surplus += t.weight * max(0.0, e - t.upper * t.demand)
    moved = sum(abs(plan.delta.get(v.offering.id, 0)) for v in inputs.offerings)
    unknown = sum(
        abs(plan.delta.get(v.offering.id, 0))
        for v in inputs.offerings
        if v.offering.programme_code in inputs.unknown
    )
    opened = [z for z in plan.new.values() if z > 0]
    change = sum(plan.delta.values()) + sum(opened)
    return Terms(
        unmet=unmet,
        surplus=surplus,
        unknown_moves=costs.unknown_evidence_move * unknown,
        changes=costs.change * (moved + sum(opened)),
        opened=costs.open_programme * len(opened),
        shortfall=costs.trajectory_shortfall * max(0, inputs.required - change),
    )


def solve(inputs: PlanInputs, costs: CostsDef, time_limit: float) -> Plan:
    """Return the optimal plan (or the best found within ``time_limit`` seconds)."""
    started = time.perf_counter()
    offs, news = inputs.offerings, inputs.new
    codes = sorted(inputs.targets)
    n_o, n_j, n_c = len(offs), len(news), len(codes)
    P, M = 0, n_o
    Z, Y = 2 * n_o, 2 * n_o + n_j
    U, V = 2 * n_o + 2 * n_j, 2 * n_o + 2 * n_j + n_c
    S = 2 * n_o + 2 * n_j + 2 * n_c
    n = S + 1
    cost = np.zeros(n)
    lb, ub = np.zeros(n), np.full(n, np.inf)
    integrality = np.zeros(n)
    for i, v in enumerate(offs):
        extra = costs.unknown_evidence_move if v.offering.programme_code in inputs.unknown else 0.0
        cost[P + i] = cost[M + i] = costs.change + extra
        ub[P + i] = v.upper - v.x0
        ub[M + i] = v.x0 - v.lower
        integrality[P + i] = integrality[M + i] = 1
    for j, nv in enumerate(news):
        cost[Z + j] = costs.change
        cost[Y + j] = costs.open_programme
        ub[Z + j], ub[Y + j] = nv.upper, 1
        integrality[Z + j] = integrality[Y + j] = 1
    for ci, c in enumerate(codes):
        cost[U + ci] = cost[V + ci] = inputs.targets[c].weight
    cost[S] = costs.trajectory_shortfall
    rows: list[tuple[dict[int, float], float, float]] = []
    by_code_o: dict[str, list[int]] = defaultdict(list)
    for i, v in enumerate(offs):
        by_code_o[v.offering.programme_code].append(i)
    by_code_j: dict[str, list[int]] = defaultdict(list)
    for j, nv in enumerate(news):
        by_code_j[nv.programme_code].append(j)
    for ci, c in enumerate(codes):
        t = inputs.targets[c]
        s0 = t.fixed + sum(offs[i].k * offs[i].x0 for i in by_code_o[c])
        gain = {P + i: offs[i].k for i in by_code_o[c]}
        gain |= {M + i: -offs[i].k for i in by_code_o[c]}
        gain |= {Z + j: news[j].k for j in by_code_j[c]}
        rows.append(({U + ci: 1.0, **gain}, t.lower * t.demand - s0, np.inf))
        rows.append(
            ({V + ci: 1.0, **{k: -x for k, x in gain.items()}}, s0 - t.upper * t.demand, np.inf)
        )
    net = {P + i: 1.0 for i in range(n_o)} | {M + i: -1.0 for i in range(n_o)}
    net |= {Z + j: 1.0 for j in range(n_j)}
    rows.append(({**net, S: 1.0}, float(inputs.required), np.inf))
    rows.append((dict(net), 0.0, np.inf))
    for school in inputs.scope:
        if school.id not in inputs.room:
            continue
        x0 = sum(v.x0 for v in offs if v.offering.school_id == school.id)
        coef = {P + i: 1.0 for i, v in enumerate(offs) if v.offering.school_id == school.id}
        coef |= {M + i: -1.0 for i, v in enumerate(offs) if v.offering.school_id == school.id}
        coef |= {Z + j: 1.0 for j, nv in enumerate(news) if nv.school_id == school.id}
        rows.append((coef, -np.inf, float(max(0, inputs.room[school.id] - x0))))
    for j, nv in enumerate(news):
        rows.append(({Z + j: 1.0, Y + j: -float(nv.lower)}, 0.0, np.inf))
        rows.append(({Z + j: 1.0, Y + j: -float(nv.upper)}, -np.inf, 0.0))
    for js in by_code_j.values():
        rows.append(({Y + j: 1.0 for j in js}, -np.inf, 1.0))
    a = lil_matrix((len(rows), n))
    lo_r, hi_r = np.empty(len(rows)), np.empty(len(rows))
    for r, (coef, lo, hi) in enumerate(rows):
        for col, x in coef.items():
            a[r, col] = x
        lo_r[r], hi_r[r] = lo, hi
    res = milp(
        cost,
        constraints=LinearConstraint(a.tocsr(), lo_r, hi_r),
        bounds=Bounds(lb, ub),
        integrality=integrality,
        options={"time_limit": time_limit, "mip_rel_gap": 1e-6},
    )
    seconds = time.perf_counter() - started
    if res.x is None:
        return Plan(status="infeasible", seconds=seconds)
    x = np.round(res.x).astype(int)
    plan = Plan(
        delta={v.offering.id: int(x[P + i] - x[M + i]) for i, v in enumerate(offs)},
        new={
            (nv.school_id, nv.programme_code): int(x[Z + j])
            for j, nv in enumerate(news)
            if x[Y + j] > 0 and x[Z + j] > 0
        },
        status="optimal" if res.status == 0 else "time_limit",
        seconds=seconds,
    )
    plan.delta = {k: d for k, d in plan.delta.items() if d}
    return plan


def new_var(inputs: PlanInputs, school_id: int, code: str) -> NewVar | None:
    """Return the candidate new offering of ``code`` at a school, if the model has one."""
    return next(
        (j for j in inputs.new if j.school_id == school_id and j.programme_code == code), None
    )
