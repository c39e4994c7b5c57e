"""Operator commands for the planner analytics: fit table, chain gaps, indicators, exports."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from vocmatch.analytics import service
from vocmatch.kit.db import transaction
from vocmatch.kit.errors import Invalid
from vocmatch.kit.principal import SYSTEM

analytics_app = typer.Typer(
    help="Planner analytics: programme fit, chain gaps, recommendations, plan indicators.",
    no_args_is_help=True,
)

AsOf = Annotated[
    str | None, typer.Option(help="Day of the open demand, YYYY-MM-DD (default today)")
]


def _as_of(value: str | None) -> date:
    try:
        return date.fromisoformat(value) if value else service.today()
    except ValueError:
        raise Invalid(f"--as-of {value!r} is not a date (YYYY-MM-DD)") from None


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v:.0%}"


@analytics_app.command("fit")
def fit(
    as_of: AsOf = None,
    offered: Annotated[bool, typer.Option(help="Only programmes the district offers")] = True,
) -> None:
    """Print the fit table: demand, graduates, ratio, band and fit score per programme."""
    with transaction(write=False) as session:
        table = service.fit_table(session, principal=SYSTEM, as_of=_as_of(as_of))
    ov = table.overview
    typer.echo(
        f"open demand {ov.demand:g} in {ov.postings} postings on {ov.as_of}; attributed "
        f"{ov.attributed:g}, no programme {ov.unmatched:g}; offerings of {ov.year}"
    )
    typer.echo(
        f"{'code':6} {'programme':16} {'G':>6} {'D':>7} {'r':>6} {'band':10} {'fit':>5}  B/K/A"
    )
    for p in table.programmes:
        if offered and not p.offered:
            continue
        c = p.components
        typer.echo(
            f"{p.code:6} {p.name[:14]:16} {p.graduates:6.0f} {p.demand:7.1f} "
            f"{'—' if p.ratio is None else f'{p.ratio:.2f}':>6} {p.band:10} {p.fit:5.1f}  "
            f"{_pct(c.balance)}/{_pct(c.coverage)}/{_pct(c.relevance)}"
        )


@analytics_app.command("chains")
def chains(as_of: AsOf = None) -> None:
    """Print demand, supply, gap and unmet demand per chain."""
    with transaction(write=False) as session:
        rows = service.chain_gaps(session, principal=SYSTEM, as_of=_as_of(as_of))
    typer.echo(
        f"{'chain':22} {'demand':>8} {'supply':>8} {'gap':>8} {'unmet':>8}  top unmet skills"
    )
    for c in rows:
        skills = "、".join(a.label for a in c.top_unmet_skills[:3])
        typer.echo(
            f"{c.key:22} {c.demand:8.1f} {c.supply:8.1f} {c.gap:8.1f} {c.unmet:8.1f}  {skills}"
        )


@analytics_app.command("recommend")
def recommend(
    as_of: AsOf = None, top: Annotated[int, typer.Option(help="How many actions")] = 15
) -> None:
    """Print the ranked actions with the numbers behind them."""
    with transaction(write=False) as session:
        actions = service.recommendations(session, principal=SYSTEM, as_of=_as_of(as_of))
    for a in actions[:top]:
        extra = "、".join(a.skills or a.enterprises)
        typer.echo(
            f"{a.rank:3} {a.kind:8} {a.programme_code} {a.programme_name[:14]:16} "
            f"places {a.places:+5d}  impact {a.impact:7.1f}  {','.join(a.school_codes)} {extra}"
        )


@analytics_app.command("indicators")
def indicators(as_of: AsOf = None) -> None:
    """Print the plan's indicators: value, date, target, met now and at the deadline."""
    with transaction(write=False) as session:
        items = service.plan_indicators(session, principal=SYSTEM, as_of=_as_of(as_of))

    def shown(i: object, v: float | None) -> str:
        if v is None:
            return "—"
        return f"{v:.0%}" if getattr(i, "unit", "") == "%" else f"{v:g}"

    def met(v: bool | None) -> str:
        return "?" if v is None else "met" if v else "missed"

    for i in items:
        typer.echo(
            f"{i.key:34} {shown(i, i.value):>8} ({i.as_of or '—'}) target {shown(i, i.target):>6}"
            f"  now {met(i.met_now):6}  at {i.deadline}: {shown(i, i.at_deadline):>6} "
            f"{met(i.met_at_deadline):6} [{i.source}]"
        )


@analytics_app.command("export")
def export(
    kind: Annotated[str, typer.Argument(help="fit | offerings | chains | indicators")],
    out: Annotated[Path, typer.Option(help="File to write (.xlsx or .csv)")],
    as_of: AsOf = None,
    lang: Annotated[str, typer.Option(help="zh or en headers")] = "zh",
) -> None:
    """Write an export (audited as the CLI user), the same file the pages offer."""
    fmt = out.suffix.lstrip(".").lower()
    with transaction() as session:
        content, _name, _media = service.export(
            session, principal=SYSTEM, kind=kind, fmt=fmt, lang=lang, as_of=_as_of(as_of)
        )
    out.write_bytes(content)
    typer.echo(f"wrote {out} ({len(content)} bytes)")
