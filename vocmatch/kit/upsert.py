"""Idempotent upserts by natural key: loading the same rows twice changes nothing."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session


@dataclass
class LoadCounts:
    """How many rows a load created, updated or found unchanged (per table)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    tables: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, table: str, created: int, updated: int, unchanged: int, deleted: int = 0) -> None:
        """Record one table's counts."""
        self.created += created
        self.updated += updated
        self.unchanged += unchanged
        self.deleted += deleted
        self.tables[table] = {
            "created": created,
            "updated": updated,
            "unchanged": unchanged,
            "deleted": deleted,
        }

    @property
    def changed(self) -> int:
        """Rows written (created, updated or deleted)."""
        return self.created + self.updated + self.deleted


def upsert(
    session: Session,
    model: type[Any],
    key: Sequence[str],
    rows: Iterable[dict[str, Any]],
    counts: LoadCounts,
    *,
    delete_missing: bool = False,
) -> dict[tuple[Any, ...], Any]:
    """Insert or update ``rows`` of ``model`` matched on ``key``; return objects by key."""
    existing = {tuple(getattr(o, k) for k in key): o for o in session.scalars(select(model))}
    seen: dict[tuple[Any, ...], Any] = {}
    created = updated = unchanged = 0
    for row in rows:
        k = tuple(row[f] for f in key)
        obj = existing.get(k)
        if obj is None:
            obj = model(**row)
            session.add(obj)
            created += 1
        else:
            diff = {f: v for f, v in row.items() if getattr(obj, f) != v}
            for f, v in diff.items():
                setattr(obj, f, v)
            if diff:
                updated += 1
            else:
                unchanged += 1
        seen[k] = obj
    deleted = 0
    if delete_missing:
        for k, obj in existing.items():
            if k not in seen:
                session.delete(obj)
                deleted += 1
    session.flush()
    counts.add(model.__tablename__, created, updated, unchanged, deleted)
    return seen


def sync_rows(
    session: Session,
    model: type[Any],
    counts: LoadCounts,
    rows: list[dict[str, Any]],
    fields: Sequence[str],
    *,
    delete_missing: bool = True,
    where: Any = None,
) -> None:
    """Make ``model``'s table hold ``rows`` (compared on ``fields``), touching only differences.

    For tables without a natural key (a teacher's certificates, a programme's official links):
    equal rows are kept and missing ones inserted. Extra rows are deleted when ``delete_missing``
    (reference data owned by the file); sample loads keep them, so what people entered in the
    app survives a reload of the demo. ``where`` limits the rows the file owns (a programme's
    links added by planners are not the file's).
    """
    have: dict[tuple[Any, ...], list[Any]] = {}
    stmt = select(model) if where is None else select(model).where(where)
    for obj in session.scalars(stmt):
        have.setdefault(tuple(_hashable(getattr(obj, f)) for f in fields), []).append(obj)
    created = unchanged = 0
    for row in rows:
        k = tuple(_hashable(row[f]) for f in fields)
        if have.get(k):
            have[k].pop()
            unchanged += 1
        else:
            session.add(model(**row))
            created += 1
    stale = [o.id for objs in have.values() for o in objs] if delete_missing else []
    if stale:
        session.execute(delete(model).where(model.id.in_(stale)))
    session.flush()
    counts.add(model.__tablename__, created, 0, unchanged, len(stale))


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value
