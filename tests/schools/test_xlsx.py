"""Offerings XLSX: export, preview with per-row errors, all-or-nothing import."""

from __future__ import annotations

import io

from fastapi.testclient import TestClient
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.factories import api_key_headers, make_offering, make_school, make_user
from vocmatch.schools.models import Offering

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = [
    "专业代码",
    "专业名称",
    "年度",
    "招生计划",
    "在校生",
    "年毕业生",
    "重点示范",
    "特色",
    "省级优质",
    "开设年份",
    "校本课程",
]


def _sheet(*rows: list[object]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _setup(db: Session) -> tuple[object, dict[str, str]]:
    school = make_school(db)
    make_offering(db, school, "660103", intake_plan=50, school_courses="=cmd|' /C calc'!A0")
    return school, api_key_headers(db, make_user(db, "planner", schools=[school.code]))


def _post(client: TestClient, code: str, content: bytes, h: dict[str, str], dry_run: bool):  # type: ignore[no-untyped-def]
    return client.post(
        f"/api/v1/schools/{code}/offerings/import?dry_run={str(dry_run).lower()}",
        files={"file": ("offerings.xlsx", content, XLSX)},
        headers=h,
    )


def test_export_round_trips_and_neutralises(client: TestClient, db: Session) -> None:
    school, h = _setup(db)
    r = client.get(f"/api/v1/schools/{school.code}/offerings.xlsx", headers=h)  # type: ignore[attr-defined]
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert rows[1][0] == "660103" and rows[1][3] == 50
    assert rows[1][10] == "'=cmd|' /C calc'!A0"
    # The same sheet imports back as unchanged (the neutralising quote is taken off again).
    preview = _post(client, school.code, r.content, h, True).json()  # type: ignore[attr-defined]
    assert [row["action"] for row in preview["rows"]] == ["unchanged"]


def test_preview_lists_errors_per_row_and_import_writes_nothing(
    client: TestClient, db: Session
) -> None:
    school, h = _setup(db)
    before = db.scalar(select(func.count()).select_from(Offering))
    content = _sheet(
        ["660103", "", 2026, 60, 140, 45, 1, 0, 0, None, None],  # update
        ["630502", "", 2026, 40, 0, 0, 0, 0, 0, None, None],  # create
        ["999999", "", 2026, 40, 0, 0, 0, 0, 0, None, None],  # unknown programme
        ["660301", "", 2026, -5, 0, 0, "也许", 0, 0, None, None],  # two bad cells
        ["630502", "", 2026, 45, 0, 0, 0, 0, 0, None, None],  # duplicate of row 3
    )
    preview = _post(client, school.code, content, h, True)  # type: ignore[attr-defined]
    assert preview.status_code == 200
    rows = {r["row"]: r for r in preview.json()["rows"]}
    # The sheet is the truth for its rows: the emptied school courses cell clears them.
    assert rows[2]["action"] == "update" and rows[2]["changes"] == {
        "intake_plan": 60,
        "key_demonstration": True,
        "school_courses": "",
    }
    assert rows[3]["action"] == "create"
    assert rows[4]["errors"][0]["field"] == "programme_code"
    assert {e["field"] for e in rows[5]["errors"]} == {"intake_plan", "key_demonstration"}
    assert "row 3" in rows[6]["errors"][0]["message"]
    r = _post(client, school.code, content, h, False)  # type: ignore[attr-defined]
    assert r.status_code == 422
    assert {e["field"] for e in r.json()["errors"]} >= {"row 4.programme_code", "row 5.intake_plan"}
    assert db.scalar(select(func.count()).select_from(Offering)) == before
    db.expire_all()
    assert db.scalar(select(Offering.intake_plan).where(Offering.school_id == school.id)) == 50  # type: ignore[attr-defined]


def test_clean_import_applies_all_rows(client: TestClient, db: Session) -> None:
    school, h = _setup(db)
    content = _sheet(
        ["660103", "数控技术应用", 2026, 60, 140, 45, "是", "否", "否", 2010, "五轴加工"],
        ["630502", "", 2026, 40, 0, 0, 0, 1, 0, None, None],
    )
    r = _post(client, school.code, content, h, False)  # type: ignore[attr-defined]
    assert r.status_code == 200, r.text
    assert r.json()["applied"] and r.json()["created"] == 1 and r.json()["updated"] == 1
    offs = {
        o.programme_code: o
        for o in db.scalars(select(Offering).where(Offering.school_id == school.id))
    }  # type: ignore[attr-defined]
    assert offs["660103"].intake_plan == 60 and offs["660103"].school_courses == "五轴加工"
    assert offs["630502"].characteristic


def test_not_an_xlsx(client: TestClient, db: Session) -> None:
    school, h = _setup(db)
    r = _post(client, school.code, b"hello,world", h, True)  # type: ignore[attr-defined]
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "file"


def test_export_in_english_imports_back(client: TestClient, db: Session) -> None:
    # The English switch (or Accept-Language) gives English headings; the import reads them.
    school, h = _setup(db)
    r = client.get(
        f"/api/v1/schools/{school.code}/offerings.xlsx",  # type: ignore[attr-defined]
        headers={**h, "Accept-Language": "en"},
    )
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["Offerings"]
    header = next(wb["Offerings"].iter_rows(values_only=True))
    assert header[:4] == ("Programme code", "Programme", "Year", "Intake plan")
    assert wb["Offerings"]["G2"].value == "No"  # key demonstration: a flag in words
    preview = _post(client, school.code, r.content, h, True).json()  # type: ignore[attr-defined]
    assert [row["action"] for row in preview["rows"]] == ["unchanged"]
