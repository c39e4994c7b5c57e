"""CRUD of partners, agreements and activities over the API, with errors that name the field."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.factories import make_enterprise
from tests.partnerships.helpers import AuditLog, partner, school, teacher

API = "/api/v1/partnerships"


def test_partner_crud_is_audited(
    client: TestClient, db: Session, audit_log: AuditLog, planner: dict[str, Any]
) -> None:
    r = client.post(
        f"{API}/partners",
        json={
            "name": "广州番禺职业技术学院",
            "kind": "college",
            "region": "bay_area",
            "city": "广州市",
        },
        headers=planner,
    )
    assert r.status_code == 201, r.text
    p = r.json()
    assert p["key"].startswith("P-") and p["region"] == "bay_area"
    r = client.patch(f"{API}/partners/{p['id']}", json={"city": "广州市番禺区"}, headers=planner)
    assert r.status_code == 200 and r.json()["city"] == "广州市番禺区"
    listed = client.get(f"{API}/partners", params={"region": "bay_area"}, headers=planner).json()
    assert p["id"] in [x["id"] for x in listed]
    assert [a.action for a in audit_log("partner", p["id"])] == ["create", "update"]
    assert audit_log("partner", p["id"])[1].detail["changes"] == {
        "city": ["广州市", "广州市番禺区"]
    }


def test_partner_errors_name_the_field(client: TestClient, planner: dict[str, Any]) -> None:
    r = client.post(
        f"{API}/partners",
        json={"name": "X", "kind": "school", "region": "bay_area"},
        headers=planner,
    )
    assert r.status_code == 422
    assert {e["field"] for e in r.json()["errors"]} == {"name", "kind"}
    r = client.post(
        f"{API}/partners",
        json={
            "name": "某企业",
            "kind": "enterprise",
            "region": "bay_area",
            "website": "javascript:alert(1)",
        },
        headers=planner,
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "website"
    r = client.post(
        f"{API}/partners",
        json={"name": "某企业", "kind": "enterprise", "region": "bay_area"},
        headers=planner,
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "enterprise_id"
    r = client.post(
        f"{API}/partners",
        json={"key": "szpt", "name": "重复", "kind": "college", "region": "bay_area"},
        headers=planner,
    )
    assert r.status_code == 409


def test_only_admins_delete_partners_and_only_unused_ones(
    client: TestClient,
    db: Session,
    audit_log: AuditLog,
    planner: dict[str, Any],
    admin: dict[str, Any],
) -> None:
    new = client.post(
        f"{API}/partners",
        json={"name": "待删除学院", "kind": "college", "region": "other"},
        headers=planner,
    ).json()
    assert client.delete(f"{API}/partners/{new['id']}", headers=planner).status_code == 403
    used = partner(db, "szpt").id
    r = client.delete(f"{API}/partners/{used}", headers=admin)
    assert r.status_code == 409 and "szpt" in r.json()["detail"]
    assert client.delete(f"{API}/partners/{new['id']}", headers=admin).status_code == 204
    assert client.get(f"{API}/partners/{new['id']}", headers=admin).status_code == 404
    assert [a.action for a in audit_log("partner", new["id"])] == ["create", "delete"]


def test_agreement_crud(
    client: TestClient, db: Session, audit_log: AuditLog, planner: dict[str, Any]
) -> None:
    body = {
        "partner_id": partner(db, "szpt").id,
        "school_id": school(db, "GXZZ").id,
        "type": "training_base",
        "title": "共建工业机器人实训基地",
        "signed_on": "2026-03-01",
        "programmes": ["660303"],
    }
    r = client.post(f"{API}/agreements", json=body, headers=planner)
    assert r.status_code == 201, r.text
    ag = r.json()
    assert ag["partner"]["key"] == "szpt" and ag["school_code"] == "GXZZ"
    r = client.patch(
        f"{API}/agreements/{ag['id']}", json={"valid_until": "2026-01-01"}, headers=planner
    )
    assert r.status_code == 422
    assert [(e["field"], e["message"]) for e in r.json()["errors"]] == [
        ("valid_until", "is before signed_on")
    ]
    r = client.patch(
        f"{API}/agreements/{ag['id']}", json={"programmes": ["999999"]}, headers=planner
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "programmes"
    r = client.patch(
        f"{API}/agreements/{ag['id']}", json={"valid_until": "2031-02-28"}, headers=planner
    )
    assert r.status_code == 200 and r.json()["valid_until"] == "2031-02-28"
    types = [a["type"] for a in client.get(f"{API}/agreements", headers=planner).json()]
    assert "training_base" in types and "articulation" in types
    assert client.delete(f"{API}/agreements/{ag['id']}", headers=planner).status_code == 204
    assert [a.action for a in audit_log("agreement", ag["id"])] == ["create", "update", "delete"]


def _five_commons(db: Session, **kw: Any) -> dict[str, Any]:
    return {
        "date": "2026-10-15",
        "type": "five_commons_curriculum",
        "school_id": school(db, "GXZZ").id,
        "programmes": ["660303"],
        "partner_ids": [partner(db, "szpt").id],
        **kw,
    }


def test_activity_crud_with_default_title(
    client: TestClient, db: Session, audit_log: AuditLog, planner: dict[str, Any]
) -> None:
    r = client.post(f"{API}/activities", json=_five_commons(db), headers=planner)
    assert r.status_code == 201, r.text
    act = r.json()
    assert act["title"] == "共同建设专业课程体系 · 工业机器人技术应用"
    assert act["status"] == "done" and act["partners"][0]["key"] == "szpt"
    r = client.patch(
        f"{API}/activities/{act['id']}",
        json={"status": "planned", "people": ["李测试", "深职大 王老师"]},
        headers=planner,
    )
    assert r.status_code == 200 and r.json()["status"] == "planned"
    got = client.get(f"{API}/activities/{act['id']}", headers=planner).json()
    assert got["people"] == ["李测试", "深职大 王老师"]
    listed = client.get(f"{API}/activities", params={"status": "planned"}, headers=planner).json()
    assert act["id"] in [a["id"] for a in listed]
    assert client.delete(f"{API}/activities/{act['id']}", headers=planner).status_code == 204
    assert client.get(f"{API}/activities/{act['id']}", headers=planner).status_code == 404
    entries = audit_log("activity", act["id"])
    assert [e.action for e in entries] == ["create", "update", "delete"]
    assert entries[1].detail["changes"]["status"] == ["done", "planned"]


def test_activity_errors_name_every_missing_field(
    client: TestClient, db: Session, planner: dict[str, Any]
) -> None:
    r = client.post(
        f"{API}/activities",
        json=_five_commons(db, programmes=[], partner_ids=[], end_date="2026-10-01"),
        headers=planner,
    )
    assert r.status_code == 422
    fields = {e["field"] for e in r.json()["errors"]}
    assert fields == {"programmes", "partner_ids", "end_date"}
    assert "programmes" in r.json()["detail"]

    r = client.post(
        f"{API}/activities",
        json={"date": "2026-07-01", "type": "teacher_practice", "school_id": school(db, "GXZZ").id},
        headers=planner,
    )
    assert {e["field"] for e in r.json()["errors"]} == {"teacher_id", "enterprise_id", "days"}
    r = client.post(
        f"{API}/activities",
        json={
            "date": "2026-07-01",
            "type": "technician_teaching",
            "school_id": school(db, "GXZZ").id,
        },
        headers=planner,
    )
    assert {e["field"] for e in r.json()["errors"]} == {"people", "course", "hours"}
    r = client.post(
        f"{API}/activities",
        json={
            "date": "2026-07-01",
            "type": "student_internship",
            "school_id": school(db, "GXZZ").id,
        },
        headers=planner,
    )
    assert {e["field"] for e in r.json()["errors"]} == {"enterprise_id", "students"}

    # A teacher of another school, a bad link, a bad type: each named.
    r = client.post(
        f"{API}/activities",
        json={
            "date": "2026-07-01",
            "type": "teacher_practice",
            "school_id": school(db, "GXZZ").id,
            "teacher_id": teacher(db, "TP-T001").id,
            "enterprise_id": make_enterprise(db, location_kind="bay_area").id,
            "days": 30,
        },
        headers=planner,
    )
    assert r.json()["errors"] == [
        {"field": "teacher_id", "message": "not a teacher of this school", "type": "not_teacher"}
    ]
    r = client.post(
        f"{API}/activities",
        json=_five_commons(db, evidence_url="file:///etc/passwd"),
        headers=planner,
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "evidence_url"
    r = client.post(f"{API}/activities", json=_five_commons(db, type="party"), headers=planner)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "type"
    r = client.post(f"{API}/activities", json=_five_commons(db, key="ACT-1"), headers=planner)
    assert r.status_code == 409


def test_patch_is_validated_as_a_whole(
    client: TestClient, db: Session, planner: dict[str, Any]
) -> None:
    act = client.post(f"{API}/activities", json=_five_commons(db), headers=planner).json()
    r = client.patch(
        f"{API}/activities/{act['id']}", json={"type": "teacher_practice"}, headers=planner
    )
    assert r.status_code == 422
    assert {e["field"] for e in r.json()["errors"]} == {"teacher_id", "enterprise_id", "days"}
    r = client.patch(
        f"{API}/activities/{act['id']}",
        json={"date": "2027-01-01", "end_date": "2026-12-01"},
        headers=planner,
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "end_date"
    assert (
        client.get(f"{API}/activities/{act['id']}", headers=planner).json()["date"] == "2026-10-15"
    )
