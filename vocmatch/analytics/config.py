"""The analytics settings and the plan's targets, read from ``data/plan_targets.yaml``."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from vocmatch.kit.config import get_settings
from vocmatch.kit.files import read_yaml

POSTING_TYPES = ("hire", "internship", "order_class", "apprenticeship")
LOCATIONS = ("high_tech_zone", "ganzhou", "bay_area", "other")


class PlanDef(BaseModel):
    name_zh: str
    name_en: str
    start: date
    deadline: date


class IndicatorDef(BaseModel):
    key: str = Field(pattern=r"^[a-z_]{2,60}$")
    name_zh: str
    name_en: str
    plan_ref: str = ""
    unit: str = ""
    baseline: float | None = None
    baseline_year: int | None = None
    target: float
    tolerance: float = 0.0
    compare: Literal["at_least", "share", "about"]
    source: Literal["computed", "provider", "entered"]
    enterable: bool = False

    @property
    def is_share(self) -> bool:
        """True when the value is a fraction shown as a percentage."""
        return self.unit == "%"


class InputDef(BaseModel):
    key: str = Field(pattern=r"^[a-z_]{2,60}$")
    name_zh: str
    name_en: str
    unit: str = ""


class BandDef(BaseModel):
    key: str
    upper: float | None  # exclusive upper bound; None = no bound (the last band)


class FitDef(BaseModel):
    min_relevance: float = Field(ge=0, le=1)
    max_programmes: int = Field(ge=1, le=50)
    type_weights: dict[str, float]
    bands: list[BandDef] = Field(min_length=2)
    weights: dict[str, float]

    @field_validator("weights")
    @classmethod
    def _components(cls, v: dict[str, float]) -> dict[str, float]:
        if set(v) != {"balance", "coverage", "relevance"} or any(w < 0 for w in v.values()):
            raise ValueError("weights must give balance, coverage and relevance, each >= 0")
        return v

    @field_validator("type_weights")
    @classmethod
    def _types(cls, v: dict[str, float]) -> dict[str, float]:
        missing = [t for t in POSTING_TYPES if t not in v]
        if missing:
            raise ValueError(f"type_weights lacks {', '.join(missing)}")
        return v

    @field_validator("bands")
    @classmethod
    def _ordered(cls, v: list[BandDef]) -> list[BandDef]:
        if any(b.upper is None for b in v[:-1]) or v[-1].upper is not None:
            raise ValueError("only the last band may (and must) have upper: null")
        uppers = [b.upper for b in v[:-1] if b.upper is not None]
        if uppers != sorted(uppers) or len(set(uppers)) != len(uppers):
            raise ValueError("band upper bounds must increase")
        return v


class PlanningDef(BaseModel):
    default_completion: float = Field(gt=0, le=1)
    study_years: int = Field(ge=1, le=6)
    target_ratio: float = Field(gt=0)
    open_min_demand: float = Field(ge=0)
    reorient_below_coverage: float = Field(ge=0, le=1)
    reorient_min_demand: float = Field(ge=0)
    top_n: int = Field(ge=1, le=100)


class AnalyticsConfig(BaseModel):
    version: int
    plan: PlanDef
    indicators: list[IndicatorDef]
    inputs: list[InputDef] = Field(default_factory=list)
    fit: FitDef
    planning: PlanningDef

    @model_validator(mode="after")
    def _unique(self) -> AnalyticsConfig:
        keys = [i.key for i in self.indicators]
        if len(set(keys)) != len(keys):
            raise ValueError("indicator keys must be unique")
        return self

    def indicator(self, key: str) -> IndicatorDef | None:
        """Return the indicator definition with ``key``."""
        return next((i for i in self.indicators if i.key == key), None)

    def enterable(self) -> list[IndicatorDef | InputDef]:
        """Return what a person may enter: non-computed indicators, then the inputs."""
        return [d for d in self.indicators if d.enterable or d.source == "entered"] + list(
            self.inputs
        )

    def fingerprint(self) -> str:
        """Return a stable text identifying these settings (part of cache keys)."""
        return self.model_dump_json()


def load_config(path: Path) -> AnalyticsConfig:
    """Read and validate the analytics settings file at ``path``."""
    return read_yaml(path, AnalyticsConfig)


@lru_cache
def get_config() -> AnalyticsConfig:
    """Return the deployment's analytics settings (``<data_dir>/plan_targets.yaml``, read once)."""
    return load_config(get_settings().data_dir / "plan_targets.yaml")
