"""Operator commands for the Bay Area partnership: indicators, matrix, report, import, uploads."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from vocmatch.kit.db import transaction
from vocmatch.kit.errors import Invalid
from vocmatch.kit.principal import SYSTEM
from vocmatch.partnerships import import_format as import_format_
from vocmatch.partnerships import report, workbook
from vocmatch.partnerships.activities import service
from vocmatch.partnerships.coverage import service as coverage
from vocmatch.partnerships.evidence import service as evidence
from vocmatch.partnerships.year import report_as_of

partnerships_app = typer.Typer(
    help="Bay Area partnership: indicators, five-commons matrix, yearly report, XLSX import.",
    no_args_is_help=True,
)

AsOf = Annotated[str | None, typer.Option(help="Date of the view, YYYY-MM-DD (default: today)")]


def _as_of(value: str | None) -> date:
    try:
        return date.fromisoformat(value) if value else date.today()
    except ValueError:
        raise Invalid(f"--as-of {value!r} is not a date (YYYY-MM-DD)") from None


@partnerships_app.command("indicators")
def indicators(
    as_of: AsOf = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
) -> None:
    """Print the plan's partnership indicators for the district."""
    with transaction(write=False) as session:
        values = service.indicators(session, as_of=_as_of(as_of))
    if as_json:
        typer.echo(
            json.dumps(
                {k: v.model_dump(mode="json") for k, v in values.items()},
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    for key, v in values.items():
        shown = (
            f"{v.value:.0%} ({v.numerator}/{v.denominator})"
            if v.unit == "share" and v.value is not None
            else f"{v.value:g}" + (f" (of {v.denominator})" if v.denominator is not None else "")
            if v.value is not None
            else "—"
        )
        judged = (
            "no target"
            if v.target is None
            else "unknown"
            if v.met is None
            else "met"
            if v.met
            else "not met"
        )
        typer.echo(f"{key:34} {shown:>16}  {judged}  [{v.source}]")


@partnerships_app.command("matrix")
def matrix(
    as_of: AsOf = None,
    featured_only: Annotated[bool, typer.Option(help="Only featured programmes")] = False,
) -> None:
    """Print the programme × five-commons matrix (✓ done, ◔ planned, ✗ missing)."""
    mark = {"done": "✓", "planned": "◔", "missing": "✗"}
    with transaction(write=False) as session:
        m = coverage.five_commons_matrix(session, as_of=_as_of(as_of), featured_only=featured_only)
    typer.echo(
        f"offerings of {m.year}; as of {m.as_of}: done {m.done}, planned {m.planned}, missing {m.missing}"
    )
    for r in m.rows:
        cells = " ".join(mark[c.state] for c in r.cells)
        flags = ",".join(r.flags)
        typer.echo(f"{r.school_code:10} {r.programme_code} {cells}  {r.programme_name} {flags}")


@partnerships_app.command("export")
def export(
    out: Annotated[Path, typer.Argument(help="XLSX file to write")],
    year: Annotated[int | None, typer.Option(help="Report year (default: this year)")] = None,
    lang: Annotated[str, typer.Option(help="zh | en")] = "zh",
    import_format: Annotated[
        bool, typer.Option("--import-format", help="Keys and codes, to edit and import back")
    ] = False,
) -> None:
    """Write the year's partnership report for every school, or its records in the import
    format (audited as an export)."""
    year = year or date.today().year
    with transaction() as session:
        if import_format:
            content = import_format_.export_workbook(session, principal=SYSTEM, year=year)
        else:
            content = report.export_report(
                session, principal=SYSTEM, year=year, as_of=report_as_of(year), lang=lang
            )
    out.write_bytes(content)
    typer.echo(f"wrote {out} ({len(content)} bytes)")


@partnerships_app.command("import")
def import_workbook(
    path: Annotated[Path, typer.Argument(help="XLSX with partners/agreements/activities sheets")],
) -> None:
    """Create or update partners, agreements and activities by key (all rows or none)."""
    with transaction() as session:
        result = workbook.import_workbook(session, principal=SYSTEM, content=path.read_bytes())
    for sheet in ("partners", "agreements", "activities"):
        typer.echo(
            f"{sheet:11} +{result.created.get(sheet, 0)} ~{result.updated.get(sheet, 0)} "
            f"={result.unchanged.get(sheet, 0)}"
        )


@partnerships_app.command("prune-uploads")
def prune_uploads(
    min_age_hours: Annotated[int, typer.Option(help="Keep blobs younger than this")] = 1,
) -> None:
    """Delete evidence blobs no evidence row refers to any more."""
    with transaction(write=False) as session:
        removed = evidence.prune_blobs(session, min_age_seconds=min_age_hours * 3600)
    typer.echo(f"removed {len(removed)} unreferenced file(s)")
