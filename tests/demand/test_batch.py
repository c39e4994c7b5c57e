"""The HR platform's batch: all or nothing, every bad item listed, idempotent retries."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.demand.helpers import item, platform_headers
from vocmatch.demand.models import Posting
from vocmatch.enterprises.models import Enterprise


def _count(db: Session, prefix: str) -> int:
    return (
        db.scalar(
            select(func.count()).select_from(Posting).where(Posting.external_id.startswith(prefix))
        )
        or 0
    )


def test_batch_creates_then_updates_then_leaves_unchanged(client, db: Session) -> None:
    h = platform_headers(db)
    items = [item(f"B1-{i}") for i in range(5)]
    r = client.put("/api/v1/postings/batch", json={"items": items}, headers=h)
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["created"], body["updated"], body["unchanged"]) == (5, 0, 0)
    items[2]["headcount"] = 9
    r = client.put("/api/v1/postings/batch", json={"items": items}, headers=h)
    body = r.json()
    assert (body["created"], body["updated"], body["unchanged"]) == (0, 1, 4)
    assert body["items"][2]["result"] == "updated"
    assert _count(db, "B1-") == 5


def test_bad_items_fail_the_whole_batch_and_are_all_listed(client, db: Session) -> None:
    h = platform_headers(db)
    items = [
        item("B2-0"),
        item("B2-1", headcount=0),
        item("B2-2", status="expired", chain="tungsten"),
        item("B2-3", enterprise_credit_code="91360700MA35AB12C2"),
        item("B2-0"),
        item("B2-5", enterprise_credit_code="91350100M000100Y43", enterprise_name=None),
    ]
    r = client.put("/api/v1/postings/batch", json={"items": items}, headers=h)
    assert r.status_code == 422, r.text
    errs = r.json()["errors"]
    fields = {(e["index"], e["field"]) for e in errs}
    assert (1, "headcount") in fields
    assert (2, "status") in fields and (2, "chain") in fields
    assert (3, "enterprise_credit_code") in fields
    assert (4, "external_id") in fields
    assert (5, "enterprise_credit_code") in fields
    assert 0 not in {e["index"] for e in errs}
    assert _count(db, "B2-") == 0


def test_unknown_enterprise_name_becomes_pending_and_is_listed(client, db: Session) -> None:
    h = platform_headers(db)
    r = client.put(
        "/api/v1/postings/batch",
        json={
            "items": [
                item("B3-0", enterprise_credit_code=None, enterprise_name="赣州新来的磁材有限公司"),
                item("B3-1", enterprise_credit_code=None, enterprise_name="赣州新来的磁材有限公司"),
                item("B3-2", enterprise_credit_code=None, enterprise_name="金力永磁"),
            ]
        },
        headers=h,
    )
    assert r.status_code == 200, r.text
    body = r.json()
    [pending] = body["pending_enterprises"]
    assert pending["name"] == "赣州新来的磁材有限公司" and pending["items"] == [0, 1]
    assert db.get(Enterprise, pending["id"]).status == "pending"
    known = db.scalar(select(Enterprise.id).where(Enterprise.name == "江西金力永磁科技有限公司"))
    assert body["items"][2]["enterprise_id"] == known


def test_idempotency_key_replays_and_refuses_another_body(client, db: Session) -> None:
    h = {**platform_headers(db), "Idempotency-Key": "k-1"}
    body = {"items": [item("B4-0"), item("B4-1")]}
    first = client.put("/api/v1/postings/batch", json=body, headers=h)
    assert first.status_code == 200
    again = client.put("/api/v1/postings/batch", json=body, headers=h)
    assert again.status_code == 200
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    other = client.put("/api/v1/postings/batch", json={"items": [item("B4-9")]}, headers=h)
    assert other.status_code == 422
    assert _count(db, "B4-") == 2


def test_idempotency_keys_are_scoped_per_client(client, db: Session) -> None:
    body = {"items": [item("B5-0")]}
    a = client.put(
        "/api/v1/postings/batch",
        json=body,
        headers={**platform_headers(db), "Idempotency-Key": "same"},
    )
    b = client.put(
        "/api/v1/postings/batch",
        json={"items": [item("B5-1")]},
        headers={**platform_headers(db), "Idempotency-Key": "same"},
    )
    assert a.status_code == b.status_code == 200
    assert "Idempotent-Replayed" not in b.headers


def test_more_than_1000_items_is_refused(client, db: Session) -> None:
    items = [item(f"B6-{i}") for i in range(1001)]
    r = client.put("/api/v1/postings/batch", json={"items": items}, headers=platform_headers(db))
    assert r.status_code == 422
