"""The model card (``models/model_card.json``): what a person needs to trust a fitted model."""

from __future__ import annotations

import json
import platform
from pathlib import Path
from typing import Any

import numpy as np
import pandas
import rapidfuzz
import scipy
import sklearn

from vocmatch.matching.datafiles import sha256_file
from vocmatch.matching.engine.artifacts import CARD, FORMAT, JSON, NPZ
from vocmatch.matching.engine.candidates import OCC_FEATURES, PROG_FEATURES
from vocmatch.matching.engine.fitted import FittedModel


def library_versions() -> dict[str, str]:
    """Return the versions of Python and the numeric libraries the model was fitted with."""
    return {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "scikit-learn": sklearn.__version__,
        "pandas": pandas.__version__,
        "rapidfuzz": rapidfuzz.__version__,
    }


CHAIN_FEATURES = (
    "classifier_whole",
    "classifier_title",
    "skills_in_title",
    "skills_in_text",
    "best_segment_cosine",
    "occupations_chain",
    "segment_names",
)
NONE_FEATURES = ("classifier_whole", "classifier_title", "none_examples", "outside_chains", "bias")
CALIBRATION = ("logit", "margin_to_best", "bias")


def named_weights(weights: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    """Return each fitted weight beside the name of its feature."""
    names = {
        "chain": CHAIN_FEATURES,
        "none": NONE_FEATURES,
        "occupation": (*OCC_FEATURES, "bias"),
        "programme": (*PROG_FEATURES, "bias"),
        "occupation_calibration": CALIBRATION,
        "programme_calibration": CALIBRATION,
    }
    return {
        model: dict(zip(names.get(model, [str(i) for i in range(len(w))]), w, strict=True))
        for model, w in weights.items()
    }


def write_card(models_dir: Path, model: FittedModel, extra: dict[str, Any]) -> Path:
    """Write ``model_card.json`` (params, versions, data hashes, ``extra`` such as evaluation)."""
    card = {
        "model": "vocmatch matcher",
        "version": model.version,
        "format": FORMAT,
        "fitted_at": model.fitted_at,
        "files": {NPZ: sha256_file(models_dir / NPZ), JSON: sha256_file(models_dir / JSON)},
        "size_bytes": (models_dir / NPZ).stat().st_size + (models_dir / JSON).stat().st_size,
        "params": model.params,
        "weights": named_weights(model.weights),
        "thresholds": model.thresholds,
        "lexicon_unknown": model.lexicon_unknown,
        "libraries": library_versions(),
        "data_sha256": model.data_hashes,
        "fit_seconds": model.fit_seconds,
        "sizes": {
            "occupations": len(model.occupation_codes),
            "programmes": len(model.programme_codes),
            "segments": len(model.segment_keys),
            "phrases": len(model.phrases),
            "ngrams": len(model.vocabulary),
        },
        **extra,
    }
    path = models_dir / CARD
    path.write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
