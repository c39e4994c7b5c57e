"""Bulk writes of postings and their programme index, fast on both databases.

SQLite: one cached ``INSERT … ON CONFLICT`` statement run with ``executemany`` (the driver loops in
C). PostgreSQL: one short statement per chunk whose rows arrive as a single JSON document read by
``json_to_recordset``. A many-row ``VALUES`` list would be a new, long SQL text each time (parsed
again by the driver on every call), and typed arrays of long strings are slow to escape; one JSON
parameter is serialised and parsed in C on both sides.

Both upserts update a row only when something differs (``WHERE … IS DISTINCT FROM …``), so an
unchanged posting keeps its ``updated_at`` and does not reappear in the sync feed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any
from typing import cast as typed

from sqlalchemy import Table, Text, cast, delete, insert, literal_column, or_, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from vocmatch.demand.models import Posting, PostingProgramme

CHUNK = 500
# Client-written fields compared to decide whether a row changed.
COMPARED = (
    "title",
    "description",
    "skills",
    "headcount",
    "education",
    "type",
    "location",
    "salary_min",
    "salary_max",
    "valid_from",
    "valid_until",
    "status",
    "chain",
    "model_version",
)
# (column, PostgreSQL type) of an upserted posting row.
POSTING_COLUMNS = (
    ("source", "text"),
    ("external_id", "text"),
    ("enterprise_id", "int"),
    ("title", "text"),
    ("description", "text"),
    ("skills", "json"),
    ("headcount", "int"),
    ("education", "text"),
    ("type", "text"),
    ("location", "text"),
    ("salary_min", "int"),
    ("salary_max", "int"),
    ("valid_from", "date"),
    ("valid_until", "date"),
    ("status", "text"),
    ("deleted_at", "timestamptz"),
    ("created_at", "timestamptz"),
    ("updated_at", "timestamptz"),
    ("chain", "text"),
    ("chain_score", "float8"),
    ("match", "json"),
    ("model_version", "text"),
    ("matched_at", "timestamptz"),
)
INDEX_COLUMNS = (
    ("posting_id", "int"),
    ("programme_code", "text"),
    ("rank", "int"),
    ("score", "float8"),
    ("enterprise_id", "int"),
    ("headcount", "int"),
    ("chain", "text"),
    ("type", "text"),
    ("valid_until", "date"),
)
NOT_UPDATED = ("source", "external_id", "created_at")


def _is_pg(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _recordset(spec: Sequence[tuple[str, str]]) -> str:
    return ", ".join(f"{c} {t}" for c, t in spec)


def _pg_upsert_sql() -> str:
    cols = ", ".join(c for c, _ in POSTING_COLUMNS)
    changed = ["posting.enterprise_id IS DISTINCT FROM EXCLUDED.enterprise_id"]
    changed.append("posting.deleted_at IS NOT NULL")
    for c in COMPARED:
        if dict(POSTING_COLUMNS)[c] == "json":
            changed.append(f"CAST(posting.{c} AS text) IS DISTINCT FROM CAST(EXCLUDED.{c} AS text)")
        else:
            changed.append(f"posting.{c} IS DISTINCT FROM EXCLUDED.{c}")
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c, _ in POSTING_COLUMNS if c not in NOT_UPDATED)
    return (
        f"INSERT INTO posting ({cols}) "
        f"SELECT {cols} FROM json_to_recordset(CAST(:rows AS json)) "
        f"AS u({_recordset(POSTING_COLUMNS)}) "
        f"ON CONFLICT (source, external_id) DO UPDATE SET {updates} "
        f"WHERE {' OR '.join(changed)} "
        "RETURNING id, external_id, (xmax = 0) AS inserted"
    )


PG_UPSERT = text(_pg_upsert_sql())


def _sqlite_upsert() -> Any:
    table = typed(Table, Posting.__table__)
    stmt = sqlite_insert(table)
    excluded = stmt.excluded
    conds = [table.c.enterprise_id.is_distinct_from(excluded.enterprise_id)]
    conds.append(table.c.deleted_at.is_not(None))
    for f in COMPARED:
        if f == "skills":
            conds.append(cast(table.c.skills, Text).is_distinct_from(cast(excluded.skills, Text)))
        else:
            conds.append(table.c[f].is_distinct_from(excluded[f]))
    updates = {c: excluded[c] for c, _ in POSTING_COLUMNS if c not in NOT_UPDATED}
    return stmt.on_conflict_do_update(
        index_elements=["source", "external_id"], set_=updates, where=or_(*conds)
    ).returning(table.c.id, table.c.external_id, literal_column("NULL").label("inserted"))


SQLITE_UPSERT = _sqlite_upsert()


def _json_rows(rows: Sequence[Mapping[str, Any]]) -> str:
    # Dates and timestamps become ISO strings, which json_to_recordset casts to the column types.
    return json.dumps(list(rows), default=_iso)


def _iso(value: Any) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot send {type(value).__name__} as JSON")


def upsert_postings(
    session: Session, rows: Sequence[Mapping[str, Any]]
) -> dict[str, tuple[int, bool | None]]:
    """Upsert ``rows`` by (source, external_id); return the written ones by external id.

    The value is ``(id, inserted)``: ``inserted`` is True/False on PostgreSQL and None on SQLite
    (the caller knows from its own read, since SQLite writers are serialised). Rows left unchanged
    are not returned.
    """
    written: dict[str, tuple[int, bool | None]] = {}
    conn = session.connection()
    pg = _is_pg(session)
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        result = (
            conn.execute(PG_UPSERT, {"rows": _json_rows(chunk)})
            if pg
            else conn.execute(SQLITE_UPSERT, list(chunk))
        )
        for r in result:
            written[r.external_id] = (r.id, None if r.inserted is None else bool(r.inserted))
    return written


PG_INDEX_INSERT = text(
    f"INSERT INTO posting_programme ({', '.join(c for c, _ in INDEX_COLUMNS)}) "
    f"SELECT {', '.join(c for c, _ in INDEX_COLUMNS)} "
    f"FROM json_to_recordset(CAST(:rows AS json)) AS u({_recordset(INDEX_COLUMNS)})"
)


def replace_index(
    session: Session, rows_by_posting: Mapping[int, Sequence[dict[str, Any]]]
) -> None:
    """Replace the programme-index rows of the given postings (an empty list removes them)."""
    if not rows_by_posting:
        return
    ids = sorted(rows_by_posting)
    pg = _is_pg(session)
    for start in range(0, len(ids), CHUNK):
        part = ids[start : start + CHUNK]
        session.execute(delete(PostingProgramme).where(PostingProgramme.posting_id.in_(part)))
    values = [row for pid in ids for row in rows_by_posting[pid]]
    for start in range(0, len(values), 5 * CHUNK):
        chunk = values[start : start + 5 * CHUNK]
        if pg:
            session.execute(PG_INDEX_INSERT, {"rows": _json_rows(chunk)})
        else:
            session.connection().execute(insert(typed(Table, PostingProgramme.__table__)), chunk)
