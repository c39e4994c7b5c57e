"""The method's parameters, read from ``data/planner_method.yaml`` (each documented there)."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from vocmatch.kit.config import get_settings
from vocmatch.kit.files import read_yaml

POSTING_TYPES = ("hire", "internship", "order_class", "apprenticeship")
KINDS = ("graduate_demand", "placements", "cohort")
LOCATIONS = ("high_tech_zone", "ganzhou", "bay_area", "other")
CHAIN_KEYS = ("rare_earth", "tungsten", "new_energy", "intelligent_equipment")


class DemandDef(BaseModel):
    window_months: int = Field(ge=1, le=60)
    repost_days: int = Field(ge=0, le=365)
    repost_title_similarity: float = Field(ge=0, le=1)
    min_relevance: float = Field(ge=0, le=1)
    max_programmes: int = Field(ge=1, le=20)


class SourceDef(BaseModel):
    key: str = Field(pattern=r"^[a-z_]{2,20}$")
    name_zh: str
    name_en: str
    covers: list[str]
    note_zh: str = ""
    note_en: str = ""

    @field_validator("covers")
    @classmethod
    def _chains(cls, v: list[str]) -> list[str]:
        bad = [c for c in v if c not in (*CHAIN_KEYS, "none")]
        if bad:
            raise ValueError(f"unknown chain(s) {', '.join(bad)}")
        return v


class EvidenceDef(BaseModel):
    min_postings: int = Field(ge=1)
    min_enterprises: int = Field(ge=1)
    full_postings: int = Field(ge=1)
    full_enterprises: int = Field(ge=1)


class SupplyDef(BaseModel):
    default_employment_share: float = Field(ge=0, le=1)
    destination_years: int = Field(ge=1, le=10)
    default_completion: float = Field(gt=0, le=1)


class SkillsDef(BaseModel):
    coverage_threshold: float = Field(gt=0, le=1)
    curriculum: dict[str, list[str]] = Field(default_factory=dict)


class BandDef(BaseModel):
    key: str
    upper: float | None  # exclusive upper bound; None = no bound (the last band)


class FitDef(BaseModel):
    bands: list[BandDef] = Field(min_length=2)
    weights: dict[str, float]

    @field_validator("weights")
    @classmethod
    def _components(cls, v: dict[str, float]) -> dict[str, float]:
        if set(v) != {"balance", "coverage", "relevance"} or any(w < 0 for w in v.values()):
            raise ValueError("weights must give balance, coverage and relevance, each >= 0")
        return v

    @field_validator("bands")
    @classmethod
    def _ordered(cls, v: list[BandDef]) -> list[BandDef]:
        if any(b.upper is None for b in v[:-1]) or v[-1].upper is not None:
            raise ValueError("only the last band may (and must) have upper: null")
        uppers = [b.upper for b in v[:-1] if b.upper is not None]
        if uppers != sorted(uppers) or len(set(uppers)) != len(uppers):
            raise ValueError("band upper bounds must increase")
        if "balanced" not in {b.key for b in v}:
            raise ValueError("one band must be 'balanced'")
        return v


class CostsDef(BaseModel):
    trajectory_shortfall: float = Field(ge=0)
    unknown_evidence_move: float = Field(ge=0)
    change: float = Field(ge=0)
    open_programme: float = Field(ge=0)


class PlanningDef(BaseModel):
    study_years: int = Field(ge=1, le=6)
    max_change: float = Field(gt=0, le=1)
    catch_up_years: int = Field(ge=1, le=20)
    students_per_teacher: float = Field(gt=0)
    students_per_training_station: float = Field(gt=0)
    open_min_demand: float = Field(ge=0)
    new_class_min: int = Field(ge=1)
    new_class_max: int = Field(ge=1)
    new_programme_schools: int = Field(ge=0, le=50)
    costs: CostsDef
    solver_time_limit_s: float = Field(gt=0, le=60)
    reorient_below_coverage: float = Field(ge=0, le=1)
    reorient_min_demand: float = Field(ge=0)
    top_n: int = Field(ge=1, le=100)

    @model_validator(mode="after")
    def _class(self) -> PlanningDef:
        if self.new_class_max < self.new_class_min:
            raise ValueError("new_class_max must be at least new_class_min")
        return self


class Method(BaseModel):
    """Every parameter of the planner's figures."""

    version: int
    demand: DemandDef
    types: dict[str, Literal["graduate_demand", "placements", "cohort"]]
    sources: list[SourceDef]
    evidence: EvidenceDef
    supply: SupplyDef
    skills: SkillsDef
    fit: FitDef
    planning: PlanningDef

    @field_validator("types")
    @classmethod
    def _types(cls, v: dict[str, str]) -> dict[str, str]:
        missing = [t for t in POSTING_TYPES if t not in v]
        if missing:
            raise ValueError(f"types lacks {', '.join(missing)}")
        return v

    def kind(self, posting_type: str) -> str:
        """Return what a posting type is: graduate_demand, placements or cohort."""
        return self.types.get(posting_type, "graduate_demand")

    def source(self, key: str) -> SourceDef | None:
        """Return the declared source ``key`` (None when undeclared)."""
        return next((s for s in self.sources if s.key == key), None)

    def fingerprint(self) -> str:
        """Return a stable text identifying these settings (part of cache keys)."""
        return self.model_dump_json()


@lru_cache
def get_method() -> Method:
    """Return the deployment's method (``<data_dir>/planner_method.yaml``, read once)."""
    return read_yaml(get_settings().data_dir / "planner_method.yaml", Method)
