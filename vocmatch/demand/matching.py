"""The one place postings meet the matcher (issue 3's ``vocmatch.matching.service``).

Everything else in ``demand`` calls :func:`match_postings`; wiring the real matcher is a change here
only. Until it is on main this returns "not matched" results (no chain, no model version), and
postings are stored unmatched so ``vocmatch postings rematch`` can fill them in later.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

MATCH_TOP_K = 10


@dataclass(frozen=True)
class StoredMatch:
    """What a posting keeps of a match: the chain, the whole result and the programmes by rank."""

    chain: str | None = None
    chain_score: float | None = None
    match: dict[str, Any] = field(default_factory=dict)
    model_version: str | None = None
    programmes: tuple[tuple[str, float], ...] = ()

    @property
    def matched(self) -> bool:
        """True when a model produced this result."""
        return self.model_version is not None


UNMATCHED = StoredMatch()


def posting_text(description: str, skills: Sequence[str]) -> str:
    """Return the text the matcher reads besides the title: description, then the skills."""
    return "\n".join(p for p in (description.strip(), "；".join(skills)) if p)


def current_model_version() -> str | None:
    """Return the version of the matcher in use, or None when no matcher is available."""
    return None


def match_postings(items: Sequence[tuple[str | None, str | None]]) -> list[StoredMatch]:
    """Return one stored match per ``(title, text)`` item, in order (batched through the matcher)."""
    return [UNMATCHED for _ in items]


def from_result(result: dict[str, Any], version: str) -> StoredMatch:
    """Return the stored form of one ``MatchResult.model_dump()``."""
    chain = result.get("chain")
    chain_score = next(
        (float(c["score"]) for c in result.get("chains", []) if c.get("key") == chain), None
    )
    programmes = tuple((str(p["code"]), float(p["score"])) for p in result.get("programmes", []))
    return StoredMatch(
        chain=chain,
        chain_score=chain_score,
        match=result,
        model_version=version,
        programmes=programmes,
    )
