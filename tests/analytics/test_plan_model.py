"""The intake plan as a mixed-integer programme: every constraint and the objective, on small
hand-built cases whose optimum is worked out in the comments."""

from __future__ import annotations

from vocmatch.analytics.method import CostsDef
from vocmatch.analytics.plan.inputs import NewVar, OfferingVar, PlanInputs, Target
from vocmatch.analytics.plan.model import Plan, evaluate, solve
from vocmatch.analytics.supply.employment import Employment
from vocmatch.analytics.supply.offerings import OfferingInfo, SchoolInfo

COSTS = CostsDef(trajectory_shortfall=100, unknown_evidence_move=0.1, change=0.01, open_programme=5)
SCHOOL = SchoolInfo(1, "S1", "学校一", "学校一", "public")
HALF = Employment(share=0.5, source="records", high_tech_zone=None, years=())


def offering(i: int, code: str, x0: int, *, lower: int | None = None, reasons=()) -> OfferingVar:
    """An offering with completion 1 and employment share 0.5: k = 0.5 worker a year per place."""
    o = OfferingInfo(
        id=i,
        school_id=SCHOOL.id,
        programme_code=code,
        year=2026,
        intake_plan=x0,
        enrolled=3 * x0,
        graduates=x0,
        key_demonstration=False,
        characteristic=False,
        provincial_quality=False,
        school_courses="",
        completion=1.0,
        employment=HALF,
    )
    step = x0 * 3 // 10
    return OfferingVar(
        offering=o,
        school_code=SCHOOL.code,
        lower=x0 - step if lower is None else lower,
        upper=x0 + step,
        k=0.5,
        reasons=tuple(reasons),
        known=True,
    )


def inputs(
    offs: list[OfferingVar],
    targets: dict[str, Target],
    *,
    required: int = 0,
    room: dict[int, int] | None = None,
    new: list[NewVar] | None = None,
    unknown: set[str] | None = None,
) -> PlanInputs:
    return PlanInputs(
        scope=[SCHOOL],
        offerings=offs,
        new=new or [],
        targets=targets,
        unknown=unknown or set(),
        required=required,
        trajectory=None,
        plan_year=2027,
        intake_now=sum(v.x0 for v in offs),
        room=room or {},
    )


def target(code: str, demand: float, weight: float = 1.0) -> Target:
    return Target(code, demand, weight, fixed=0.0, lower=0.9, upper=1.2)


def test_a_shortage_grows_by_the_largest_change_allowed() -> None:
    # X: 100 places → 50 entering work; demand 100 → short of 0.9·100 by 40. Each added place
    # lowers that by 0.5 and costs 0.01: grow to the bound +30 → supply 65, short 25.
    case = inputs([offering(1, "X", 100)], {"X": target("X", 100)})
    plan = solve(case, COSTS, 5)
    assert plan.delta == {1: 30} and plan.status == "optimal"
    terms = evaluate(case, plan, COSTS)
    assert (terms.unmet, terms.surplus, round(terms.changes, 2)) == (25.0, 0.0, 0.3)


def test_a_surplus_shrinks_into_a_shortage_unless_the_offering_is_kept() -> None:
    # Y: 100 places → 50 entering work; demand 20 → 26 beyond 1.2·20 = 24. X short by 40 as
    # above. Intake may not fall in total, so a cut of Y needs growth of X: −30 / +30 →
    # Y 35 (11 beyond), X 65 (25 short).
    case = inputs(
        [offering(1, "X", 100), offering(2, "Y", 100)],
        {"X": target("X", 100), "Y": target("Y", 20)},
    )
    plan = solve(case, COSTS, 5)
    assert plan.delta == {1: 30, 2: -30}
    terms = evaluate(case, plan, COSTS)
    assert (terms.unmet, terms.surplus) == (25.0, 11.0)
    # A featured (or 3+2, or order-class) offering may not fall below its intake.
    kept = inputs(
        [offering(1, "X", 100), offering(2, "Y", 100, lower=100, reasons=("featured",))],
        {"X": target("X", 100), "Y": target("Y", 20)},
    )
    assert solve(kept, COSTS, 5).delta == {1: 30}


