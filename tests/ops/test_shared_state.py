"""Shared state without Redis (issue 18): the verified-key cache and the version counters.

The same code with Redis configured is driven across real processes by
``tests/ops/test_multiprocess.py``; here one process, the embedded default.
"""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, update
from sqlalchemy.orm import Session

from tests.factories import api_key_headers, make_user
from vocmatch.accounts import service as auth
from vocmatch.accounts.models import ApiKey
from vocmatch.kit import shared
from vocmatch.kit.db import utcnow
from vocmatch.kit.ttlcache import TTLCache


def _key_lookups(engine: Engine) -> list[str]:
    seen: list[str] = []

    @event.listens_for(engine, "before_cursor_execute")
    def _count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if "FROM api_key" in statement:
            seen.append(statement)

    return seen


def test_a_verified_key_is_checked_once_per_period(
    client: TestClient, db: Session, engine: Engine
) -> None:
    user = make_user(db, "platform")
    headers = api_key_headers(db, user)
    db.commit()  # the savepoint: counts as a write of api_key and app_user
    lookups = _key_lookups(engine)
    for _ in range(3):
        assert client.get("/api/v1/chains", headers=headers).status_code == 200
    assert len(lookups) == 1
    # A wrong secret with the same prefix is never answered from the cache.
    wrong = {"Authorization": headers["Authorization"][:-1] + "x"}
    assert client.get("/api/v1/chains", headers=wrong).status_code == 401


def test_revocation_written_past_the_app_ends_within_the_period(
    client: TestClient, db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A revocation the version counters do not see (SQL by hand) takes effect after 5 s."""
    clock = [1000.0]
    monkeypatch.setattr(time, "monotonic", lambda: clock[0])
    user = make_user(db, "platform")
    headers = api_key_headers(db, user)
    db.commit()
    assert client.get("/api/v1/chains", headers=headers).status_code == 200
    db.connection().execute(update(ApiKey.__table__).values(revoked_at=utcnow()))
    clock[0] += 4.9
    assert client.get("/api/v1/chains", headers=headers).status_code == 200
    clock[0] += 0.2  # 5.1 s after the check
    assert client.get("/api/v1/chains", headers=headers).status_code == 401


def test_revocation_through_the_app_ends_at_once(client: TestClient, db: Session) -> None:
    admin = make_user(db, "admin")
    admin_headers = api_key_headers(db, admin)
    user = make_user(db, "platform")
    headers = api_key_headers(db, user)
    db.commit()
    assert client.get("/api/v1/chains", headers=headers).status_code == 200
    prefix = db.query(ApiKey).filter(ApiKey.user_id == user.id).one().prefix
    r = client.post(f"/api/v1/admin/keys/{prefix}/revoke", headers=admin_headers)
    assert r.status_code in (200, 204), r.text
    assert client.get("/api/v1/chains", headers=headers).status_code == 401


def test_a_commit_bumps_the_tables_it_wrote_and_data(db: Session) -> None:
    before = shared.versions(["api_key", "app_user", "posting", shared.DATA])
    user = make_user(db, "platform")
    auth.create_key(db, username=user.username, name="x")
    db.commit()
    after = shared.versions(["api_key", "app_user", "posting", shared.DATA])
    assert before is not None and after is not None
    assert [a - b for a, b in zip(after, before, strict=True)] == [1, 1, 0, 1]


def test_a_rolled_back_write_bumps_nothing(db: Session) -> None:
    before = shared.versions(["app_user", shared.DATA])
    nested = db.begin_nested()
    make_user(db, "platform")
    nested.rollback()
    db.commit()
    assert shared.versions(["app_user", shared.DATA]) == before


def test_the_ttl_cache_is_bounded_in_time_entries_and_version() -> None:
    now = [0.0]
    cache: TTLCache[int] = TTLCache(size=2, ttl=5, clock=lambda: now[0])
    cache.put("a", 1, version=(1,))
    assert cache.get("a", (1,)) == 1
    assert cache.get("a", (2,)) is None  # written since: a miss
    cache.put("b", 2, ttl=1)  # its own, shorter life
    now[0] = 1.5
    assert cache.get("b") is None and cache.get("a", (1,)) == 1
    cache.put("c", 3)
    cache.put("d", 4)  # beyond two entries, the least recently used leaves
    assert len(cache) == 2 and cache.get("a", (1,)) is None
    now[0] = 10
    cache.put("e", 5)  # the expired ones leave when something is stored
    assert len(cache) == 1
