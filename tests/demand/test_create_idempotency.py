"""Every create of a posting honours Idempotency-Key, and a deleted posting comes back only when
asked explicitly."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.demand.helpers import item, platform_headers
from tests.factories import make_enterprise
from vocmatch.demand.models import Posting


def _count(db: Session, title: str) -> int:
    return db.scalar(select(func.count()).select_from(Posting).where(Posting.title == title)) or 0


def test_a_retried_create_with_its_key_creates_once(client: TestClient, db: Session) -> None:
    h = {**platform_headers(db), "Idempotency-Key": "create-1"}
    body = {"title": "幂等测试岗位", "headcount": 2, "enterprise_id": make_enterprise(db).id}
    first = client.post("/api/v1/postings", json=body, headers=h)
    again = client.post("/api/v1/postings", json=body, headers=h)
    assert first.status_code == again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    assert _count(db, "幂等测试岗位") == 1
    other = client.post("/api/v1/postings", json={**body, "headcount": 3}, headers=h)
    assert other.status_code == 422 and other.json()["errors"][0]["field"] == "Idempotency-Key"


def test_a_deleted_external_id_is_restored_only_when_asked(client: TestClient, db: Session) -> None:
    h = platform_headers(db)
    r = client.put("/api/v1/postings/batch", json={"items": [item("UNDEL-1")]}, headers=h)
    pid = r.json()["items"][0]["id"]
    assert client.delete(f"/api/v1/postings/{pid}", headers=h).status_code == 204
    again = client.put("/api/v1/postings/batch", json={"items": [item("UNDEL-1")]}, headers=h)
    assert again.status_code == 422
    assert again.json()["errors"][0] == {
        "index": 0,
        "field": "external_id",
        "message": "posting 'UNDEL-1' was deleted; send undelete=true to restore it",
    }
    assert client.get(f"/api/v1/postings/{pid}", headers=h).status_code == 404
    back = client.put(
        "/api/v1/postings/batch", json={"items": [item("UNDEL-1", undelete=True)]}, headers=h
    )
    assert back.status_code == 200 and back.json()["items"][0]["id"] == pid
    assert client.get(f"/api/v1/postings/{pid}", headers=h).status_code == 200