def test_the_trajectory_wins_over_a_surplus() -> None:
    # The plan's path needs 20 more places; Y is the only offering: growing it adds 10 surplus
    # (0.5 × 20) but falling short would cost 100 a place: +20, exactly the requirement.
    case = inputs([offering(2, "Y", 100)], {"Y": target("Y", 20)}, required=20)
    plan = solve(case, COSTS, 5)
    assert plan.delta == {2: 20}
    terms = evaluate(case, plan, COSTS)
    assert (terms.surplus, terms.shortfall) == (36.0, 0.0)  # 60 − 24
    # Beyond the largest change the shortfall is paid and reported.
    far = inputs([offering(2, "Y", 100)], {"Y": target("Y", 20)}, required=50)
    assert solve(far, COSTS, 5).delta == {2: 30}
    assert evaluate(far, Plan(delta={2: 30}), COSTS).shortfall == 100 * 20


def test_intake_never_falls_so_the_vocational_share_never_falls() -> None:
    # Two surpluses and a required change of 0: cutting both is cheaper, but the total may not
    # fall — one cut must be balanced by growth elsewhere, which costs more than it saves.
    case = inputs(
        [offering(1, "Y", 100), offering(2, "W", 100)],
        {"Y": target("Y", 20), "W": target("W", 100)},
    )
    plan = solve(case, COSTS, 5)
    assert sum(plan.delta.values()) >= 0


def test_capacity_limits_growth() -> None:
    # The school can take at most 110 next year: X grows by 10, not 30.
    case = inputs([offering(1, "X", 100)], {"X": target("X", 100)}, room={SCHOOL.id: 110})
    assert solve(case, COSTS, 5).delta == {1: 10}


def test_a_new_programme_opens_with_one_class_for_unserved_demand() -> None:
    # Z: 40 unserved hires a year, nobody offers it. One class of 30–50 places, k = 0.45:
    # unopened, short by 0.9·40 = 36; with 50 places supply 22.5, short 13.5; cost 13.5 + 5
    # (opening) + 0.5 (50 places moved × 0.01) = 19 < 36 → open 50.
    z = NewVar(SCHOOL.id, SCHOOL.code, "Z", 0.45, 30, 50)
    case = inputs([], {"Z": Target("Z", 40, 1.0, 0.0, 0.9, 1.2)}, new=[z])
    plan = solve(case, COSTS, 5)
    assert plan.new == {(SCHOOL.id, "Z"): 50}
    assert round(evaluate(case, plan, COSTS).total, 2) == 19.0
    # Below the opening cost nothing opens: 8 hires → short 7.2 at most.
    small = inputs([], {"Z": Target("Z", 8, 1.0, 0.0, 0.9, 1.2)}, new=[z])
    assert solve(small, COSTS, 5).new == {}


def test_growth_without_evidence_costs_less_than_growth_into_a_surplus() -> None:
    # 10 more places are required. W has no sufficient evidence (0.1 + 0.01 a place); Y is in
    # surplus (0.5 + 0.01 a place): the growth goes to W. Y's supply 50 is 2 beyond 1.2 × 40 =
    # 48: cutting it by m saves 0.5·m up to m = 4, for 0.01·m + 0.11·m more at W → Y −4, W +14.
    case = inputs(
        [offering(1, "Y", 100), offering(2, "W", 100)],
        {"Y": target("Y", 40)},
        required=10,
        unknown={"W"},
    )
    plan = solve(case, COSTS, 5)
    assert plan.delta == {1: -4, 2: 14}


def test_an_action_is_never_larger_than_the_offering_s_intake() -> None:
    case = inputs(
        [offering(1, "X", 7), offering(2, "Y", 3)], {"X": target("X", 90), "Y": target("Y", 90)}
    )
    # ⌊0.3 × 7⌋ = 2 and ⌊0.3 × 3⌋ = 0: both short, X grows by 2, Y cannot move.
    assert solve(case, COSTS, 5).delta == {1: 2}
