"""The sync feed: polling every second delivers each change at most twice (once when it appears,
once when it has settled), and a write that commits late is still delivered."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.demand.helpers import item, platform_headers
from tests.factories import make_enterprise, make_posting
from vocmatch.demand.postings import sync
from vocmatch.kit.db import utcnow


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def test_polling_every_second_delivers_each_change_at_most_twice(
    client: TestClient, db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    h = platform_headers(db)
    clock = Clock(utcnow())
    monkeypatch.setattr(sync, "utcnow", clock)
    r = client.put(
        "/api/v1/postings/batch", json={"items": [item(f"SYNC-{i}") for i in range(5)]}, headers=h
    )
    ids = {x["id"] for x in r.json()["items"]}
    since = (clock.now - timedelta(seconds=1)).isoformat()
    page = client.get("/api/v1/postings", params={"updated_since": since}, headers=h).json()
    deliveries: Counter[int] = Counter(p["id"] for p in page["items"])
    late = None
    for second in range(1, 16):  # 15 polls, one a second: past the 10 s settle horizon
        clock.now += timedelta(seconds=1)
        if second == 3:
            # A write whose transaction began before the last poll commits now, stamped earlier.
            late = make_posting(db, make_enterprise(db), external_id="SYNC-LATE")
            late.updated_at = clock.now - timedelta(seconds=4)
            db.flush()
        page = client.get("/api/v1/postings", params={"cursor": page["next_cursor"]}, headers=h)
        page = page.json()
        deliveries.update(p["id"] for p in page["items"])
    assert late is not None
    assert ids | {late.id} <= set(deliveries)
    assert max(deliveries[i] for i in ids | {late.id}) <= 2, deliveries
