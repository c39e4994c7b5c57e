"""The teachers API: scope by role, names never in aggregates, audit of views, masked ID numbers."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories import api_key_headers, login, make_enterprise, make_user
from tests.teachers.conftest import AS_OF, Roster
from vocmatch.audit.models import AuditEntry
from vocmatch.teachers.models import Teacher

CLEAR_ID = "360721198001011237"  # a valid number (check digit 7)


def _audit(db: Session, action: str, entity_type: str) -> list[AuditEntry]:
    return list(
        db.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == action, AuditEntry.entity_type == entity_type)
            .order_by(AuditEntry.id)
        )
    )


def test_the_school_planner_sees_a_teacher_and_why(
    client: TestClient, db: Session, roster: Roster
) -> None:
    planner = make_user(db, "planner", schools=["DQS"])
    headers = api_key_headers(db, planner)
    b = roster.t["B"]
    r = client.get(f"/api/v1/teachers/{b.id}", params={"as_of": str(AS_OF)}, headers=headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["name"] == "教师B"
    status = body["status"]
    assert (status["level"], status["rule_id"], status["near"]) == (None, "DQ2022-J", True)
    best = status["missing"][0]["options"][0]
    assert (best["rule_id"], best["kind"], best["have"], best["need"], best["effort_days"]) == (
        "J-PRACTICE",
        "practice_days",
        150,
        180,
        30,
    )
    assert {f["record_id"] for f in best["facts"]} == {p["id"] for p in body["practice"]}
    # The view is in the audit log, with who looked.
    views = _audit(db, "view", "teacher")
    assert views[-1].entity_id == str(b.id) and views[-1].actor == planner.username


def test_other_roles_and_schools_get_404_on_a_teacher(
    client: TestClient, db: Session, roster: Roster
) -> None:
    b = roster.t["B"]
    other_planner = make_user(db, "planner", schools=["GXZZ"])
    platform = make_user(db, "platform")
    firm = make_user(db, "enterprise", enterprise=make_enterprise(db))
    for user in (other_planner, platform, firm):
        headers = api_key_headers(db, user)
        r = client.get(f"/api/v1/teachers/{b.id}", headers=headers)
        assert r.status_code == 404, (user.role, r.text)
        assert "教师B" not in r.text
        r = client.patch(f"/api/v1/teachers/{b.id}", json={"name": "改名"}, headers=headers)
        assert r.status_code == 404
    headers = api_key_headers(db, other_planner)
    assert (
        client.get("/api/v1/teachers", params={"school": "DQS"}, headers=headers).status_code == 404
    )
    assert (
        client.get(
            "/api/v1/teachers/export.xlsx", params={"school": "DQS"}, headers=headers
        ).status_code
        == 404
    )
    assert (
        client.get(
            "/api/v1/teachers/action-plan", params={"school": "DQS"}, headers=headers
        ).status_code
        == 404
    )
    # Their own roster does not list DQS teachers.
    rows = client.get("/api/v1/teachers", headers=headers).json()["items"]
    assert rows and all(row["school_code"] == "GXZZ" for row in rows)
    # The platform has no roster at all.
    assert client.get("/api/v1/teachers", headers=api_key_headers(db, platform)).status_code == 403
    assert client.get("/api/v1/teachers").status_code == 401


def test_aggregates_are_open_to_every_role_and_carry_no_names(
    client: TestClient, db: Session, roster: Roster
) -> None:
    names = [t.name for t in db.scalars(select(Teacher))]
    headers = api_key_headers(db, make_user(db, "platform"))
    for path, params in [
        ("/api/v1/teachers/share", {}),
        ("/api/v1/teachers/shares", {"by": "school"}),
        ("/api/v1/teachers/shares/history", {"months": 4, "school": "DQS"}),
        ("/api/v1/teachers/projection", {"school": "DQS"}),
    ]:
        r = client.get(path, params={**params, "as_of": str(AS_OF)}, headers=headers)
        assert r.status_code == 200, (path, r.text)
        assert not any(name in r.text for name in names), path
    # Programme and chain breakdowns are for roster roles (issue 12: groups of one were a status).
    for by in ("programme", "chain"):
        r = client.get("/api/v1/teachers/shares", params={"by": by}, headers=headers)
        assert r.status_code == 403
    share = client.get(
        "/api/v1/teachers/shares", params={"school": "DQS", "as_of": str(AS_OF)}, headers=headers
    )
    district = share.json()["district"]
    # Recognised A and C of 7; H eligible without recognition is the pipeline.
    assert (district["numerator"], district["denominator"], district["pipeline"]) == (2, 7, 1)


def test_create_masks_the_id_number_and_never_stores_it(
    client: TestClient, db: Session, roster: Roster
) -> None:
    headers = api_key_headers(db, make_user(db, "planner", schools=["DQS"]))
    body = {
        "school_code": "DQS",
        "staff_no": "DQS-NEW",
        "name": "新教师",
        "id_card": CLEAR_ID,
        "programme_code": "660103",
        "has_teacher_certificate": True,
        "hired_on": "2024-09-01",
    }
    r = client.post("/api/v1/teachers", json=body, headers=headers)
    assert r.status_code == 201, r.text
    assert r.json()["id_card_mask"] == "36**************37"
    assert CLEAR_ID not in r.text
    teacher = db.get(Teacher, r.json()["id"])
    assert teacher is not None
    stored = " ".join(str(getattr(teacher, c.key)) for c in Teacher.__table__.columns)
    assert CLEAR_ID not in stored and teacher.id_card_hash
    assert _audit(db, "create", "teacher")[-1].entity_id == str(teacher.id)
    # The same staff number again is a conflict; a wrong check digit names the field.
    assert client.post("/api/v1/teachers", json=body, headers=headers).status_code == 409
    bad = client.post(
        "/api/v1/teachers",
        json={**body, "staff_no": "DQS-BAD", "id_card": "360721198001011238"},
        headers=headers,
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "id_card"
    # Another school's planner cannot add to DQS.
    other = api_key_headers(db, make_user(db, "planner", schools=["GXZZ"]))
    assert (
        client.post(
            "/api/v1/teachers", json={**body, "staff_no": "DQS-X"}, headers=other
        ).status_code
        == 404
    )


def test_records_added_through_the_api_change_the_status(
    client: TestClient, db: Session, roster: Roster
) -> None:
    headers = api_key_headers(db, make_user(db, "planner", schools=["DQS"]))
    b = roster.t["B"]
    r = client.post(
        f"/api/v1/teachers/{b.id}/practice",
        json={
            "enterprise_name": "湾区企业",
            "start_date": "2026-04-06",
            "end_date": "2026-05-05",
            "days": 30,
            "bay_area": True,
            "content": "数控车工岗位跟岗",  # names a field term of 660103: in the field
        },
        headers=headers,
    )
    assert r.status_code == 201, r.text
    after = client.get(
        f"/api/v1/teachers/{b.id}", params={"as_of": "2026-05-05"}, headers=headers
    ).json()
    assert after["status"]["level"] == "junior" and "J-PRACTICE" in after["status"]["met"]
    # Inconsistent days are refused with the field named.
    bad = client.post(
        f"/api/v1/teachers/{b.id}/practice",
        json={
            "enterprise_name": "x",
            "start_date": "2026-04-06",
            "end_date": "2026-04-07",
            "days": 30,
        },
        headers=headers,
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "days"
    q = client.post(
        f"/api/v1/teachers/{roster.t['G'].id}/qualifications",
        json={
            "kind": "skill_certificate",
            "name": "数控铣工证书",
            "level": "四级",
            "issued_on": "2026-04-01",
            "field": "数控铣工",
        },
        headers=headers,
    )
    assert q.status_code == 201
    assert (
        client.get(
            f"/api/v1/teachers/{roster.t['G'].id}", params={"as_of": str(AS_OF)}, headers=headers
        ).json()["status"]["level"]
        == "junior"
    )
    unreadable = client.post(
        f"/api/v1/teachers/{roster.t['G'].id}/qualifications",
        json={"kind": "skill_certificate", "name": "证书", "level": "很高"},
        headers=headers,
    )
    assert unreadable.status_code == 422 and unreadable.json()["errors"][0]["field"] == "level"
    gone = client.delete(
        f"/api/v1/teachers/{roster.t['G'].id}/qualifications/{q.json()['id']}", headers=headers
    )
    assert gone.status_code == 204
    assert (
        client.get(
            f"/api/v1/teachers/{roster.t['G'].id}", params={"as_of": str(AS_OF)}, headers=headers
        ).json()["status"]["level"]
        is None
    )


def test_cookie_writes_need_the_csrf_token(client: TestClient, db: Session, roster: Roster) -> None:
    planner = make_user(db, "planner", schools=["DQS"])
    csrf = login(client, planner.username)
    url = f"/api/v1/teachers/{roster.t['G'].id}"
    assert client.patch(url, json={"subject_area": "数控"}).status_code == 403
    r = client.patch(
        url, json={"subject_area": "数控", "left_on": "2026-06-30"}, headers={"X-CSRF-Token": csrf}
    )
    assert r.status_code == 200 and r.json()["left_on"] == "2026-06-30"
    assert _audit(db, "update", "teacher")[-1].detail["fields"] == ["subject_area", "left_on"]


def test_roster_list_filters_and_is_audited(
    client: TestClient, db: Session, roster: Roster
) -> None:
    headers = api_key_headers(db, make_user(db, "planner", schools=["DQS"]))
    r = client.get(
        "/api/v1/teachers",
        params={"school": "DQS", "status": "near", "as_of": str(AS_OF)},
        headers=headers,
    )
    assert [row["staff_no"] for row in r.json()["items"]] == ["DQS-B", "DQS-D"]
    counted = client.get(
        "/api/v1/teachers", params={"school": "DQS", "status": "not_counted"}, headers=headers
    ).json()
    assert [row["staff_no"] for row in counted["items"]] == ["DQS-E", "DQS-F"]
    paged = client.get(
        "/api/v1/teachers", params={"school": "DQS", "limit": 4}, headers=headers
    ).json()
    assert paged["total"] == 9 and len(paged["items"]) == 4 and paged["next_cursor"]
    rest = client.get(
        "/api/v1/teachers",
        params={"school": "DQS", "limit": 10, "cursor": paged["next_cursor"]},
        headers=headers,
    ).json()
    assert len(rest["items"]) == 5 and rest["next_cursor"] is None
    entry = _audit(db, "view", "teacher_roster")[-1]
    assert entry.entity_id == "DQS" and entry.detail["rows"] == 5


def test_action_plan_api_is_audited(client: TestClient, db: Session, roster: Roster) -> None:
    headers = api_key_headers(db, make_user(db, "admin"))
    r = client.get(
        "/api/v1/teachers/action-plan",
        params={"school": "DQS", "as_of": str(AS_OF)},
        headers=headers,
    )
    assert r.status_code == 200
    assert [(a["teacher"]["staff_no"], a["step"]) for a in r.json()["plan"]] == [
        ("DQS-H", "apply_recognition"),
        ("DQS-B", "close_gap"),
    ]
    assert _audit(db, "view", "teacher_roster")[-1].detail["page"] == "action_plan"


def test_rule_change_is_seen_by_the_api(
    client: TestClient, db: Session, roster: Roster, rules_file: Path
) -> None:
    headers = api_key_headers(db, make_user(db, "admin"))
    url = f"/api/v1/teachers/{roster.t['B'].id}"
    before = client.get(url, params={"as_of": str(AS_OF)}, headers=headers).json()["status"]
    rules_file.write_text(
        rules_file.read_text(encoding="utf-8").replace("min_days: 180", "min_days: 150", 1),
        encoding="utf-8",
    )
    after = client.get(url, params={"as_of": str(AS_OF)}, headers=headers).json()["status"]
    assert (before["level"], after["level"]) == (None, "junior")
    assert before["rule_set"] != after["rule_set"]
    rules = client.get("/api/v1/teachers/rules", headers=headers).json()
    assert rules["version"] == after["rule_set"]


def test_openapi_documents_the_teachers_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    get_teacher = spec["paths"]["/api/v1/teachers/{teacher_id}"]["get"]
    assert {"404", "401"} <= set(get_teacher["responses"])
    assert "/api/v1/teachers/projection" in spec["paths"]
    assert "/api/v1/teachers/import" in spec["paths"]
