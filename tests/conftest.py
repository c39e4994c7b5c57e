"""Test fixtures: one migrated database per run (SQLite, or PostgreSQL when
VOCMATCH_TEST_DATABASE_URL is set), small reference fixtures from tests/data/, and a session per
test inside a transaction that is rolled back afterwards."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import Request
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session
from typer.testing import CliRunner

os.environ.setdefault("VOCMATCH_ENVIRONMENT", "test")
os.environ.setdefault("VOCMATCH_SECRET_KEY", "test-secret-key-of-sufficient-length-000")
# The matcher reads its reference data and model from here (a tiny model is fitted below).
os.environ.setdefault("VOCMATCH_DATA_DIR", str(Path(__file__).parent / "data"))
os.environ.setdefault("VOCMATCH_MODELS_DIR", tempfile.mkdtemp(prefix="vocmatch-models-"))
# Saved analytics projections (issue 18) go to a directory of the run, never the checkout's var/.
os.environ.setdefault(
    "VOCMATCH_ANALYTICS_STATE_DIR", tempfile.mkdtemp(prefix="vocmatch-analytics-")
)

from vocmatch.cli import app as cli_app
from vocmatch.cli import error_line
from vocmatch.kit import migrate
from vocmatch.kit.config import get_settings
from vocmatch.kit.db import get_engine, make_engine
from vocmatch.kit.deps import get_session, record_denial
from vocmatch.kit.errors import VocmatchError
from vocmatch.kit.ratelimit import limiter, login_failures
from vocmatch.loading import load_reference, load_sample
from vocmatch.main import create_app

TEST_DATA = Path(__file__).parent / "data"


def database_url(tmp_dir: Path) -> str:
    """Return the database the suite runs on."""
    return os.environ.get("VOCMATCH_TEST_DATABASE_URL") or f"sqlite:///{tmp_dir / 'test.db'}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Leave out the multi-process tests unless the suite runs on PostgreSQL (they need a
    server database shared by processes; ``make test``'s PostgreSQL pass runs them)."""
    if os.environ.get("VOCMATCH_TEST_DATABASE_URL", "").startswith("postgresql"):
        return
    left = [i for i in items if i.get_closest_marker("multiprocess")]
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = [i for i in items if not i.get_closest_marker("multiprocess")]


def reset_database(engine: Engine) -> None:
    """Drop everything so migrations run from an empty database."""
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))


@pytest.fixture(scope="session", autouse=True)
def matching_model() -> Iterator[Path]:
    """A matcher fitted on tests/data (well under a second), saved where the service looks."""
    from vocmatch.kit.config import get_settings
    from vocmatch.matching import service
    from vocmatch.matching.fitting.training import train

    models_dir = Path(get_settings().models_dir)
    train(data_dir=TEST_DATA, models_dir=models_dir)
    service.reset()
    yield models_dir
    service.reset()
    if models_dir.name.startswith("vocmatch-models-"):  # the temporary one made above
        shutil.rmtree(models_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A migrated database with the test reference data and sample deployment loaded."""
    url = database_url(tmp_path_factory.mktemp("db"))
    eng = make_engine(url)
    reset_database(eng)
    migrate.upgrade(eng)
    load_reference(eng, TEST_DATA)
    load_sample(eng, TEST_DATA)
    yield eng
    eng.dispose()


@pytest.fixture
def db(engine: Engine) -> Iterator[Session]:
    """A session whose work is rolled back after the test (commits become savepoints)."""
    conn = engine.connect()
    outer = conn.begin()
    session = Session(bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False)
    try:
        yield session
    finally:
        session.close()
        if outer.is_active:
            outer.rollback()
        conn.close()


@pytest.fixture
def app(engine: Engine, db: Session):  # type: ignore[no-untyped-def]
    """The application wired to the test session."""
    application = create_app(engine)

    def _session(request: Request) -> Iterator[Session]:
        # Like the real dependency: a request's writes land together or not at all.
        nested = db.begin_nested()
        try:
            yield db
            db.flush()
            nested.commit()
        except VocmatchError as exc:
            nested.rollback()
            if record_denial(request, db, exc):
                db.flush()
            raise
        except BaseException:
            nested.rollback()
            raise

    application.dependency_overrides[get_session] = _session
    limiter.reset()
    login_failures.reset()
    return application


@pytest.fixture
def client(app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    """An HTTP client for the app (anonymous until it logs in or sends a key)."""
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@dataclass
class Ran:
    """What an operator sees of one ``vocmatch`` command: exit code, stdout and stderr."""

    exit_code: int
    stdout: str
    stderr: str


Cli = Callable[..., Ran]


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Cli]:
    """Run ``vocmatch ARGS`` in-process on a database of its own (settings and engine re-read).

    Domain and database errors end as they do in a real process (``vocmatch.cli.main``): one
    ``error:`` line on stderr and exit code 2 or 3.
    """
    monkeypatch.setenv("VOCMATCH_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("VOCMATCH_LOG_LEVEL", "WARNING")
    get_settings.cache_clear()
    get_engine.cache_clear()
    runner = CliRunner()

    def invoke(*args: str) -> Ran:
        result = runner.invoke(cli_app, list(args))
        ran = Ran(result.exit_code, result.stdout, result.stderr)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            known = error_line(result.exception)
            if known is None:
                raise result.exception
            ran.exit_code, line = known
            ran.stderr += line + "\n"
        return ran

    yield invoke
    get_engine().dispose()
    get_engine.cache_clear()
    get_settings.cache_clear()
