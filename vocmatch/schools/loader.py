"""Load schools, their offerings, offering partners and enrolment history from the sample."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from vocmatch.kit.errors import DataFileError
from vocmatch.kit.fields import Flag, OptInt, ProgrammeCode
from vocmatch.kit.files import display_path, read_csv
from vocmatch.kit.upsert import LoadCounts, upsert
from vocmatch.schools.models import EnrolmentHistory, Offering, OfferingPartner, School
from vocmatch.schools.schemas import PARTNER_KINDS


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


Offered = tuple[str, str, int]
"""An offering as the data files name it: (school code, programme code, year)."""


class OfferingPartnerRow(BaseModel):
    school_code: str
    programme_code: ProgrammeCode
    year: int = Field(ge=2000, le=2100)
    enterprise_name: str = Field(min_length=2)
    kind: str = Field(pattern="^(" + "|".join(PARTNER_KINDS) + ")$")
    since_year: OptInt = None
    notes: str = ""


def read_offering_partners(
    sample_dir: Path, *, offerings: set[Offered], enterprise_names: set[str]
) -> list[OfferingPartnerRow]:
    """Parse ``offering_partners.csv`` (optional) and check its offerings and enterprises exist."""
    path = sample_dir / "offering_partners.csv"
    if not path.exists():
        return []
    rows = read_csv(path, OfferingPartnerRow)
    where = _check_offered(path, rows, offerings)
    for i, r in enumerate(rows, start=2):
        if r.enterprise_name not in enterprise_names:
            raise DataFileError(
                f"{where}, row {i}, field 'enterprise_name': unknown enterprise {r.enterprise_name!r}"
            )
    return rows


def write_offering_partners(
    session: Session,
    rows: list[OfferingPartnerRow],
    schools: dict[str, School],
    enterprises: dict[str, Any],
    counts: LoadCounts,
) -> None:
    """Upsert offering partners by (offering, enterprise, kind)."""
    offering_ids = {
        (o.school_id, o.programme_code, o.year): o.id for o in session.scalars(select(Offering))
    }
    upsert(
        session,
        OfferingPartner,
        ["offering_id", "enterprise_id", "kind"],
        (
            {
                "offering_id": offering_ids[(schools[r.school_code].id, r.programme_code, r.year)],
                "enterprise_id": enterprises[r.enterprise_name].id,
                "kind": r.kind,
                "since_year": r.since_year,
                "notes": r.notes,
            }
            for r in rows
        ),
        counts,
    )


class SchoolCourseRow(BaseModel):
    school_code: str
    programme_code: ProgrammeCode
    year: int = Field(ge=2000, le=2100)
    course: str = Field(min_length=2, max_length=200)


def read_school_courses(sample_dir: Path, *, offerings: set[Offered]) -> list[SchoolCourseRow]:
    """Parse ``school_courses.csv`` (optional: the schools' own courses and textbooks, one a row)."""
    path = sample_dir / "school_courses.csv"
    if not path.exists():
        return []
    rows = read_csv(path, SchoolCourseRow)
    _check_offered(path, rows, offerings)
    return rows


def _check_offered(
    path: Path, rows: Sequence[OfferingPartnerRow | SchoolCourseRow], offerings: set[Offered]
) -> str:
    """Raise on the first row whose (school, programme, year) is not an offering; return the
    file's name as errors give it."""
    where = display_path(path)
    for i, r in enumerate(rows, start=2):
        if (r.school_code, r.programme_code, r.year) not in offerings:
            raise DataFileError(
                f"{where}, row {i}, field 'programme_code': {r.school_code} does not offer "
                f"{r.programme_code} in {r.year}"
            )
    return where


def write_school_courses(
    session: Session, rows: list[SchoolCourseRow], schools: dict[str, School], counts: LoadCounts
) -> None:
    """Set each listed offering's ``school_courses`` to its rows, one a line, in file order."""
    lines: dict[tuple[int, str, int], list[str]] = {}
    for r in rows:
        lines.setdefault((schools[r.school_code].id, r.programme_code, r.year), []).append(r.course)
    updated = unchanged = 0
    for o in session.scalars(select(Offering)):
        text = "\n".join(lines.get((o.school_id, o.programme_code, o.year), ()))
        if not text:
            continue
        if o.school_courses != text:
            o.school_courses = text
            updated += 1
        else:
            unchanged += 1
    counts.add("offering (school courses)", 0, updated, unchanged)
