"""What the plan model needs, gathered from one snapshot: variables, bounds, targets, limits.

* Each offering of a school in scope is a variable x (next year's intake, whole places) in
  [x0 − ⌊max_change·x0⌋, x0 + ⌊max_change·x0⌋] — so no change is ever larger than the offering's
  own intake. Featured and 3+2 offerings may not fall below x0; an order class keeps its places
  (the cohort places its partner posted in the window; all of x0 when its size is unknown).
* A programme nobody offers, with at least ``open_min_demand`` unserved hires a year and
  sufficient evidence, may be opened with one class at a related school in scope.
* Each programme with sufficient evidence is a target: labour supply E(x) = Σ k_o·x_o (k =
  completion × employment share) should lie in [lower·D, upper·D] of the balanced band.
* Trajectory: next year's enrolment ≈ enrolled − graduating + intake must reach the plan's path;
  the scope carries its share (its intake ÷ the district's) of the district's required change.
* Capacity: a school's next-year enrolment may not exceed min(places, teachers ×
  students_per_teacher, training stations × students_per_training_station) — or its intake stays
  where it is when it is already beyond.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from vocmatch.analytics.demand.evidence import evidence
from vocmatch.analytics.fit import scoring as f
from vocmatch.analytics.snapshot import Analysis, Snapshot
from vocmatch.analytics.supply.offerings import OfferingInfo, SchoolInfo
from vocmatch.analytics.targets import enrolment_trajectory

FEATURED = "featured"
ARTICULATION = "articulation"
ORDER_CLASS = "order_class"


@dataclass(frozen=True)
class OfferingVar:
    offering: OfferingInfo
    school_code: str
    lower: int
    upper: int
    k: float  # graduates entering work a year per intake place
    reasons: tuple[str, ...]  # why it may not be cut below x0 (or below its cohort places)
    known: bool  # its programme's evidence is sufficient

    @property
    def x0(self) -> int:
        """Return the intake now."""
        return self.offering.intake_plan


@dataclass(frozen=True)
class NewVar:
    school_id: int
    school_code: str
    programme_code: str
    k: float
    lower: int
    upper: int


@dataclass(frozen=True)
class Target:
    code: str
    demand: float  # hires a year (unserved hires for a programme nobody offers)
    weight: float  # evidence strength
    fixed: float  # labour supply of offerings outside the scope
    lower: float  # balanced band
    upper: float


@dataclass
class PlanInputs:
    scope: list[SchoolInfo]
    offerings: list[OfferingVar]
    new: list[NewVar]
    targets: dict[str, Target]
    unknown: set[str]  # programmes moved at a cost: evidence insufficient
    required: int  # Δ intake the trajectory asks of the scope
    trajectory: int | None
    plan_year: int
    intake_now: int  # Σ x0 of the scope
    room: dict[int, int] = field(default_factory=dict)  # school → most intake capacity allows
    max_change: float = 0.3


def _reserved(o: OfferingInfo, snap: Snapshot) -> int | None:
    """Return the order-class places of an offering (None: no order class or apprenticeship)."""
    partners = o.cohort_partners
    if not partners:
        return None
    p = snap.cube.programmes.get(o.programme_code)
    posted = sum(p.cohort_by_enterprise.get(e, 0) for e in partners) if p else 0
    if posted <= 0:
        return o.intake_plan  # an order class whose size no posting gives: keep the intake
    return min(o.intake_plan, math.ceil(posted * snap.cube.per_year - 1e-9))


def offering_var(o: OfferingInfo, snap: Snapshot, a: Analysis, max_change: float) -> OfferingVar:
    """Return an offering's variable: bounds, protections, labour supply per place."""
    step = math.floor(max_change * o.intake_plan + 1e-9)
    lower, upper = o.intake_plan - step, o.intake_plan + step
    reasons = []
    if o.featured:
        reasons.append(FEATURED)
    if o.articulation:
        reasons.append(ARTICULATION)
    if reasons:
        lower = o.intake_plan
    reserved = _reserved(o, snap)
    if reserved is not None:
        reasons.append(ORDER_CLASS)
        lower = max(lower, reserved)
    school = snap.supply.schools[o.school_id]
    fit = a.programmes.get(o.programme_code)
    return OfferingVar(
        offering=o,
        school_code=school.code,
        lower=lower,
        upper=upper,
        k=o.completion * o.employment.share,
        reasons=tuple(reasons),
        known=bool(fit and fit.evidence.sufficient),
    )


