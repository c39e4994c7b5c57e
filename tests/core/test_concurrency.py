"""Concurrent writers on SQLite queue on the write lock; none sees "database is locked"."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from vocmatch.enterprises.models import Enterprise
from vocmatch.kit import migrate
from vocmatch.kit.db import make_engine, transaction


def test_parallel_read_modify_write_transactions_never_fail(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'c.db'}")
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite-specific locking")
    migrate.upgrade(engine)
    with transaction(engine) as s:
        s.add(Enterprise(name="计数企业", notes="0"))
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for _ in range(20):
                # Read then write in one transaction: without BEGIN IMMEDIATE two such
                # transactions deadlock and one fails with "database is locked".
                with transaction(engine) as s:
                    ent = s.scalars(select(Enterprise).where(Enterprise.name == "计数企业")).one()
                    ent.notes = str(int(ent.notes) + 1)
                    s.add(Enterprise(name=f"企业{threading.get_ident()}-{ent.notes}"))
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with transaction(engine, write=False) as s:
        ent = s.scalars(select(Enterprise).where(Enterprise.name == "计数企业")).one()
        assert ent.notes == "120"  # no lost update
        assert s.scalar(select(func.count()).select_from(Enterprise)) == 121
