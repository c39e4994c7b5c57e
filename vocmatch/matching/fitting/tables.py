"""Small helpers for reading the reference DataFrames while fitting."""

from __future__ import annotations

from typing import cast

import numpy as np
import pandas as pd
import scipy.sparse as sp


def records(df: pd.DataFrame) -> list[dict[str, str]]:
    """Return the rows of an all-string DataFrame as dicts."""
    return cast(list[dict[str, str]], df.to_dict("records"))


def split_list(value: str) -> list[str]:
    """Split a ``；``-joined cell into items."""
    return [v.strip() for v in value.split("；") if v.strip()]


def join(*parts: str) -> str:
    """Return the non-empty parts joined with `` ; `` (a document of several fields)."""
    return " ; ".join(p for p in parts if p)


def group_level(code: str) -> int:
    """Return 1–4: the level of a classification code (``6-17-00-00`` → 2)."""
    parts = code.split("-")
    return 4 - sum(1 for p in parts[1:] if p == "00")


def matrix(rows: list[tuple[int, int, float]], shape: tuple[int, int]) -> sp.csr_matrix:
    """Return a CSR matrix of ``(row, column, value)`` triples; duplicates keep the largest."""
    if not rows:
        return sp.csr_matrix(shape, dtype=np.float32)
    best: dict[tuple[int, int], float] = {}
    for r, c, v in rows:
        best[(r, c)] = max(best.get((r, c), 0.0), v)
    keys = list(best)
    return sp.csr_matrix(
        (
            np.minimum(np.asarray([best[k] for k in keys], np.float32), 1.0),
            (np.asarray([k[0] for k in keys]), np.asarray([k[1] for k in keys])),
        ),
        shape=shape,
    )
