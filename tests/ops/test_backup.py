"""Back up → empty → restore brings back every row of every table (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, MetaData, create_engine, select, text

from tests.conftest import Cli
from vocmatch.kit import backup, migrate
from vocmatch.kit.db import make_engine
from vocmatch.kit.errors import Invalid

Rows = dict[str, list[tuple[str, ...]]]


def every_row(engine: Engine) -> Rows:
    """Every table's rows, each as the text of its values, sorted."""
    meta = MetaData()
    meta.reflect(engine)
    with engine.connect() as conn:
        return {
            name: sorted(tuple(repr(v) for v in row) for row in conn.execute(select(table)))
            for name, table in meta.tables.items()
        }


@pytest.fixture
def empty_target(engine: Engine, tmp_path: Path) -> Iterator[Engine]:
    """A second database with the schema migrated and no rows (PostgreSQL: a scratch database)."""
    if engine.dialect.name == "sqlite":
        target = make_engine(f"sqlite:///{tmp_path / 'target.db'}")
        migrate.upgrade(target)
        yield target
        target.dispose()
        return
    name = f"{engine.url.database}_restore"
    admin = create_engine(engine.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    target = make_engine(engine.url.set(database=name).render_as_string(hide_password=False))
    migrate.upgrade(target)
    yield target
    target.dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_a_backup_restored_into_an_emptied_database_has_every_row(
    engine: Engine, empty_target: Engine, tmp_path: Path
) -> None:
    before = every_row(engine)
    # The fixture deployment: reference data, schools, postings, teachers and the schema's version.
    for table in ("programme", "occupation", "school", "posting", "teacher", "alembic_version"):
        assert before[table], table
    assert sum(len(r) for r in before.values()) > 500
    assert not any(
        rows for name, rows in every_row(empty_target).items() if name != "alembic_version"
    )

    done = backup.backup(engine, tmp_path / "vocmatch.backup")
    assert done.size > 0 and not (tmp_path / "vocmatch.backup.partial").exists()
    backup.restore(empty_target, done.path)

    assert every_row(empty_target) == before


def test_restoring_a_missing_or_foreign_file_is_refused_naming_the_path(
    tmp_path: Path,
) -> None:
    target = make_engine(f"sqlite:///{tmp_path / 'target.db'}")
    with pytest.raises(Invalid) as missing:
        backup.restore(target, tmp_path / "nope.backup")
    assert missing.value.errors == [
        {"field": "path", "message": f"no backup file at {tmp_path / 'nope.backup'}"}
    ]
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(Invalid) as foreign:
        backup.restore(target, junk)
    assert "is not a SQLite database" in foreign.value.message
    target.dispose()


def test_the_commands_back_up_and_restore_the_configured_database(cli: Cli, tmp_path: Path) -> None:
    assert cli("db", "upgrade").exit_code == 0
    assert cli("load", "reference").exit_code == 0
    engine = make_engine(f"sqlite:///{tmp_path / 'cli.db'}")
    before = every_row(engine)
    saved = cli("db", "backup", str(tmp_path / "b.sqlite"))
    assert saved.exit_code == 0, saved.stderr
    assert saved.stdout.startswith(f"backed up to {tmp_path / 'b.sqlite'} (")
    with engine.begin() as conn:  # the disaster: every table emptied
        for name in reversed(list(before)):
            conn.execute(text(f'DELETE FROM "{name}"'))
    assert cli("db", "restore", str(tmp_path / "b.sqlite")).exit_code == 1  # asks first: no input
    restored = cli("db", "restore", "--yes", str(tmp_path / "b.sqlite"))
    assert restored.exit_code == 0, restored.stderr
    assert every_row(engine) == before
    assert before["programme"] and before["occupation"]
    engine.dispose()
