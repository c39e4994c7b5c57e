"""The API shapes of the matcher: what to match and the answer."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Scope = Literal["catalogue", "offered"]


class MatchRequest(BaseModel):
    """What to match: a title and/or a text (at least one non-empty)."""

    title: str | None = Field(default=None, examples=["稀土萃取操作工"])
    text: str | None = Field(
        default=None,
        description="Posting text; only the first `match_text_limit` characters (default 4000) "
        "are read.",
        examples=["负责萃取槽进料、出料和皂化液配制，倒班。"],
    )
    top_k: int = Field(default=10, ge=1, le=50)
    scope: Scope = "catalogue"


class ScoredItem(BaseModel):
    """An occupation or programme with its calibrated score (0–1) and the evidence for it."""

    code: str
    name: str
    score: float
    evidence: list[str]


class ChainScore(BaseModel):
    """The probability (0–1) that the text belongs to this chain (or to ``none``)."""

    key: str
    score: float


class MatchResult(BaseModel):
    """The answer: chain (or ``none``), every chain's score, occupations and programmes."""

    chain: str
    chains: list[ChainScore]
    occupations: list[ScoredItem]
    programmes: list[ScoredItem]
