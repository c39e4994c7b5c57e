"""The small pure formulas behind every fit number. Each docstring states its formula.

Notation: D_c is programme c's graduate demand (hires a year attributed to it), E_c its labour
supply (graduates a year who enter work: graduates × employment share), r_c = E_c / D_c.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from vocmatch.analytics.method import BandDef

NO_DEMAND = "no_demand"
INSUFFICIENT = "insufficient_evidence"
NOT_OFFERED = "not_offered"


def supply_ratio(employed: float, demand: float) -> float | None:
    """Return r = E / D (labour supply ÷ graduate demand), or None when D = 0."""
    if demand <= 0:
        return None
    return employed / demand


def band(ratio: float | None, sufficient: bool, bands: Sequence[BandDef]) -> str:
    """Return the band of a ratio: the first band whose (exclusive) upper bound exceeds r.

    With the default bands: shortage r < 0.6 ≤ tight < 0.9 ≤ balanced < 1.2 ≤ surplus < 1.5 ≤
    oversupply. Without sufficient evidence the band is ``insufficient_evidence`` whatever r is
    (thin postings say nothing about a programme, which is not the same as oversupply); with
    evidence but no demand (impossible with the default minimums) ``no_demand``.
    """
    if not sufficient:
        return INSUFFICIENT
    if ratio is None:
        return NO_DEMAND
    for b in bands:
        if b.upper is None or ratio < b.upper:
            return b.key
    return bands[-1].key


def balanced_range(bands: Sequence[BandDef], key: str = "balanced") -> tuple[float, float]:
    """Return the [lower, upper) ratio range of the balanced band."""
    lower = 0.0
    for b in bands:
        if b.key == key:
            return lower, b.upper if b.upper is not None else math.inf
        lower = b.upper if b.upper is not None else lower
    raise ValueError(f"no band {key!r}")


def balance_component(ratio: float | None, lower: float, upper: float) -> float | None:
    """Return the balance component B ∈ [0, 1] of the fit score.

    B = r / lower when r < lower (shortage: linear from 0); B = 1 inside the balanced range
    [lower, upper); B = max(0, 1 − (r − upper) / upper) above it (surplus: 0 at twice the upper
    bound). Undefined (None, left out of the score) without demand or sufficient evidence.
    """
    if ratio is None:
        return None
    if ratio < lower:
        return ratio / lower
    if ratio < upper:
        return 1.0
    return max(0.0, 1.0 - (ratio - upper) / upper)


def relevance_component(weighted_relevance: float, demand: float) -> float | None:
    """Return A = Σ_p a_pc · s_pc / Σ_p a_pc: the demand-weighted mean match score (None if D = 0)."""
    if demand <= 0:
        return None
    return min(1.0, weighted_relevance / demand)


def skill_coverage(demand_by_term: Mapping[str, float], taught: Iterable[str]) -> float | None:
    """Return K = Σ_{t taught} w_t / Σ_t w_t, None when no skill term is demanded.

    w_t = the hires attributed to the programme whose postings ask for skill term t; a programme
    teaches t when its curriculum covers it (``skills/coverage.py``: the profile's courses,
    abilities and certificates, and the school's own courses and textbooks).
    """
    total = sum(w for w in demand_by_term.values() if w > 0)
    if total <= 0:
        return None
    have = set(taught)
    return sum(w for t, w in demand_by_term.items() if w > 0 and t in have) / total


def fit_score(components: Mapping[str, float | None], weights: Mapping[str, float]) -> float:
    """Return the fit score 0–100.

    fit = 100 · Σ_i w_i x_i / Σ_i w_i over the components x_i (balance B, coverage K, relevance A)
    that are defined (K is undefined without demanded skill terms, A without demand). Rounded to
    one decimal.
    """
    num = den = 0.0
    for key, w in weights.items():
        x = components.get(key)
        if x is None:
            continue
        num += w * x
        den += w
    return round(100.0 * num / den, 1) if den > 0 else 0.0


def met_fraction(employed: float, demand: float) -> float:
    """Return m_c = min(1, E_c / D_c): the share of c's graduate demand its labour supply meets."""
    if demand <= 0:
        return 1.0
    return min(1.0, employed / demand)
