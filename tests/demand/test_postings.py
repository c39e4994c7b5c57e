"""Posting CRUD, scope, corrections and the change feed."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tests.demand.helpers import item, platform_headers
from tests.factories import api_key_headers, make_enterprise, make_posting, make_user


def test_enterprise_user_creates_own_posting_and_cannot_set_server_fields(
    client, db: Session
) -> None:
    ent = make_enterprise(db)
    h = api_key_headers(db, make_user(db, "enterprise", enterprise=ent))
    r = client.post("/api/v1/postings", json={"title": "钨粉工", "headcount": 2}, headers=h)
    assert r.status_code == 201, r.text
    assert r.json()["enterprise_id"] == ent.id and r.json()["source"] == "portal"
    for field, value in [
        ("enterprise_id", 1),
        ("chain", "tungsten"),
        ("source", "api"),
        ("model_version", "x"),
    ]:
        bad = client.post("/api/v1/postings", json={"title": "x", field: value}, headers=h)
        assert bad.status_code == 422, field
        assert field in bad.json()["detail"]


def test_other_tenants_posting_is_404_and_not_listed(client, db: Session) -> None:
    mine, theirs = make_enterprise(db), make_enterprise(db)
    other = make_posting(db, theirs)
    h = api_key_headers(db, make_user(db, "enterprise", enterprise=mine))
    for method, path in [
        ("GET", f"/api/v1/postings/{other.id}"),
        ("PATCH", f"/api/v1/postings/{other.id}"),
        ("DELETE", f"/api/v1/postings/{other.id}"),
        ("GET", f"/api/v1/postings/{other.id}/matches"),
        ("PUT", f"/api/v1/postings/{other.id}/correction"),
    ]:
        r = client.request(method, path, json={}, headers=h)
        assert r.status_code == 404, (method, path, r.status_code)
    feed = client.get("/api/v1/postings", headers=h).json()
    assert all(p["enterprise_id"] == mine.id for p in feed["items"])


def test_correction_wins_and_is_audited(client, db: Session) -> None:
    ent = make_enterprise(db)
    p = make_posting(db, ent, chain="tungsten", chain_score=0.8)
    admin = api_key_headers(db, make_user(db, "admin"))
    planner = api_key_headers(db, make_user(db, "planner"))
    r = client.put(
        f"/api/v1/postings/{p.id}/correction",
        json={"chain": "rare_earth", "occupation_code": "6-18-01-01", "note": "车工"},
        headers=planner,
    )
    assert r.status_code == 200, r.text
    assert r.json()["chain"] == "rare_earth" and r.json()["chain_corrected"]
    m = client.get(f"/api/v1/postings/{p.id}/matches", headers=admin).json()
    assert m["chain"] == "rare_earth"
    assert m["occupations"][0]["code"] == "6-18-01-01" and m["occupations"][0]["corrected"]
    log = client.get("/api/v1/admin/audit", params={"action": "correct"}, headers=admin).json()
    assert any(e["entity_id"] == str(p.id) for e in log["items"])


def test_feed_pages_by_cursor_and_reports_deletions(client, db: Session) -> None:
    h = platform_headers(db)
    r = client.put(
        "/api/v1/postings/batch", json={"items": [item(f"F-{i}") for i in range(5)]}, headers=h
    )
    ids = [x["id"] for x in r.json()["items"]]
    seen: list[int] = []
    page = client.get(
        "/api/v1/postings", params={"updated_since": "2000-01-01T00:00:00Z", "limit": 2}, headers=h
    ).json()
    while True:
        seen += [p["id"] for p in page["items"]]
        if not page["has_more"]:
            break
        page = client.get(
            "/api/v1/postings", params={"cursor": page["next_cursor"], "limit": 2}, headers=h
        ).json()
    assert set(ids) <= set(seen) and len(seen) == len(set(seen))
    assert client.delete(f"/api/v1/postings/{ids[0]}", headers=h).status_code == 204
    assert client.get(f"/api/v1/postings/{ids[0]}", headers=h).status_code == 404
    again = client.get("/api/v1/postings", params={"cursor": page["next_cursor"]}, headers=h).json()
    tomb = [p for p in again["items"] if p["id"] == ids[0]]
    assert tomb and tomb[0]["deleted"]


def test_planner_reads_but_does_not_write(client, db: Session) -> None:
    ent = make_enterprise(db)
    h = api_key_headers(db, make_user(db, "planner"))
    assert client.get("/api/v1/postings", headers=h).status_code == 200
    r = client.post("/api/v1/postings", json={"title": "x", "enterprise_id": ent.id}, headers=h)
    assert r.status_code == 403
    assert (
        client.put("/api/v1/postings/batch", json={"items": [item("P-1")]}, headers=h).status_code
        == 403
    )


def test_programme_demand_and_enterprise_matches(client, db: Session) -> None:
    ent = make_enterprise(db)
    p = make_posting(db, ent, headcount=7)
    admin = api_key_headers(db, make_user(db, "admin"))
    client.put(
        f"/api/v1/postings/{p.id}/correction", json={"occupation_code": "6-18-01-01"}, headers=admin
    )
    m = client.get(f"/api/v1/enterprises/{ent.id}/matches", headers=admin).json()
    assert m["open_postings"] == 1 and m["headcount"] == 7
    codes = [x["code"] for x in m["programmes"]]
    assert "660103" in codes
    prog = next(x for x in m["programmes"] if x["code"] == "660103")
    assert (
        prog["schools"][0]["school_code"] == "GXZZ"
        and prog["schools"][0]["graduates_per_year"] == 100
    )
    d = client.get("/api/v1/programmes/660103/demand", headers=admin).json()
    assert d["headcount"] >= 7 and any(x["id"] == p.id for x in d["top_postings"])
    ent_user = api_key_headers(db, make_user(db, "enterprise", enterprise=ent))
    assert client.get("/api/v1/programmes/660103/demand", headers=ent_user).status_code == 403


def test_closed_or_deleted_postings_leave_the_demand_figures(client, db: Session) -> None:
    h = platform_headers(db)
    admin = api_key_headers(db, make_user(db, "admin"))
    body = {
        "items": [
            item(
                "D-1",
                title="数控车工",
                description="数控车床操作",
                headcount=11,
                enterprise_credit_code=None,
                enterprise_name="赣州海盛硬质合金有限公司",
            )
        ]
    }
    pid = client.put("/api/v1/postings/batch", json=body, headers=h).json()["items"][0]["id"]
    client.put(
        f"/api/v1/postings/{pid}/correction", json={"occupation_code": "6-18-01-01"}, headers=admin
    )

    def demand() -> int:
        d = client.get("/api/v1/programmes/660103/demand", headers=admin).json()
        return sum(p["headcount"] for p in d["top_postings"] if p["id"] == pid)

    assert demand() == 11
    body["items"][0]["status"] = "closed"
    client.put("/api/v1/postings/batch", json=body, headers=h)
    assert demand() == 0
    body["items"][0]["status"] = "open"
    body["items"][0]["headcount"] = 4
    client.put("/api/v1/postings/batch", json=body, headers=h)
    assert demand() == 4
    client.delete(f"/api/v1/postings/{pid}", headers=h)
    assert demand() == 0
