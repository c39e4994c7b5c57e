"""Load enterprises from the sample deployment."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, field_validator
from sqlalchemy.orm import Session

from vocmatch.enterprises.credit_code import credit_code_error
from vocmatch.enterprises.models import Enterprise
from vocmatch.industries.schemas import CHAIN_KEYS
from vocmatch.kit.fields import Flag, SemiList
from vocmatch.kit.files import read_csv
from vocmatch.kit.upsert import LoadCounts, upsert

LOCATION_KINDS = ("high_tech_zone", "ganzhou", "bay_area", "other")


class EnterpriseRow(BaseModel):
    name: str = Field(min_length=2)
    short_names: SemiList = Field(default_factory=list)
    credit_code: str | None = None
    location_kind: str = Field(pattern=r"^(high_tech_zone|ganzhou|bay_area|other)$")
    city: str = ""
    address: str = ""
    size: str = Field(default="", pattern=r"^(micro|small|medium|large)?$")
    is_leading: Flag = False
    chains: SemiList = Field(default_factory=list)
    segments: SemiList = Field(default_factory=list)
    contact_name: str = ""
    contact_phone: str = ""
    website: str = ""
    source_url: str = ""
    notes: str = ""

    @field_validator("credit_code", mode="before")
    @classmethod
    def _credit(cls, v: Any) -> Any:
        if v is None or (isinstance(v, str) and not v.strip()):
            return None
        err = credit_code_error(str(v))
        if err:
            raise ValueError(f"invalid credit code: {err}")
        return str(v).strip().upper()

    @field_validator("chains")
    @classmethod
    def _chains(cls, v: list[str]) -> list[str]:
        for key in v:
            if key not in CHAIN_KEYS:
                raise ValueError(f"unknown chain {key!r}")
        return v


def read_enterprises(sample_dir: Path) -> list[EnterpriseRow]:
    """Parse the enterprises file."""
    return read_csv(sample_dir / "enterprises.csv", EnterpriseRow)


def write_enterprises(
    session: Session, rows: list[EnterpriseRow], counts: LoadCounts
) -> dict[str, Enterprise]:
    """Upsert enterprises by name; return them by name."""
    found = upsert(
        session,
        Enterprise,
        ["name"],
        ({**r.model_dump(), "status": "active"} for r in rows),
        counts,
    )
    return {k[0]: v for k, v in found.items()}
