"""POST /api/v1/match: the contract other tools depend on, and bad input (never a 5xx)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from vocmatch.kit.config import get_settings
from vocmatch.matching import service
from vocmatch.schools.models import Offering


def test_match_returns_the_contract(client: TestClient) -> None:
    r = client.post(
        "/api/v1/match", json={"title": "稀土萃取操作工", "text": "负责萃取槽进料和串级萃取"}
    )
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"chain", "chains", "occupations", "programmes", "title", "notes"}
    assert body["title"] == {
        "job": "稀土萃取操作工",
        "level": None,
        "level_words": [],
        "removed": [],
    }
    assert body["chain"] == "rare_earth"
    assert body["chains"][0]["key"] == "rare_earth"
    assert {c["key"] for c in body["chains"]} == {
        "rare_earth",
        "tungsten",
        "new_energy",
        "intelligent_equipment",
        "none",
    }
    assert abs(sum(c["score"] for c in body["chains"]) - 1) < 0.01
    assert 1 <= len(body["occupations"]) <= 10  # top_k is a maximum: no padding
    for item in body["occupations"] + body["programmes"]:
        assert set(item) == {"code", "name", "score", "evidence"}
        assert 0 <= item["score"] <= 1
    assert all(len(p["code"]) == 6 for p in body["programmes"])
    assert all(len(o["code"].split("-")) == 4 for o in body["occupations"])


def test_the_answer_says_what_was_removed_from_the_title(client: TestClient) -> None:
    r = client.post(
        "/api/v1/match",
        json={
            "title": "赣州金达五金急招车工（长白班）8000-10000元/月",
            "employer": "赣州金达五金",
        },
    )
    removed = {(x["kind"], x["text"]) for x in r.json()["title"]["removed"]}
    # 8000-10000元/月 is one salary piece; the employer given is removed before 急招.
    assert removed == {
        ("employer", "赣州金达五金"),
        ("recruit", "急招"),
        ("shift", "长白班"),
        ("salary", "8000-10000元/月"),
    }
    assert r.json()["title"]["job"] == "车工"


def test_a_generic_title_is_flagged(client: TestClient) -> None:
    body = client.post("/api/v1/match", json={"title": "普工"}).json()
    assert "title_too_generic" in body["notes"]
    # No text and a generic title: the chain scores are shrunk 80 % toward 1/5, so no label
    # can reach 0.2 + 0.8 × 0.2 = 0.36.
    assert max(c["score"] for c in body["chains"]) <= 0.36 + 1e-4


def test_both_empty_is_422_naming_the_fields(client: TestClient) -> None:
    for body in ({"title": "  ", "text": ""}, {}, {"title": None, "text": None}):
        r = client.post("/api/v1/match", json=body)
        assert r.status_code == 422
        assert r.headers["content-type"].startswith("application/problem+json")
        assert {e["field"] for e in r.json()["errors"]} == {"title", "text"}


@pytest.mark.parametrize("top_k", [0, 51, "many"])
def test_top_k_out_of_range_is_422(client: TestClient, top_k: object) -> None:
    r = client.post("/api/v1/match", json={"title": "车工", "top_k": top_k})
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "top_k"


def test_a_one_megabyte_text_is_truncated_and_answered_fast(client: TestClient) -> None:
    text = "负责萃取槽巡检。" * 130_000  # ≈ 1 MB of UTF-8 text
    started = time.perf_counter()
    r = client.post("/api/v1/match", json={"title": "操作工", "text": text})
    assert r.status_code == 200
    assert time.perf_counter() - started < 1.0
    assert r.json()["chain"] == "rare_earth"


@pytest.mark.parametrize(
    "title",
    [
        "萃取工 😀🔥",
        "ＰＬＣ编程员",
        "鋰電池塗布工",
        "😀",
        "<script>alert(1)</script>",
        "\ud7ff\ufeff萃取",
    ],
)
def test_odd_characters_are_answered_never_5xx(client: TestClient, title: str) -> None:
    r = client.post("/api/v1/match", json={"title": title, "text": title})
    assert r.status_code == 200, r.text
    assert r.json()["chain"] in {
        "rare_earth",
        "tungsten",
        "new_energy",
        "intelligent_equipment",
        "none",
    }


@pytest.mark.parametrize("title", ["稀土\u0000萃取工", "\u0000", "萃取\x0b工", "\u200b\ufeff"])
def test_control_characters_or_invisible_text_are_422_naming_the_fields(
    client: TestClient, title: str
) -> None:
    # kit.schema.Input: NUL and other controls are refused; text of only zero-width characters
    # counts as empty, and both fields empty is the documented 422 naming title and text.
    r = client.post("/api/v1/match", json={"title": title, "text": title})
    assert r.status_code == 422, r.text
    assert {"title", "text"} <= {e["field"] for e in r.json()["errors"]}


def test_full_width_and_traditional_match_like_plain(client: TestClient) -> None:
    plain = client.post("/api/v1/match", json={"title": "PLC编程员"}).json()
    wide = client.post("/api/v1/match", json={"title": "ＰＬＣ編程員"}).json()
    assert wide["chain"] == plain["chain"] == "intelligent_equipment"
    assert wide["occupations"][0]["code"] == plain["occupations"][0]["code"]


def test_scope_offered_returns_only_programmes_schools_offer(
    client: TestClient, db: Session
) -> None:
    offered = set(db.scalars(select(Offering.programme_code)))
    r = client.post(
        "/api/v1/match", json={"title": "会计", "text": "出纳和报税", "scope": "offered"}
    )
    assert r.status_code == 200
    codes = {p["code"] for p in r.json()["programmes"]}
    assert codes and codes <= offered


def test_anonymous_callers_are_rate_limited(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(get_settings(), "anonymous_rate_limit_per_minute", 3)
    codes = [client.post("/api/v1/match", json={"title": "车工"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_readyz_reports_the_model(client: TestClient) -> None:
    model = client.get("/readyz").json()["checks"]["model"]
    assert model["ok"] is True and model["detail"].startswith("vm-")


def test_readyz_and_api_say_what_to_run_without_a_model(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(get_settings(), "models_dir", tmp_path)
    service.reset()
    try:
        r = client.get("/readyz")
        assert r.status_code == 503
        assert r.json()["checks"]["model"] == {
            "ok": False,
            "detail": "missing: run vocmatch train",
        }
        r = client.post("/api/v1/match", json={"title": "车工"})
        assert r.status_code == 503
        assert "vocmatch train" in r.json()["detail"]
    finally:
        monkeypatch.undo()
        service.reset()
