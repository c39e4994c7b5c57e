"""The ``vocmatch`` command: the operator's entry point. It calls the same services as the API.

Each command lives in its domain's ``cli.py`` and is imported only when it runs (or its own
``--help`` is asked): ``vocmatch --help`` loads Typer and this list, not scikit-learn, pandas,
FastAPI or SQLAlchemy, so it answers at once.
"""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

LISTING = "vocmatch.listing"
# Typer ≥ 0.2x carries its own copy of click; contexts and commands are typed ``Any`` below so this
# module does not depend on which click that is.


@dataclass(frozen=True)
class Lazy:
    """Where a command lives (``module:attribute``, a Typer app or a function) and its help line."""

    target: str
    help: str

    def load(self, name: str) -> Any:
        """Import the command's module and return it as a click command called ``name``."""
        module, attribute = self.target.split(":")
        found = getattr(importlib.import_module(module), attribute)
        command: Any
        if isinstance(found, typer.Typer):
            command = typer.main.get_group(found)  # a group even with one command
        else:  # a function: one command
            single = typer.Typer()
            single.command(name)(found)
            command = typer.main.get_command(single)
        command.name = name
        return command


# In the order `vocmatch --help` lists them. tests/core/test_cli.py checks each help line against
# the command's own.
COMMANDS: dict[str, Lazy] = {
    "db": Lazy("vocmatch.admin.cli:db_app", "Database schema (Alembic migrations)."),
    "load": Lazy(
        "vocmatch.admin.cli:load_app",
        "Load reference data or the sample deployment (idempotent).",
    ),
    "users": Lazy(
        "vocmatch.accounts.cli:users_app",
        "Create, list and revoke users (people and machine clients).",
    ),
    "keys": Lazy(
        "vocmatch.accounts.cli:keys_app",
        "Create, list and revoke API keys (the secret is shown once).",
    ),
    "postings": Lazy("vocmatch.demand.cli:postings_app", "Demand postings: re-match, import."),
    "train": Lazy(
        "vocmatch.matching.cli:train",
        "Fit the matcher on data/ and write models/ (arrays + JSON, and model_card.json).",
    ),
    "evaluate": Lazy(
        "vocmatch.matching.cli:evaluate",
        "Score the engine and two baselines on held-out public splits and data/eval/.",
    ),
    "match": Lazy(
        "vocmatch.matching.cli:match",
        "Match TEXT (a readable table) or every line of --input (JSON lines, in input order).",
    ),
    "map-programmes": Lazy(
        "vocmatch.matching.cli:map_programmes",
        "Compute every programme's chain and segment with the model and store it (overrides kept).",
    ),
    "partnerships": Lazy(
        "vocmatch.partnerships.cli:partnerships_app",
        "Bay Area partnership: indicators, five-commons matrix, yearly report, XLSX import.",
    ),
    "teachers": Lazy(
        "vocmatch.teachers.cli:teachers_app",
        "Dual-qualified (双师型) teachers: shares, projection, action list, rules.",
    ),
    "analytics": Lazy(
        "vocmatch.analytics.cli:analytics_app",
        "Planner analytics: programme fit, chain gaps, recommendations, plan indicators.",
    ),
    "sample": Lazy("vocmatch.sample_summary:sample_app", "The sample deployment (data/sample/)."),
    "demo-users": Lazy(
        "vocmatch.admin.cli:demo_users",
        "Create demo accounts for the sample deployment (development only) and print them.",
    ),
    "serve": Lazy("vocmatch.admin.cli:serve", "Serve the API and the web UI with uvicorn."),
}


class LazyGroup(TyperGroup):
    """The top-level group: commands are imported on first use; the listing reads ``COMMANDS``."""

    def list_commands(self, ctx: Any) -> list[str]:
        """Return every command name, in ``COMMANDS`` order."""
        return [*super().list_commands(ctx), *COMMANDS]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """Return the command; while the help is listed, a stand-in that carries its help line."""
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        lazy = COMMANDS.get(cmd_name)
        if lazy is None:
            return None
        if ctx.meta.get(LISTING):
            return TyperCommand(cmd_name, help=lazy.help)
        return lazy.load(cmd_name)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """Print the help without importing any command."""
        ctx.meta[LISTING] = True
        try:
            super().format_help(ctx, formatter)
        finally:
            ctx.meta[LISTING] = False


app = typer.Typer(
    cls=LazyGroup,
    help="vocmatch — vocational programmes ↔ industry demand.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@app.callback()
def _main() -> None:
    # Logging and the cross-layer hooks, once a command is about to run (not for `--help`).
    importlib.import_module("vocmatch.wiring").configure_cli()


def error_line(exc: BaseException) -> tuple[int, str] | None:
    """Return (exit code, message) for a domain or database error, None for anything else.

    The error classes are looked up among the modules already imported: an error of a module that
    was never imported cannot have been raised, and importing them here would slow every command.
    """
    errors: Any = sys.modules.get("vocmatch.kit.errors")
    if errors is not None and isinstance(exc, errors.VocmatchError):
        return 2, f"error: {exc.message}"
    database: Any = sys.modules.get("sqlalchemy.exc")
    if database is not None and isinstance(exc, database.SQLAlchemyError):
        detail = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        return 3, f"error: database: {detail}"
    return None


def main() -> None:
    """Run the CLI; domain and database errors become one clear line (exit 2 and 3)."""
    try:
        app()  # standalone mode: usage errors print a short message and exit 2
    except Exception as exc:
        known = error_line(exc)
        if known is None:
            raise
        code, message = known
        typer.echo(message, err=True)
        sys.exit(code)
