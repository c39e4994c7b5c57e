"""Programme → chain: the curated lists decide, the model proposes, planners accept or decide
(audited), and the page and the chain lists show the same placements."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.factories import api_key_headers, login, make_user
from vocmatch.audit.models import AuditEntry
from vocmatch.catalogue.models import Programme
from vocmatch.industries import placements
from vocmatch.industries.models import ProgrammeChain
from vocmatch.matching import programme_chains


def _mapped(db: Session) -> int:
    return programme_chains.store_model_mappings(db)


def test_every_programme_gets_a_proposal_and_the_curated_lists_decide(
    client: TestClient, db: Session
) -> None:
    assert _mapped(db) == db.scalar(select(func.count()).select_from(Programme))
    body = client.get("/api/v1/programmes/630501/chains").json()
    assert body["override"] is None
    # tests/data/industries.yaml lists 630501 under rare_earth/separation and tungsten/apt.
    assert [(r["chain_key"], r["segment_key"], r["source"]) for r in body["chains"]] == [
        ("rare_earth", "separation", "curated"),
        ("tungsten", "apt", "curated"),
    ]
    top = body["model"][0]
    assert top["chain_key"] == "rare_earth" and top["source"] == "model"
    assert top["model_version"].startswith("vm-")
    assert "listed_in" in top["evidence"] and "text" in top["evidence"]
    # Curated chains are not proposals any more.
    assert "rare_earth" not in {r["chain_key"] for r in body["proposals"]}
    accounting = client.get("/api/v1/programmes/730301/chains").json()
    assert accounting["chains"] == []  # in no curated list: off the chains


def test_a_proposal_counts_only_once_a_planner_accepts_it(client: TestClient, db: Session) -> None:
    _mapped(db)
    planner = make_user(db, "planner")
    headers = api_key_headers(db, planner)
    # 670201 is in no curated list of the fixture; the model proposes intelligent_equipment.
    db.add(
        ProgrammeChain(
            programme_code="670201",
            chain_key="intelligent_equipment",
            segment_key="maintenance",
            score=0.8,
            evidence={"text": ["电气"]},
            source="model",
            model_version="vm-test",
            decided_by="model",
        )
    )
    db.flush()
    listed = client.get("/api/v1/chains/intelligent_equipment/programmes").json()
    assert "670201" not in {p["code"] for p in listed}
    body = client.get("/api/v1/programmes/670201/chains").json()
    assert body["chains"] == []
    assert [p["chain_key"] for p in body["proposals"]] == ["intelligent_equipment"]
    r = client.post(
        "/api/v1/programmes/670201/chains/accept",
        json={"chain_key": "intelligent_equipment", "note": "锂电材料订单班"},
        headers=headers,
    )
    assert r.status_code == 200, r.text
    accepted = r.json()["chains"]
    assert [(c["chain_key"], c["source"], c["decided_by"]) for c in accepted] == [
        ("intelligent_equipment", "accepted", planner.username)
    ]
    assert r.json()["proposals"] == []
    entry = db.scalar(
        select(AuditEntry).where(
            AuditEntry.entity_type == "programme_chain",
            AuditEntry.entity_id == "670201",
            AuditEntry.action == "accept",
        )
    )
    assert entry is not None and entry.detail["chain_key"] == "intelligent_equipment"
    listed = client.get("/api/v1/chains/intelligent_equipment/programmes").json()
    assert "670201" in {p["code"] for p in listed}
    # Re-mapping by the model keeps the acceptance; withdrawing it (audited) takes it out again.
    _mapped(db)
    kept = placements.get_programme_chains(db, code="670201").chains
    assert [(c.chain_key, c.source) for c in kept] == [("intelligent_equipment", "accepted")]
    r = client.delete("/api/v1/programmes/670201/chains/intelligent_equipment", headers=headers)
    assert r.status_code == 200 and r.json()["chains"] == []
    listed = client.get("/api/v1/chains/intelligent_equipment/programmes").json()
    assert "670201" not in {p["code"] for p in listed}
    gone = client.delete("/api/v1/programmes/670201/chains/intelligent_equipment", headers=headers)
    assert gone.status_code == 404


def test_accepting_what_the_model_does_not_propose_is_refused(
    client: TestClient, db: Session
) -> None:
    _mapped(db)
    headers = api_key_headers(db, make_user(db, "planner"))
    r = client.post(
        "/api/v1/programmes/730301/chains/accept", json={"chain_key": "tungsten"}, headers=headers
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "chain_key"
    anonymous = client.post("/api/v1/programmes/730301/chains/accept", json={"chain_key": "none"})
    assert anonymous.status_code == 401


def test_mapping_twice_changes_nothing(db: Session) -> None:
    _mapped(db)
    first = placements.get_programme_chains(db, code="660303").model_dump()
    _mapped(db)
    assert placements.get_programme_chains(db, code="660303").model_dump() == first


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
    assert body["proposals"] == []  # a planner decided: nothing left to accept
    entry = db.scalar(
        select(AuditEntry).where(
            AuditEntry.entity_type == "programme_chain", AuditEntry.entity_id == "730301"
        )
    )
    assert entry is not None and entry.action == "override"
    assert entry.detail["chain_key"] == "new_energy"
    # The model re-mapping keeps the planner's decision.
    _mapped(db)
    assert placements.get_programme_chains(db, code="730301").chains[0].source == "override"
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
