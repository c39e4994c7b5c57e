"""The plan periods: one YAML file per plan in ``<plans_dir>`` (``data/plans/``), read through one
function for the current period (:func:`plan_targets`) and one for all of them
(:func:`plan_periods`); and the enrolment trajectory.

Every target and milestone cites its clause and quotes the plan; when the file names its source
text (``plan.source_text`` in ``<plans_dir>/sources/``) each quote must be an exact substring of it,
or the file is refused with one line naming the file and the field. The current period is the one
whose start … deadline contains today (the latest started, when two do); when none does, the latest
one that has started. A file dropped into the directory (or uploaded, :func:`store_period`) is seen
on the next read: the directory's listing and modification times are the cache key.
"""

from __future__ import annotations

import math
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from vocmatch.indicators.designations import KINDS, levels_from
from vocmatch.kit.config import get_settings
from vocmatch.kit.errors import Conflict, DataFileError, Invalid
from vocmatch.kit.files import display_path

ENROLMENT = "secondary_vocational_enrolment"
VOCATIONAL_SHARE = "general_vocational_ratio"
PERIOD_ID = r"^[a-z0-9][a-z0-9-]{1,58}[a-z0-9]$"
Nature = Literal["binding", "expected", "unstated"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PlanDef(_Strict):
    name_zh: str = Field(min_length=2)
    name_en: str = Field(min_length=2)
    issued_by: str = ""
    issued: date | None = None
    start: date
    deadline: date
    source_text: str = Field(default="", pattern=r"^$|^[A-Za-z0-9._-]+\.txt$")

    @model_validator(mode="after")
    def _order(self) -> PlanDef:
        if self.deadline <= self.start:
            raise ValueError("deadline must be after start")
        return self


class Citation(_Strict):
    clause: str = Field(min_length=2, max_length=40)
    quote: str = Field(min_length=4)


def _known_kinds(kinds: list[str]) -> None:
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise ValueError(
            f"unknown designation kind(s) {', '.join(unknown)}; known: {', '.join(KINDS)}"
        )


class DesignationRule(_Strict):
    """Which designation records count toward an indicator."""

    kinds: list[str] = Field(min_length=1)
    min_level: Literal["district", "municipal", "provincial", "national"] = "municipal"

    @model_validator(mode="after")
    def _known(self) -> DesignationRule:
        _known_kinds(self.kinds)
        return self

    def levels(self) -> tuple[str, ...]:
        """Return the levels that count (``min_level`` and above)."""
        return levels_from(self.min_level)


_WORDS = {
    "key",
    "name_zh",
    "name_en",
    "clause",
    "quote",
    "nature",
    "interpreted",
    "note_zh",
    "note_en",
}


class _Commitment(_Strict):
    key: str = Field(pattern=r"^[a-z_]{2,60}$")
    name_zh: str = Field(min_length=2)
    name_en: str = Field(min_length=2)
    clause: str = Field(min_length=2, max_length=40)
    quote: str = Field(min_length=4)
    also: list[Citation] = Field(default_factory=list)
    nature: Nature
    deadline: date | None = None  # None: the plan's deadline
    interpreted: bool = False
    note_zh: str = ""
    note_en: str = ""

    @model_validator(mode="after")
    def _explained(self) -> _Commitment:
        if self.interpreted and not (self.note_zh and self.note_en):
            raise ValueError("an interpreted target needs note_zh and note_en saying what was read")
        return self

    @property
    def plan_ref(self) -> str:
        """Return the clause (the name earlier code used)."""
        return self.clause

    def citations(self) -> list[Citation]:
        """Return the main clause and quote, then the others."""
        return [Citation(clause=self.clause, quote=self.quote), *self.also]

    def words(self, *, also: bool = True) -> dict[str, Any]:
        """Return what every API shape of a commitment shows as the plan has it: key, names,
        clause and quote (and the other citations unless ``also=False``), nature, the notes."""
        fields = {*_WORDS, "also"} if also else _WORDS
        return self.model_dump(include=fields)


class IndicatorDef(_Commitment):
    unit: str = ""
    baseline: float | None = None
    baseline_year: int | None = None
    target: float | None = None  # None: the plan gives no number (reported, never judged)
    tolerance: float = 0.0
    compare: Literal["at_least", "share", "about"]
    source: Literal["computed", "provider", "entered", "designations"]
    designation: DesignationRule | None = None
    enterable: bool = False

    @model_validator(mode="after")
    def _consistent(self) -> IndicatorDef:
        if (self.source == "designations") != (self.designation is not None):
            raise ValueError("designation is required exactly when source is 'designations'")
        if self.target is None and self.compare == "about":
            raise ValueError("compare 'about' needs a target")
        return self

    @property
    def is_share(self) -> bool:
        """True when the value is a fraction shown as a percentage."""
        return self.unit == "%"


class MilestoneDef(_Commitment):
    """A commitment that is not a number: status, date and evidence are recorded by people."""

    designation_kinds: list[str] = Field(default_factory=list)  # records shown as its evidence
    see: str = Field(default="", pattern=r"^$|^/[A-Za-z0-9/_#?=&.-]*$")  # the page that tracks it

    @model_validator(mode="after")
    def _known(self) -> MilestoneDef:
        _known_kinds(self.designation_kinds)
        return self


class InputDef(_Strict):
    key: str = Field(pattern=r"^[a-z_]{2,60}$")
    name_zh: str
    name_en: str
    unit: str = ""


class PlanTargets(_Strict):
    """One plan period: the plan, its indicators, milestones and the figures people enter."""

    version: Literal[2]
    plan: PlanDef
    indicators: list[IndicatorDef]
    milestones: list[MilestoneDef] = Field(default_factory=list)
    inputs: list[InputDef] = Field(default_factory=list)
    id: str = Field(default="", exclude=True)  # the file's stem, set by the reader

    @model_validator(mode="after")
    def _unique(self) -> PlanTargets:
        keys = [i.key for i in self.indicators] + [m.key for m in self.milestones]
        keys += [i.key for i in self.inputs]
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        if dupes:
            raise ValueError(f"keys must be unique: {', '.join(dupes)}")
        return self

    def indicator(self, key: str) -> IndicatorDef | None:
        """Return the indicator definition with ``key``."""
        return next((i for i in self.indicators if i.key == key), None)

    def milestone(self, key: str) -> MilestoneDef | None:
        """Return the milestone definition with ``key``."""
        return next((m for m in self.milestones if m.key == key), None)

    def enterable(self) -> list[IndicatorDef | InputDef]:
        """Return what a person may enter: entered or enterable indicators, then the inputs."""
        return [d for d in self.indicators if d.enterable or d.source == "entered"] + list(
            self.inputs
        )

    def deadline_of(self, d: _Commitment) -> date:
        """Return the deadline of an indicator or milestone (its own, else the plan's)."""
        return d.deadline or self.plan.deadline

    def status(self, today: date) -> Literal["upcoming", "running", "finished"]:
        """Return whether the period has not started, is running, or has ended on ``today``."""
        if today < self.plan.start:
            return "upcoming"
        return "running" if today <= self.plan.deadline else "finished"


def plans_dir() -> Path:
    """Return the directory of the plan files."""
    return get_settings().data_dir / "plans"


def _check_quotes(targets: PlanTargets, text: str) -> tuple[str, str] | None:
    """Return (field, message) of the first quote not found in ``text``, or None."""
    groups: list[tuple[str, list[_Commitment]]] = [
        ("indicators", list(targets.indicators)),
        ("milestones", list(targets.milestones)),
    ]
    for name, items in groups:
        for i, item in enumerate(items):
            for j, c in enumerate(item.citations()):
                if c.quote not in text:
                    field = f"{name}.{i}.quote" if j == 0 else f"{name}.{i}.also.{j - 1}.quote"
                    return field, f"not found in the plan's text ({item.key}: {c.quote[:30]}…)"
    return None


def parse_period(raw_text: str, *, name: str, source_dir: Path) -> PlanTargets:
    """Validate one plan file's text; raise DataFileError naming ``name`` and the field."""
    stem = name.rsplit("/", 1)[-1].removesuffix(".yaml").removesuffix(".yml")
    if not re.fullmatch(PERIOD_ID, stem):
        raise DataFileError(
            f"{name}: the file name must be <id>.yaml, id in lower-case letters, digits and '-'"
        )
    try:
        raw = yaml.safe_load(raw_text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DataFileError(f"{name}{line}: broken YAML: {problem}") from None
    try:
        targets = PlanTargets.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err.get("loc", ())) or "?"
        raise DataFileError(f"{name}, field '{field}': {err.get('msg', 'invalid')}") from None
    if targets.plan.source_text:
        source = source_dir / targets.plan.source_text
        if not source.is_file():
            raise DataFileError(
                f"{name}, field 'plan.source_text': {display_path(source)} not found"
            )
        bad = _check_quotes(targets, source.read_text(encoding="utf-8"))
        if bad is not None:
            raise DataFileError(f"{name}, field '{bad[0]}': {bad[1]}")
    targets.id = stem
    return targets


def _signature(folder: Path) -> tuple[tuple[str, int], ...]:
    if not folder.is_dir():
        return ()
    files = sorted(folder.glob("*.yaml")) + sorted((folder / "sources").glob("*.txt"))
    return tuple((str(p), p.stat().st_mtime_ns) for p in files)


@lru_cache(maxsize=4)
def _read(folder: Path, signature: tuple[tuple[str, int], ...]) -> tuple[PlanTargets, ...]:
    periods = []
    for path in sorted(folder.glob("*.yaml")):
        periods.append(
            parse_period(
                path.read_text(encoding="utf-8"),
                name=display_path(path),
                source_dir=folder / "sources",
            )
        )
    if not periods:
        raise DataFileError(f"{display_path(folder)}: no plan file (<id>.yaml)")
    return tuple(sorted(periods, key=lambda p: (p.plan.start, p.id)))


def plan_periods() -> list[PlanTargets]:
    """Return every plan period, oldest start first (validated; re-read when a file changes)."""
    folder = plans_dir()
    return list(_read(folder, _signature(folder)))


def clear_cache() -> None:
    """Forget the files read (tests that change the directory or the settings call it)."""
    _read.cache_clear()


def current_period(periods: list[PlanTargets], today: date) -> PlanTargets:
    """Return the period of ``today``: the latest started one that is running, else the latest
    started one (a finished plan stays current until the next one starts), else the first."""
    started = [p for p in periods if p.plan.start <= today]
    running = [p for p in started if p.plan.deadline >= today]
    if running:
        return running[-1]
    return started[-1] if started else periods[0]


def plan_targets(today: date | None = None) -> PlanTargets:
    """Return the current plan period's targets (see :func:`current_period`)."""
    return current_period(plan_periods(), today or date.today())


def period(period_id: str) -> PlanTargets | None:
    """Return the period with ``period_id``, or None."""
    return next((p for p in plan_periods() if p.id == period_id), None)


@dataclass(frozen=True)
class StoredPeriod:
    targets: PlanTargets
    path: Path


def store_period(filename: str, content: bytes, *, replace: bool = False) -> StoredPeriod:
    """Validate an uploaded plan file and write it to the plans directory (atomically).

    Refused with 422 naming the file and field when invalid, 409 when the id exists and
    ``replace`` is false.
    """
    name = filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        raise Invalid(
            f"{name}: not UTF-8 text", errors=[{"field": "file", "message": "not UTF-8"}]
        ) from None
    folder = plans_dir()
    try:
        targets = parse_period(text, name=name, source_dir=folder / "sources")
    except DataFileError as exc:
        raise Invalid(str(exc), errors=[{"field": "file", "message": str(exc)}]) from None
    path = folder / f"{targets.id}.yaml"
    if path.exists() and not replace:
        raise Conflict(
            f"{name}: a plan period {targets.id!r} exists; send replace=true to replace it",
            errors=[{"field": "file", "message": "period exists"}],
        )
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".upload-", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)
    return StoredPeriod(targets=targets, path=path)


def enrolment_trajectory(
    targets: PlanTargets, year: int, *, now_year: int, now: float, catch_up_years: int
) -> int | None:
    """Return the enrolment the plan's path asks for in ``year`` (whole students), or None.

    Up to the deadline: the straight line from (baseline year, baseline) to (deadline year,
    target). After a missed deadline: the straight line from (now_year, now) that reaches the
    target ``catch_up_years`` later. Never below the target once the deadline has passed, and
    rounded up. Example: baseline 8000 (2020), target 13000 (2025): 2023 → 11000; with 9431 in
    2026 and 3 catch-up years, 2027 → 9431 + 3569/3 = 10620.3 → 10621.
    """
    d = targets.indicator(ENROLMENT)
    if d is None or d.target is None:
        return None
    deadline = targets.deadline_of(d).year
    if year <= deadline and d.baseline is not None and d.baseline_year is not None:
        span = max(1, deadline - d.baseline_year)
        step = (d.target - d.baseline) / span
        value = d.baseline + step * (year - d.baseline_year)
    elif now >= d.target:
        value = d.target
    else:
        years = max(1, catch_up_years)
        value = min(d.target, now + (d.target - now) * (year - now_year) / years)
    return math.ceil(value - 1e-9)
