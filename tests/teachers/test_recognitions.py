"""Recognition records (认定) through the API and the roster workbook: bad input is a 4xx naming
the field or the row, and nothing is half-written."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.factories import api_key_headers, make_user
from tests.teachers.conftest import Roster
from tests.teachers.test_xlsx import post, teacher_row, workbook
from vocmatch.teachers.models import Teacher, TeacherRecognition

GOOD = {
    "level": "junior",
    "recognised_on": "2026-04-20",
    "issuer": "赣州市教育局",
    "document_no": "赣市教字〔2026〕12号",
}


def _recognitions(db: Session) -> int:
    return db.scalar(select(func.count()).select_from(TeacherRecognition)) or 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"recognised_on": "2026-13-01"}, "recognised_on"),
        ({"recognised_on": "20.4.2026"}, "recognised_on"),
        ({"recognised_on": str(date.today() + timedelta(days=1))}, "recognised_on"),
        ({"level": "expert"}, "level"),
        ({"issuer": ""}, "issuer"),
        ({"document_no": None}, "document_no"),
        ({"certificate": "X1"}, "certificate"),
    ],
)
def test_a_bad_recognition_is_a_422_naming_the_field_and_nothing_is_written(
    client: TestClient, db: Session, roster: Roster, change: dict[str, Any], field: str
) -> None:
    headers = api_key_headers(db, make_user(db, "planner", schools=["DQS"]))
    before = _recognitions(db)
    r = client.post(
        f"/api/v1/teachers/{roster.t['G'].id}/recognitions",
        json={**GOOD, **change},
        headers=headers,
    )
    assert r.status_code == 422, r.text
    assert field in [e["field"] for e in r.json()["errors"]]
    assert _recognitions(db) == before


def test_an_unknown_or_unseen_teacher_is_a_404_and_a_duplicate_a_409(
    client: TestClient, db: Session, roster: Roster
) -> None:
    headers = api_key_headers(db, make_user(db, "planner", schools=["DQS"]))
    before = _recognitions(db)
    missing = db.scalar(select(func.max(Teacher.id))) + 1  # type: ignore[operator]
    r = client.post(f"/api/v1/teachers/{missing}/recognitions", json=GOOD, headers=headers)
    assert r.status_code == 404
    # Another school's planner cannot see (so cannot recognise) a DQS teacher.
    other = api_key_headers(db, make_user(db, "planner", schools=["GXZZ"]))
    url = f"/api/v1/teachers/{roster.t['G'].id}/recognitions"
    assert client.post(url, json=GOOD, headers=other).status_code == 404
    assert _recognitions(db) == before
    # The same certificate (document number and level) twice: the second is refused.
    assert client.post(url, json=GOOD, headers=headers).status_code == 201
    again = client.post(url, json=GOOD, headers=headers)
    assert again.status_code == 409
    assert again.json()["errors"][0]["field"] == "document_no"
    assert _recognitions(db) == before + 1


def test_bad_rows_of_the_recognition_sheet_are_named_and_nothing_is_written(
    client: TestClient, db: Session, roster: Roster
) -> None:
    headers = api_key_headers(db, make_user(db, "planner", schools=["DQS"]))
    day = date(2025, 12, 16)
    content = workbook(
        [teacher_row("DQS-N1", "新甲"), teacher_row("DQS-N2", "新乙")],
        recs=[
            ["DQS-N1", "初级", day, "赣州市教育局", "赣市教字〔2025〕88号", ""],  # fine
            ["DQS-N1", "初级", "2025/13/40", "赣州市教育局", "赣市教字〔2025〕89号", ""],
            ["DQS-N1", "特级", day, "赣州市教育局", "赣市教字〔2025〕90号", ""],
            ["DQS-N2", "初级", day, "", "赣市教字〔2025〕88号", ""],
            ["DQS-ZZ", "中级", day, "赣州市教育局", "赣市教字〔2025〕88号", ""],
            ["DQS-N1", "初级", day, "赣州市教育局", "赣市教字〔2025〕88号", ""],  # row 2 again
            ["DQS-N2", "初级", date.today() + timedelta(days=30), "赣州市教育局", "X号", ""],
        ],
    )
    teachers = db.scalar(select(func.count()).select_from(Teacher))
    before = _recognitions(db)
    r = post(client, headers, content, dry_run=False)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["written"] is False
    assert [(e["sheet"], e["row"], e["column"]) for e in body["errors"]] == [
        ("认定记录", 3, "认定日期"),
        ("认定记录", 4, "认定等级"),
        ("认定记录", 5, "认定机构"),
        ("认定记录", 6, "工号"),
        ("认定记录", 7, "认定文号"),
        ("认定记录", 8, "认定日期"),
    ]
    assert "row 2" in body["errors"][4]["message"]
    assert db.scalar(select(func.count()).select_from(Teacher)) == teachers
    assert _recognitions(db) == before
