"""The plan's targets, read through one function (:func:`plan_targets`), and the trajectory.

Today they come from ``data/plan_targets.yaml``; issue 15 moves plan periods to their own files,
and only :func:`plan_targets` has to change for that.
"""

from __future__ import annotations

import math
from datetime import date
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from vocmatch.kit.config import get_settings
from vocmatch.kit.files import read_yaml

ENROLMENT = "secondary_vocational_enrolment"
VOCATIONAL_SHARE = "general_vocational_ratio"


class PlanDef(BaseModel):
    name_zh: str
    name_en: str
    start: date
    deadline: date


class IndicatorDef(BaseModel):
    key: str = Field(pattern=r"^[a-z_]{2,60}$")
    name_zh: str
    name_en: str
    plan_ref: str = ""
    unit: str = ""
    baseline: float | None = None
    baseline_year: int | None = None
    target: float
    tolerance: float = 0.0
    compare: Literal["at_least", "share", "about"]
    source: Literal["computed", "provider", "entered"]
    enterable: bool = False

    @property
    def is_share(self) -> bool:
        """True when the value is a fraction shown as a percentage."""
        return self.unit == "%"


class InputDef(BaseModel):
    key: str = Field(pattern=r"^[a-z_]{2,60}$")
    name_zh: str
    name_en: str
    unit: str = ""


class PlanTargets(BaseModel):
    """The plan period, its indicators with their targets, and the figures people enter."""

    version: int
    plan: PlanDef
    indicators: list[IndicatorDef]
    inputs: list[InputDef] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> PlanTargets:
        keys = [i.key for i in self.indicators]
        if len(set(keys)) != len(keys):
            raise ValueError("indicator keys must be unique")
        return self

    def indicator(self, key: str) -> IndicatorDef | None:
        """Return the indicator definition with ``key``."""
        return next((i for i in self.indicators if i.key == key), None)

    def enterable(self) -> list[IndicatorDef | InputDef]:
        """Return what a person may enter: non-computed indicators, then the inputs."""
        return [d for d in self.indicators if d.enterable or d.source == "entered"] + list(
            self.inputs
        )


@lru_cache
def plan_targets() -> PlanTargets:
    """Return the current plan period's targets (``<data_dir>/plan_targets.yaml``, read once)."""
    return read_yaml(get_settings().data_dir / "plan_targets.yaml", PlanTargets)


def enrolment_trajectory(
    targets: PlanTargets, year: int, *, now_year: int, now: float, catch_up_years: int
) -> int | None:
    """Return the enrolment the plan's path asks for in ``year`` (whole students), or None.

    Up to the deadline: the straight line from (baseline year, baseline) to (deadline year,
    target). After a missed deadline: the straight line from (now_year, now) that reaches the
    target ``catch_up_years`` later. Never below the target once the deadline has passed, and
    rounded up. Example: baseline 8000 (2020), target 13000 (2025): 2023 → 11000; with 9431 in
    2026 and 3 catch-up years, 2027 → 9431 + 3569/3 = 10620.3 → 10621.
    """
    d = targets.indicator(ENROLMENT)
    if d is None:
        return None
    deadline = targets.plan.deadline.year
    if year <= deadline and d.baseline is not None and d.baseline_year is not None:
        span = max(1, deadline - d.baseline_year)
        step = (d.target - d.baseline) / span
        value = d.baseline + step * (year - d.baseline_year)
    elif now >= d.target:
        value = d.target
    else:
        years = max(1, catch_up_years)
        value = min(d.target, now + (d.target - now) * (year - now_year) / years)
    return math.ceil(value - 1e-9)
