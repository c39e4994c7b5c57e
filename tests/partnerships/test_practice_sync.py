"""One fact, two views: a teacher_practice activity is the teacher's TeacherPractice row."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tests.conftest import TEST_DATA
from tests.factories import make_enterprise
from tests.partnerships.helpers import school, teacher
from vocmatch.loading import load_sample
from vocmatch.partnerships.models import Activity
from vocmatch.teachers.models import TeacherPractice

API = "/api/v1/partnerships"


def _practice(db: Session, activity_id: int) -> TeacherPractice | None:
    db.expire_all()
    return db.scalar(select(TeacherPractice).where(TeacherPractice.activity_id == activity_id))


def test_recording_editing_and_deleting_practice_keeps_the_teacher_record_in_step(
    client: TestClient, db: Session, planner: dict[str, Any]
) -> None:
    firm = make_enterprise(db, name="深圳某精密制造有限公司", location_kind="bay_area")
    t = teacher(db, "GXZZ-T001")
    body = {
        "date": "2026-07-06",
        "type": "teacher_practice",
        "school_id": school(db, "GXZZ").id,
        "programmes": ["660103"],
        "teacher_id": t.id,
        "enterprise_id": firm.id,
        "days": 20,
    }
    act = client.post(f"{API}/activities", json=body, headers=planner).json()
    assert act["practice_id"] is not None and act["teacher_name"] == "张测试"
    row = _practice(db, act["id"])
    assert row is not None
    assert (row.teacher_id, row.enterprise_name, row.bay_area) == (t.id, firm.name, True)
    assert (row.start_date, row.end_date, row.days) == (date(2026, 7, 6), date(2026, 7, 25), 20)

    r = client.patch(
        f"{API}/activities/{act['id']}",
        json={"days": 30, "end_date": "2026-08-20"},
        headers=planner,
    )
    assert r.status_code == 200
    row = _practice(db, act["id"])
    assert row is not None and (row.days, row.end_date) == (30, date(2026, 8, 20))

    # Back to planned: it has not happened, so it is no enterprise practice (yet).
    client.patch(f"{API}/activities/{act['id']}", json={"status": "planned"}, headers=planner)
    assert _practice(db, act["id"]) is None
    client.patch(f"{API}/activities/{act['id']}", json={"status": "done"}, headers=planner)
    assert _practice(db, act["id"]) is not None

    assert client.delete(f"{API}/activities/{act['id']}", headers=planner).status_code == 204
    assert _practice(db, act["id"]) is None
    assert not db.scalars(select(TeacherPractice).where(TeacherPractice.teacher_id == t.id)).all()


def test_practice_outside_the_bay_area_is_marked_so(
    client: TestClient, db: Session, planner: dict[str, Any]
) -> None:
    firm = make_enterprise(db, location_kind="high_tech_zone")
    act = client.post(
        f"{API}/activities",
        json={
            "date": "2026-07-06",
            "type": "teacher_practice",
            "school_id": school(db, "GXZZ").id,
            "teacher_id": teacher(db, "GXZZ-T003").id,
            "enterprise_id": firm.id,
            "days": 10,
        },
        headers=planner,
    ).json()
    row = _practice(db, act["id"])
    assert row is not None and row.bay_area is False


def test_changing_the_type_away_from_practice_removes_the_row(
    client: TestClient, db: Session, planner: dict[str, Any]
) -> None:
    firm = make_enterprise(db, location_kind="bay_area")
    act = client.post(
        f"{API}/activities",
        json={
            "date": "2026-07-06",
            "type": "teacher_practice",
            "school_id": school(db, "GXZZ").id,
            "teacher_id": teacher(db, "GXZZ-T001").id,
            "enterprise_id": firm.id,
            "days": 10,
        },
        headers=planner,
    ).json()
    r = client.patch(
        f"{API}/activities/{act['id']}",
        json={"type": "student_internship", "students": 8},
        headers=planner,
    )
    assert r.status_code == 200, r.text
    assert _practice(db, act["id"]) is None


def test_sample_practice_is_adopted_not_duplicated(db: Session) -> None:
    # ACT-2 in activities.csv and GXZZ-T002's row in teacher_practice.csv are the same practice.
    act = db.scalar(select(Activity).where(Activity.key == "ACT-2"))
    assert act is not None
    rows = db.scalars(
        select(TeacherPractice).where(TeacherPractice.teacher_id == teacher(db, "GXZZ-T002").id)
    ).all()
    assert len(rows) == 1
    assert rows[0].activity_id == act.id and rows[0].days == 60
    assert rows[0].content == "机器人工作站调试"  # the teacher record's wording is kept


def test_loading_the_sample_twice_changes_nothing(engine: Engine) -> None:
    counts = load_sample(engine, TEST_DATA)
    assert counts.changed == 0, counts.tables


def test_practice_recorded_in_the_app_survives_a_sample_reload(
    client: TestClient, db: Session, planner: dict[str, Any]
) -> None:
    from vocmatch.enterprises.models import Enterprise
    from vocmatch.kit.upsert import LoadCounts
    from vocmatch.partnerships.loader import read_partnerships, write_partnerships
    from vocmatch.schools.models import School
    from vocmatch.teachers.loader import read_teachers, write_teachers

    firm = make_enterprise(db, location_kind="bay_area")
    act = client.post(
        f"{API}/activities",
        json={
            "date": "2026-09-01",
            "type": "teacher_practice",
            "school_id": school(db, "GXZZ").id,
            "teacher_id": teacher(db, "GXZZ-T004").id,
            "enterprise_id": firm.id,
            "days": 5,
        },
        headers=planner,
    ).json()
    # The sample load, in this test's transaction: teachers first (their file does not know this
    # practice), then the partnership, which brings the activity's practice back.
    sample = TEST_DATA / "sample"
    schools = {s.code: s for s in db.scalars(select(School))}
    firms = {e.name: e for e in db.scalars(select(Enterprise))}
    counts = LoadCounts()
    write_teachers(db, read_teachers(sample, school_codes=set(schools)), schools, firms, counts)
    files = read_partnerships(
        sample,
        school_codes=set(schools),
        enterprise_names=set(firms),
        staff_nos={"GXZZ-T001", "GXZZ-T002", "GXZZ-T003", "GXZZ-T004", "GXZZ-T005", "TP-T001"},
        programme_codes={"660103", "660303", "630501", "730301", "660301", "730801"},
    )
    write_partnerships(db, files, schools, firms, counts)
    row = _practice(db, act["id"])
    assert row is not None and row.days == 5 and row.bay_area
