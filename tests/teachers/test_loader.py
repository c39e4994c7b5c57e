"""The teacher files of a deployment: the optional recognition, verification and appointment files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from vocmatch.enterprises.models import Enterprise
from vocmatch.kit.errors import DataFileError
from vocmatch.kit.upsert import LoadCounts
from vocmatch.schools.models import School
from vocmatch.teachers.loader import read_teachers, write_teachers
from vocmatch.teachers.models import (
    Teacher,
    TeacherAppointment,
    TeacherRecognition,
    TeacherVerification,
)

TEST_SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
SCHOOLS = {"GXZZ", "TESTPRIV"}
RECOGNITIONS = (
    "staff_no,level,recognised_on,issuer,document_no,evidence,is_sample\n"
    "GXZZ-T001,junior,2024-12-18,赣州市教育局,赣市教字〔2024〕91号,,1\n"
)
VERIFICATIONS = (
    "staff_no,item_id,verified_on,verified_by,note\n"
    "GXZZ-T001,J-ETHICS,2024-10-18,人事处,\n"
    "GXZZ-T001,J-TEACH,2024-10-18,教务处,\n"
)
APPOINTMENTS = (
    "staff_no,direction,enterprise_name,role,start_date,end_date,bay_area_technical_staff,"
    "document_no,is_sample\n"
    "GXZZ-T005,enterprise_to_school,某湾区企业,兼职教师,2025-03-01,,1,聘〔2025〕1号,1\n"
)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """The test deployment's teacher files plus the three optional ones (edit them in a test)."""
    out = tmp_path / "sample"
    out.mkdir()
    for name in ("teachers", "teacher_qualifications", "teacher_experience", "teacher_practice"):
        shutil.copyfile(TEST_SAMPLE / f"{name}.csv", out / f"{name}.csv")
    (out / "teacher_recognitions.csv").write_text(RECOGNITIONS, encoding="utf-8")
    (out / "teacher_verifications.csv").write_text(VERIFICATIONS, encoding="utf-8")
    (out / "teacher_appointments.csv").write_text(APPOINTMENTS, encoding="utf-8")
    return out


def test_the_optional_files_are_optional(sample: Path) -> None:
    for name in ("recognitions", "verifications", "appointments"):
        (sample / f"teacher_{name}.csv").unlink()
    files = read_teachers(sample, school_codes=SCHOOLS)
    assert (files.recognitions, files.verifications, files.appointments) == ([], [], [])


def test_recognitions_verifications_and_appointments_are_loaded_once(
    sample: Path, db: Session
) -> None:
    schools = {s.code: s for s in db.scalars(select(School))}
    firms = {e.name: e for e in db.scalars(select(Enterprise))}
    for _ in range(2):  # loading twice changes nothing
        files = read_teachers(sample, school_codes=SCHOOLS)
        write_teachers(db, files, schools, firms, LoadCounts())
    t001 = db.scalars(select(Teacher).where(Teacher.staff_no == "GXZZ-T001")).one()
    rec = db.scalars(select(TeacherRecognition)).one()
    assert (rec.teacher_id, rec.level, str(rec.recognised_on)) == (t001.id, "junior", "2024-12-18")
    assert rec.is_sample and rec.document_no == "赣市教字〔2024〕91号"
    assert sorted(v.item_id for v in db.scalars(select(TeacherVerification))) == [
        "J-ETHICS",
        "J-TEACH",
    ]
    app = db.scalars(select(TeacherAppointment)).one()
    assert app.bay_area_technical_staff and app.enterprise_id is None and app.end_date is None


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "teacher_recognitions.csv",
            RECOGNITIONS.replace("2024-12-18", "2024-13-18"),
            "teacher_recognitions.csv, line 2, field 'recognised_on'",
        ),
        (
            "teacher_recognitions.csv",
            RECOGNITIONS.replace("GXZZ-T001,junior", "GXZZ-T999,junior"),
            "teacher_recognitions.csv, row 2, field 'staff_no': unknown teacher 'GXZZ-T999'",
        ),
        (
            "teacher_recognitions.csv",
            RECOGNITIONS.replace(",junior,", ",expert,"),
            "teacher_recognitions.csv, line 2, field 'level'",
        ),
        (
            "teacher_verifications.csv",
            VERIFICATIONS.replace("J-TEACH", "J-GUESS"),
            "teacher_verifications.csv, row 3, field 'item_id': 'J-GUESS' is not an unchecked",
        ),
        (
            "teacher_appointments.csv",
            APPOINTMENTS.replace("2025-03-01,,", "2025-03-01,2024-03-01,"),
            "teacher_appointments.csv, row 2, field 'end_date': end_date is before start_date",
        ),
        (
            "teacher_appointments.csv",
            APPOINTMENTS.replace("enterprise_to_school", "school_to_enterprise"),
            "teacher_appointments.csv, row 2, field 'bay_area_technical_staff'",
        ),
    ],
)
def test_a_bad_row_is_refused_naming_file_row_and_field(
    sample: Path, name: str, text: str, message: str
) -> None:
    (sample / name).write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        read_teachers(sample, school_codes=SCHOOLS)
    assert message in err.value.message
