"""Vacancies of a window summed into cells, and attributed to programmes in whole people.

Every demand figure is a sum over these cells, so a request never loops over postings. A cube is
kept per (as-of day, window, attribution set) and updated in place when postings change.

Notation: a vacancy v of headcount h_v in the window has, from its stored match, the programmes
c with score s_vc ≥ the threshold. Among the offered ones (at most ``max_programmes``, best
first) it is shared in proportion to s_vc, in whole people (largest remainder), so Σ_c a_vc = h_v.
With no offered programme it is unserved demand of the unoffered ones (shared the same way);
with none at all it is unmatched.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from vocmatch.analytics.demand.reposts import Vacancy

GRADUATE = "graduate_demand"
PLACEMENTS = "placements"
COHORT = "cohort"


def allocate(h: int, scores: Sequence[tuple[str, float]]) -> list[tuple[str, int]]:
    """Return ``h`` people shared in proportion to the scores, in whole people (Σ = h).

    Largest remainder: each gets ⌊h·s/Σs⌋, and the people left go one each to the largest
    fractional parts (ties: higher score, then code). Example: 3 people, scores 0.8 and 0.4:
    exact 2 and 1 → (2, 1); 1 person, 0.5/0.5 → the first code by order gets 1.
    """
    total = sum(s for _, s in scores)
    if h <= 0 or total <= 0:
        return []
    exact = [(code, h * s / total, s) for code, s in scores]
    floors = {code: math.floor(x + 1e-9) for code, x, _ in exact}
    left = h - sum(floors.values())
    order = sorted(exact, key=lambda e: (-(e[1] - floors[e[0]]), -e[2], e[0]))
    for code, _x, _s in order[:left]:
        floors[code] += 1
    return [(code, n) for code, n in floors.items() if n > 0]


@dataclass
class Programme:
    """One programme's demand in the window: per kind, per segment, skills, evidence."""

    by_kind: Counter[str] = field(default_factory=Counter)
    segments: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # (kind, chain, seg)
    terms: Counter[str] = field(default_factory=Counter)  # hires asking for a skill
    relevance: float = 0.0  # Σ a·s over hires
    vacancies: int = 0  # hire vacancies sharing people with it
    enterprises: Counter[int] = field(default_factory=Counter)  # hire vacancies per enterprise
    sources: Counter[str] = field(default_factory=Counter)  # hire vacancies per source
    cohort_by_enterprise: Counter[int] = field(default_factory=Counter)
    detail: Counter[tuple[str, str, Any]] = field(
        default_factory=Counter
    )  # hires (kind, chain, key)
    postings: dict[int, tuple[str, int, float]] = field(default_factory=dict)  # id → kind, a, s


def _nested() -> defaultdict[Any, Counter[Any]]:
    return defaultdict(Counter)


@dataclass
class Cube:
    """The window's vacancies: totals per (kind, chain, segment), and per programme.

    ``total`` / ``unserved`` / ``unmatched`` count people per (kind, chain, segment);
    ``located`` per (kind, chain, segment, location); ``detail_total`` the hires per
    (occ|ent|term, chain) → key. ``programmes`` holds the offered programmes' attributed demand,
    ``unserved_programmes`` the unoffered ones'.
    """

    as_of: date
    start: date
    months: int
    offered: frozenset[str]
    max_programmes: int
    kinds: dict[str, str]
    total: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    located: Counter[tuple[str, str, str, str]] = field(default_factory=Counter)
    unserved: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    unmatched: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    detail_total: defaultdict[tuple[str, str], Counter[Any]] = field(default_factory=_nested)
    detail_open: defaultdict[tuple[str, str], Counter[Any]] = field(default_factory=_nested)
    programmes: defaultdict[str, Programme] = field(default_factory=lambda: defaultdict(Programme))
    unserved_programmes: defaultdict[str, Programme] = field(
        default_factory=lambda: defaultdict(Programme)
    )
    vacancies: int = 0
    postings: int = 0  # postings in the window (before counting reposts once)
    changed: set[str] = field(default_factory=set)  # programmes changed since the last analysis
    not_matched: list[int] = field(default_factory=lambda: [0, 0])  # vacancies, people

    @property
    def per_year(self) -> float:
        """Return the factor turning window counts into a year's: 12 ÷ months."""
        return 12.0 / self.months

    def add(self, vacancy: Vacancy, location: str, sign: int = 1) -> None:
        """Add (sign=1) or remove (sign=-1) a vacancy, seen from this cube's window."""
        v = vacancy.within(self.start, self.as_of)
        if v is None:
            return
        f = v.latest
        h = v.headcount
        if not f.matched:
            self.not_matched[0] += sign
            self.not_matched[1] += sign * h
            return
        kind = self.kinds.get(f.type, GRADUATE)
        k, s = f.chain, f.segment
        self.vacancies += sign
        self.postings += sign * len(v.postings)
        self.total[(kind, k, s)] += sign * h
        self.located[(kind, k, s, location)] += sign * h
        keys = [("occ", f.occupation), ("ent", f.enterprise_id), *(("term", t) for t in f.terms)]
        if kind == GRADUATE:
            for dk, key in keys:
                self.detail_total[(dk, k)][key] += sign * h
        offered = [(c, sc) for c, sc in f.candidates if c in self.offered][: self.max_programmes]
        if offered:
            self._attribute(self.programmes, v, offered, kind, keys, location, sign)
            return
        others = list(f.candidates[: self.max_programmes])
        if others:
            self.unserved[(kind, k, s)] += sign * h
            self._attribute(self.unserved_programmes, v, others, kind, keys, location, sign)
        else:
            self.unmatched[(kind, k, s)] += sign * h
        if kind == GRADUATE:
            for dk, key in keys:
                self.detail_open[(dk, k)][key] += sign * h

    def _attribute(
        self,
        into: defaultdict[str, Programme],
        v: Vacancy,
        scores: list[tuple[str, float]],
        kind: str,
        keys: list[tuple[str, Any]],
        location: str,
        sign: int,
    ) -> None:
        f = v.latest
        score = dict(scores)
        for code, a in allocate(v.headcount, scores):
            self.changed.add(code)
            p = into[code]
            p.by_kind[kind] += sign * a
            p.segments[(kind, f.chain, f.segment)] += sign * a
            if sign > 0:
                p.postings[f.id] = (kind, a, score[code])
            else:
                p.postings.pop(f.id, None)
            if kind == COHORT:
                p.cohort_by_enterprise[f.enterprise_id] += sign * a
            if kind != GRADUATE:
                continue
            p.vacancies += sign
            p.enterprises[f.enterprise_id] += sign
            p.sources[f.source] += sign
            p.relevance += sign * a * score[code]
            for t in f.terms:
                p.terms[t] += sign * a
            for dk, key in keys:
                p.detail[(dk, f.chain, key)] += sign * a
            p.detail[("loc", f.chain, location)] += sign * a
