"""The matcher as the rest of vocmatch uses it: one model per process, loaded once, lazily.

This module is the contract other domains code against (the posting API stores
``match_text(...).model_dump()`` in ``Posting.match`` and ``model_version()`` in
``Posting.model_version``). The model lives in ``settings.models_dir``; it is *stale* when the
reference files in ``settings.data_dir`` differ from those it was fitted on.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from vocmatch.kit.config import get_settings
from vocmatch.kit.errors import VocmatchError
from vocmatch.matching import artifacts
from vocmatch.matching.estimator import Matcher
from vocmatch.matching.reference import data_hashes

log = logging.getLogger(__name__)

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


_lock = threading.Lock()
_matcher: Matcher | None = None


def _models_dir() -> Path:
    return Path(get_settings().models_dir)


def model_status(models_dir: Path | None = None, data_dir: Path | None = None) -> tuple[str, str]:
    """Return ``("ok" | "missing" | "stale" | "broken", detail)`` for the model on disk."""
    models_dir = models_dir or _models_dir()
    data_dir = data_dir or Path(get_settings().data_dir)
    if not artifacts.exists(models_dir):
        return "missing", f"no model in {models_dir}: run `vocmatch train`"
    try:
        header = artifacts.read_header(models_dir)
    except VocmatchError as exc:
        return "broken", exc.message
    fitted = header.get("data_hashes_", {})
    current = data_hashes(data_dir)
    changed = sorted(name for name, sha in current.items() if fitted.get(name) != sha)
    if changed:
        return (
            "stale",
            f"fitted on other data ({', '.join(changed)} changed in {data_dir}): "
            "run `vocmatch train`",
        )
    return "ok", str(header.get("version"))


def get_matcher() -> Matcher:
    """Return the process's matcher, loading it on first use (thread-safe).

    Raises VocmatchError (503) naming the command to run when the model is missing or stale.
    """
    global _matcher
    if _matcher is not None:
        return _matcher
    with _lock:
        if _matcher is None:
            status, detail = model_status()
            if status != "ok":
                raise VocmatchError(f"the matching model is {status}: {detail}", status=503)
            started = time.perf_counter()
            _matcher = artifacts.load(_models_dir())
            log.info(
                "matching.model.loaded",
                extra={
                    "version": _matcher.version_,
                    "seconds": round(time.perf_counter() - started, 3),
                },
            )
    return _matcher


def reset() -> None:
    """Forget the loaded model (after training, and in tests)."""
    global _matcher
    with _lock:
        _matcher = None


def set_matcher(matcher: Matcher | None) -> None:
    """Use ``matcher`` as the process's model (training does this after saving)."""
    global _matcher
    with _lock:
        _matcher = matcher


def model_version() -> str:
    """Return the loaded model's version, e.g. ``vm-20261129-1a2b3c4d``."""
    return str(get_matcher().version_)


def _allowed(scope: str, offered_codes: set[str] | None) -> set[str] | None:
    if scope == "offered":
        return set(offered_codes or ())
    return None


def match_dicts(
    items: Sequence[tuple[str | None, str | None]],
    *,
    top_k: int = 10,
    scope: str = "catalogue",
    offered_codes: set[str] | None = None,
) -> list[dict[str, Any]]:
    """Return the answers as plain dicts shaped like :class:`MatchResult` (fast path for batches)."""
    return get_matcher().match(
        items, top_k=top_k, allowed_programmes=_allowed(scope, offered_codes)
    )


def match_text(
    *,
    title: str | None,
    text: str | None,
    top_k: int = 10,
    scope: str = "catalogue",
    offered_codes: set[str] | None = None,
) -> MatchResult:
    """Return the match of one title/text (``scope="offered"``: only ``offered_codes``)."""
    [result] = match_dicts([(title, text)], top_k=top_k, scope=scope, offered_codes=offered_codes)
    return MatchResult.model_validate(result)


def match_many(
    items: Sequence[tuple[str | None, str | None]],
    *,
    top_k: int = 10,
    scope: str = "catalogue",
    offered_codes: set[str] | None = None,
) -> list[MatchResult]:
    """Return the matches of many ``(title, text)`` pairs, in order (vectorised)."""
    return [
        MatchResult.model_validate(r)
        for r in match_dicts(items, top_k=top_k, scope=scope, offered_codes=offered_codes)
    ]


# Which programmes some school offers (``scope="offered"``) is the schools domain's answer, and
# schools sit above matching: the app installs the lookup (``vocmatch.wiring``) instead of matching
# importing schools.
OfferedSource = Callable[[Session], set[str]]
_offered_source: list[OfferedSource] = []


def set_offered_source(source: OfferedSource) -> None:
    """Install the lookup of the programmes offered by some school (the app does this once)."""
    _offered_source[:] = [source]


def offered_programme_codes(session: Session) -> set[str]:
    """Return the codes of the programmes offered by some school in the database."""
    if not _offered_source:
        raise VocmatchError("the offered-programmes lookup is not installed (vocmatch.wiring)")
    return _offered_source[0](session)
