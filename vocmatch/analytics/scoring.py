"""The small pure formulas behind every analytics number. Each docstring states its formula.

Notation: a posting p has headcount h_p (times its type weight) and, from its stored match, a
relevance s_pc ∈ [0, 1] for each programme c. D_c is the demand attributed to programme c, G_c the
graduates per year of the district's offerings of c, r_c = G_c / D_c the supply/demand ratio.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from vocmatch.analytics.config import BandDef

NO_DEMAND = "no_demand"


def attribution_shares(
    scores: Iterable[tuple[str, float]], *, min_relevance: float, max_programmes: int
) -> list[tuple[str, float]]:
    """Return each relevant programme's share of a posting's headcount (shares sum to 1, or []).

    R_p = the at most ``max_programmes`` highest-scoring programmes with s_pc ≥ ``min_relevance``
    (ties by code); share_pc = s_pc / Σ_{c' ∈ R_p} s_pc'. The attributed demand a_pc = h_p · share_pc,
    so Σ_c a_pc = h_p when R_p is not empty: a job is shared, never counted twice. A posting with
    R_p empty is *unmatched* demand and is reported on its own.
    """
    best: dict[str, float] = {}
    for code, score in scores:
        if score >= min_relevance and score > best.get(code, 0.0):
            best[code] = score
    relevant = sorted(best.items(), key=lambda cs: (-cs[1], cs[0]))[:max_programmes]
    total = sum(s for _, s in relevant)
    if total <= 0:
        return []
    return [(code, s / total) for code, s in relevant]


def offering_share(
    demand: float, graduates: int, programme_graduates: int, offerings: int
) -> float:
    """Return one school's share of its programme's district demand.

    D_sc = D_c · g_sc / G_c — shared among the schools offering c in proportion to their graduates
    per year; when G_c = 0 it is shared equally: D_sc = D_c / n_c. So Σ_s D_sc = D_c, and every
    offering of c has the district ratio r_c.
    """
    if programme_graduates > 0:
        return demand * graduates / programme_graduates
    return demand / offerings if offerings else 0.0


def supply_ratio(graduates: float, demand: float) -> float | None:
    """Return r = G / D, or None when there is no attributable demand (D = 0)."""
    if demand <= 0:
        return None
    return graduates / demand


def band(ratio: float | None, graduates: float, bands: Sequence[BandDef]) -> str:
    """Return the band of a ratio: the first band whose (exclusive) upper bound exceeds r.

    With the default bands: shortage r < 0.6 ≤ tight < 0.9 ≤ balanced < 1.2 ≤ surplus < 1.5 ≤
    oversupply. Without attributable demand r is undefined and the band is ``no_demand``: the
    postings say nothing about such a programme, which is not the same as oversupply.
    """
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


def balance_component(ratio: float | None, lower: float, upper: float) -> float:
    """Return the balance component B ∈ [0, 1] of the fit score.

    B = r / lower when r < lower (shortage: linear from 0); B = 1 inside the balanced range
    [lower, upper); B = max(0, 1 − (r − upper) / upper) above it (surplus: 0 at twice the upper
    bound). No attributable demand: B = 0.
    """
    if ratio is None:
        return 0.0
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

    w_t = attributed demand of the postings that ask for skill term t; a programme teaches t when
    t (or a synonym) appears in its courses, abilities or certificates, or in the school's own
    courses for the offering.
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


def met_fraction(graduates: float, demand: float) -> float:
    """Return m_c = min(1, G_c / D_c): the share of c's attributed demand its graduates can meet."""
    if demand <= 0:
        return 1.0
    return min(1.0, graduates / demand)


def unmet(attributed: float, met: float) -> float:
    """Return the unmet part of attributed demand: a · (1 − m)."""
    return attributed * (1.0 - met)


def graduates_needed(demand: float, graduates: float, target_ratio: float) -> float:
    """Return ΔG = target_ratio · D − G: graduates per year to add (negative: to remove)."""
    return target_ratio * demand - graduates


def places_for(graduates: float, completion: float) -> int:
    """Return the intake places ΔN = ⌈ΔG / completion⌉ that yield ΔG graduates per year (sign kept)."""
    if graduates == 0:
        return 0
    n = math.ceil(abs(graduates) / completion - 1e-9)
    return n if graduates > 0 else -n


def completion_rate(graduates: int, intake: int, default: float) -> float:
    """Return graduates ÷ intake plan (capped to (0, 1]), or ``default`` without history."""
    if intake <= 0 or graduates <= 0:
        return default
    return min(1.0, graduates / intake)
