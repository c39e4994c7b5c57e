"""Programme → chain mapping: computed with evidence, shown on the page, overridden and audited."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.factories import api_key_headers, login, make_user
from vocmatch.audit.models import AuditEntry
from vocmatch.catalogue.models import Programme
from vocmatch.industries import mapping
from vocmatch.matching import programme_chains


def _mapped(db: Session) -> int:
    return programme_chains.store_model_mappings(db)


def test_every_programme_gets_a_mapping_with_evidence(client: TestClient, db: Session) -> None:
    assert _mapped(db) == db.scalar(select(func.count()).select_from(Programme))
    body = client.get("/api/v1/programmes/630501/chains").json()
    assert body["override"] is None
    assert body["chains"] == body["model"]
    top = body["chains"][0]
    assert top["chain_key"] == "rare_earth" and top["source"] == "model"
    assert top["model_version"].startswith("vm-")
    assert "listed_in" in top["evidence"] and "text" in top["evidence"]
    accounting = client.get("/api/v1/programmes/730301/chains").json()
    assert [r["chain_key"] for r in accounting["chains"]] == ["none"]


def test_mapping_twice_changes_nothing(db: Session) -> None:
    _mapped(db)
    first = mapping.get_programme_chains(db, code="660303").model_dump()
    _mapped(db)
    assert mapping.get_programme_chains(db, code="660303").model_dump() == first


def test_a_planner_override_wins_and_is_audited(client: TestClient, db: Session) -> None:
    _mapped(db)
    planner = make_user(db, "planner")
    headers = api_key_headers(db, planner)
    r = client.put(
        "/api/v1/programmes/730301/chains",
        json={"chain_key": "new_energy", "segment_key": "cells", "note": "订单班：电池厂财务"},
        headers=headers,
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert [c["chain_key"] for c in body["chains"]] == ["new_energy"]
    assert body["override"]["decided_by"] == planner.username
    assert body["model"][0]["chain_key"] == "none"
    entry = db.scalar(
        select(AuditEntry).where(
            AuditEntry.entity_type == "programme_chain", AuditEntry.entity_id == "730301"
        )
    )
    assert entry is not None and entry.action == "override"
    assert entry.detail["chain_key"] == "new_energy"
    # The model re-mapping keeps the planner's decision.
    _mapped(db)
    assert mapping.get_programme_chains(db, code="730301").chains[0].source == "override"
    listed = client.get("/api/v1/chains/new_energy/programmes").json()
    assert "730301" in {p["code"] for p in listed}
    assert "730301" not in {p["code"] for p in client.get("/api/v1/chains/none/programmes").json()}


def test_override_needs_a_planner_and_valid_keys(client: TestClient, db: Session) -> None:
    body = {"chain_key": "tungsten"}
    assert client.put("/api/v1/programmes/660103/chains", json=body).status_code == 401
    platform = make_user(db, "platform")
    r = client.put(
        "/api/v1/programmes/660103/chains", json=body, headers=api_key_headers(db, platform)
    )
    assert r.status_code == 403
    admin_headers = api_key_headers(db, make_user(db, "admin"))
    bad = client.put(
        "/api/v1/programmes/660103/chains", json={"chain_key": "gold"}, headers=admin_headers
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "chain_key"
    bad = client.put(
        "/api/v1/programmes/660103/chains",
        json={"chain_key": "tungsten", "segment_key": "cells"},
        headers=admin_headers,
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "segment_key"
    missing = client.put("/api/v1/programmes/999999/chains", json=body, headers=admin_headers)
    assert missing.status_code == 404


def test_programme_page_shows_the_mapping_and_the_chain_list(
    client: TestClient, db: Session
) -> None:
    _mapped(db)
    html = client.get("/programmes/630501").text
    assert 'data-testid="programme-chains"' in html
    assert 'data-testid="programme-chain-rare_earth"' in html
    listing = client.get("/chains/rare_earth/programmes")
    assert listing.status_code == 200 and "630501" in listing.text
    assert client.get("/chains/gold/programmes").status_code == 404


def test_a_cookie_session_override_needs_the_csrf_header(client: TestClient, db: Session) -> None:
    planner = make_user(db, "planner")
    token = login(client, planner.username)
    body = {"chain_key": "tungsten", "segment_key": "tools", "note": "刀具订单班"}
    assert client.put("/api/v1/programmes/660103/chains", json=body).status_code == 403
    r = client.put("/api/v1/programmes/660103/chains", json=body, headers={"X-CSRF-Token": token})
    assert r.status_code == 200
