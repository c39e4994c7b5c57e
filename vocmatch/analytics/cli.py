"""Operator commands for the planner analytics: fit table, chain gaps, indicators, exports."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from vocmatch.analytics import service
from vocmatch.analytics.plan import service as plans
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
    """Print the fit table: hires a year, graduates entering work, ratio, band, evidence."""
    with transaction(write=False) as session:
        table = service.fit_table(session, principal=SYSTEM, as_of=_as_of(as_of))
    ov = table.overview
    typer.echo(
        f"{ov.demand} hires a year posted {ov.window_start}–{ov.as_of} ({ov.postings} postings, "
        f"{ov.vacancies} after reposts); attributed {ov.attributed}, unserved {ov.unserved}, "
        f"no programme {ov.unmatched}; internships {ov.placements}, cohorts {ov.cohort}; "
        f"offerings of {ov.year}"
    )
    typer.echo(
        f"{'code':6} {'programme':16} {'G':>5} {'E':>5} {'D':>5} {'r':>6} {'band':22} "
        f"{'fit':>5}  evidence"
    )
    for p in table.programmes:
        if offered and not p.offered:
            continue
        ev = p.evidence
        typer.echo(
            f"{p.code:6} {p.name[:14]:16} {p.graduates:5d} {p.employed:5d} {p.demand:5d} "
            f"{'—' if p.ratio is None else f'{p.ratio:.2f}':>6} {p.band:22} "
            f"{'—' if p.fit is None else f'{p.fit:.1f}':>5}  {ev.postings} postings / "
            f"{ev.enterprises} enterprises"
        )


@analytics_app.command("chains")
def chains(as_of: AsOf = None) -> None:
    """Print hires a year against graduates entering work, per chain."""
    with transaction(write=False) as session:
        rows = service.chain_gaps(session, principal=SYSTEM, as_of=_as_of(as_of))
    typer.echo(
        f"{'chain':22} {'hires':>6} {'grads':>6} {'work':>6} {'gap':>6} {'unmet':>6}  "
        "top unmet skills"
    )
    for c in rows:
        skills = "、".join(a.label for a in c.top_unmet_skills[:3])
        typer.echo(
            f"{c.key:22} {c.demand:6d} {c.graduates:6d} {c.supply:6d} {c.gap:6d} {c.unmet:6d}  "
            f"{skills}"
        )


@analytics_app.command("recommend")
def recommend(
    as_of: AsOf = None,
    school: Annotated[
        str | None, typer.Option(help="One school's code (default: district)")
    ] = None,
    max_change: Annotated[float | None, typer.Option(help="Largest change, e.g. 0.3")] = None,
) -> None:
    """Print the optimiser's intake plan: actions, checks and the effect on the indicators."""
    with transaction(write=False) as session:
        plan = plans.recommendations(
            session, principal=SYSTEM, as_of=_as_of(as_of), school=school, max_change=max_change
        )
    typer.echo(
        f"plan {plan.plan_year} for {', '.join(plan.scope)}: intake {plan.intake_before} → "
        f"{plan.intake_after} (trajectory needs {plan.required_change:+d}); objective "
        f"{plan.objective_before.total} → {plan.objective_after.total}; {plan.status} in "
        f"{plan.seconds:.2f} s"
    )
    for a in plan.actions:
        warn = f"  ⚠ {', '.join(a.warnings)}" if a.warnings else ""
        typer.echo(
            f"{a.rank:3} {a.kind:7} {a.school_code:6} {a.programme_code} "
            f"{a.programme_name[:14]:16} {a.intake_before:4d} → {a.intake_after:4d} "
            f"({a.places:+d})  D {a.demand}  E {a.supply_before}→{a.supply_after}{warn}"
        )
    for c in plan.checks:
        if not c.ok or c.key in ("trajectory", "not_falling"):
            typer.echo(
                f"check {c.key:12} {'ok' if c.ok else 'NOT MET'} {c.subject} "
                f"required {c.required} planned {c.planned}"
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
