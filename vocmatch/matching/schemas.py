"""The API shapes of the matcher: what to match and the answer."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from vocmatch.kit.schema import Input

Scope = Literal["catalogue", "offered"]


class MatchRequest(Input):
    """What to match: a title and/or a text (at least one non-empty)."""

    title: str | None = Field(default=None, examples=["稀土萃取操作工"])
    text: str | None = Field(
        default=None,
        description="Posting text; only the first `match_text_limit` characters (default 4000) "
        "are read.",
        examples=["负责萃取槽进料、出料和皂化液配制，倒班。"],
    )
    employer: str | None = Field(
        default=None,
        max_length=200,
        description="The employer's name, if known: removed wherever it appears in the title "
        "(names with a legal form, 有限公司 and the like, are recognised without it).",
        examples=["赣州某某五金制品有限公司"],
    )
    top_k: int = Field(
        default=10,
        ge=1,
        le=50,
        description="The most occupations and programmes returned; lists hold only entries "
        "whose score reaches the model's calibrated threshold, so they may be shorter.",
    )
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


class Removed(BaseModel):
    """A piece of the title that is not the job (employer, recruit, place, salary, benefit,
    shift, headcount, id)."""

    kind: str
    text: str


class TitleReading(BaseModel):
    """What the matcher read in the title: the job, its level word, and what it removed."""

    job: str
    level: str | None = Field(
        default=None,
        description="apprentice, skilled, technician, supervisor, manager or engineer: a "
        "feature of the job, not the job (钣金技师 is a sheet-metal job at a skilled level).",
    )
    level_words: list[str] = []
    removed: list[Removed] = []


class MatchResult(BaseModel):
    """The answer: chain (or ``none``), every chain's score, occupations and programmes.

    ``notes`` flags answers to read with care: ``title_too_generic`` (普工, 操作工: the title does
    not say the job; scores are low), ``no_likely_occupation`` / ``no_likely_programme`` (no
    entry reaches the threshold, so the list is empty rather than padded).
    """

    chain: str
    chains: list[ChainScore]
    occupations: list[ScoredItem]
    programmes: list[ScoredItem]
    title: TitleReading | None = None
    notes: list[str] = []
