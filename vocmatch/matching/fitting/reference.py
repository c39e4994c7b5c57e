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

# Known slips of the upstream 2022 profile file (see data/eval/README.md, "Source-data defects"):
# the profile stored under the first code describes the second programme, which has none. The move
# only happens while the target still has no profile, so it switches itself off once the data is
# fixed at the source (scripts/build_reference_data.py).
PROFILE_MOVES = {"670206": "670207", "790303": "790304"}
PROFILE_COLUMNS = ("occupations_text", "goal", "abilities", "courses", "certificates")


@dataclass
class ReferenceData:
    """The matcher's training input: catalogue, occupations, official links and the chains."""

    programmes: pd.DataFrame
    occupations: pd.DataFrame
    groups: pd.DataFrame
    links: pd.DataFrame
    industries: dict[str, Any]
    hashes: dict[str, str] = field(default_factory=dict)
    corrections: list[str] = field(default_factory=list)


def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _move_profiles(programmes: pd.DataFrame) -> list[str]:
    done = []
    by_code = {c: i for i, c in enumerate(programmes["code"])}
    for src, dst in PROFILE_MOVES.items():
        if src not in by_code or dst not in by_code:
            continue
        i, j = by_code[src], by_code[dst]
        if programmes.at[j, "has_profile"] == "1" or programmes.at[i, "has_profile"] != "1":
            continue
        for col in PROFILE_COLUMNS:
            text = str(programmes.at[i, col])
            programmes.at[j, col] = text
            programmes.at[i, col] = ""
        programmes.at[j, "has_profile"] = "1"
        programmes.at[i, "has_profile"] = "0"
        done.append(f"profile stored under {src} describes {dst}: moved to {dst}")
    return done


def read_reference(data_dir: Path) -> ReferenceData:
    """Read the reference files of ``data_dir`` into a :class:`ReferenceData`."""
    programmes = _csv(data_dir / "programmes.csv")
    corrections = _move_profiles(programmes)
    with (data_dir / "industries.yaml").open(encoding="utf-8") as f:
        industries = yaml.safe_load(f)
    return ReferenceData(
        programmes=programmes,
        occupations=_csv(data_dir / "occupations.csv"),
        groups=_csv(data_dir / "occupation_groups.csv"),
        links=_csv(data_dir / "programme_occupations.csv"),
        industries=industries,
        hashes=data_hashes(data_dir),
        corrections=corrections,
    )
