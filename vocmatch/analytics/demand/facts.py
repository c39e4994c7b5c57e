"""What the analytics use of one posting, read once from its row and its stored match."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from vocmatch.analytics.skills.lexicon import UNASSIGNED, Lexicon, posting_segment
from vocmatch.matching.text import normalise

MAX_CANDIDATES = 10  # programmes kept per posting (those at or above the relevance threshold)
_NOT_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True, slots=True)
class Facts:
    """One posting, as demand: who, what, when, which chain, and which programmes fit it."""

    id: int
    enterprise_id: int
    source: str
    headcount: int
    type: str
    posted: date
    live: bool  # not deleted
    matched: bool  # has a stored match (or a person's chain)
    chain: str
    segment: str
    occupation: str
    title_key: str  # normalised title, for repost detection
    terms: frozenset[str]
    candidates: tuple[tuple[str, float], ...]  # (programme, score), score ≥ threshold, best first

    @property
    def group(self) -> tuple[int, str, str]:
        """Return the repost group: (enterprise, type, occupation)."""
        return (self.enterprise_id, self.type, self.occupation)


def title_key(title: str) -> str:
    """Return a title folded for comparison: normalised, without spaces and punctuation."""
    return _NOT_WORD.sub("", normalise(title or ""))


def posted_on(valid_from: date | None, created_at: datetime | None) -> date:
    """Return the day a posting was posted: its valid_from, else the day it was written."""
    if valid_from is not None:
        return valid_from
    return created_at.date() if created_at is not None else date.min


def _text(value: Any) -> str:
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value or "")


def facts_of(row: Any, lexicon: Lexicon, *, min_relevance: float) -> Facts:
    """Return the facts of one posting row (``repository.POSTING_COLUMNS``)."""
    match: dict[str, Any] = row.match if isinstance(row.match, dict) else {}
    chain = row.chain_override or row.chain or match.get("chain") or ""
    best: dict[str, float] = {}
    for p in match.get("programmes") or []:
        if isinstance(p, dict) and p.get("code"):
            score = float(p.get("score") or 0.0)
            code = str(p["code"])
            if score >= min_relevance and score > best.get(code, 0.0):
                best[code] = score
    candidates = tuple(sorted(best.items(), key=lambda cs: (-cs[1], cs[0]))[:MAX_CANDIDATES])
    occupations = match.get("occupations") or []
    occupation = row.occupation_override or (
        str(occupations[0].get("code") or "")
        if occupations and isinstance(occupations[0], dict)
        else ""
    )
    terms = lexicon.terms.find(_text(row.skills), row.title or "", row.description or "")
    segment = match.get("segment") or (
        posting_segment(chain, terms, occupation, (c for c, _ in candidates), lexicon)
        if chain and chain != "none"
        else UNASSIGNED
    )
    return Facts(
        id=row.id,
        enterprise_id=row.enterprise_id,
        source=row.source or "",
        headcount=max(int(row.headcount or 0), 0),
        type=row.type,
        posted=posted_on(row.valid_from, row.created_at),
        live=row.deleted_at is None,
        matched=bool(chain),
        chain=chain or "none",
        segment=segment,
        occupation=occupation,
        title_key=title_key(row.title or ""),
        terms=terms,
        candidates=candidates,
    )
