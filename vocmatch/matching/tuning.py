"""Tune the combination weights on the development set's odd ids (work in progress)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from vocmatch.matching.reference import ReferenceData


def tune(
    ref: ReferenceData, eval_dir: Path, *, text_limit: int = 4000
) -> tuple[dict[str, list[float]] | None, dict[str, Any]]:
    """Return tuned weights (None: keep the defaults) and a summary of the tuning run."""
    return None, {"status": "defaults (tuning not implemented yet)"}
