"""The catalogue read API: filter, search, stable pagination, get by code, clear errors."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_programmes_page_through_everything_once(client: TestClient) -> None:
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        body = client.get("/api/v1/programmes", params=params).json()
        seen += [p["code"] for p in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert seen == sorted(seen)
    assert len(seen) == len(set(seen)) == body["total"] == 10


def test_programme_search_by_name_and_code(client: TestClient) -> None:
    assert [p["code"] for p in client.get("/api/v1/programmes?q=数控").json()["items"]] == [
        "660103"
    ]
    assert [p["code"] for p in client.get("/api/v1/programmes?q=6603").json()["items"]] == [
        "660301",
        "660303",
    ]
    by_class = client.get("/api/v1/programmes?class_code=6603").json()["items"]
    assert {p["code"] for p in by_class} == {"660301", "660303"}


def test_programme_detail_has_profile_and_links(client: TestClient) -> None:
    body = client.get("/api/v1/programmes/660103").json()
    assert body["name"] == "数控技术应用"
    assert "数控车工" in body["occupations_text"]
    phrases = {link["phrase"]: link["occupation_code"] for link in body["occupation_links"]}
    assert phrases.get("数控车工") == "6-18-01-01"


def test_unknown_programme_is_problem_json_404(client: TestClient) -> None:
    r = client.get("/api/v1/programmes/123456")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "123456" in r.json()["detail"]


def test_malformed_code_and_cursor_are_422_naming_field(client: TestClient) -> None:
    r = client.get("/api/v1/programmes/66010X")
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "code"
    r = client.get("/api/v1/programmes?cursor=%%%")
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "cursor"


def test_occupation_search_finds_work_types(client: TestClient) -> None:
    items = client.get("/api/v1/occupations", params={"q": "数控车工"}).json()["items"]
    assert "6-18-01-01" in [o["code"] for o in items]
    detail = client.get("/api/v1/occupations/6-18-01-01").json()
    assert detail["name"] == "车工"
    assert "数控车工" in detail["work_types"]
    assert "660103" in [p["code"] for p in detail["programmes"]]


def test_chains_and_segments(client: TestClient) -> None:
    chains = client.get("/api/v1/chains").json()
    assert [c["key"] for c in chains] == [
        "rare_earth",
        "tungsten",
        "new_energy",
        "intelligent_equipment",
    ]
    seg = client.get("/api/v1/segments?chain=rare_earth").json()
    assert [s["key"] for s in seg] == ["separation", "magnets"]
    assert seg[0]["skills"][0]["synonyms"] == ["串级萃取", "萃取槽"]
    assert client.get("/api/v1/chains/steel").status_code == 404


def test_pages_render_in_both_languages(client: TestClient) -> None:
    zh = client.get("/programmes/660103")
    assert zh.status_code == 200 and "职业面向" in zh.text
    en = client.get("/programmes/660103?lang=en")
    assert "Target occupations" in en.text
    missing = client.get("/programmes/999999", headers={"accept": "text/html"})
    assert missing.status_code == 404 and "<html" in missing.text
