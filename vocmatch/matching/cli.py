"""``vocmatch train | evaluate | match | map-programmes``: the matcher from the command line."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from sqlalchemy.exc import SQLAlchemyError

from vocmatch.industries import mapping
from vocmatch.kit.config import get_settings
from vocmatch.kit.db import get_engine, transaction
from vocmatch.kit.errors import Invalid
from vocmatch.matching import jsonlines, programme_chains, service
from vocmatch.matching.evaluation import report as evaluation
from vocmatch.matching.fitting.training import train as run_training


def train(
    if_needed: Annotated[
        bool, typer.Option("--if-needed", help="Only when the model is missing or stale")
    ] = False,
    tune: Annotated[
        bool,
        typer.Option(help="Learn the weights on held-out public items and data/eval's odd ids"),
    ] = True,
    map_programmes: Annotated[
        bool, typer.Option(help="Also store the programme → chain mapping in the database")
    ] = True,
) -> None:
    """Fit the matcher on data/ and write models/ (arrays + JSON, and model_card.json)."""
    settings = get_settings()
    if if_needed:
        status, detail = service.model_status()
        if status == "ok":
            typer.echo(f"model is up to date ({detail})")
            if map_programmes:
                _map_programmes_if_db(only_if_outdated=detail)
            return
        typer.echo(f"model {status}: training", err=True)
    eval_dir = settings.data_dir / "eval"
    result = run_training(
        data_dir=settings.data_dir,
        models_dir=settings.models_dir,
        eval_dir=eval_dir if eval_dir.is_dir() else None,
        tune=tune,
        text_limit=settings.match_text_limit,
    )
    service.set_model(result.matcher.model_)
    typer.echo(f"trained {result.version} in {result.seconds:.1f} s → {settings.models_dir}")
    if map_programmes:
        _map_programmes_if_db()


def _map_programmes_if_db(only_if_outdated: str | None = None) -> None:
    try:
        with transaction(get_engine()) as session:
            if only_if_outdated and mapping.is_current(session, version=only_if_outdated):
                return
            n = programme_chains.store_model_mappings(session)
    except SQLAlchemyError as exc:
        typer.echo(
            f"programme mapping not stored ({type(exc).__name__}): run `vocmatch db upgrade`, "
            "`vocmatch load reference`, then `vocmatch map-programmes`",
            err=True,
        )
        return
    typer.echo(f"mapped {n} programmes to chains")


def map_programmes() -> None:
    """Compute every programme's chain and segment with the model and store it (overrides kept)."""
    with transaction(get_engine()) as session:
        n = programme_chains.store_model_mappings(session)
    typer.echo(f"mapped {n} programmes to chains")


def evaluate(
    output: Annotated[
        Path | None, typer.Option(help="Write the figures as JSON here (default models/)")
    ] = None,
) -> None:
    """Score the engine and two baselines on held-out public splits and data/eval/."""
    settings = get_settings()
    report = evaluation.run(service.get_runtime().model, settings.data_dir)
    typer.echo(evaluation.format_table(report))
    path = output or settings.models_dir / "evaluation.json"
    evaluation.save(report, path, settings.models_dir)
    typer.echo(f"\nfigures written to {path} and {settings.models_dir / 'model_card.json'}")


def match(
    text: Annotated[str | None, typer.Argument(help="A title or posting text to match")] = None,
    input: Annotated[
        Path | None,
        typer.Option("--input", "-i", help='JSON lines {"id", "title"?, "text"?}; "-" = stdin'),
    ] = None,
    top_k: Annotated[int, typer.Option("--top-k", min=1, max=50)] = 10,
    scope: Annotated[str, typer.Option(help="catalogue | offered")] = "catalogue",
    workers: Annotated[
        int,
        typer.Option(help="Worker processes for --input (0 = one per CPU for files over 1 MB)"),
    ] = 0,
) -> None:
    """Match TEXT (a readable table) or every line of --input (JSON lines, in input order)."""
    if scope not in ("catalogue", "offered"):
        raise Invalid("--scope must be catalogue or offered")
    offered = _offered() if scope == "offered" else None
    service.get_runtime()  # fail early, once, with the command to run
    if input is not None:
        if workers <= 0:
            big = str(input) != "-" and input.stat().st_size > 1_000_000
            workers = min(2, os.cpu_count() or 1) if big else 1
        stream = sys.stdin if str(input) == "-" else input.open(encoding="utf-8")
        with stream:
            jsonlines.run(
                stream, sys.stdout, top_k=top_k, scope=scope, offered=offered, workers=workers
            )
        sys.stdout.flush()
        return
    if not text or not text.strip():
        raise Invalid("give a TEXT to match, or --input FILE.jsonl")
    result = service.match_text(
        title=None, text=text, top_k=top_k, scope=scope, offered_codes=offered
    )
    typer.echo(format_result(result.model_dump()))


def _offered() -> set[str]:
    with transaction(get_engine(), write=False) as session:
        return service.offered_programme_codes(session)


def _bar(score: float, width: int = 20) -> str:
    filled = round(score * width)
    return "█" * filled + "·" * (width - filled)


def format_result(r: dict[str, Any]) -> str:
    """Return a match as a table for people."""
    lines = [f"chain: {r['chain']}", ""]
    for c in r["chains"]:
        lines.append(f"  {c['key']:22} {_bar(c['score'])} {c['score']:.2f}")
    for title, key in (("occupations", "occupations"), ("programmes", "programmes")):
        lines += ["", f"{title}:"]
        for item in r[key]:
            lines.append(f"  {item['code']:11} {item['score']:.2f}  {item['name']}")
            if item["evidence"]:
                lines.append(f"  {'':11}       ↳ {'; '.join(item['evidence'])}")
    return "\n".join(lines)
