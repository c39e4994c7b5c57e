"""Load the sample deployment's graduate-destination records (``graduate_destinations.csv``)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from sqlalchemy.orm import Session

from vocmatch.kit.errors import DataFileError
from vocmatch.kit.files import display_path, read_csv
from vocmatch.kit.upsert import LoadCounts, upsert
from vocmatch.schools.destinations.models import GraduateDestination
from vocmatch.schools.destinations.schemas import DestinationIn
from vocmatch.schools.models import School

FILE = "graduate_destinations.csv"


class DestinationRow(DestinationIn):
    school_code: str = Field(pattern=r"^[A-Z0-9_-]{2,20}$")


def read_destinations(
    sample_dir: Path, *, school_codes: set[str], programme_codes: set[str]
) -> list[DestinationRow]:
    """Parse the records (none when the file is absent) and check their school and programme."""
    path = sample_dir / FILE
    if not path.exists():
        return []
    rows = read_csv(path, DestinationRow)
    where = display_path(path)
    for i, r in enumerate(rows, start=2):
        if r.school_code not in school_codes:
            raise DataFileError(f"{where}, line {i}, field 'school_code': unknown school")
        if r.programme_code not in programme_codes:
            raise DataFileError(f"{where}, line {i}, field 'programme_code': not a 中职 code")
    return rows


def write_destinations(
    session: Session, rows: list[DestinationRow], schools: dict[str, School], counts: LoadCounts
) -> None:
    """Upsert the records by (school, programme, year)."""
    upsert(
        session,
        GraduateDestination,
        ["school_id", "programme_code", "year"],
        (
            {"school_id": schools[r.school_code].id, **r.model_dump(exclude={"school_code"})}
            for r in rows
        ),
        counts,
    )
