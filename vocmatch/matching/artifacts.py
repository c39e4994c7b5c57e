"""Save and load a fitted matcher as arrays (``.npz``) + JSON: loading can never run code.

``models/matcher.npz`` holds the numeric arrays (read with ``allow_pickle=False``),
``models/matcher.json`` the vocabulary, codes, names, phrases, parameters and the sha256 of the
data files and of the ``.npz``; ``models/model_card.json`` is the human-facing card (params,
library versions, data hashes, evaluation figures, training time).
"""

from __future__ import annotations

import hashlib
import json
import platform
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from vocmatch.kit.errors import VocmatchError
from vocmatch.matching.estimator import Matcher
from vocmatch.matching.reference import sha256_file

FORMAT = "vocmatch-matcher/1"
NPZ = "matcher.npz"
JSON = "matcher.json"
CARD = "model_card.json"

_JSON_ATTRS = (
    "occupation_codes_",
    "occupation_names_",
    "occupation_titles_",
    "programme_codes_",
    "programme_names_",
    "segment_keys_",
    "segment_names_",
    "skill_names_",
    "phrases_",
    "weights_",
    "data_hashes_",
    "corrections_",
    "fit_seconds_",
)
_ARRAY_ATTRS = (
    "idf_",
    "segment_chain_",
    "skill_segment_",
    "phrase_generality_",
    "chain_idf_",
    "chain_coef_",
    "chain_intercept_",
)


class ArtifactError(VocmatchError):
    """The model files are missing, unreadable or inconsistent (the service answers 503)."""

    status = 503
    title = "Model unavailable"


def _library_versions() -> dict[str, str]:
    import pandas
    import rapidfuzz
    import scipy
    import sklearn

    return {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "scikit-learn": sklearn.__version__,
        "pandas": pandas.__version__,
        "rapidfuzz": rapidfuzz.__version__,
    }


def _as_list(vocabulary: dict[str, int]) -> list[str]:
    out = [""] * len(vocabulary)
    for term, col in vocabulary.items():
        out[col] = term
    return out


def save(matcher: Matcher, models_dir: Path) -> str:
    """Write ``matcher`` to ``models_dir`` (npz + json); return its model version."""
    models_dir.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, np.ndarray] = {a: np.asarray(getattr(matcher, a)) for a in _ARRAY_ATTRS}
    for name, m in matcher.sparse_attributes().items():
        csr = sp.csr_matrix(m)
        arrays[f"{name}data"] = csr.data.astype(np.float32)
        arrays[f"{name}indices"] = csr.indices.astype(np.int32)
        arrays[f"{name}indptr"] = csr.indptr.astype(np.int64)
        arrays[f"{name}shape"] = np.asarray(csr.shape, np.int64)
    tmp_npz = models_dir / (NPZ + ".tmp.npz")
    np.savez_compressed(tmp_npz, **arrays)  # type: ignore[arg-type]
    npz_sha = sha256_file(tmp_npz)
    vocab = _as_list(matcher.vocabulary_)
    body: dict[str, Any] = {
        "format": FORMAT,
        "params": {
            k: list(v) if isinstance(v, tuple) else v for k, v in matcher.get_params().items()
        },
        "fitted_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "npz_sha256": npz_sha,
        "vocabulary": vocab,
        "chain_vocabulary": _as_list(matcher.chain_vocabulary_),
        "phrase_payloads_": [[list(p) for p in pl] for pl in matcher.phrase_payloads_],
        **{a: getattr(matcher, a) for a in _JSON_ATTRS},
    }
    digest = hashlib.sha256(
        (npz_sha + json.dumps(body, ensure_ascii=False, sort_keys=True)).encode()
    ).hexdigest()
    version = f"vm-{datetime.now(UTC):%Y%m%d}-{digest[:8]}"
    body["version"] = version
    tmp_json = models_dir / (JSON + ".tmp")
    tmp_json.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    tmp_npz.replace(models_dir / NPZ)
    tmp_json.replace(models_dir / JSON)
    matcher.version_ = version
    return version


def exists(models_dir: Path) -> bool:
    """Return True when both model files are present."""
    return (models_dir / NPZ).exists() and (models_dir / JSON).exists()


def read_header(models_dir: Path) -> dict[str, Any]:
    """Return the JSON part of the model (version, params, data hashes…)."""
    try:
        header: dict[str, Any] = json.loads((models_dir / JSON).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ArtifactError(
            f"cannot read {models_dir / JSON} ({type(exc).__name__}): run `vocmatch train`"
        ) from exc
    if header.get("format") != FORMAT:
        raise ArtifactError(
            f"{models_dir / JSON} has format {header.get('format')!r}, expected {FORMAT!r}: "
            "run `vocmatch train`"
        )
    return header


def load(models_dir: Path) -> Matcher:
    """Load a matcher saved by :func:`save` (arrays and JSON only; nothing is unpickled)."""
    if not exists(models_dir):
        raise ArtifactError(f"no model in {models_dir}: run `vocmatch train`")
    header = read_header(models_dir)
    npz_path = models_dir / NPZ
    if sha256_file(npz_path) != header.get("npz_sha256"):
        raise ArtifactError(
            f"{npz_path} does not belong to {models_dir / JSON} (interrupted write?): "
            "run `vocmatch train`"
        )
    params = dict(header["params"])
    if "ngram_range" in params:
        params["ngram_range"] = tuple(params["ngram_range"])
    matcher = Matcher(**params)
    with np.load(npz_path, allow_pickle=False) as npz:
        for a in _ARRAY_ATTRS:
            setattr(matcher, a, npz[a])
        for name in Matcher().sparse_names():
            shape = tuple(int(x) for x in npz[f"{name}shape"])
            setattr(
                matcher,
                name,
                sp.csr_matrix(
                    (npz[f"{name}data"], npz[f"{name}indices"], npz[f"{name}indptr"]), shape=shape
                ),
            )
    for a in _JSON_ATTRS:
        setattr(matcher, a, header[a])
    matcher.vocabulary_ = {term: i for i, term in enumerate(header["vocabulary"])}
    matcher.chain_vocabulary_ = {term: i for i, term in enumerate(header["chain_vocabulary"])}
    matcher.phrase_payloads_ = [
        [(int(k), int(t)) for k, t in pl] for pl in header["phrase_payloads_"]
    ]
    matcher.version_ = header["version"]
    matcher._prepare()
    return matcher


def write_card(models_dir: Path, matcher: Matcher, extra: dict[str, Any]) -> Path:
    """Write ``model_card.json`` (params, versions, data hashes, ``extra`` such as evaluation)."""
    card = {
        "model": "vocmatch matcher",
        "version": getattr(matcher, "version_", None),
        "format": FORMAT,
        "files": {NPZ: sha256_file(models_dir / NPZ), JSON: sha256_file(models_dir / JSON)},
        "size_bytes": (models_dir / NPZ).stat().st_size + (models_dir / JSON).stat().st_size,
        "params": {
            k: list(v) if isinstance(v, tuple) else v for k, v in matcher.get_params().items()
        },
        "weights": matcher.weights_,
        "libraries": _library_versions(),
        "data_sha256": matcher.data_hashes_,
        "data_corrections": matcher.corrections_,
        "fit_seconds": round(float(matcher.fit_seconds_), 2),
        "sizes": {
            "occupations": len(matcher.occupation_codes_),
            "programmes": len(matcher.programme_codes_),
            "segments": len(matcher.segment_keys_),
            "phrases": len(matcher.phrases_),
            "ngrams": len(matcher.vocabulary_),
        },
        **extra,
    }
    path = models_dir / CARD
    path.write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
