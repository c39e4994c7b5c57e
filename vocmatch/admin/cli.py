"""The operator's commands that span domains: schema, loading, demo accounts, the server.

``vocmatch.cli`` lists them and imports this module only when one of them runs.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer
import uvicorn

from vocmatch import loading
from vocmatch.accounts.demo import DEMO_PASSWORD, ensure_demo_users
from vocmatch.analytics import cache as analytics_cache
from vocmatch.kit import backup, migrate
from vocmatch.kit.config import get_settings
from vocmatch.kit.db import get_engine, transaction
from vocmatch.kit.upsert import LoadCounts

db_app = typer.Typer(help="Database schema (Alembic migrations).", no_args_is_help=True)
load_app = typer.Typer(
    help="Load reference data or the sample deployment (idempotent).", no_args_is_help=True
)


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument(help="Target revision")] = "heads") -> None:
    """Migrate the database to the latest schema."""
    logging.getLogger("alembic.runtime.migration").setLevel(logging.INFO)
    migrate.upgrade(get_engine(), revision)
    typer.echo(f"database at {', '.join(sorted(migrate.current_revisions(get_engine())))}")


@db_app.command("current")
def db_current() -> None:
    """Show the database's revision and whether it is at head."""
    engine = get_engine()
    current = sorted(migrate.current_revisions(engine))
    state = (
        "at head" if migrate.at_head(engine) else f"behind head {sorted(migrate.head_revisions())}"
    )
    typer.echo(f"{', '.join(current) or 'empty'} ({state})")


@db_app.command("backup")
def db_backup(
    path: Annotated[Path, typer.Argument(help="File to write (replaced if it exists)")],
) -> None:
    """Write a consistent copy of the database to PATH while the service runs.

    SQLite: the online backup API. PostgreSQL: pg_dump --format=custom (client tools needed).
    """
    done = backup.backup(get_engine(), path)
    typer.echo(f"backed up to {done.path} ({done.size:,} bytes, {done.method})")


@db_app.command("restore")
def db_restore(
    path: Annotated[Path, typer.Argument(help="A file written by `vocmatch db backup`")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation")] = False,
) -> None:
    """Replace every table of the database with the backup at PATH (stop the service first).

    PostgreSQL: pg_restore --clean --if-exists in one transaction. Then run `vocmatch db upgrade`
    if the backup is older than the code.
    """
    if not yes:
        typer.confirm(f"Replace the contents of the database with {path}?", abort=True)
    done = backup.restore(get_engine(), path)
    analytics_cache.forget_saved()  # the saved projection was of the replaced contents
    typer.echo(f"restored from {done.path} ({done.method})")
    typer.echo(
        f"database at {', '.join(sorted(migrate.current_revisions(get_engine()))) or 'empty'}"
    )


def _progress(msg: str) -> None:
    typer.echo(f"  · {msg}", err=True)


def _report(what: str, counts: LoadCounts) -> None:
    typer.echo(
        f"{what}: {counts.created} created, {counts.updated} updated, "
        f"{counts.unchanged} unchanged, {counts.deleted} deleted"
    )
    for table, c in counts.tables.items():
        typer.echo(
            f"  {table:24} +{c['created']} ~{c['updated']} ={c['unchanged']} -{c['deleted']}"
        )


@load_app.command("reference")
def load_reference() -> None:
    """Load the national catalogue, occupations and the four chains from data/."""
    _report("reference", loading.load_reference(get_engine(), get_settings().data_dir, _progress))
    analytics_cache.forget_saved()


@load_app.command("sample")
def load_sample() -> None:
    """Load the sample deployment from data/sample/ (schools, enterprises, postings, teachers…)."""
    # Postings are matched here (stale ones only), so a loaded deployment has demand figures.
    _report(
        "sample",
        loading.load_sample(get_engine(), get_settings().data_dir, _progress, match_postings=True),
    )
    analytics_cache.forget_saved()


def demo_users() -> None:
    """Create demo accounts for the sample deployment (development only) and print them."""
    with transaction(get_engine()) as session:
        accounts = ensure_demo_users(session, environment=get_settings().environment)
    for a in accounts:
        state = "created" if a.created else "exists"
        if a.role == "platform":
            key = a.api_key or "(existing key kept; it is not shown again)"
            typer.echo(f"  {a.username:12} {a.role:10} {state:7}  API key: {key}")
        else:
            typer.echo(
                f"  {a.username:12} {a.role:10} {state:7}  password: {DEMO_PASSWORD}  ({a.note})"
            )


def serve(
    host: Annotated[str, typer.Option(help="Interface to bind")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes")] = 1,
    reload: Annotated[bool, typer.Option(help="Reload on code changes (development)")] = False,
) -> None:
    """Serve the API and the web UI with uvicorn.

    SIGTERM stops new connections, lets the requests in flight finish, then exits.
    """
    settings = get_settings()
    uvicorn.run(
        "vocmatch.main:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        reload=reload,
        log_level=settings.log_level.lower(),
        # uvicorn's own lines go to the root logger (text or JSON, like ours); the access line is
        # kit.observe's `http.request`, which carries the request id.
        log_config=None,
        access_log=False,
        # After SIGTERM uvicorn stops accepting, gives the requests in flight this long (admission
        # bounds how many there are), cancels what is left, runs the app's shutdown and ends the
        # process by re-raising the signal: a thread stuck in a query does not keep it alive.
        timeout_graceful_shutdown=int(settings.shutdown_grace_seconds),
    )
