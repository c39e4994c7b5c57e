"""``vocmatch evaluate``: the engine beside two plain baselines, on data nobody here wrote.

Splits (see :mod:`~vocmatch.matching.fitting.splits`), all in one run:

* ``market``, ``work_type``, ``crosswalk`` — the held-out fold of occupations: the engine is a
  model fitted **without** those occupations' titles and programme links (same weights);
* ``team/odd``, ``team/even`` — the team's development set (postings and titles), scored by the
  served model; odd ids took part in tuning, even ids did not;
* ``links`` — the official 高职 职业面向 texts → 中职 programmes (team-built from public data).

The baselines (:mod:`~vocmatch.matching.evaluation.baselines`) read the same items.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from vocmatch.kit.errors import VocmatchError
from vocmatch.matching.engine.fitted import FittedModel
from vocmatch.matching.evaluation import metrics
from vocmatch.matching.evaluation.baselines import RapidfuzzBaseline, TfidfBaseline
from vocmatch.matching.evaluation.bilingual import bilingual_agreement
from vocmatch.matching.fitting.devset import Item, load
from vocmatch.matching.fitting.estimator import Matcher
from vocmatch.matching.fitting.holdout import TEST_FOLD, fold_codes
from vocmatch.matching.fitting.reference import ReferenceData, read_reference
from vocmatch.matching.fitting.splits import SOURCES, public_items
from vocmatch.matching.text import normalise

TOP_K = 5
# The bilingual pairs: those the glossary was written with, and those written before this
# round's glossary and weights (data/eval/README.md)
BILINGUAL = {"bilingual": "bilingual.jsonl", "bilingual_heldout": "bilingual_heldout.jsonl"}
PUBLIC = SOURCES


def _engine_preds(matcher: Matcher, items: list[Item]) -> list[dict[str, Any]]:
    """Return the engine's ranking (top 5 whatever the score) and its thresholded lists."""
    results = matcher.runtime.match(
        [(i.title, i.text) for i in items],
        top_k=TOP_K,
        allowed_programmes=None,
        listed_only=False,
    )
    least = matcher.model_.thresholds
    out = []
    for r in results:
        occs, progs = r["occupations"], r["programmes"]
        out.append(
            {
                "chain": r["chain"],
                "chain_score": r["chains"][0]["score"],
                "occupations": [o["code"] for o in occs],
                "occupation_score": occs[0]["score"] if occs else 0.0,
                "programmes": [p["code"] for p in progs],
                "programme_score": progs[0]["score"] if progs else 0.0,
                "occupations_listed": [
                    o["code"] for o in occs if o["score"] >= least.get("occupation", 0.0)
                ],
                "programmes_listed": [
                    p["code"] for p in progs if p["score"] >= least.get("programme", 0.0)
                ],
            }
        )
    return out


def _split(item: Item) -> str:
    if item.source in PUBLIC:
        return item.source
    if item.source == "links":
        return f"links/{item.half}"
    return f"team/{item.half}"


def _query(item: Item, limit: int) -> str:
    return normalise(f"{item.title} {item.text[:limit]}")


def held_out_matcher(model: FittedModel, ref: ReferenceData) -> Matcher:
    """Return a matcher like ``model`` (same weights) fitted without the test fold's titles/links."""
    codes = sorted(fold_codes(list(ref.occupations["code"]), TEST_FOLD))
    params = Matcher.from_model(model).get_params()
    params["holdout"] = tuple(codes)
    return Matcher(**params).fit(ref)


