"""The district's teacher settings: ``data/teachers_district.yaml``.

Which dual-qualified standard applies (the national 2022 basic standard or Jiangxi's), and the
enterprise-practice obligations checked from the dated practice records (the national rule and the
Bay Area cadence the district sets). Read on every use, parsed once per content hash; a wrong file
stops with one line naming the file and the field. Without the file the national standard applies
and no obligation is checked.
"""

from __future__ import annotations

import hashlib
import threading
from datetime import date
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from vocmatch.kit.config import get_settings
from vocmatch.kit.errors import DataFileError
from vocmatch.kit.files import display_path
from vocmatch.teachers.prose import Prose, RequiredProse

DISTRICT_FILE = "teachers_district.yaml"
NATIONAL_RULES_FILE = "dual_qualified_rules.yaml"


class Obligation(BaseModel):
    """At least ``min_days`` of practice ending within every ``window_years`` (rolling)."""

    model_config = ConfigDict(extra="forbid")
    key: Literal["national", "bay_area"]
    name: str = Field(min_length=1)
    min_days: int = Field(gt=0, le=3650)
    window_years: int = Field(ge=1, le=20)
    bay_area_only: bool = False
    source: RequiredProse
    quote: str = ""
    # How the numbers were set: "standard" (the rule's own figure), "district" (set in this file).
    set_by: Literal["standard", "district"]
    interpretation: Prose = Prose()
    # The day the obligation took effect (a plan's first day): a teacher hired earlier has the
    # first window counted from here, not from the hiring date. None: from the hiring date.
    effective_from: date | None = None


class Obligations(BaseModel):
    model_config = ConfigDict(extra="forbid")
    due_within_days: int = Field(ge=1, le=3650)
    applies_to: RequiredProse
    rules: list[Obligation] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> Obligations:
        keys = [o.key for o in self.rules]
        if len(keys) != len(set(keys)):
            raise ValueError("rules: each key (national, bay_area) at most once")
        return self


class District(BaseModel):
    """The file as written."""

    model_config = ConfigDict(extra="forbid")
    dual_qualified_standard: Literal["national", "jiangxi"]
    standard_files: dict[Literal["national", "jiangxi"], str]
    practice_obligations: Obligations | None = None

    @model_validator(mode="after")
    def _files(self) -> District:
        if self.dual_qualified_standard not in self.standard_files:
            raise ValueError(
                f"standard_files: no file for the selected standard {self.dual_qualified_standard!r}"
            )
        for key, name in self.standard_files.items():
            if "/" in name or not name.endswith(".yaml"):
                raise ValueError(f"standard_files.{key}: give a .yaml file name of the data folder")
        return self


_cache: dict[str, District | None] = {}
_lock = threading.Lock()


def district_path() -> Path:
    """Return ``<data_dir>/teachers_district.yaml``."""
    return get_settings().data_dir / DISTRICT_FILE


def load_district(path: Path | None = None) -> District | None:
    """Return the district's settings (None when the deployment has no such file)."""
    path = path or district_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    key = f"{path}:{hashlib.sha256(raw).hexdigest()}"
    with _lock:
        if key in _cache:
            return _cache[key]
    where = display_path(path)
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark is not None else ""
        raise DataFileError(f"{where}{line}: broken YAML") from None
    try:
        parsed = District.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err.get("loc", ())) or "(top level)"
        msg = err.get("msg", "invalid").removeprefix("Value error, ")
        raise DataFileError(f"{where}, field '{field}': {msg}") from None
    with _lock:
        _cache.clear()
        _cache[key] = parsed
    return parsed


def selected_rules_file() -> str:
    """Return the file name of the dual-qualified rule set the district selected."""
    district = load_district()
    if district is None:
        return NATIONAL_RULES_FILE
    return district.standard_files[district.dual_qualified_standard]


def obligations() -> Obligations | None:
    """Return the practice obligations the district checks (None: not configured)."""
    district = load_district()
    return district.practice_obligations if district else None
