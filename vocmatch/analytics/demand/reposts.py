"""Reposts counted once: the repost rule and the vacancy it leaves.

Rule (``planner_method.yaml`` → ``demand``): two postings are the same vacancy when they have the
same enterprise, type and occupation, their titles are similar (Dice coefficient of character
bigrams ≥ ``repost_title_similarity``) and the later one was posted within ``repost_days`` of the
previous posting of the vacancy. A vacancy's headcount is the largest of its postings'; its facts
(chain, match, skills) are those of its latest posting.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from vocmatch.analytics.demand.facts import Facts


@lru_cache(maxsize=65536)
def bigrams(text: str) -> frozenset[str]:
    """Return the character bigrams of ``text`` (the text itself when shorter than two)."""
    if len(text) < 2:
        return frozenset((text,)) if text else frozenset()
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def similarity(a: str, b: str) -> float:
    """Return the Dice coefficient 2·|A∩B| ÷ (|A|+|B|) of the titles' bigrams (1 when equal).

    Example: 数控车工 {数控, 控车, 车工} and 数控车工学徒 {数控, 控车, 车工, 工学, 学徒}:
    2·3 ÷ (3+5) = 0.75.
    """
    if a == b:
        return 1.0
    x, y = bigrams(a), bigrams(b)
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


@dataclass(frozen=True)
class Vacancy:
    """One vacancy: its postings (oldest first) and what it counts as."""

    postings: tuple[Facts, ...]

    @property
    def latest(self) -> Facts:
        """Return the latest posting (its facts stand for the vacancy)."""
        return self.postings[-1]

    def within(self, start: date, end: date) -> Vacancy | None:
        """Return the vacancy as seen from the window [start, end] (None: no posting in it)."""
        inside = tuple(f for f in self.postings if start <= f.posted <= end)
        if not inside:
            return None
        return self if len(inside) == len(self.postings) else Vacancy(inside)

    @property
    def headcount(self) -> int:
        """Return the vacancy's headcount: the largest of its postings'."""
        return max(f.headcount for f in self.postings)


def vacancies(postings: Iterable[Facts], *, days: int, title_similarity: float) -> list[Vacancy]:
    """Return the vacancies of one repost group's live postings (see the module rule)."""
    ordered = sorted((f for f in postings if f.live), key=lambda f: (f.posted, f.id))
    done: list[list[Facts]] = []
    active: list[list[Facts]] = []  # vacancies whose last posting is within the window
    window = timedelta(days=days)
    for f in ordered:
        # Postings come in date order: a vacancy silent for longer than the window is closed.
        still = [m for m in active if f.posted - m[-1].posted <= window]
        done.extend(m for m in active if f.posted - m[-1].posted > window)
        active = still
        home = None
        for members in reversed(active):
            if similarity(f.title_key, members[-1].title_key) >= title_similarity:
                home = members
                break
        if home is None:
            active.append([f])
        else:
            home.append(f)
    done.extend(active)
    done.sort(key=lambda m: (m[0].posted, m[0].id))
    return [Vacancy(tuple(m)) for m in done]


def group_vacancies(
    groups: dict[tuple[int, str, str], Sequence[Facts]], *, days: int, title_similarity: float
) -> dict[tuple[int, str, str], list[Vacancy]]:
    """Return each repost group's vacancies."""
    return {
        key: vacancies(members, days=days, title_similarity=title_similarity)
        for key, members in groups.items()
    }
