"""Train the matcher: read the reference data, tune the weights, fit, save, write the card."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vocmatch.matching.engine import artifacts
from vocmatch.matching.fitting import tuning
from vocmatch.matching.fitting.card import write_card
from vocmatch.matching.fitting.estimator import Matcher
from vocmatch.matching.fitting.reference import read_reference

log = logging.getLogger(__name__)


@dataclass
class TrainResult:
    """What a training run produced."""

    matcher: Matcher
    version: str
    seconds: float
    card: dict[str, Any] = field(default_factory=dict)


def train(
    *,
    data_dir: Path,
    models_dir: Path,
    eval_dir: Path | None = None,
    tune: bool = False,
    text_limit: int = 4000,
) -> TrainResult:
    """Fit the matcher on ``data_dir`` and save it to ``models_dir``.

    With ``tune`` the combination weights and list thresholds are learned on held-out public
    items and the odd ids of ``eval_dir`` (see :mod:`~vocmatch.matching.fitting.tuning`);
    without, the defaults are used (the tests' small models).
    """
    started = time.perf_counter()
    ref = read_reference(data_dir)
    weights = thresholds = None
    summary: dict[str, Any] = {}
    if tune:
        params = Matcher(text_limit=text_limit).get_params()
        params = {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()}
        weights, thresholds, summary = tuning.tune(ref, eval_dir, params=params)
    matcher = Matcher(weights=weights, thresholds=thresholds, text_limit=text_limit).fit(ref)
    version = artifacts.save(matcher.model_, models_dir)
    seconds = time.perf_counter() - started
    extra: dict[str, Any] = {"train_seconds": round(seconds, 2)}
    if summary:
        extra["tuning"] = summary
    write_card(models_dir, matcher.model_, extra)
    log.info("matching.train.done", extra={"version": version, "seconds": round(seconds, 2)})
    return TrainResult(matcher=matcher, version=version, seconds=seconds, card=extra)
