"""Load schools, their offerings and enrolment history from the sample deployment."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from vocmatch.errors import DataFileError
from vocmatch.loading.fields import Flag, OptInt, ProgrammeCode
from vocmatch.loading.files import display_path, read_csv
from vocmatch.loading.upsert import LoadCounts, upsert
from vocmatch.schools.models import EnrolmentHistory, Offering, School


class SchoolRow(BaseModel):
    code: str = Field(pattern=r"^[A-Z0-9_-]{2,20}$")
    name: str = Field(min_length=2)
    short_name: str = ""
    kind: str = Field(pattern=r"^(public|private)$")
    address: str = ""
    founded_year: OptInt = None
    website: str = ""


class OfferingRow(BaseModel):
    school_code: str
    programme_code: ProgrammeCode
    year: int = Field(ge=2000, le=2100)
    intake_plan: int = Field(ge=0)
    enrolled: int = Field(ge=0)
    graduates_per_year: int = Field(ge=0)
    key_demonstration: Flag = False
    characteristic: Flag = False
    provincial_quality: Flag = False
    since_year: OptInt = None


class EnrolmentRow(BaseModel):
    school_code: str
    year: int = Field(ge=2000, le=2100)
    enrolled: int = Field(ge=0)


class SchoolFiles(BaseModel):
    schools: list[SchoolRow]
    offerings: list[OfferingRow]
    enrolment: list[EnrolmentRow]


def read_schools(sample_dir: Path, *, programme_codes: set[str]) -> SchoolFiles:
    """Parse the school files and check their references."""
    files = SchoolFiles(
        schools=read_csv(sample_dir / "schools.csv", SchoolRow),
        offerings=read_csv(sample_dir / "offerings.csv", OfferingRow),
        enrolment=read_csv(sample_dir / "enrolment_history.csv", EnrolmentRow),
    )
    codes = {s.code for s in files.schools}
    where = display_path(sample_dir / "offerings.csv")
    for i, o in enumerate(files.offerings, start=2):
        if o.school_code not in codes:
            raise DataFileError(
                f"{where}, row {i}, field 'school_code': unknown school {o.school_code!r}"
            )
        if o.programme_code not in programme_codes:
            raise DataFileError(
                f"{where}, row {i}, field 'programme_code': not a 中职 catalogue code {o.programme_code!r}"
            )
    where = display_path(sample_dir / "enrolment_history.csv")
    for i, e in enumerate(files.enrolment, start=2):
        if e.school_code not in codes:
            raise DataFileError(
                f"{where}, row {i}, field 'school_code': unknown school {e.school_code!r}"
            )
    return files


def write_schools(session: Session, files: SchoolFiles, counts: LoadCounts) -> dict[str, School]:
    """Upsert schools, offerings and enrolment history; return schools by code."""
    schools = upsert(session, School, ["code"], (s.model_dump() for s in files.schools), counts)
    by_code = {k[0]: v for k, v in schools.items()}
    upsert(
        session,
        Offering,
        ["school_id", "programme_code", "year"],
        (
            {"school_id": by_code[o.school_code].id, **o.model_dump(exclude={"school_code"})}
            for o in files.offerings
        ),
        counts,
    )
    upsert(
        session,
        EnrolmentHistory,
        ["school_id", "year"],
        (
            {"school_id": by_code[e.school_code].id, "year": e.year, "enrolled": e.enrolled}
            for e in files.enrolment
        ),
        counts,
    )
    return by_code
