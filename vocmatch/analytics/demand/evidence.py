"""How much evidence stands behind a programme's graduate demand.

Counted over its hire vacancies (reposts counted once): how many, from how many enterprises,
from which declared sources. Sufficient when vacancies ≥ ``min_postings``, enterprises ≥
``min_enterprises`` and at least one source that declares it covers the programme's chains (or
``none`` for a programme outside them) reported some. Strength = min(1, vacancies ÷
full_postings) × min(1, enterprises ÷ full_enterprises) when sufficient, else 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from vocmatch.analytics.demand.cube import Programme
from vocmatch.analytics.method import Method

FEW_POSTINGS = "few_postings"
FEW_ENTERPRISES = "few_enterprises"
NO_SOURCE = "no_covering_source"


@dataclass(frozen=True)
class Evidence:
    postings: int
    enterprises: int
    sources: tuple[str, ...]  # sources that reported its hires
    covering: tuple[str, ...]  # of those, the ones declared to cover its chains
    sufficient: bool
    strength: float
    reasons: tuple[str, ...]  # why insufficient


def evidence(p: Programme | None, chains: Sequence[str], method: Method) -> Evidence:
    """Return the evidence of a programme's graduate demand (``chains``: where it is placed)."""
    ev = method.evidence
    postings = p.vacancies if p else 0
    enterprises = sum(1 for n in (p.enterprises.values() if p else ()) if n > 0)
    sources = tuple(sorted(s for s, n in (p.sources.items() if p else ()) if n > 0))
    covering = tuple(
        s
        for s in sources
        if (d := method.source(s)) is not None and set(d.covers) & set(chains or ("none",))
    )
    reasons = []
    if postings < ev.min_postings:
        reasons.append(FEW_POSTINGS)
    if enterprises < ev.min_enterprises:
        reasons.append(FEW_ENTERPRISES)
    if not covering:
        reasons.append(NO_SOURCE)
    sufficient = not reasons
    strength = (
        min(1.0, postings / ev.full_postings) * min(1.0, enterprises / ev.full_enterprises)
        if sufficient
        else 0.0
    )
    return Evidence(postings, enterprises, sources, covering, sufficient, strength, tuple(reasons))
