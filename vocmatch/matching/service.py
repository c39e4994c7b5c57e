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
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from vocmatch.kit import metrics
from vocmatch.kit.config import get_settings
from vocmatch.kit.errors import VocmatchError
from vocmatch.matching.datafiles import data_hashes
from vocmatch.matching.engine import artifacts
from vocmatch.matching.engine.fitted import FittedModel
from vocmatch.matching.engine.runtime import Runtime
from vocmatch.matching.schemas import MatchResult
from vocmatch.matching.scope import offered_programme_codes as offered_programme_codes

log = logging.getLogger(__name__)

_lock = threading.Lock()
_runtime: Runtime | None = None


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
    fitted = header.get("data_hashes", {})
    current = data_hashes(data_dir)
    changed = sorted(name for name, sha in current.items() if fitted.get(name) != sha)
    if changed:
        return (
            "stale",
            f"fitted on other data ({', '.join(changed)} changed in {data_dir}): "
            "run `vocmatch train`",
        )
    return "ok", str(header.get("version"))


def get_runtime() -> Runtime:
    """Return the process's model in query form, loading it on first use (thread-safe).

    Raises VocmatchError (503) naming the command to run when the model is missing or stale.
    """
    global _runtime
    if _runtime is not None:
        return _runtime
    with _lock:
        if _runtime is None:
            status, detail = model_status()
            if status != "ok":
                raise VocmatchError(f"the matching model is {status}: {detail}", status=503)
            started = time.perf_counter()
            _runtime = Runtime(artifacts.load(_models_dir()))
            log.info(
                "matching.model.loaded",
                extra={
                    "version": _runtime.model.version,
                    "seconds": round(time.perf_counter() - started, 3),
                },
            )
    return _runtime


def reset() -> None:
    """Forget the loaded model (after training, and in tests)."""
    global _runtime
    with _lock:
        _runtime = None


def set_model(model: FittedModel | None) -> None:
    """Use ``model`` as the process's model (training does this after saving)."""
    global _runtime
    with _lock:
        _runtime = Runtime(model) if model is not None else None


def model_version() -> str:
    """Return the loaded model's version, e.g. ``vm-20261129-1a2b3c4d``."""
    return get_runtime().model.version


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
    employers: Sequence[Sequence[str]] | None = None,
) -> list[dict[str, Any]]:
    """Return the answers as plain dicts shaped like :class:`MatchResult` (fast path for batches).

    ``employers`` gives, per item, the names its employer is known by (the registered name and
    short names): they are removed from the title wherever they appear. Callers that know the
    enterprise of a posting pass it; without, names with a legal form are still recognised.
    """
    metrics.MATCHES.labels("one" if len(items) == 1 else "batch").inc(len(items))
    return get_runtime().match(
        items,
        top_k=top_k,
        allowed_programmes=_allowed(scope, offered_codes),
        employers=employers,
    )


def match_text(
    *,
    title: str | None,
    text: str | None,
    top_k: int = 10,
    scope: str = "catalogue",
    offered_codes: set[str] | None = None,
    employer: str | None = None,
) -> MatchResult:
    """Return the match of one title/text (``scope="offered"``: only ``offered_codes``)."""
    [result] = match_dicts(
        [(title, text)],
        top_k=top_k,
        scope=scope,
        offered_codes=offered_codes,
        employers=[[employer] if employer else []],
    )
    return MatchResult.model_validate(result)


def match_many(
    items: Sequence[tuple[str | None, str | None]],
    *,
    top_k: int = 10,
    scope: str = "catalogue",
    offered_codes: set[str] | None = None,
    employers: Sequence[Sequence[str]] | None = None,
) -> list[MatchResult]:
    """Return the matches of many ``(title, text)`` pairs, in order (vectorised)."""
    return [
        MatchResult.model_validate(r)
        for r in match_dicts(
            items, top_k=top_k, scope=scope, offered_codes=offered_codes, employers=employers
        )
    ]


def chains_and_segments(items: Sequence[tuple[str | None, str | None]]) -> list[dict[str, Any]]:
    """Return, per ``(title, text)``, the chain probabilities, segment shares and evidence."""
    return get_runtime().chains_and_segments(items)
