"""Graduate-destination records: API, scope, validation naming the field, XLSX import all or
nothing, export guarded and audited, the district summary (item 15's figure), capacity."""

from __future__ import annotations

import io

from fastapi.testclient import TestClient
from openpyxl import Workbook, load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories import api_key_headers, make_user
from vocmatch.audit.models import AuditEntry
from vocmatch.schools.destinations.models import GraduateDestination

RECORD = {
    "programme_code": "630501",
    "year": 2026,
    "graduates": 40,
    "employed_high_tech_zone": 12,
    "employed_ganxian": 3,
    "employed_ganzhou": 5,
    "employed_elsewhere": 2,
    "study_articulation": 0,
    "study_higher": 15,
    "other": 3,
    "source": "2026届毕业生就业质量报告",
}


def test_a_planner_records_their_school_s_destinations(client: TestClient, db: Session) -> None:
    planner = make_user(db, "planner")  # GXZZ
    headers = api_key_headers(db, planner)
    r = client.put("/api/v1/schools/GXZZ/destinations", json=RECORD, headers=headers)
    assert r.status_code == 200, r.text
    body = r.json()
    # employed = 12 + 3 + 5 + 2 = 22 of 40 → 0.55
    assert (body["employed"], body["employment_share"], body["school_code"]) == (22, 0.55, "GXZZ")
    again = client.put(
        "/api/v1/schools/GXZZ/destinations", json={**RECORD, "source": "更正"}, headers=headers
    )
    assert again.json()["id"] == body["id"]  # one record per school, programme and year
    actions = [
        a.action
        for a in db.scalars(
            select(AuditEntry).where(AuditEntry.entity_type == "graduate_destination")
        )
    ]
    assert actions == ["create", "update"]
    listed = client.get("/api/v1/destinations", headers=headers).json()
    assert [d["source"] for d in listed] == ["更正"]
    assert (
        client.put(
            "/api/v1/schools/TESTPRIV/destinations", json=RECORD, headers=headers
        ).status_code
        == 404
    )
    assert client.delete(f"/api/v1/destinations/{body['id']}", headers=headers).status_code == 204


def test_destinations_must_add_up_to_the_graduates(client: TestClient, db: Session) -> None:
    headers = api_key_headers(db, make_user(db, "admin"))
    r = client.put(
        "/api/v1/schools/GXZZ/destinations", json={**RECORD, "other": 4}, headers=headers
    )
    assert r.status_code == 422
    error = r.json()["errors"][0]
    assert error["field"].endswith("graduates") and "41" in error["message"]
    r = client.put(
        "/api/v1/schools/GXZZ/destinations",
        json={**RECORD, "programme_code": "999999"},
        headers=headers,
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "programme_code"


def _sheet(rows: list[list[object]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(
        [
            "学校代码",
            "专业代码",
            "毕业年份",
            "毕业生",
            "就业-赣州高新区",
            "升学-其他",
            "其他",
            "数据来源",
        ]
    )
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_import_is_all_or_nothing(client: TestClient, db: Session) -> None:
    headers = api_key_headers(db, make_user(db, "planner"))  # GXZZ only
    good = ["GXZZ", "630501", 2025, 10, 6, 3, 1, '\'=HYPERLINK("x")']  # as an export writes it
    bad_sum = ["GXZZ", "660103", 2025, 10, 6, 3, 0, ""]
    not_mine = ["TESTPRIV", "660301", 2025, 5, 5, 0, 0, ""]
    files = {"file": ("d.xlsx", _sheet([good, bad_sum, not_mine]), "application/octet-stream")}
    preview = client.post("/api/v1/destinations/import", files=files, headers=headers).json()
    assert [r["action"] for r in preview["rows"]] == ["create", "error", "error"]
    assert preview["rows"][1]["errors"][0]["field"] == "graduates"
    assert preview["rows"][2]["errors"][0]["field"] == "school_code"
    files = {"file": ("d.xlsx", _sheet([good, bad_sum]), "application/octet-stream")}
    r = client.post("/api/v1/destinations/import?dry_run=false", files=files, headers=headers)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "row 3.graduates"
    assert db.scalar(select(GraduateDestination).where(GraduateDestination.year == 2025)) is None
    files = {"file": ("d.xlsx", _sheet([good]), "application/octet-stream")}
    r = client.post("/api/v1/destinations/import?dry_run=false", files=files, headers=headers)
    assert r.status_code == 200 and r.json()["created"] == 1
    saved = db.scalar(select(GraduateDestination).where(GraduateDestination.year == 2025))
    assert saved is not None and saved.source == '=HYPERLINK("x")'  # restored on import
    exported = client.get("/api/v1/destinations.xlsx", headers=headers)
    cells = [
        c
        for row in load_workbook(io.BytesIO(exported.content)).active.iter_rows(values_only=True)
        for c in row
    ]  # type: ignore[union-attr]
    assert '\'=HYPERLINK("x")' in cells  # neutralised on export
    assert db.scalar(
        select(AuditEntry).where(
            AuditEntry.entity_type == "graduate_destination", AuditEntry.action == "export"
        )
    )


def test_summary_gives_item_15_its_figure(client: TestClient, db: Session) -> None:
    headers = api_key_headers(db, make_user(db, "admin"))
    client.put("/api/v1/schools/GXZZ/destinations", json=RECORD, headers=headers)
    other = {
        **RECORD,
        "programme_code": "660301",
        "graduates": 20,
        "employed_high_tech_zone": 8,
        "employed_ganxian": 0,
        "employed_ganzhou": 0,
        "employed_elsewhere": 0,
        "study_higher": 10,
        "other": 2,
    }
    client.put("/api/v1/schools/TESTPRIV/destinations", json=other, headers=headers)
    summary = client.get("/api/v1/destinations/summary", headers=headers).json()
    # 2026: 40 + 20 graduates; employed 22 + 8 = 30; sent to the High-tech Zone 12 + 8 = 20.
    assert summary == [
        {
            "year": 2026,
            "records": 2,
            "graduates": 60,
            "employed": 30,
            "employed_high_tech_zone": 20,
            "study": 25,
            "other": 5,
            "employment_share": 0.5,
        }
    ]
    page = client.get("/destinations", headers=headers)
    assert page.status_code == 200 and 'data-testid="summary-2026"' in page.text


def test_school_capacity(client: TestClient, db: Session) -> None:
    headers = api_key_headers(db, make_user(db, "planner"))
    body = {"year": 2027, "places": 1200, "teachers": 70, "training_stations": 500}
    r = client.put("/api/v1/schools/GXZZ/capacity", json=body, headers=headers)
    assert r.status_code == 200 and r.json()["school_code"] == "GXZZ"
    assert client.get("/api/v1/schools/GXZZ/capacity", headers=headers).json()[0]["places"] == 1200
    assert (
        client.put("/api/v1/schools/TESTPRIV/capacity", json=body, headers=headers).status_code
        == 404
    )
    bad = client.put("/api/v1/schools/GXZZ/capacity", json={**body, "places": -1}, headers=headers)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "places"
