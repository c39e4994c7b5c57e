"""Save and load a :class:`FittedModel` as arrays (``.npz``) + JSON: loading can never run code.

``models/matcher.npz`` holds the numeric arrays (read with ``allow_pickle=False``),
``models/matcher.json`` every other field plus the format and the sha256 of the ``.npz``. The
model card (``models/model_card.json``) is written by training, not here.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from vocmatch.kit.errors import VocmatchError
from vocmatch.matching.datafiles import sha256_file
from vocmatch.matching.engine.fitted import FittedModel, field_kinds

# Bump when the features or the fitted fields change: a model of another format is "stale".
FORMAT = "vocmatch-matcher/5"
NPZ = "matcher.npz"
JSON = "matcher.json"
CARD = "model_card.json"
_PARTS = ("data", "indices", "indptr", "shape")


class ArtifactError(VocmatchError):
    """The model files are missing, unreadable or inconsistent (the service answers 503)."""

    status = 503
    title = "Model unavailable"


def _arrays(model: FittedModel) -> dict[str, np.ndarray]:
    arrays: dict[str, np.ndarray] = {}
    for name, kind in field_kinds().items():
        value = getattr(model, name)
        if kind == "array":
            arrays[name] = np.asarray(value)
        elif kind == "sparse":
            csr = sp.csr_matrix(value)
            arrays[f"{name}.data"] = csr.data.astype(np.float32)
            arrays[f"{name}.indices"] = csr.indices.astype(np.int32)
            arrays[f"{name}.indptr"] = csr.indptr.astype(np.int64)
            arrays[f"{name}.shape"] = np.asarray(csr.shape, np.int64)
    return arrays


def _json_fields(model: FittedModel) -> dict[str, Any]:
    return {n: getattr(model, n) for n, kind in field_kinds().items() if kind == "json"}


_UNVERSIONED = ("version", "fitted_at", "fit_seconds")


def content_version(model: FittedModel) -> str:
    """Return ``vm-YYYYMMDD-xxxxxxxx``: the fit date and a digest of everything fitted.

    The digest leaves out the version itself, the date and the fit time, so fitting the same
    data with the same code gives the same digest.
    """
    h = hashlib.sha256(FORMAT.encode())
    for name, array in sorted(_arrays(model).items()):
        h.update(name.encode())
        h.update(np.ascontiguousarray(array).tobytes())
    body = {k: v for k, v in _json_fields(model).items() if k not in _UNVERSIONED}
    h.update(json.dumps(body, ensure_ascii=False, sort_keys=True).encode())
    day = datetime.fromisoformat(model.fitted_at).strftime("%Y%m%d")
    return f"vm-{day}-{h.hexdigest()[:8]}"


def save(model: FittedModel, models_dir: Path) -> str:
    """Write ``model`` to ``models_dir`` (npz + json, each replaced atomically); return its version."""
    models_dir.mkdir(parents=True, exist_ok=True)
    tmp_npz = models_dir / (NPZ + ".tmp.npz")
    np.savez_compressed(tmp_npz, **_arrays(model))  # type: ignore[arg-type]
    body = {"format": FORMAT, "npz_sha256": sha256_file(tmp_npz), **_json_fields(model)}
    tmp_json = models_dir / (JSON + ".tmp")
    tmp_json.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    tmp_npz.replace(models_dir / NPZ)
    tmp_json.replace(models_dir / JSON)
    return model.version


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
            f"{models_dir / JSON} has format {header.get('format')!r}, this code reads "
            f"{FORMAT!r}: run `vocmatch train`"
        )
    return header


def load(models_dir: Path) -> FittedModel:
    """Return the model saved by :func:`save` (arrays and JSON only; nothing is unpickled)."""
    if not exists(models_dir):
        raise ArtifactError(f"no model in {models_dir}: run `vocmatch train`")
    header = read_header(models_dir)
    npz_path = models_dir / NPZ
    if sha256_file(npz_path) != header.get("npz_sha256"):
        raise ArtifactError(
            f"{npz_path} does not belong to {models_dir / JSON} (interrupted write?): "
            "run `vocmatch train`"
        )
    values: dict[str, Any] = {}
    try:
        with np.load(npz_path, allow_pickle=False) as npz:
            for name, kind in field_kinds().items():
                if kind == "array":
                    values[name] = npz[name]
                elif kind == "sparse":
                    data, indices, indptr, shape = (npz[f"{name}.{p}"] for p in _PARTS)
                    values[name] = sp.csr_matrix(
                        (data, indices, indptr), shape=tuple(int(x) for x in shape)
                    )
                else:
                    values[name] = header[name]
    except KeyError as exc:
        raise ArtifactError(
            f"{models_dir} lacks {exc.args[0]!r} (written by other code): run `vocmatch train`"
        ) from exc
    return FittedModel(**values)
