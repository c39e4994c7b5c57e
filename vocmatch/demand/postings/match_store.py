"""The one place postings meet the matcher (issue 3's ``vocmatch.matching.service``).

Everything else in ``demand`` calls :func:`match_postings`. When no trained model is available
(missing or stale), writes still succeed: postings are stored unmatched (no model version) and
``vocmatch postings rematch`` fills them in once the model is trained.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from vocmatch.kit.errors import VocmatchError
from vocmatch.matching import service as matcher

log = logging.getLogger(__name__)

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
    try:
        return matcher.model_version()
    except VocmatchError:
        return None


def match_postings(items: Sequence[tuple[str | None, str | None]]) -> list[StoredMatch]:
    """Return one stored match per ``(title, text)`` item, in order (batched through the matcher).

    Identical texts within one call are matched once. Nothing is kept between calls: the
    database already holds each posting's match (``Posting.match``), and a process-wide cache of
    whole results (issue 11: up to 0.5 GB per worker) only ever helped byte-identical re-posts.
    """
    if not items:
        return []
    try:
        version = matcher.model_version()
    except VocmatchError as exc:
        log.warning("demand.match.unavailable", extra={"detail": exc.message, "n": len(items)})
        return [UNMATCHED for _ in items]
    todo = list(dict.fromkeys(items))
    try:
        # match_dicts is match_many's fast path: the same MatchResult shape as plain dicts.
        results = matcher.match_dicts(todo, top_k=MATCH_TOP_K)
    except VocmatchError as exc:
        log.warning("demand.match.unavailable", extra={"detail": exc.message, "n": len(todo)})
        return [UNMATCHED for _ in items]
    found = {k: from_result(r, version) for k, r in zip(todo, results, strict=True)}
    return [found[k] for k in items]


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
