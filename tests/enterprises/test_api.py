"""Enterprises over the API: validation, duplicate detection, approval, scope."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.factories import api_key_headers, make_enterprise, make_user
from vocmatch.audit.models import AuditEntry


def test_credit_code_check_character_is_verified(client, db: Session) -> None:
    h = api_key_headers(db, make_user(db, "admin"))
    r = client.post(
        "/api/v1/enterprises",
        json={"name": "校验码测试有限公司", "credit_code": "91360700MA35AB12C2"},
        headers=h,
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "credit_code"
    assert "check character" in r.json()["errors"][0]["message"]


def test_duplicates_answer_409_did_you_mean(client, db: Session) -> None:
    h = api_key_headers(db, make_user(db, "platform"))
    same_code = client.post(
        "/api/v1/enterprises",
        json={"name": "另一个名字有限公司", "credit_code": "91360700MA35AB12C1"},
        headers=h,
    )
    assert same_code.status_code == 409
    assert same_code.json()["errors"][0]["candidate"]["name"] == "赣州稀土集团有限公司"
    by_alias = client.post("/api/v1/enterprises", json={"name": "孚能科技"}, headers=h)
    assert (
        by_alias.status_code == 409 and "孚能科技（赣州）股份有限公司" in by_alias.json()["detail"]
    )
    suffix = client.post(
        "/api/v1/enterprises", json={"name": "赣州海盛硬质合金股份有限公司"}, headers=h
    )
    assert suffix.status_code == 409
    forced = client.post(
        "/api/v1/enterprises",
        params={"confirm_distinct": "true"},
        json={"name": "赣州海盛硬质合金股份有限公司"},
        headers=h,
    )
    assert forced.status_code == 201 and forced.json()["status"] == "active"


def test_server_controlled_fields_are_refused(client, db: Session) -> None:
    ent = make_enterprise(db)
    own = api_key_headers(db, make_user(db, "enterprise", enterprise=ent))
    for body, field in [
        ({"status": "active"}, "status"),
        ({"is_leading": True}, "is_leading"),
        ({"id": 5}, "id"),
    ]:
        r = client.patch(f"/api/v1/enterprises/{ent.id}", json=body, headers=own)
        assert r.status_code == 422, body
        assert field in r.text
    ok = client.patch(f"/api/v1/enterprises/{ent.id}", json={"contact_name": "王"}, headers=own)
    assert ok.status_code == 200 and ok.json()["contact_name"] == "王"
    # Identity fields (short names here) need an administrator's approval (issue 12).
    asked = client.patch(
        f"/api/v1/enterprises/{ent.id}", json={"short_names": ["测试"]}, headers=own
    )
    assert asked.status_code == 403 and asked.json()["errors"][0]["field"] == "short_names"


def test_pending_enterprise_waits_for_approval(client, db: Session) -> None:
    ent = make_enterprise(db, status="pending")
    own = api_key_headers(db, make_user(db, "enterprise", enterprise=ent))
    admin = api_key_headers(db, make_user(db, "admin"))
    assert client.post("/api/v1/postings", json={"title": "钳工"}, headers=own).status_code == 403
    assert client.post(f"/api/v1/enterprises/{ent.id}/approve", headers=own).status_code == 403
    r = client.post(f"/api/v1/enterprises/{ent.id}/approve", headers=admin)
    assert r.status_code == 200 and r.json()["status"] == "active"
    assert client.post("/api/v1/postings", json={"title": "钳工"}, headers=own).status_code == 201


def test_lists_are_filtered_for_enterprise_users(client, db: Session) -> None:
    mine, other = make_enterprise(db), make_enterprise(db)
    own = api_key_headers(db, make_user(db, "enterprise", enterprise=mine))
    ids = [
        e["id"]
        for e in client.get("/api/v1/enterprises", params={"limit": 500}, headers=own).json()[
            "items"
        ]
    ]
    assert ids == [mine.id]
    assert client.get(f"/api/v1/enterprises/{other.id}", headers=own).status_code == 404
    planner = api_key_headers(db, make_user(db, "planner"))
    rare = client.get(
        "/api/v1/enterprises", params={"chain": "rare_earth"}, headers=planner
    ).json()["items"]
    assert {"赣州稀土集团有限公司", "江西金力永磁科技有限公司"} <= {e["name"] for e in rare}


def test_similar_name_found_by_the_resolver_is_offered_as_did_you_mean(client, db: Session) -> None:
    h = api_key_headers(db, make_user(db, "admin"))
    r = client.post("/api/v1/enterprises", json={"name": "赣州海盛合金有限公司"}, headers=h)
    assert r.status_code == 409
    cand = r.json()["errors"][0]["candidate"]
    assert cand["name"] == "赣州海盛硬质合金有限公司" and cand["how"] == "resolver"
    assert (
        client.post(
            "/api/v1/enterprises", json={"name": "赣州稀土矿业有限公司"}, headers=h
        ).status_code
        == 201
    )


def test_batch_resolves_a_close_name_to_the_registered_enterprise(client, db: Session) -> None:
    from tests.demand.helpers import item, platform_headers

    r = client.put(
        "/api/v1/postings/batch",
        json={
            "items": [
                item("RES-1", enterprise_credit_code=None, enterprise_name="赣州海盛合金有限公司")
            ]
        },
        headers=platform_headers(db),
    )
    assert r.status_code == 200, r.text
    assert r.json()["pending_enterprises"] == []
    ent = client.get(
        f"/api/v1/enterprises/{r.json()['items'][0]['enterprise_id']}", headers=platform_headers(db)
    ).json()
    assert ent["name"] == "赣州海盛硬质合金有限公司"


def test_every_change_of_an_enterprise_is_audited_as_old_and_new_values(
    client, db: Session
) -> None:
    # Direct updates, approval and identity-change requests all record {"changes": {f: [old, new]}}.
    # Only this test's entries: SQLite reuses the id of a deleted enterprise, so an earlier
    # test's entries about "its" id may still be in the shared log.
    before = db.scalar(select(func.max(AuditEntry.id))) or 0
    ent = make_enterprise(db, status="pending", contact_name="李")
    own = api_key_headers(db, make_user(db, "enterprise", enterprise=ent))
    admin = api_key_headers(db, make_user(db, "admin"))
    assert client.post(f"/api/v1/enterprises/{ent.id}/approve", headers=admin).status_code == 200
    body = {"contact_name": "王"}
    assert client.patch(f"/api/v1/enterprises/{ent.id}", json=body, headers=own).status_code == 200
    asked = client.post(
        f"/api/v1/enterprises/{ent.id}/identity-changes",
        json={"short_names": ["审计测试"]},
        headers=own,
    ).json()
    done = client.post(f"/api/v1/enterprise-changes/{asked['id']}/approve", headers=admin)
    assert done.status_code == 200
    entries = db.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity_type == "enterprise", AuditEntry.entity_id == str(ent.id))
        .where(AuditEntry.id > before)
        .order_by(AuditEntry.id)
    ).all()
    assert [(e.action, e.detail) for e in entries] == [
        ("approve", {"changes": {"status": ["pending", "active"]}}),
        ("update", {"changes": {"contact_name": ["李", "王"]}}),
        ("request_change", {"change": asked["id"], "changes": {"short_names": [[], ["审计测试"]]}}),
        ("approve_change", {"change": asked["id"], "changes": {"short_names": [[], ["审计测试"]]}}),
    ]
