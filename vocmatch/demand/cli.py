"""Operator commands for postings: re-match after a retrain, import an HR export."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vocmatch.demand.imports import service as imports
from vocmatch.demand.matches import rematch
from vocmatch.kit.db import get_engine, transaction
from vocmatch.kit.principal import SYSTEM

postings_app = typer.Typer(help="Demand postings: re-match, import.", no_args_is_help=True)


@postings_app.command("rematch")
def rematch_cmd(
    all_: Annotated[
        bool, typer.Option("--all", help="Re-match every posting, not only stale ones")
    ] = False,
) -> None:
    """Re-match postings matched by another model version (or all), showing progress."""

    def progress(done: int, total: int) -> None:
        pct = 100 * done // total if total else 100
        typer.echo(f"\r  re-matched {done:>7} / {total} postings ({pct:3d} %)", nl=False, err=True)

    counts = rematch.rematch(
        get_engine(), scope="all" if all_ else "stale", actor="cli", progress=progress
    )
    typer.echo("", err=True)
    typer.echo(
        f"re-matched {counts.done} of {counts.total} postings; {counts.chain_changed} changed chain"
    )


@postings_app.command("import")
def import_cmd(
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="CSV or XLSX file")],
    write: Annotated[bool, typer.Option("--write", help="Write (default: dry run)")] = False,
    valid_only: Annotated[
        bool, typer.Option("--valid-only", help="Write the valid rows, skip bad ones")
    ] = False,
) -> None:
    """Check (and with --write, import) postings from an HR clerk's CSV/XLSX export."""
    with transaction(get_engine()) as session:
        report = imports.run_import(
            session,
            principal=SYSTEM,
            data=path.read_bytes(),
            filename=path.name,
            dry_run=not write,
            mode="valid_only" if valid_only else "all",
        )
    typer.echo(
        f"{report.filename}: {report.format} {report.encoding or ''} · {report.rows} rows, "
        f"{report.valid} valid"
    )
    for e in report.errors:
        typer.echo(f"  row {e['row']}, field '{e['field']}': {e['message']}")
    if report.written:
        typer.echo(
            f"imported: {report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged; skipped rows {report.skipped_rows or 'none'}"
        )