def room(school: SchoolInfo, offs: list[OfferingInfo], snap: Snapshot) -> int | None:
    """Return the most intake a school can take next year (None without a capacity record)."""
    cap = school.capacity
    if cap is None:
        return None
    plan = snap.method.planning
    limit = min(
        cap.places,
        math.floor(cap.teachers * plan.students_per_teacher),
        math.floor(cap.training_stations * plan.students_per_training_station),
    )
    staying = sum(o.enrolled for o in offs) - sum(o.graduates for o in offs)
    return max(0, limit - staying)


def _candidates(code: str, scope: list[SchoolInfo], snap: Snapshot, n: int) -> list[SchoolInfo]:
    """Return up to ``n`` schools in scope for a new programme: same 专业类 first, then 大类."""
    cls, dalei = snap.supply.classes.get(code, ("", ""))
    offered: dict[int, set[tuple[str, str]]] = {}
    for o in snap.supply.offerings:
        offered.setdefault(o.school_id, set()).add(
            snap.supply.classes.get(o.programme_code, ("", ""))
        )
    ranked = sorted(
        scope,
        key=lambda s: (
            -any(c == cls for c, _ in offered.get(s.id, ())),
            -any(d == dalei for _, d in offered.get(s.id, ())),
            s.code,
        ),
    )
    if len(scope) == 1:
        return ranked
    return [s for s in ranked if any(d == dalei for _, d in offered.get(s.id, ()))][:n]


def plan_inputs(snap: Snapshot, a: Analysis, scope_ids: set[int], max_change: float) -> PlanInputs:
    """Return the plan model's inputs for the schools ``scope_ids``."""
    method = snap.method
    supply = snap.supply
    lo, hi = f.balanced_range(method.fit.bands)
    scope = [s for s in supply.schools.values() if s.id in scope_ids]
    inside = [o for o in supply.offerings if o.school_id in scope_ids]
    outside = [o for o in supply.offerings if o.school_id not in scope_ids]
    variables = [offering_var(o, snap, a, max_change) for o in inside]
    targets: dict[str, Target] = {}
    unknown: set[str] = set()
    for code in {v.offering.programme_code for v in variables}:
        fit = a.programmes[code]
        if not fit.evidence.sufficient:
            unknown.add(code)
            continue
        fixed = sum(o.graduates * o.employment.share for o in outside if o.programme_code == code)
        targets[code] = Target(code, a.states[code].demand, fit.evidence.strength, fixed, lo, hi)
    plan = method.planning
    new: list[NewVar] = []
    k_new = method.supply.default_completion * method.supply.default_employment_share
    for code, p in snap.cube.unserved_programmes.items():
        hires = p.by_kind.get("graduate_demand", 0) * snap.cube.per_year
        if code in supply.offered() or hires < plan.open_min_demand:
            continue
        ev = evidence(p, supply.chain_keys(code), method)
        if not ev.sufficient:
            continue
        targets[code] = Target(code, hires, ev.strength, 0.0, lo, hi)
        for s in _candidates(code, scope, snap, plan.new_programme_schools):
            new.append(NewVar(s.id, s.code, code, k_new, plan.new_class_min, plan.new_class_max))
    district_now = sum(o.enrolled for o in supply.offerings)
    leavers = sum(o.graduates for o in supply.offerings)
    district_intake = sum(o.intake_plan for o in supply.offerings)
    trajectory = enrolment_trajectory(
        snap.targets,
        supply.year + 1,
        now_year=supply.year,
        now=district_now,
        catch_up_years=plan.catch_up_years,
    )
    required_district = (
        trajectory - (district_now - leavers) - district_intake if trajectory is not None else 0
    )
    intake_now = sum(o.intake_plan for o in inside)
    share = intake_now / district_intake if district_intake else 0.0
    required = math.ceil(max(0, required_district) * share - 1e-9)
    rooms = {}
    for s in scope:
        r = room(s, [o for o in inside if o.school_id == s.id], snap)
        if r is not None:
            rooms[s.id] = r
    return PlanInputs(
        scope=scope,
        offerings=variables,
        new=new,
        targets=targets,
        unknown=unknown,
        required=required,
        trajectory=trajectory,
        plan_year=supply.year + 1,
        intake_now=intake_now,
        room=rooms,
        max_change=max_change,
    )
