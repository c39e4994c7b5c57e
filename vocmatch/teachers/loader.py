"""Load teachers and their dated records (sample deployment).

Required: teachers.csv, teacher_qualifications.csv, teacher_experience.csv, teacher_practice.csv.
Optional (a deployment without them loads as before): teacher_recognitions.csv (认定 records
granted by the education authority), teacher_verifications.csv (the school's checks of the rule
file's ``unchecked`` items) and teacher_appointments.csv (校企互聘).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, Field, field_validator
from sqlalchemy.orm import Session

from vocmatch.enterprises.models import Enterprise
from vocmatch.kit.errors import DataFileError
from vocmatch.kit.fields import Flag, OptDate, OptInt, OptProgrammeCode
from vocmatch.kit.files import display_path, read_csv
from vocmatch.kit.upsert import LoadCounts, sync_rows, upsert
from vocmatch.schools.models import School
from vocmatch.teachers.dual_qualified.rules import load_rules
from vocmatch.teachers.identity import id_card_error, id_card_hash, id_card_mask
from vocmatch.teachers.models import (
    Teacher,
    TeacherAppointment,
    TeacherExperience,
    TeacherPractice,
    TeacherQualification,
    TeacherRecognition,
    TeacherVerification,
)


class TeacherRow(BaseModel):
    staff_no: str = Field(min_length=1, max_length=40)
    school_code: str
    name: str = Field(min_length=1)
    gender: str = ""
    birth_year: OptInt = None
    id_card: str = ""
    programme_code: OptProgrammeCode = None
    subject_area: str = ""
    employment: str = Field(pattern=r"^(full_time|part_time)$")
    source_enterprise: str = ""
    hired_on: OptDate = None
    left_on: OptDate = None  # optional column: the teacher left the school on this date
    has_teacher_certificate: Flag = False
    teacher_certificate_no: str = ""
    teacher_certificate_on: OptDate = None  # optional column: when the certificate was granted
    post_type: str = Field(default="", pattern=r"^(fixed|flexible)?$")  # optional: 固定岗 | 流动岗
    practice_instructor: Flag = False  # optional column: 实习指导教师

    @field_validator("id_card")
    @classmethod
    def _id(cls, v: str) -> str:
        if v.strip():
            err = id_card_error(v)
            if err:
                raise ValueError(f"invalid ID number: {err}")
        return v.strip()


class QualificationRow(BaseModel):
    staff_no: str
    kind: str = Field(pattern=r"^(skill_certificate|professional_title|industry_title)$")
    name: str = Field(min_length=1)
    level: str = ""
    issuer: str = ""
    issued_on: OptDate = None
    field: str = ""


class ExperienceRow(BaseModel):
    staff_no: str
    employer: str = Field(min_length=1)
    role: str = ""
    start_date: OptDate = None
    end_date: OptDate = None


class PracticeRow(BaseModel):
    staff_no: str
    enterprise_name: str = Field(min_length=1)
    start_date: OptDate = None
    end_date: OptDate = None
    days: int = Field(ge=0, le=3650)
    bay_area: Flag = False
    content: str = ""


class RecognitionRow(BaseModel):
    staff_no: str
    level: str = Field(pattern=r"^(junior|intermediate|senior)$")
    recognised_on: date
    issuer: str = Field(min_length=1, max_length=200)
    document_no: str = Field(min_length=1, max_length=100)
    evidence: str = Field(default="", max_length=500)
    is_sample: Flag = False


class VerificationRow(BaseModel):
    staff_no: str
    item_id: str = Field(min_length=1, max_length=40)
    verified_on: date
    verified_by: str = Field(default="", max_length=200)
    note: str = ""


class AppointmentRow(BaseModel):
    staff_no: str
    direction: str = Field(pattern=r"^(enterprise_to_school|school_to_enterprise)$")
    enterprise_name: str = Field(min_length=1, max_length=200)
    role: str = ""
    start_date: date
    end_date: OptDate = None
    bay_area_technical_staff: Flag = False
    document_no: str = ""
    is_sample: Flag = False


Child = (
    QualificationRow
    | ExperienceRow
    | PracticeRow
    | RecognitionRow
    | VerificationRow
    | AppointmentRow
)


class TeacherFiles(BaseModel):
    teachers: list[TeacherRow]
    qualifications: list[QualificationRow]
    experience: list[ExperienceRow]
    practice: list[PracticeRow]
    recognitions: list[RecognitionRow] = []
    verifications: list[VerificationRow] = []
    appointments: list[AppointmentRow] = []


M = TypeVar("M", bound=BaseModel)


def _optional(path: Path, model: type[M]) -> list[M]:
    return read_csv(path, model) if path.exists() else []


def _check_dated(sample_dir: Path, files: TeacherFiles) -> None:
    """Refuse what only the domain knows is wrong: unknown items, dates out of order, flags."""
    items = {u.id for lvl in load_rules().all_levels() for u in lvl.unchecked}
    for i, v in enumerate(files.verifications, start=2):
        if v.item_id not in items:
            raise DataFileError(
                f"{display_path(sample_dir / 'teacher_verifications.csv')}, row {i}, field "
                f"'item_id': {v.item_id!r} is not an unchecked item of the rule set"
            )
    for i, a in enumerate(files.appointments, start=2):
        where = f"{display_path(sample_dir / 'teacher_appointments.csv')}, row {i}"
        if a.end_date is not None and a.end_date < a.start_date:
            raise DataFileError(f"{where}, field 'end_date': end_date is before start_date")
        if a.bay_area_technical_staff and a.direction != "enterprise_to_school":
            raise DataFileError(
                f"{where}, field 'bay_area_technical_staff': only enterprise staff appointed "
                "at the school are flagged"
            )


def read_teachers(sample_dir: Path, *, school_codes: set[str]) -> TeacherFiles:
    """Parse the four teacher files and check their references."""
    files = TeacherFiles(
        teachers=read_csv(sample_dir / "teachers.csv", TeacherRow),
        qualifications=read_csv(sample_dir / "teacher_qualifications.csv", QualificationRow),
        experience=read_csv(sample_dir / "teacher_experience.csv", ExperienceRow),
        practice=read_csv(sample_dir / "teacher_practice.csv", PracticeRow),
        recognitions=_optional(sample_dir / "teacher_recognitions.csv", RecognitionRow),
        verifications=_optional(sample_dir / "teacher_verifications.csv", VerificationRow),
        appointments=_optional(sample_dir / "teacher_appointments.csv", AppointmentRow),
    )
    staff = {t.staff_no for t in files.teachers}
    where = display_path(sample_dir / "teachers.csv")
    for i, t in enumerate(files.teachers, start=2):
        if t.school_code not in school_codes:
            raise DataFileError(
                f"{where}, row {i}, field 'school_code': unknown school {t.school_code!r}"
            )
    children: tuple[tuple[str, Sequence[Child]], ...] = (
        ("teacher_qualifications.csv", files.qualifications),
        ("teacher_experience.csv", files.experience),
        ("teacher_practice.csv", files.practice),
        ("teacher_recognitions.csv", files.recognitions),
        ("teacher_verifications.csv", files.verifications),
        ("teacher_appointments.csv", files.appointments),
    )
    for name, rows in children:
        for i, r in enumerate(rows, start=2):
            if r.staff_no not in staff:
                raise DataFileError(
                    f"{display_path(sample_dir / name)}, row {i}, field 'staff_no': unknown teacher {r.staff_no!r}"
                )
    for i, p in enumerate(files.practice, start=2):
        if p.start_date is None or p.end_date is None or p.start_date > p.end_date:
            raise DataFileError(
                f"{display_path(sample_dir / 'teacher_practice.csv')}, row {i}, field 'end_date': "
                "start_date and end_date are required and must be in order"
            )
    _check_dated(sample_dir, files)
    return files


def write_teachers(
    session: Session,
    files: TeacherFiles,
    schools: dict[str, School],
    enterprises: dict[str, Enterprise],
    counts: LoadCounts,
) -> None:
    """Upsert teachers by staff number; each teacher's dated records are replaced when they differ."""
    teachers = upsert(
        session,
        Teacher,
        ["staff_no"],
        (
            {
                **t.model_dump(exclude={"school_code", "id_card", "source_enterprise"}),
                "school_id": schools[t.school_code].id,
                "id_card_hash": id_card_hash(t.id_card) if t.id_card else "",
                "id_card_mask": id_card_mask(t.id_card) if t.id_card else "",
                "source_enterprise_id": enterprises[t.source_enterprise].id
                if t.source_enterprise in enterprises
                else None,
            }
            for t in files.teachers
        ),
        counts,
    )
    ids = {k[0]: v.id for k, v in teachers.items()}

    def rows(items: Sequence[Child]) -> list[dict[str, Any]]:
        """The file's rows keyed by teacher id (and enterprise id where an enterprise is named)."""
        out = []
        for r in items:
            row = {**r.model_dump(exclude={"staff_no"}), "teacher_id": ids[r.staff_no]}
            if "enterprise_name" in row:
                firm = enterprises.get(row["enterprise_name"])
                row["enterprise_id"] = firm.id if firm is not None else None
            out.append(row)
        return out

    def sync(model: type[Any], items: Sequence[Child]) -> None:
        """Add the rows not on file yet, compared on every column the file has (keep the rest)."""
        got = rows(items)
        fields = ("teacher_id", *(k for k in (got[0] if got else {}) if k != "teacher_id"))
        sync_rows(session, model, counts, got, fields, delete_missing=False)

    sync(TeacherQualification, files.qualifications)
    sync(TeacherExperience, files.experience)
    sync(TeacherPractice, files.practice)
    sync(TeacherRecognition, files.recognitions)
    sync(TeacherAppointment, files.appointments)
    upsert(
        session, TeacherVerification, ["teacher_id", "item_id"], rows(files.verifications), counts
    )
