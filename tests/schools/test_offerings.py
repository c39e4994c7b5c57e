"""Offerings: planners edit their own schools' offerings and partners; everything is audited."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories import api_key_headers, make_offering, make_school, make_user
from vocmatch.audit.models import AuditEntry
from vocmatch.schools.models import Offering


def _planner(db: Session, *schools: str) -> dict[str, str]:
    return api_key_headers(db, make_user(db, "planner", schools=list(schools)))


def test_list_edit_and_audit(client: TestClient, db: Session) -> None:
    h = _planner(db, "GXZZ")
    rows = client.get("/api/v1/schools/GXZZ/offerings?year=2026", headers=h).json()
    cnc = next(r for r in rows if r["programme_code"] == "660103")
    assert cnc["programme_name"] == "数控技术应用" and cnc["intake_plan"] == 120
    r = client.patch(
        f"/api/v1/offerings/{cnc['id']}",
        json={"intake_plan": 150, "school_courses": "稀土永磁电机装配"},
        headers=h,
    )
    assert r.status_code == 200 and r.json()["intake_plan"] == 150
    assert db.get(Offering, cnc["id"]).intake_plan == 150  # type: ignore[union-attr]
    audit = db.scalars(select(AuditEntry).where(AuditEntry.entity_type == "offering")).all()
    assert audit[-1].detail["intake_plan"] == 150


def test_other_school_is_404_and_enterprise_403(client: TestClient, db: Session) -> None:
    h = _planner(db, "GXZZ")
    assert client.get("/api/v1/schools/TESTPRIV/offerings", headers=h).status_code == 404
    other = db.scalar(select(Offering).where(Offering.programme_code == "730801"))
    assert other is not None
    r = client.patch(f"/api/v1/offerings/{other.id}", json={"intake_plan": 1}, headers=h)
    assert r.status_code == 404
    assert {s["code"] for s in client.get("/api/v1/schools", headers=h).json()} == {"GXZZ"}
    platform = api_key_headers(db, make_user(db, "platform"))
    assert client.get("/api/v1/schools", headers=platform).status_code == 403


def test_create_conflict_and_bad_programme(client: TestClient, db: Session) -> None:
    h = _planner(db, "GXZZ")
    body = {
        "programme_code": "660702",
        "year": 2026,
        "intake_plan": 40,
        "enrolled": 0,
        "graduates_per_year": 0,
        "key_demonstration": True,
    }
    r = client.post("/api/v1/schools/GXZZ/offerings", json=body, headers=h)
    assert r.status_code == 201, r.text
    assert client.post("/api/v1/schools/GXZZ/offerings", json=body, headers=h).status_code == 409
    bad = client.post(
        "/api/v1/schools/GXZZ/offerings", json={**body, "programme_code": "999999"}, headers=h
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "programme_code"


def test_partners(client: TestClient, db: Session) -> None:
    school = make_school(db)
    off = make_offering(db, school, "630502")
    h = _planner(db, school.code)
    r = client.post(
        f"/api/v1/offerings/{off.id}/partners",
        json={"enterprise_name": "金力永磁", "kind": "order_class", "since_year": 2024},
        headers=h,
    )
    assert r.status_code == 201, r.text
    assert r.json()["enterprise_name"] == "江西金力永磁科技有限公司" and r.json()["is_leading"]
    rows = client.get(f"/api/v1/schools/{school.code}/offerings", headers=h).json()
    assert rows[0]["partners"][0]["kind"] == "order_class"
    unknown = client.post(
        f"/api/v1/offerings/{off.id}/partners",
        json={"enterprise_name": "不存在的公司", "kind": "order_class"},
        headers=h,
    )
    assert unknown.status_code == 422
    pid = r.json()["id"]
    assert client.delete(f"/api/v1/offerings/{off.id}/partners/{pid}", headers=h).status_code == 204
    assert (
        client.get(f"/api/v1/schools/{school.code}/offerings", headers=h).json()[0]["partners"]
        == []
    )
