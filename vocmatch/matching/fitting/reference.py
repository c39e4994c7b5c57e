"""The reference data the matcher is fitted on, read from a data directory (no database).

``read_reference(data_dir)`` returns a :class:`ReferenceData` holding the catalogue files as
DataFrames, the parsed ``industries.yaml``, the word lists (``glossary.yaml``,
``title_words.yaml``) and the sha256 of every file it read, so a model can tell later whether
it was fitted on the data that is on disk now.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from vocmatch.matching.datafiles import data_hashes
from vocmatch.matching.fitting.lexicon import GlossaryFile, read_glossary, read_title_words


@dataclass
class ReferenceData:
    """The matcher's training input: catalogue, occupations, links, chains and word lists."""

    programmes: pd.DataFrame
    occupations: pd.DataFrame
    groups: pd.DataFrame
    links: pd.DataFrame
    industries: dict[str, Any]
    glossary: GlossaryFile
    title_words: dict[str, Any]
    hashes: dict[str, str] = field(default_factory=dict)
    holdout: list[str] = field(default_factory=list)  # occupations whose titles/links are out


def _csv(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column in ("source", "note"):  # older link files have neither
        if path.name == "programme_occupations.csv" and column not in frame:
            frame[column] = "profile" if column == "source" else ""
    return frame


def read_reference(data_dir: Path) -> ReferenceData:
    """Read the reference files of ``data_dir`` into a :class:`ReferenceData`."""
    with (data_dir / "industries.yaml").open(encoding="utf-8") as f:
        industries = yaml.safe_load(f)
    return ReferenceData(
        programmes=_csv(data_dir / "programmes.csv"),
        occupations=_csv(data_dir / "occupations.csv"),
        groups=_csv(data_dir / "occupation_groups.csv"),
        links=_csv(data_dir / "programme_occupations.csv"),
        industries=industries,
        glossary=read_glossary(data_dir),
        title_words=read_title_words(data_dir),
        hashes=data_hashes(data_dir),
    )
