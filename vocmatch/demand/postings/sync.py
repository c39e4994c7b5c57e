"""The change feed the HR platform syncs from: every write, closure and deletion, in key order.

Pages are keyed by (updated_at, id), so paging is stable while writes go on. Once a client has
caught up, ``next_cursor`` steps back to ``now - SETTLE`` so a write whose transaction started
before the read but committed after it is still delivered: delivery is at least once; clients apply
items by ``id`` (a repeat carries the same ``updated_at``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from vocmatch.demand import repository as repo
from vocmatch.demand.postings.service import to_out
from vocmatch.demand.schemas import SyncPage
from vocmatch.kit.db import utcnow
from vocmatch.kit.errors import Invalid
from vocmatch.kit.pagination import decode_cursor, encode_cursor
from vocmatch.kit.principal import Principal

# Longer than any write transaction (a 1,000-item batch takes well under a second).
SETTLE = timedelta(seconds=10)


def _decode(cursor: str) -> tuple[datetime, int]:
    value = decode_cursor(cursor)
    try:
        ts, last_id = value
        return datetime.fromisoformat(ts), int(last_id)
    except (TypeError, ValueError):
        raise Invalid(
            "cursor is not valid; use next_cursor from the previous page",
            errors=[{"field": "cursor", "message": "invalid cursor"}],
        ) from None


def _encode(ts: datetime, last_id: int) -> str:
    return encode_cursor([ts.isoformat(), last_id])


def changes(
    session: Session,
    *,
    principal: Principal,
    updated_since: datetime | None = None,
    cursor: str | None = None,
    enterprise_id: int | None = None,
    limit: int = 100,
) -> SyncPage:
    """Return postings changed after the cursor (or since ``updated_since``), tombstones included."""
    if cursor:
        after: tuple[datetime, int] | None = _decode(cursor)
    elif updated_since is not None:
        since = (
            updated_since if updated_since.tzinfo else updated_since.replace(tzinfo=utcnow().tzinfo)
        )
        # Rows stamped exactly at updated_since are included: start just before it.
        after = (since - timedelta(microseconds=1), 2**31 - 1)
    else:
        after = None
    stmt = repo.posting_query(principal, enterprise_id=enterprise_id, include_deleted=True)
    rows = repo.changes_after(session, stmt, after=after, limit=limit + 1)
    has_more = len(rows) > limit
    rows = rows[:limit]
    if has_more:
        nxt = _encode(rows[-1].updated_at, rows[-1].id)
    else:
        horizon = utcnow() - SETTLE
        last = (rows[-1].updated_at, rows[-1].id) if rows else after
        if last is None or last[0] > horizon:
            nxt = _encode(horizon if last is None or last[0] > horizon else last[0], 0)
        else:
            nxt = _encode(*last)
    return SyncPage(items=[to_out(p) for p in rows], next_cursor=nxt, has_more=has_more)
