"""Load the sample deployment's school capacity records (``school_capacity.csv``)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from sqlalchemy.orm import Session

from vocmatch.kit.errors import DataFileError
from vocmatch.kit.files import display_path, read_csv
from vocmatch.kit.upsert import LoadCounts, upsert
from vocmatch.schools.capacity.models import SchoolCapacity
from vocmatch.schools.capacity.schemas import CapacityIn
from vocmatch.schools.models import School

FILE = "school_capacity.csv"


class CapacityRow(CapacityIn):
    school_code: str = Field(pattern=r"^[A-Z0-9_-]{2,20}$")


def read_capacity(sample_dir: Path, *, school_codes: set[str]) -> list[CapacityRow]:
    """Parse the records (none when the file is absent) and check their schools."""
    path = sample_dir / FILE
    if not path.exists():
        return []
    rows = read_csv(path, CapacityRow)
    for i, r in enumerate(rows, start=2):
        if r.school_code not in school_codes:
            raise DataFileError(
                f"{display_path(path)}, line {i}, field 'school_code': unknown school"
            )
    return rows


def write_capacity(
    session: Session, rows: list[CapacityRow], schools: dict[str, School], counts: LoadCounts
) -> None:
    """Upsert the records by (school, year)."""
    upsert(
        session,
        SchoolCapacity,
        ["school_id", "year"],
        (
            {"school_id": schools[r.school_code].id, **r.model_dump(exclude={"school_code"})}
            for r in rows
        ),
        counts,
    )
