"""Share arithmetic: ratios, the pace of the trend, projections and the greedy action plan.

Pure functions on numbers and dates, so every figure on the dashboard can be checked by hand.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import TypeVar

from vocmatch.teachers.dual_qualified.evaluation import month_end

T = TypeVar("T")


def ratio(numerator: int, denominator: int) -> float:
    """Return numerator / denominator (0.0 when there is nobody to count)."""
    return numerator / denominator if denominator else 0.0


def teachers_short(numerator: int, denominator: int, target: float) -> int:
    """Return how many more teachers must qualify for ``numerator/denominator >= target``."""
    need = math.ceil(Fraction(str(target)) * denominator)
    return max(0, need - numerator)


def ols_slope(values: Sequence[float], xs: Sequence[float] | None = None) -> float:
    """Return the least-squares slope of ``values`` against ``xs`` (default 0, 1, 2, …).

    slope = Σ (x − x̄)(y − ȳ) / Σ (x − x̄)²; 0.0 for fewer than two points.
    """
    x = list(xs) if xs is not None else list(range(len(values)))
    n = len(values)
    if n < 2:
        return 0.0
    x_mean = sum(x) / n
    y_mean = sum(values) / n
    num = sum((xi - x_mean) * (y - y_mean) for xi, y in zip(x, values, strict=True))
    den = sum((xi - x_mean) ** 2 for xi in x)
    return num / den if den else 0.0


def months_between(start: date, end: date) -> int:
    """Return the number of calendar months from ``start``'s month to ``end``'s month."""
    return (end.year - start.year) * 12 + end.month - start.month


def add_months(day: date, months: int) -> date:
    """Return the month end ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return month_end(index // 12, index % 12 + 1)


def projected(current: float, pace: float, months: int) -> float:
    """Return ``current + pace × months`` clipped to [0, 1]."""
    return min(1.0, max(0.0, current + pace * months))


def reach_date(current: float, pace: float, target: float, as_of: date) -> date | None:
    """Return the month end when ``current + pace × months`` first reaches ``target``.

    ``as_of`` when already there; None when the pace is flat or falling.
    """
    if current >= target:
        return as_of
    if pace <= 0:
        return None
    months = math.ceil((target - current) / pace - 1e-12)
    return add_months(as_of, months)


@dataclass(frozen=True)
class PlanStep:
    """One action of the plan and the share after it."""

    item: object
    effort_days: float
    numerator: int
    share: float


def greedy_plan(
    candidates: Sequence[tuple[T, float]], *, numerator: int, denominator: int, target: float
) -> list[PlanStep]:
    """Return the cheapest actions, by effort, that lift the share to ``target``.

    Each candidate is one teacher who would count once their gap is closed; taking them
    cheapest-first reaches the target with the fewest days in total (each adds exactly one).
    """
    short = teachers_short(numerator, denominator, target)
    steps: list[PlanStep] = []
    for item, effort in sorted(candidates, key=lambda c: c[1])[:short]:
        numerator += 1
        steps.append(PlanStep(item, effort, numerator, ratio(numerator, denominator)))
    return steps
