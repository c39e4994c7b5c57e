"""Idempotency-Key handling for the platform's writes.

The stored response is written in the same transaction as the work it describes, so a crash leaves
neither and the client's retry simply runs again. While a request holds a key:

* PostgreSQL: a transaction-scoped advisory lock on (client, key); a concurrent duplicate cannot
  take it and gets 409 at once. The lock dies with the connection, so a killed server never leaves
  a key stuck.
* SQLite: writers are serialised by ``BEGIN IMMEDIATE``; a concurrent duplicate waits for the first
  to commit and then receives its stored response (a replay) instead of a 409.

Keys are scoped per client (user) and kept for ``TTL`` (48 h, at least the promised 24 h).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from vocmatch.demand.models import IdempotencyKey
from vocmatch.kit.db import utcnow
from vocmatch.kit.errors import Conflict, Invalid
from vocmatch.kit.principal import Principal

TTL = timedelta(hours=48)
REPLAY_HEADER = "Idempotent-Replayed"


@dataclass(frozen=True)
class Stored:
    """A response recorded for a key."""

    status_code: int
    body: dict[str, Any]


def body_hash(payload: Any) -> str:
    """Return a hash of a JSON body that ignores key order and whitespace."""
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _check_key(key: str) -> None:
    if not key or len(key) > 200 or not key.isprintable():
        raise Invalid(
            "Idempotency-Key must be 1–200 printable characters",
            errors=[{"field": "Idempotency-Key", "message": "1–200 printable characters"}],
        )


def _lock_id(user_id: int, key: str) -> int:
    digest = hashlib.sha256(f"{user_id}:{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def claim(
    session: Session, *, principal: Principal, key: str, method: str, path: str, request_hash: str
) -> Stored | None:
    """Take the key for this request; return the stored response when it already ran.

    Raises 409 when another request holds the key, 422 when the key was used with another body.
    """
    _check_key(key)
    assert principal.user_id is not None
    if session.get_bind().dialect.name == "postgresql":
        got = session.execute(
            text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": _lock_id(principal.user_id, key)}
        ).scalar()
        if not got:
            raise Conflict(
                "a request with this Idempotency-Key is still running; retry when it has finished",
                headers={"Retry-After": "1"},
            )
    now = utcnow()
    session.execute(
        delete(IdempotencyKey).where(
            IdempotencyKey.user_id == principal.user_id, IdempotencyKey.expires_at <= now
        )
    )
    row = session.scalar(
        select(IdempotencyKey).where(
            IdempotencyKey.user_id == principal.user_id, IdempotencyKey.key == key
        )
    )
    if row is None:
        return None
    if row.request_hash != request_hash or row.method != method or row.path != path:
        raise Invalid(
            "this Idempotency-Key was already used with a different request body; "
            "use a new key for a new request",
            errors=[{"field": "Idempotency-Key", "message": "reused with a different body"}],
        )
    return Stored(status_code=row.status_code, body=row.response)


def store(
    session: Session,
    *,
    principal: Principal,
    key: str,
    method: str,
    path: str,
    request_hash: str,
    status_code: int,
    body: dict[str, Any],
) -> None:
    """Record the response for the key (committed with the work)."""
    assert principal.user_id is not None
    now = utcnow()
    session.add(
        IdempotencyKey(
            user_id=principal.user_id,
            key=key,
            method=method,
            path=path,
            request_hash=request_hash,
            status_code=status_code,
            response=body,
            created_at=now,
            expires_at=now + TTL,
        )
    )
    session.flush()
