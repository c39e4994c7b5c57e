"""Score the matcher on data/eval/ beside two baselines (work in progress)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from vocmatch.errors import VocmatchError
from vocmatch.matching.estimator import Matcher


def run(matcher: Matcher, data_dir: Path) -> dict[str, Any]:
    """Return the evaluation report."""
    raise VocmatchError("evaluate is not implemented yet", status=501)


def format_table(report: dict[str, Any]) -> str:
    """Return the report as a table."""
    return ""


def save(report: dict[str, Any], path: Path, models_dir: Path) -> None:
    """Write the report."""
