"""The effect of an intake change on every plan indicator, and whether it moves away from target.

Only two indicators depend on intakes: enrolment (steady state: Δstudents = Δintake × study years
× completion) and the vocational share of upper-secondary places ((V + ΔV) ÷ (V + ΔV + G), with
V the district's intake and G the entered general high-school places the indicator used). Every
other indicator (designations, dual-qualified share, partnerships) is listed with no change: an
intake plan does not move it.

distance(v) = max(0, target − v) for ``at_least``/``share``; max(0, |v − target| − tolerance) for
``about``. An effect is *away* when the distance grows (a warning), *toward* when it shrinks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import BaseModel, Field

from vocmatch.analytics.schemas import Indicator
from vocmatch.analytics.targets import ENROLMENT, VOCATIONAL_SHARE


class Effect(BaseModel):
    key: str
    name_zh: str = ""
    name_en: str = ""
    unit: str
    before: float | None
    after: float | None
    delta: float | None
    target: float | None
    direction: str = Field(description="none | toward | away | neutral | unknown")
    warning: bool = Field(description="True when it moves the indicator away from its target")


@dataclass(frozen=True)
class Change:
    intake: int  # Δ places a year, district total
    enrolment: int  # Δ students at steady state


def distance(ind: Indicator, value: float) -> float:
    """Return how far ``value`` is from meeting the indicator's target (0 when met or when the
    plan gives no number)."""
    if ind.target is None:
        return 0.0
    if ind.compare == "about":
        return max(0.0, abs(value - ind.target) - ind.tolerance)
    return max(0.0, ind.target - value)


def _direction(ind: Indicator, before: float, after: float) -> str:
    if abs(after - before) < 1e-12:
        return "none"
    d0, d1 = distance(ind, before), distance(ind, after)
    if d1 > d0 + 1e-12:
        return "away"
    if d1 < d0 - 1e-12:
        return "toward"
    return "neutral"


def effects(indicators: Sequence[Indicator], change: Change) -> list[Effect]:
    """Return the change's effect on every indicator, in the indicators' order."""
    out = []
    for ind in indicators:
        before = ind.value
        after: float | None = before
        if before is not None and ind.key == ENROLMENT:
            after = before + change.enrolment
        elif before is not None and ind.key == VOCATIONAL_SHARE:
            after = _share_after(ind, change.intake)
        if before is None or after is None:
            direction = "unknown" if ind.key in (ENROLMENT, VOCATIONAL_SHARE) else "none"
            out.append(
                Effect(
                    key=ind.key,
                    name_zh=ind.name_zh,
                    name_en=ind.name_en,
                    unit=ind.unit,
                    before=before,
                    after=after,
                    delta=None,
                    target=ind.target,
                    direction=direction,
                    warning=False,
                )
            )
            continue
        direction = _direction(ind, before, after)
        out.append(
            Effect(
                key=ind.key,
                name_zh=ind.name_zh,
                name_en=ind.name_en,
                unit=ind.unit,
                before=before,
                after=round(after, 4) if ind.unit == "%" else after,
                delta=round(after - before, 4),
                target=ind.target,
                direction=direction,
                warning=direction == "away",
            )
        )
    return out


def _share_after(ind: Indicator, delta: int) -> float | None:
    """Return (V + ΔV) ÷ (V + ΔV + G) on the indicator's own V and G."""
    try:
        v = float(ind.detail_args["v"]) + delta
        g = float(ind.detail_args["g"])
    except (KeyError, ValueError):
        return None
    return v / (v + g) if v + g > 0 else None