def run(model: FittedModel, data_dir: Path) -> dict[str, Any]:
    """Return the report: metrics per method and split, calibration, bilingual agreement."""
    team = [i for i in load(data_dir / "eval") if not (i.source == "links" and i.text_suspect)]
    if not team:
        raise VocmatchError(f"no development set in {data_dir / 'eval'} (postings.jsonl…)")
    ref = read_reference(data_dir)
    public = public_items(ref, fold_codes(list(ref.occupations["code"]), TEST_FOLD))
    started = time.perf_counter()
    held = held_out_matcher(model, ref)
    fit_seconds = time.perf_counter() - started
    full = Matcher.from_model(model)
    items = public + team
    started = time.perf_counter()
    engine = _engine_preds(held, public) + _engine_preds(full, team)
    engine_seconds = time.perf_counter() - started
    preds: dict[str, list[dict[str, Any]]] = {"engine": engine}
    queries = [_query(i, model.text_limit) for i in items]
    for cls in (TfidfBaseline, RapidfuzzBaseline):
        baseline = cls(model, ref)
        tune = [
            k for k in range(len(public), len(items)) if items[k].chain and items[k].half == "odd"
        ]
        baseline.fit_threshold([queries[k] for k in tune], [items[k].chain or "" for k in tune])
        preds[baseline.kind] = baseline.predict(queries)
    splits: dict[str, list[int]] = defaultdict(list)
    for k, item in enumerate(items):
        splits[_split(item)].append(k)
    report: dict[str, Any] = {
        "methods": {
            method: {
                name: metrics.score([items[k] for k in idx], [p[k] for k in idx])
                for name, idx in sorted(splits.items())
            }
            for method, p in preds.items()
        },
        "calibration": {
            name: metrics.calibration([items[k] for k in idx], [engine[k] for k in idx])
            for name, idx in sorted(splits.items())
        },
        "held_out_occupations": len(held.model_.holdout),
        "held_out_fit_seconds": round(fit_seconds, 1),
        "engine_ms_per_item": round(1000 * engine_seconds / max(1, len(items)), 3),
        "thresholds": model.thresholds,
    }
    for key, name in BILINGUAL.items():
        if (data_dir / "eval" / name).exists():
            report[key] = bilingual_agreement(full, data_dir / "eval" / name)
    return report


def _fmt(v: float | None) -> str:
    return "   –  " if v is None else f"{100 * v:5.1f}%"


def format_table(report: dict[str, Any]) -> str:
    """Return the report as text tables: one row per split and method, then calibration."""
    cols = (*(m for m in metrics.METRICS if m.startswith(("occ", "prog"))), "chain_acc")
    header = f"{'split':16} {'method':10} {'n':>5} " + " ".join(f"{c:>11}" for c in cols)
    lines = [
        "",
        "Engine vs plain baselines (public splits: a model fitted without them). top1/top5: the",
        "ranking; listed: the right answer is in the thresholded list (mean length in brackets).",
        "",
    ]
    lines += [header, "-" * len(header)]
    methods = report["methods"]
    for split in methods["engine"]:
        for method in methods:
            m = methods[method][split]
            cells = []
            for c in cols:
                length = m.get(c.replace("_listed", "_list_length")) if "listed" in c else None
                cells.append(f"{_fmt(m[c])} ({length:.1f})" if length is not None else _fmt(m[c]))
            lines.append(
                f"{split:16} {method:10} {m['n']:>5} " + " ".join(f"{c:>11}" for c in cells)
            )
        lines.append("")
    lines += ["Calibration of the engine's top answer (bins: share right of n, mean score)", ""]
    for split, kinds in report["calibration"].items():
        for kind, c in kinds.items():
            if not c["n"]:
                continue
            bins = "  ".join(
                f"{b['bin']}: {b['accuracy'] * 100:.0f}% of {b['n']} ({b['mean_score']:.2f})"
                for b in c["bins"]
            )
            lines.append(f"{split:16} {kind:10} ECE {c['ece']:.3f}  {bins}")
    for key, label in (("bilingual", "Bilingual pairs"), ("bilingual_heldout", "Held-out pairs")):
        if key in report:
            b = report[key]
            lines += [
                "",
                f"{label}: the English and Chinese text share the top occupation in "
                f"{100 * b['agreement']:.1f} % of {b['n']} pairs (English top-1 right "
                f"{100 * b['english_top1']:.1f} %, Chinese {100 * b['chinese_top1']:.1f} %).",
            ]
    lines += [
        "",
        f"Held-out model: {report['held_out_occupations']} occupations without titles or "
        f"links, fitted in {report['held_out_fit_seconds']} s. Thresholds: "
        f"{report['thresholds']}.",
    ]
    return "\n".join(lines)


def save(report: dict[str, Any], path: Path, models_dir: Path) -> None:
    """Write the report to ``path`` and into the model card."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    card_path = models_dir / "model_card.json"
    if card_path.exists():
        card = json.loads(card_path.read_text(encoding="utf-8"))
        card["evaluation"] = report
        card_path.write_text(
            json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
