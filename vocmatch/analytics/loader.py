"""Load entered indicator values (things the data cannot compute) from the sample deployment."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from vocmatch.indicators.models import IndicatorValue
from vocmatch.kit.files import read_csv
from vocmatch.kit.upsert import LoadCounts, upsert


class IndicatorValueRow(BaseModel):
    indicator: str = Field(pattern=r"^[a-z_]{2,60}$")
    value: float
    as_of: date
    evidence: str = ""


def read_indicator_values(sample_dir: Path) -> list[IndicatorValueRow]:
    """Parse the entered indicator values."""
    return read_csv(sample_dir / "indicator_values.csv", IndicatorValueRow)


def write_indicator_values(
    session: Session, rows: list[IndicatorValueRow], counts: LoadCounts
) -> None:
    """Upsert indicator values by (indicator, as_of)."""
    upsert(
        session,
        IndicatorValue,
        ["indicator", "as_of"],
        ({**r.model_dump(), "entered_by": "sample"} for r in rows),
        counts,
    )
