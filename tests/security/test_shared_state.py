"""One user's odd record never breaks a shared view: duplicates are refused at write time and
readers tolerate the ones already stored; control characters never break an export."""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.factories import api_key_headers, make_user, school_id
from tests.partnerships.helpers import make_activity
from tests.teachers.factories import add_work, make_teacher
from vocmatch.partnerships.models import Partner
from vocmatch.schools.models import School
from vocmatch.teachers.dual_qualified.evaluation import work_days
from vocmatch.teachers.dual_qualified.facts import WorkFact


def test_the_same_work_period_twice_is_refused(client: TestClient, db: Session) -> None:
    school = db.get(School, school_id(db, "GXZZ"))
    assert school is not None
    teacher = make_teacher(db, school)
    planner = api_key_headers(db, make_user(db, "planner"))
    body = {"employer": "赣州测试企业", "start_date": "2019-03-01", "end_date": "2022-02-28"}
    url = f"/api/v1/teachers/{teacher.id}/experience"
    assert client.post(url, json=body, headers=planner).status_code == 201
    again = client.post(url, json=body, headers=planner)
    assert again.status_code == 409 and again.json()["errors"][0]["field"] == "start_date"


def test_readers_tolerate_duplicates_already_stored(client: TestClient, db: Session) -> None:
    school = db.get(School, school_id(db, "GXZZ"))
    assert school is not None
    teacher = make_teacher(db, school)
    for _ in range(2):  # written before the check existed (or by an import)
        add_work(db, teacher, date(2019, 3, 1), date(2022, 2, 28))
    # 2019-03-01 … 2022-02-28 is 365 + 366 + 365 = 1,096 days; the copy adds none.
    facts = [WorkFact(i, "测试企业", date(2019, 3, 1), date(2022, 2, 28)) for i in (1, 2)]
    assert work_days(facts, date(2026, 1, 1))[0] == 1096
    admin = api_key_headers(db, make_user(db, "admin"))
    for url in (
        "/api/v1/teachers/share",
        "/api/v1/teachers/shares?by=school",
        "/api/v1/teachers/projection",
        f"/api/v1/teachers/{teacher.id}",
        "/api/v1/analytics/indicators",
    ):
        assert client.get(url, headers=admin).status_code == 200, url


def test_a_control_character_in_stored_text_does_not_break_exports(
    client: TestClient, db: Session
) -> None:
    db.add(Partner(key="ctl-partner", name="湾区\x0b测试学院", kind="college", region="bay_area"))
    school = db.get(School, school_id(db, "GXZZ"))
    assert school is not None
    make_teacher(db, school, name="控制\x01字符")
    db.flush()
    admin = api_key_headers(db, make_user(db, "admin"))
    for url in (
        "/api/v1/partnerships/report.xlsx",
        "/api/v1/teachers/export.xlsx?school=GXZZ",
        "/api/v1/schools/GXZZ/offerings.xlsx",
    ):
        r = client.get(url, headers=admin)
        assert r.status_code == 200, (url, r.text[:300])


def test_deleting_a_teacher_an_activity_names_is_409_and_keeps_both(
    client: TestClient, db: Session
) -> None:
    school = db.get(School, school_id(db, "GXZZ"))
    assert school is not None
    teacher = make_teacher(db, school)
    activity = make_activity(db, school, type="teacher_practice", teacher_id=teacher.id)
    admin = api_key_headers(db, make_user(db, "admin"))
    r = client.delete(f"/api/v1/teachers/{teacher.id}", headers=admin)
    assert r.status_code == 409 and r.json()["errors"][0]["field"] == "teacher_id"
    assert client.get(f"/api/v1/teachers/{teacher.id}", headers=admin).status_code == 200
    assert db.get(type(activity), activity.id) is not None
