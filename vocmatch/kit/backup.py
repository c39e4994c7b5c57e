"""Back up and restore the whole database: one file, taken while the service runs.

SQLite uses its online backup API (``sqlite3.Connection.backup``): a consistent copy of a live
database, page by page, while readers and writers carry on; restoring copies the file back into
the live database the same way (one transaction, so readers see the old or the new contents).
PostgreSQL uses the client tools ``pg_dump`` (custom format, ``-Fc``: compressed, restorable
table by table) and ``pg_restore --clean --if-exists`` (drops what the dump holds, then recreates
it with its rows); they must be on the PATH and of the server's major version or newer.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, make_url

from vocmatch.kit.errors import Invalid

SQLITE_PAGES_PER_STEP = 1024  # pages copied per step: other connections get the lock in between


def _invalid(message: str, field: str) -> Invalid:
    return Invalid(message, errors=[{"field": field, "message": message}])


@dataclass(frozen=True)
class Done:
    """What a backup or restore did: the file, its size and how it was done."""

    path: Path
    size: int
    method: str


def _sqlite_path(engine: Engine) -> str:
    database = engine.url.database
    if not database or database == ":memory:":
        raise _invalid("an in-memory SQLite database cannot be backed up", "database_url")
    return database


def _libpq(engine: Engine) -> tuple[str, dict[str, str]]:
    """Return the libpq connection URL (no SQLAlchemy driver, no password) and the environment
    carrying the password, so it never shows in the process list."""
    url = engine.url
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = make_url(url.render_as_string(hide_password=False)).set(
        drivername="postgresql", password=None
    )
    return plain.render_as_string(hide_password=False), env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise _invalid(
            f"{name} is not installed (PostgreSQL client tools, e.g. the postgresql-client package)",
            "database_url",
        )
    return found


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise _invalid(f"{Path(command[0]).name} failed: {' | '.join(tail)}", "path")


def backup(engine: Engine, path: Path) -> Done:
    """Write a consistent copy of the database behind ``engine`` to ``path`` (replaced if it exists)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")  # a failed backup leaves no half file
    if engine.dialect.name == "sqlite":
        partial.unlink(missing_ok=True)
        source = sqlite3.connect(_sqlite_path(engine))
        target = sqlite3.connect(partial)
        try:
            source.backup(target, pages=SQLITE_PAGES_PER_STEP)
        finally:
            target.close()
            source.close()
        method = "sqlite online backup"
    elif engine.dialect.name == "postgresql":
        url, env = _libpq(engine)
        _run([_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={partial}", url], env)
        method = "pg_dump --format=custom"
    else:
        raise _invalid(f"no backup for {engine.dialect.name}", "database_url")
    partial.replace(path)
    return Done(path, path.stat().st_size, method)


def _check_file(path: Path) -> None:
    if not path.is_file():
        raise _invalid(f"no backup file at {path}", "path")


def restore(engine: Engine, path: Path) -> Done:
    """Replace the database's contents with the backup at ``path`` (every table, every row)."""
    path = Path(path)
    _check_file(path)
    engine.dispose()  # no pooled connection of ours holds a lock or an old schema
    if engine.dialect.name == "sqlite":
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if source.execute("PRAGMA quick_check").fetchone() != ("ok",):
                raise _invalid(f"{path} is not a sound SQLite database", "path")
        except sqlite3.DatabaseError as exc:
            raise _invalid(f"{path} is not a SQLite database ({exc})", "path") from exc
        target = sqlite3.connect(_sqlite_path(engine))
        try:
            source.backup(target, pages=SQLITE_PAGES_PER_STEP)
        finally:
            target.close()
            source.close()
        method = "sqlite online backup"
    elif engine.dialect.name == "postgresql":
        url, env = _libpq(engine)
        _run(
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={url}",
                str(path),
            ],
            env,
        )
        method = "pg_restore --clean --if-exists"
    else:
        raise _invalid(f"no restore for {engine.dialect.name}", "database_url")
    return Done(path, path.stat().st_size, method)
