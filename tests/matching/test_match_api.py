"""POST /api/v1/match: the contract other tools depend on, and bad input."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_match_returns_the_contract(client: TestClient) -> None:
    r = client.post(
        "/api/v1/match", json={"title": "稀土萃取操作工", "text": "负责萃取槽进料和串级萃取"}
    )
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"chain", "chains", "occupations", "programmes"}
    assert body["chain"] == "rare_earth"
    assert [c["key"] for c in body["chains"]][0] == "rare_earth"
    assert abs(sum(c["score"] for c in body["chains"]) - 1) < 0.01
    for item in body["occupations"] + body["programmes"]:
        assert set(item) == {"code", "name", "score", "evidence"}
        assert 0 <= item["score"] <= 1


def test_both_empty_is_422_naming_the_fields(client: TestClient) -> None:
    r = client.post("/api/v1/match", json={"title": "  ", "text": ""})
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
    assert {e["field"] for e in r.json()["errors"]} == {"title", "text"}
