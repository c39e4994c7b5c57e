"""``vocmatch teachers …``: the dual-qualified figures and the rule file from the command line.

The same services as the API and the pages; the operator acts as the system administrator and
every roster read is audited as ``cli:system``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from vocmatch.kit.db import get_engine, transaction
from vocmatch.kit.principal import SYSTEM
from vocmatch.teachers.dual_qualified.rules import load_rules
from vocmatch.teachers.roster import service as roster
from vocmatch.teachers.shares import service

teachers_app = typer.Typer(
    help="Dual-qualified (双师型) teachers: shares, projection, action list, rules.",
    no_args_is_help=True,
)

AsOf = Annotated[str | None, typer.Option(help="Evaluate on this date (YYYY-MM-DD; default today)")]
School = Annotated[str | None, typer.Option(help="School code (default: the district)")]


def _day(value: str | None) -> date:
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"not a date: {value!r} (use YYYY-MM-DD)") from None


def _pct(v: float) -> str:
    return f"{v * 100:5.1f} %"


@teachers_app.command("share")
def share(
    as_of: AsOf = None,
    by: Annotated[str, typer.Option(help="school | programme | chain")] = "school",
    school: School = None,
) -> None:
    """Print the dual-qualified share and its breakdown."""
    if by not in ("school", "programme", "chain"):
        raise typer.BadParameter("--by must be school, programme or chain")
    with transaction(get_engine(), write=False) as session:
        out = service.shares(session, as_of=_day(as_of), by=by, school_code=school)
    d = out.district
    typer.echo(
        f"{school or 'district'} on {d.as_of}: {_pct(d.value)} ({d.numerator}/{d.denominator}), "
        f"{d.teachers_short} short of {d.target:.0%} · rules {d.rule_set_version}"
    )
    for g in out.groups:
        typer.echo(f"  {g.key:24} {_pct(g.value)}  {g.numerator:3}/{g.denominator:<3} {g.name}")


@teachers_app.command("projection")
def projection(
    as_of: AsOf = None,
    school: School = None,
    chosen_date: Annotated[str | None, typer.Option(help="Project to this date")] = None,
) -> None:
    """Print the trend, the 2025 target (met or missed) and when 50 % is reached at this pace."""
    with transaction(get_engine(), write=False) as session:
        p = service.projection(
            session,
            as_of=_day(as_of),
            school_code=school,
            chosen_date=_day(chosen_date) if chosen_date else None,
        )
    typer.echo(
        f"{p.scope} on {p.as_of}: {_pct(p.current.value)} ({p.current.numerator}/{p.current.denominator})"
    )
    typer.echo(f"  model: {p.model}")
    typer.echo(
        f"  pace: {p.pace_per_month * 100:+.2f} points/month, {p.pace_teachers_per_month:+.2f} teachers/month"
    )
    actual = "actual" if p.share_on_target_date_is_actual else "projected"
    typer.echo(
        f"  target {p.target:.0%} by {p.target_date}: {p.target_status} ({actual} {_pct(p.share_on_target_date).strip()})"
    )
    typer.echo(
        f"  reached at the current pace: {p.reach_date or 'never (the share is not rising)'}"
    )
    typer.echo(
        f"  by {p.chosen_date}: projected {_pct(p.projected_on_chosen_date).strip()}; "
        f"{p.current.teachers_short} more teachers needed = {p.teachers_per_month_needed:.2f} per month"
    )
    for point in p.history:
        typer.echo(f"    {point.month}  {_pct(point.value)}  {point.numerator}/{point.denominator}")


@teachers_app.command("actions")
def actions(as_of: AsOf = None, school: School = None) -> None:
    """Print the near-qualified list and the shortest list of actions reaching 50 % (audited)."""
    with transaction(get_engine()) as session:
        plan = roster.action_plan(session, principal=SYSTEM, as_of=_day(as_of), school_code=school)
    c = plan.current
    typer.echo(
        f"{plan.scope} on {plan.as_of}: {_pct(c.value)} ({c.numerator}/{c.denominator}), {c.teachers_short} short"
    )
    typer.echo(f"near-qualified ({len(plan.near_qualified)}):")
    for a in plan.near_qualified:
        gaps = "; ".join(f"{g.kind} {g.have:g}/{g.need:g}" for g in a.gaps)
        lapsed = f" (lapsed {a.lapsed_on})" if a.lapsed_on else ""
        typer.echo(f"  {a.teacher.staff_no:12} {a.effort_days:5.0f} d  {gaps}{lapsed}")
    typer.echo(
        f"plan to {c.target:.0%} ({len(plan.plan)} actions, {plan.plan_effort_days:.0f} days):"
    )
    for a in plan.plan:
        typer.echo(
            f"  {a.teacher.staff_no:12} {a.effort_days:5.0f} d  → {_pct(a.share_after or 0)}"
        )


@teachers_app.command("check-rules")
def check_rules(
    path: Annotated[
        Path | None, typer.Argument(help="Rule file (default: the deployment's)")
    ] = None,
) -> None:
    """Validate a dual-qualified rule file and print its version and levels."""
    rules = load_rules(path)
    typer.echo(f"{rules.path}: valid, version {rules.version}")
    for lvl in rules.rules.levels:
        typer.echo(f"  {lvl.id:10} {lvl.level:13} {lvl.name.zh}")
