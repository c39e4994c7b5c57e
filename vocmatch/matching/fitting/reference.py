"""The reference data the matcher is fitted on, read from a data directory (no database).

``read_reference(data_dir)`` returns a :class:`ReferenceData` holding the four files as
DataFrames plus the parsed ``industries.yaml``, and the sha256 of every file it read, so a model
can tell later whether it was fitted on the data that is on disk now.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from vocmatch.matching.datafiles import data_hashes


@dataclass
class ReferenceData:
    """The matcher's training input: catalogue, occupations, official links and the chains."""

    programmes: pd.DataFrame
    occupations: pd.DataFrame
    groups: pd.DataFrame
    links: pd.DataFrame
    industries: dict[str, Any]
    hashes: dict[str, str] = field(default_factory=dict)


def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def read_reference(data_dir: Path) -> ReferenceData:
    """Read the reference files of ``data_dir`` into a :class:`ReferenceData`."""
    programmes = _csv(data_dir / "programmes.csv")
    with (data_dir / "industries.yaml").open(encoding="utf-8") as f:
        industries = yaml.safe_load(f)
    return ReferenceData(
        programmes=programmes,
        occupations=_csv(data_dir / "occupations.csv"),
        groups=_csv(data_dir / "occupation_groups.csv"),
        links=_csv(data_dir / "programme_occupations.csv"),
        industries=industries,
        hashes=data_hashes(data_dir),
    )
