"""The change feed the HR platform syncs from: every write, closure and deletion, in key order.

Pages are keyed by (updated_at, id), so paging is stable while writes go on. A write whose
transaction started before a read but committed after it carries an ``updated_at`` older than
what the read returned, so the feed keeps two positions in its cursor:

* **fresh**: the last row delivered at all. Rows after it are delivered as soon as they appear.
* **settled**: everything stamped up to ``now - SETTLE`` is final (no transaction runs that long).
  Rows between the settled position and the horizon are delivered once more, when the horizon
  passes them — this catches the late commits.

So each change is delivered at most twice (once fresh, once settled), however often a client polls;
clients apply items by ``id`` (a repeat carries the same ``updated_at``). A cursor of the old
two-element form is read as both positions at once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from vocmatch.demand import repository as repo
from vocmatch.demand.postings.service import to_out
from vocmatch.demand.schemas import PostingFilter, SyncPage
from vocmatch.kit.db import utcnow
from vocmatch.kit.errors import Invalid
from vocmatch.kit.pagination import decode_cursor, encode_cursor
from vocmatch.kit.principal import Principal

# Longer than any write transaction (a 1,000-item batch takes well under a second).
SETTLE = timedelta(seconds=10)
LAST = 2**31 - 1
Key = tuple[datetime, int]


def _decode(cursor: str) -> tuple[Key, Key]:
    value = decode_cursor(cursor)
    try:
        if len(value) == 2:
            value = [*value, *value]
        settled_ts, settled_id, fresh_ts, fresh_id = value
        settled = (datetime.fromisoformat(settled_ts), int(settled_id))
        fresh = (datetime.fromisoformat(fresh_ts), int(fresh_id))
        return settled, max(settled, fresh)
    except (TypeError, ValueError):
        raise Invalid(
            "cursor is not valid; use next_cursor from the previous page",
            errors=[{"field": "cursor", "message": "invalid cursor"}],
        ) from None


def _encode(settled: Key, fresh: Key) -> str:
    return encode_cursor(
        [settled[0].isoformat(), settled[1], fresh[0].isoformat(), max(settled, fresh)[1]]
        if fresh >= settled
        else [settled[0].isoformat(), settled[1], settled[0].isoformat(), settled[1]]
    )


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
    start: Key | None
    if cursor:
        start, fresh = _decode(cursor)
    elif updated_since is not None:
        since = (
            updated_since if updated_since.tzinfo else updated_since.replace(tzinfo=utcnow().tzinfo)
        )
        # Rows stamped exactly at updated_since are included: start just before it.
        start = (since - timedelta(microseconds=1), LAST)
        fresh = start
    else:
        start = fresh = None
    horizon = utcnow() - SETTLE
    stmt = repo.posting_query(
        principal, PostingFilter(enterprise_id=enterprise_id), include_deleted=True
    )
    # Settled rows first (the re-check of late commits), then the fresh ones not yet delivered.
    settled_rows = repo.changes_after(session, stmt, after=start, until=horizon, limit=limit + 1)
    if len(settled_rows) > limit:
        rows = settled_rows[:limit]
        last: Key = (rows[-1].updated_at, rows[-1].id)
        nxt = _encode(last, fresh if fresh is not None and fresh > last else last)
        return SyncPage(items=[to_out(p) for p in rows], next_cursor=nxt, has_more=True)
    settled: Key = (horizon, LAST) if start is None or start < (horizon, LAST) else start
    room = limit - len(settled_rows)
    fresh_after = fresh if fresh is not None and fresh > settled else settled
    fresh_rows = repo.changes_after(
        session, stmt, after=fresh_after, later_than=horizon, limit=room + 1
    )
    has_more = len(fresh_rows) > room
    fresh_rows = fresh_rows[:room]
    seen = {p.id for p in settled_rows}
    rows = settled_rows + [p for p in fresh_rows if p.id not in seen]
    new_fresh = (fresh_rows[-1].updated_at, fresh_rows[-1].id) if fresh_rows else fresh_after
    return SyncPage(
        items=[to_out(p) for p in rows], next_cursor=_encode(settled, new_fresh), has_more=has_more
    )
