"""The schema of ``data/industries.yaml`` (also the API's chain/segment shapes)."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field, field_validator

CHAIN_KEYS = ("rare_earth", "tungsten", "new_energy", "intelligent_equipment")
NONE_KEY = "none"
Stage = Literal["upstream", "midstream", "downstream", "service"]


class SkillDef(BaseModel):
    zh: str = Field(min_length=1)
    en: str = ""
    synonyms: list[str] = Field(default_factory=list)


class SegmentDef(BaseModel):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name_zh: str
    name_en: str
    stage: Stage
    description_zh: str = ""
    description_en: str = ""
    products: list[str] = Field(default_factory=list)
    occupations: list[str] = Field(default_factory=list)
    programmes: list[str] = Field(default_factory=list)
    skills: list[SkillDef] = Field(default_factory=list)
    enterprises: list[str] = Field(default_factory=list)

    @field_validator("occupations")
    @classmethod
    def _occupation_codes(cls, v: list[str]) -> list[str]:
        for code in v:
            if not re.fullmatch(r"\d-\d{2}-\d{2}-\d{2}", code):
                raise ValueError(f"bad occupation code {code!r}")
        return v

    @field_validator("programmes")
    @classmethod
    def _programme_codes(cls, v: list[str]) -> list[str]:
        for code in v:
            if not (len(code) == 6 and code.isdigit()):
                raise ValueError(f"bad programme code {code!r}")
        return v


class ChainDef(BaseModel):
    key: Literal["rare_earth", "tungsten", "new_energy", "intelligent_equipment"]
    name_zh: str
    name_en: str
    plan_ref: str = ""
    description_zh: str = ""
    description_en: str = ""
    segments: list[SegmentDef] = Field(min_length=1)


class NoneDef(BaseModel):
    key: Literal["none"] = "none"
    name_zh: str
    name_en: str
    description_zh: str = ""
    description_en: str = ""
    examples_zh: list[str] = Field(default_factory=list)


class IndustriesFile(BaseModel):
    version: int
    none: NoneDef
    chains: list[ChainDef]

    @field_validator("chains")
    @classmethod
    def _four_chains(cls, v: list[ChainDef]) -> list[ChainDef]:
        keys = [c.key for c in v]
        if sorted(keys) != sorted(CHAIN_KEYS):
            raise ValueError(
                f"chains must be exactly {', '.join(CHAIN_KEYS)}; got {', '.join(keys)}"
            )
        for c in v:
            seg_keys = [s.key for s in c.segments]
            if len(set(seg_keys)) != len(seg_keys):
                raise ValueError(f"chain {c.key}: duplicate segment keys")
        return v


class SkillOut(BaseModel):
    zh: str
    en: str
    synonyms: list[str]


class SegmentOut(BaseModel):
    chain: str
    key: str
    stage: str
    name_zh: str
    name_en: str
    description_zh: str
    description_en: str
    products: list[str]
    occupations: list[str]
    programmes: list[str]
    enterprises: list[str]
    skills: list[SkillOut]


class ChainOut(BaseModel):
    key: str
    name_zh: str
    name_en: str
    description_zh: str
    description_en: str
    segments: list[SegmentOut]
