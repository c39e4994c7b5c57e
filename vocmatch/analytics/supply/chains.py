"""A programme's graduates split over the chain segments it is placed in, in whole people.

Placements come from the industries governance (curated lists, accepted proposals, or a planner's
decision). Shares: in proportion to the programme's hires in each placed segment in the window
(a chain-level placement takes the programme's hires in that chain outside its other placed
segments); equal shares when none of them has hires. Graduates and the employed are each split
by the largest-remainder rule, so the parts add up to the programme's figures exactly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from vocmatch.analytics.demand.cube import allocate
from vocmatch.analytics.skills.lexicon import UNASSIGNED
from vocmatch.industries.governance import Placement


@dataclass(frozen=True)
class Share:
    chain: str
    segment: str  # UNASSIGNED for a chain-level placement
    weight: float  # share of the programme's graduates (Σ = 1)
    graduates: int
    employed: int
    source: str  # curated | accepted | override


def split(
    placements: Sequence[Placement],
    hires: Mapping[tuple[str, str], int],
    graduates: int,
    employed: int,
) -> list[Share]:
    """Return the programme's graduates and employed per placement (empty: off the chains).

    ``hires`` maps (chain, segment) → the programme's hires there in the window. Example: placed
    in A (6 hires) and B (2 hires), 10 graduates, 3 employed: weights 0.75/0.25 → graduates 7.5/2.5
    → (8, 2) by largest remainder (tie: the larger weight first), employed 2.25/0.75 → (2, 1).
    """
    if not placements:
        return []
    placed = {(p.chain, p.segment) for p in placements if p.segment}
    weights: list[float] = []
    for p in placements:
        if p.segment:
            weights.append(float(hires.get((p.chain, p.segment), 0)))
        else:
            weights.append(
                float(
                    sum(n for (k, s), n in hires.items() if k == p.chain and (k, s) not in placed)
                )
            )
    if sum(weights) <= 0:
        weights = [1.0] * len(placements)
    total = sum(weights)
    keys = [f"{i:04d}" for i in range(len(placements))]
    scores = list(zip(keys, weights, strict=True))
    g = dict(allocate(graduates, scores))
    e = dict(allocate(employed, scores))
    return [
        Share(
            chain=p.chain,
            segment=p.segment or UNASSIGNED,
            weight=w / total,
            graduates=g.get(k, 0),
            employed=e.get(k, 0),
            source=p.source,
        )
        for p, k, w in zip(placements, keys, weights, strict=True)
    ]
