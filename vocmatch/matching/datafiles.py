"""The reference files a model is fitted on, and their sha256 (a model is stale when they differ)."""

from __future__ import annotations

import hashlib
from pathlib import Path

FILES = (
    "programmes.csv",
    "occupations.csv",
    "occupation_groups.csv",
    "programme_occupations.csv",
    "industries.yaml",
    "glossary.yaml",
    "title_words.yaml",
)


def sha256_file(path: Path) -> str:
    """Return the hex sha256 of a file."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def data_hashes(data_dir: Path) -> dict[str, str]:
    """Return ``{file name: sha256}`` of the reference files in ``data_dir`` (missing → "")."""
    return {
        name: sha256_file(data_dir / name) if (data_dir / name).exists() else "" for name in FILES
    }
