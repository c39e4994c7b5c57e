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
        "weights": model.weights,
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
