"""The one place postings meet the matcher (issue 3's ``vocmatch.matching.service``).

Everything else in ``demand`` calls :func:`match_postings`. When no trained model is available
(missing or stale), writes still succeed: postings are stored unmatched (no model version) and
``vocmatch postings rematch`` fills them in once the model is trained.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from vocmatch.kit.errors import VocmatchError
from vocmatch.matching import service as matcher

log = logging.getLogger(__name__)

MATCH_TOP_K = 10
CACHE_SIZE = 50_000


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
_cache: OrderedDict[tuple[str, str | None, str | None], StoredMatch] = OrderedDict()
_cache_lock = threading.Lock()


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

    Identical texts are matched once: within a call, and across calls through a bounded cache
    keyed by the model version (the matcher is deterministic, so a repeat costs nothing).
    """
    if not items:
        return []
    try:
        version = matcher.model_version()
    except VocmatchError as exc:
        log.warning("demand.match.unavailable", extra={"detail": exc.message, "n": len(items)})
        return [UNMATCHED for _ in items]
    keys = [(version, title, text) for title, text in items]
    found: dict[tuple[str, str | None, str | None], StoredMatch] = {}
    with _cache_lock:
        for k in keys:
            hit = _cache.get(k)
            if hit is not None:
                found[k] = hit
    todo = list(dict.fromkeys(k for k in keys if k not in found))
    if todo:
        try:
            # match_dicts is match_many's fast path: the same MatchResult shape as plain dicts.
            results = matcher.match_dicts([(t, x) for _v, t, x in todo], top_k=MATCH_TOP_K)
        except VocmatchError as exc:
            log.warning("demand.match.unavailable", extra={"detail": exc.message, "n": len(todo)})
            return [UNMATCHED for _ in items]
        fresh = {k: from_result(r, version) for k, r in zip(todo, results, strict=True)}
        found.update(fresh)
        with _cache_lock:
            for k, m in fresh.items():
                _cache[k] = m
                _cache.move_to_end(k)
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
    return [found[k] for k in keys]


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
