"""Read the matcher's word lists: ``data/glossary.yaml`` and ``data/title_words.yaml``.

Both are validated here (a bad file stops fitting with the file and the entry named); names of
occupations in them are checked against the classification when the model is fitted, and those
that no longer exist are reported in the model card rather than failing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field, ValidationError

from vocmatch.kit.errors import DataFileError

GLOSSARY = "glossary.yaml"
TITLE_WORDS = "title_words.yaml"
ENGLISH_KINDS = ("job", "equipment", "chain", "level")


class EnglishTitles(BaseModel):
    """English titles of one 2022 occupation (``name`` is its 2022 name, as a check)."""

    name: str = Field(min_length=1)
    en: list[str] = Field(min_length=1)


class GlossaryFile(BaseModel):
    """``data/glossary.yaml``."""

    english: dict[str, dict[str, str]]
    occupations_en: dict[str, EnglishTitles]
    colloquial: dict[str, list[str]]


class CompanySuffixes(BaseModel):
    strong: list[str]
    weak: list[str] = []


class TitleWordsFile(BaseModel):
    """``data/title_words.yaml``."""

    recruit: list[str]
    recruit_jobs: list[str]
    company_suffixes: CompanySuffixes
    places: list[str]
    salary_words: list[str]
    benefits: list[str]
    shifts: list[str]
    levels: dict[str, list[str]]
    generic: list[str]
    engineer_evidence: list[str]


def _read(path: Path, model: type[BaseModel]) -> Any:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return model.model_validate(raw)
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read ({type(exc).__name__})") from exc
    except yaml.YAMLError as exc:
        raise DataFileError(f"{path}: not valid YAML ({exc})") from exc
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise DataFileError(f"{path}, entry '{where}': {err['msg']}") from exc


def read_glossary(data_dir: Path) -> GlossaryFile:
    """Return the validated glossary of ``data_dir``."""
    glossary: GlossaryFile = _read(data_dir / GLOSSARY, GlossaryFile)
    unknown = sorted(set(glossary.english) - set(ENGLISH_KINDS))
    if unknown:
        raise DataFileError(
            f"{data_dir / GLOSSARY}, entry 'english': unknown kind(s) {', '.join(unknown)} "
            f"(expected {', '.join(ENGLISH_KINDS)})"
        )
    return glossary


def read_title_words(data_dir: Path) -> dict[str, Any]:
    """Return the validated title words of ``data_dir`` as plain data (saved in the model)."""
    words: TitleWordsFile = _read(data_dir / TITLE_WORDS, TitleWordsFile)
    return words.model_dump()


def english_words(glossary: GlossaryFile) -> dict[str, str]:
    """Return every English word of the glossary → its Chinese (lower case keys)."""
    out: dict[str, str] = {}
    for kind in ENGLISH_KINDS:
        for en, zh in glossary.english.get(kind, {}).items():
            out[str(en).lower()] = str(zh)
    return out
