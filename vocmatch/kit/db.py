"""Engine, sessions and the declarative base.

SQLite is the embedded default. Writers take the database lock at ``BEGIN IMMEDIATE`` so two
writers queue on the busy timeout instead of one failing half-way with "database is locked";
readers use deferred transactions and, thanks to WAL, never wait for writers. A read that must
also write (the audit row of a roster view or an export) hands the row to :func:`add_after_read`:
it is written in a transaction of its own once the read has ended, which takes the lock at BEGIN
like any writer — a read transaction that tries to write after another writer committed would
fail at once with "database is locked", whatever the busy timeout.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, DateTime, Engine, MetaData, create_engine, event
from sqlalchemy.orm import DeclarativeBase, ORMExecuteState, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

from vocmatch.kit import shared
from vocmatch.kit.config import get_settings

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base of every model; constraint names follow ``NAMING_CONVENTION``."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON, list[str]: JSON}


def utcnow() -> datetime:
    """Return the current time in UTC (timezone-aware)."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always returned timezone-aware (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


def install_sqlite_pragmas(engine: Engine, busy_timeout_ms: int) -> None:
    """Make ``engine``'s SQLite connections use WAL, foreign keys and the BEGIN mode asked for."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from pysqlite so the "begin" hook below decides.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str | None = None, *, serving: bool = False) -> Engine:
    """Create an engine for ``url`` (default: settings) with the SQLite hooks when needed.

    The pool is sized from the worker threads (``pool_size``: threads + 2, no overflow): a request
    holds a connection only inside its one thread hop, so at most ``threads`` request connections
    plus two background jobs (the analytics warm-up, a re-match) are ever checked out, and a
    checkout waits at most ``pool_timeout_seconds`` before the request answers 503. ``serving``
    adds PostgreSQL's ``statement_timeout`` (a runaway query ends as a 503, not a stuck worker);
    the CLI's loads and migrations run without it.
    """
    settings = get_settings()
    url = url or settings.database_url
    pool: dict[str, Any] = {
        "pool_size": settings.pool_size or settings.threads + 2,
        "max_overflow": 0,
        "pool_timeout": settings.pool_timeout_seconds,
        "pool_pre_ping": True,
    }
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        else:
            pool = {}  # one in-memory database per connection: SQLAlchemy's own pool class
        timeout = settings.sqlite_busy_timeout_ms / 1000
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": timeout}, **pool
        )
        install_sqlite_pragmas(engine, settings.sqlite_busy_timeout_ms)
        return engine
    # The pid tells an operator (and pg_stat_activity) which process holds which connection.
    connect_args: dict[str, Any] = {
        "connect_timeout": 5,
        "application_name": f"vocmatch:{os.getpid()}",
    }
    if serving and settings.statement_timeout_ms:
        # A connection left idle inside a transaction is a bug; end it rather than hold locks.
        connect_args["options"] = (
            f"-c statement_timeout={settings.statement_timeout_ms}"
            f" -c idle_in_transaction_session_timeout={max(60_000, settings.statement_timeout_ms)}"
        )
    return create_engine(url, connect_args=connect_args, **pool)


@lru_cache
def get_engine() -> Engine:
    """Return the process-wide engine."""
    return make_engine()


def write_bind(engine: Engine) -> Engine:
    """Return ``engine`` configured so its transactions take the write lock at BEGIN (SQLite)."""
    if engine.dialect.name == "sqlite":
        return engine.execution_options(sqlite_begin="IMMEDIATE")
    return engine


READ_ONLY = "read_only"
_AFTER_READ = "after_read"


def add_after_read(session: Session, obj: Any) -> None:
    """Add ``obj`` to ``session`` now, or — in a read-only transaction — once the read has ended
    (:func:`write_after_read` does it; the request's session dependency and
    :func:`transaction` call it)."""
    if session.info.get(READ_ONLY):
        session.info.setdefault(_AFTER_READ, []).append(obj)
    else:
        session.add(obj)


def write_after_read(session: Session) -> None:
    """Write what :func:`add_after_read` held back, in a new transaction that takes the write
    lock at BEGIN (SQLite), and commit it. Call after the read transaction has ended."""
    pending = session.info.pop(_AFTER_READ, [])
    if not pending:
        return
    session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
    session.add_all(pending)
    session.commit()


def session_factory(engine: Engine, *, write: bool = False) -> sessionmaker[Session]:
    """Return a sessionmaker bound to ``engine``; ``write`` takes the SQLite lock up front."""
    bind = write_bind(engine) if write else engine
    return sessionmaker(bind=bind, expire_on_commit=False, autoflush=False)


@contextmanager
def transaction(engine: Engine | None = None, *, write: bool = True) -> Iterator[Session]:
    """Yield a session in one transaction: committed on success, rolled back on any error."""
    factory = session_factory(engine or get_engine(), write=write)
    with factory() as session:
        session.info[READ_ONLY] = not write
        with session.begin():
            yield session
        write_after_read(session)


# Every committed write bumps the shared version counters of the tables it touched (kit.shared),
# after the commit, in the same thread: the request's answer leaves only once every process can
# see that its caches are stale. Objects flushed and DML statements (bulk insert/update/delete
# through the session) both count; SQL sent on a bare connection does not.
_TOUCHED = "touched_tables"


@event.listens_for(Session, "after_flush")
def _remember_flushed(session: Session, _context: Any) -> None:
    touched = session.info.setdefault(_TOUCHED, set())
    for obj in (*session.new, *session.dirty, *session.deleted):
        table = getattr(obj, "__tablename__", None)
        if table:
            touched.add(table)


@event.listens_for(Session, "do_orm_execute")
def _remember_statement(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(getattr(state.statement, "table", None), "name", None)
        state.session.info.setdefault(_TOUCHED, set()).add(table or shared.DATA)


@event.listens_for(Engine, "after_cursor_execute")
def _remember_sql(
    conn: Any, _cursor: Any, _statement: Any, _params: Any, context: Any, _many: Any
) -> None:
    # SQL sent on the session's connection (bulk writes through session.connection()).
    if context is not None and (context.isinsert or context.isupdate or context.isdelete):
        table = getattr(
            getattr(getattr(context, "compiled", None), "statement", None), "table", None
        )
        conn.info.setdefault(_TOUCHED, set()).add(getattr(table, "name", None) or shared.DATA)


@event.listens_for(Session, "after_begin")
def _watch_connection(session: Session, _transaction: Any, connection: Any) -> None:
    connection.info.pop(_TOUCHED, None)
    session.info.setdefault("connections", []).append(connection)


@event.listens_for(Session, "after_commit")
def _announce_commit(session: Session) -> None:
    touched = set(session.info.pop(_TOUCHED, None) or ())
    for connection in session.info.pop("connections", []):
        touched |= connection.info.pop(_TOUCHED, None) or set()
    if touched:
        shared.bump(touched)


@event.listens_for(Session, "after_rollback")
def _forget_rolled_back(session: Session) -> None:
    session.info.pop(_TOUCHED, None)
    for connection in session.info.pop("connections", []):
        connection.info.pop(_TOUCHED, None)
