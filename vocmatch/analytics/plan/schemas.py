"""API shapes of the recommended plan (the optimiser's answer) and of the what-if."""

from __future__ import annotations

from pydantic import BaseModel, Field

from vocmatch.analytics.indicators.effects import Effect
from vocmatch.analytics.schemas import EvidenceOut
from vocmatch.kit.schema import Input


class Action(BaseModel):
    """One intake change at one school, with the numbers behind it and its effects."""

    rank: int = 0
    kind: str = Field(description="expand | shrink | open")
    school_code: str
    school_name: str
    programme_code: str
    programme_name: str
    places: int = Field(description="Δ intake a year (negative: fewer places)")
    intake_before: int
    intake_after: int
    demand: int = Field(description="Hires a year attributed to the programme (unserved if new)")
    supply_before: int = Field(description="Programme's graduates a year entering work, now")
    supply_after: int = Field(description="The same at steady state after this action alone")
    band: str
    evidence: EvidenceOut
    employment_source: str = Field(description="records | default: where the share comes from")
    high_tech_zone: int = Field(description="Δ graduates a year entering High-tech Zone work")
    improvement: float = Field(description="How much this action alone lowers the objective")
    effects: list[Effect] = Field(description="Its effect on every plan indicator")
    warnings: list[str] = Field(description="Indicator keys it moves away from their target")
    enterprises: list[str] = []


class Kept(BaseModel):
    """An offering the plan may not cut, and why."""

    school_code: str
    programme_code: str
    programme_name: str
    intake: int
    floor: int = Field(description="The lowest intake the plan may give it")
    reasons: list[str] = Field(description="featured | articulation | order_class")


class Check(BaseModel):
    """One constraint of the plan, and whether the plan (or the what-if) keeps it."""

    key: str = Field(description="trajectory | not_falling | capacity | max_change | kept")
    ok: bool
    subject: str = Field(default="", description="The school or offering it concerns")
    required: int | None = None
    planned: int | None = None
    detail: str = ""


class Objective(BaseModel):
    """The optimiser's objective, in people a year (lower is better)."""

    total: float
    unmet: float = Field(description="Σ strength × labour supply short of the balanced band")
    surplus: float = Field(description="Σ strength × labour supply beyond the balanced band")
    unknown_moves: float
    changes: float
    opened: float
    shortfall: float = Field(description="Places short of the trajectory (× its cost)")


class Suggestion(BaseModel):
    """Advice that is not an intake decision: curriculum or partner."""

    kind: str = Field(description="reorient | partner")
    school_codes: list[str]
    programme_code: str
    programme_name: str
    coverage: float | None = None
    demand: int = 0
    skills: list[str] = []
    courses: list[str] = []
    enterprises: list[str] = []


class PlanResult(BaseModel):
    """The recommended intake plan for next year, for the district or some schools."""

    scope: list[str] = Field(description="Schools whose intakes the plan decides")
    plan_year: int
    max_change: float
    status: str = Field(description="optimal | time_limit | infeasible")
    seconds: float
    intake_before: int = Field(description="Σ intake of the schools in scope now")
    intake_after: int
    trajectory_enrolment: int | None = Field(description="Enrolment the plan path asks for")
    required_change: int = Field(description="Δ intake the trajectory needs (scope's share)")
    objective_before: Objective
    objective_after: Objective
    actions: list[Action]
    kept: list[Kept]
    checks: list[Check]
    effects: list[Effect] = Field(description="The whole plan's effect on every indicator")
    suggestions: list[Suggestion] = []


class WhatIfChange(Input):
    school_code: str = Field(max_length=20)
    programme_code: str = Field(
        min_length=1,
        max_length=100,
        description="The programme's code, or its name (resolved in the catalogue)",
        examples=["630501", "有色金属冶炼技术"],
    )
    intake_plan: int = Field(ge=0, le=5000, description="New intake plan (places per year)")


class WhatIfRequest(Input):
    changes: list[WhatIfChange] = Field(min_length=1, max_length=200)
    max_change: float | None = Field(default=None, gt=0, le=1)


class WhatIfProgramme(BaseModel):
    code: str
    name: str
    demand: int
    graduates_before: int
    graduates_after: int
    supply_before: int
    supply_after: int
    ratio_before: float | None
    ratio_after: float | None
    band_before: str
    band_after: str


class WhatIfChain(BaseModel):
    key: str
    demand: int
    supply_before: int
    supply_after: int


class WhatIfResult(BaseModel):
    note: str
    changes: list[Action] = Field(description="Each change as an action: effects and warnings")
    programmes: list[WhatIfProgramme]
    chains: list[WhatIfChain]
    effects: list[Effect]
    checks: list[Check]
    objective_before: Objective
    objective_after: Objective
    objective_recommended: Objective = Field(description="The optimiser's plan, same scope")
