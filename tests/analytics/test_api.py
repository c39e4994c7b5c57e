"""The analytics API: scope by role, exports neutralised and audited, OpenAPI documented."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.analytics.conftest import A, matched_posting
from tests.factories import api_key_headers, make_enterprise, make_user
from vocmatch.audit.models import AuditEntry
from vocmatch.schools.models import School

Q = "?as_of=2026-11-29"


def _headers(db: Session, role: str, **kw: object) -> dict[str, str]:
    return api_key_headers(db, make_user(db, role, **kw))  # type: ignore[arg-type]


def test_roles(client: TestClient, db: Session, world: dict) -> None:
    assert client.get("/api/v1/analytics/fit" + Q).status_code == 401
    ent = make_enterprise(db)
    enterprise = _headers(db, "enterprise", enterprise=ent)
    assert client.get("/api/v1/analytics/fit" + Q, headers=enterprise).status_code == 403
    platform = _headers(db, "platform")
    r = client.get("/api/v1/analytics/fit" + Q, headers=platform)
    assert r.status_code == 200
    body = r.json()
    assert body["offerings"] == []  # aggregates only
    assert any(p["code"] == A for p in body["programmes"])
    assert "fit = 100" in body["formula"]
    assert client.get("/api/v1/analytics/recommendations" + Q, headers=platform).status_code == 403


def test_planner_sees_own_school_offerings_only(
    client: TestClient, db: Session, world: dict
) -> None:
    school = world["school"]
    mine = _headers(db, "planner", schools=[school.code])
    body = client.get("/api/v1/analytics/fit" + Q, headers=mine).json()
    assert {o["school_code"] for o in body["offerings"]} == {school.code}
    other = _headers(db, "planner")  # GXZZ
    detail = client.get(f"/api/v1/analytics/programmes/{A}" + Q, headers=other).json()
    assert detail["offerings"] == [] and detail["partners"] == []
    assert detail["fit"]["demand"] == 20
    # Whole people per posting, every type listed with its kind (see the world fixture).
    assert [(p["attributed"], p["kind"]) for p in detail["postings"]] == [
        (20, "placements"),
        (10, "graduate_demand"),
        (6, "cohort"),
        (4, "graduate_demand"),
        (3, "graduate_demand"),
        (2, "graduate_demand"),
        (1, "graduate_demand"),
    ]
    magnets = next(c for c in detail["coverage"] if c["segment"] == "magnets")
    assert magnets["covered"] == 1 and magnets["items"][0]["unit"] == "钕铁硼压制工艺"


def test_enter_indicator_value_api(client: TestClient, db: Session) -> None:
    body = {"value": 4650, "as_of": "2025-12-01", "evidence": "2025年普通高中招生计划"}
    url = "/api/v1/analytics/indicators/general_high_school_places/values"
    # A planner of one school may not override the district's figures (issue 12) …
    one_school = _headers(db, "planner", schools=["GXZZ"])
    assert client.post(url, json=body, headers=one_school).status_code == 403
    # … a planner of every school may.
    codes = list(db.scalars(select(School.code)))
    planner = _headers(db, "planner", schools=codes)
    r = client.post(url, json=body, headers=planner)
    assert r.status_code == 201, r.text
    assert r.json()["value"] == 4650
    missing = client.post(url, json={"value": 1, "as_of": "2025-12-01"}, headers=planner)
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["field"] == "evidence"
    # A designation indicator counts designation records only: no entered value (issue 15).
    refused = client.post(
        "/api/v1/analytics/indicators/provincial_quality_school/values", json=body, headers=planner
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "indicator"


def test_exports_neutralise_formulas_and_are_audited(
    client: TestClient, db: Session, world: dict
) -> None:
    evil = make_enterprise(db, name='=HYPERLINK("http://x","点我")')
    matched_posting(
        db, evil, headcount=50, programmes=[(A, 0.9)], skills=["串级萃取"], title="萃取操作工"
    )
    admin = _headers(db, "admin")
    r = client.get("/api/v1/analytics/exports/chains.xlsx" + Q, headers=admin)
    assert r.status_code == 200
    wb = load_workbook(io.BytesIO(r.content))
    cells = [c for row in wb["未满足需求明细"].iter_rows(values_only=True) for c in row]
    assert '\'=HYPERLINK("http://x","点我")' in cells
    assert not any(isinstance(c, str) and c.startswith("=") for c in cells)
    r = client.get("/api/v1/analytics/exports/fit.csv" + Q, headers=admin)
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0][0] == "专业代码"
    assert any(row[0] == A for row in rows[1:])
    audit = db.scalars(select(AuditEntry).where(AuditEntry.action == "export")).all()
    assert {a.entity_type for a in audit} >= {"analytics.chains", "analytics.fit"}
    assert client.get("/api/v1/analytics/exports/fit.pdf", headers=admin).status_code == 422


def test_openapi_documents_problem_responses(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    op = spec["paths"]["/api/v1/analytics/what-if"]["post"]
    assert "422" in op["responses"] and "403" in op["responses"]
