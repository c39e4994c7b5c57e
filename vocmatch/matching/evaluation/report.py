"""``vocmatch evaluate``: the engine beside two baselines on the development set in data/eval/.

Items with an odd id were used to tune the engine's weights (and the baselines' thresholds);
items with an even id were not, so the ``even`` rows are the honest ones. Text scoring of the
official programme links skips the ``text_suspect`` ones (their text belongs to a neighbour).
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from sklearn.base import clone

from vocmatch.kit.errors import VocmatchError
from vocmatch.matching.engine.fitted import FittedModel
from vocmatch.matching.evaluation.baselines import NameBaseline, TfidfNameBaseline
from vocmatch.matching.fitting.devset import Item, hit_at, load
from vocmatch.matching.fitting.estimator import Matcher
from vocmatch.matching.fitting.reference import read_reference
from vocmatch.matching.text import normalise

METRICS = (
    "chain_acc",
    "chain_acc_lenient",
    "none_recall",
    "occ_top1",
    "occ_top5",
    "prog_top1",
    "prog_top5",
)


def _usable(item: Item) -> bool:
    return not (item.source == "links" and item.text_suspect)


def score(items: list[Item], preds: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the metrics of ``preds`` (``{"chain", "occupations", "programmes"}``) on ``items``."""
    sums: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    for item, p in zip(items, preds, strict=True):
        if item.chain:
            counts["chain"] += 1
            sums["chain_acc"] += p["chain"] == item.chain
            sums["chain_acc_lenient"] += p["chain"] == item.chain or p["chain"] in item.chain_alt
            if item.chain == "none":
                counts["none"] += 1
                sums["none_recall"] += p["chain"] == "none"
        if item.occupations:
            counts["occ"] += 1
            sums["occ_top1"] += hit_at(p["occupations"], item.occupations, 1, occupations=True)
            sums["occ_top5"] += hit_at(p["occupations"], item.occupations, 5, occupations=True)
        if item.programmes:
            counts["prog"] += 1
            sums["prog_top1"] += hit_at(p["programmes"], item.programmes, 1, occupations=False)
            sums["prog_top5"] += hit_at(p["programmes"], item.programmes, 5, occupations=False)
    out: dict[str, Any] = {"n": len(items)}
    for metric in METRICS:
        base = {"chain": "chain", "none": "none", "occ": "occ", "prog": "prog"}[
            "none" if metric == "none_recall" else metric.split("_")[0]
        ]
        n = counts[base]
        out[metric] = round(sums[metric] / n, 3) if n else None
    out["n_chain"], out["n_occ"], out["n_prog"] = counts["chain"], counts["occ"], counts["prog"]
    return out


def _engine_preds(matcher: Matcher, items: list[Item]) -> list[dict[str, Any]]:
    results = matcher.match([(i.title, i.text) for i in items], top_k=5)
    return [
        {
            "chain": r["chain"],
            "chain_score": r["chains"][0]["score"],
            "occupations": [o["code"] for o in r["occupations"]],
            "occupation_score": r["occupations"][0]["score"] if r["occupations"] else 0.0,
            "programmes": [p["code"] for p in r["programmes"]],
            "programme_score": r["programmes"][0]["score"] if r["programmes"] else 0.0,
        }
        for r in results
    ]


BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0001)


def calibration(items: list[Item], preds: list[dict[str, Any]]) -> dict[str, Any]:
    """Return, per answer kind, how often a top answer with score in each bin was right.

    A calibrated score of 0.8 is right about 80 % of the time. ``ece`` is the expected
    calibration error: the item-weighted mean |accuracy − mean score| over the bins.
    """
    out: dict[str, Any] = {}
    for kind, score_key in (
        ("chain", "chain_score"),
        ("occupation", "occupation_score"),
        ("programme", "programme_score"),
    ):
        pairs = []
        for item, p in zip(items, preds, strict=True):
            if kind == "chain" and item.chain:
                pairs.append((p[score_key], p["chain"] == item.chain))
            elif kind == "occupation" and item.occupations and p["occupations"]:
                pairs.append(
                    (p[score_key], hit_at(p["occupations"], item.occupations, 1, occupations=True))
                )
            elif kind == "programme" and item.programmes and p["programmes"]:
                pairs.append(
                    (p[score_key], hit_at(p["programmes"], item.programmes, 1, occupations=False))
                )
        bins = []
        ece = 0.0
        for lo, hi in zip(BINS, BINS[1:], strict=False):
            inside = [(s, ok) for s, ok in pairs if lo <= s < hi]
            if not inside:
                continue
            mean = sum(s for s, _ in inside) / len(inside)
            acc = sum(ok for _, ok in inside) / len(inside)
            ece += len(inside) / len(pairs) * abs(acc - mean)
            bins.append(
                {
                    "bin": f"{lo:.1f}–{min(hi, 1.0):.1f}",
                    "n": len(inside),
                    "mean_score": round(mean, 3),
                    "accuracy": round(acc, 3),
                }
            )
        out[kind] = {"bins": bins, "ece": round(ece, 3), "n": len(pairs)}
    return out


def _query(item: Item, limit: int) -> str:
    return normalise(f"{item.title} {item.text[:limit]}")


def _groups(items: list[Item]) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        dataset = "links" if item.source == "links" else "postings+titles"
        for half in (item.half, "all"):
            groups[f"{dataset}/{half}"].append(i)
    return groups


def run(model: FittedModel, data_dir: Path) -> dict[str, Any]:
    """Return the report: metrics per method, dataset and half, plus per-style breakdowns."""
    matcher = Matcher.from_model(model)
    items = [i for i in load(data_dir / "eval") if _usable(i)]
    if not items:
        raise VocmatchError(f"no development set in {data_dir / 'eval'} (postings.jsonl…)")
    started = time.perf_counter()
    preds = {"engine": _engine_preds(matcher, items)}
    engine_seconds = time.perf_counter() - started
    if matcher.use_aliases:
        # The same engine without the everyday-title table: the conservative figure, since
        # common titles of that table (会计, 保安…) also occur in the development set.
        bare = clone(matcher).set_params(use_aliases=False).fit(read_reference(data_dir))
        preds["engine_no_alias"] = _engine_preds(bare, items)
    queries = [_query(i, matcher.text_limit) for i in items]
    for cls in (NameBaseline, TfidfNameBaseline):
        baseline = cls(model)
        tune = [k for k, i in enumerate(items) if i.chain and i.half == "odd"]
        baseline.fit_threshold([queries[k] for k in tune], [items[k].chain or "" for k in tune])
        preds[baseline.kind] = baseline.predict(queries)
    report: dict[str, Any] = {"methods": {}, "by_style": {}, "items": len(items)}
    for method, p in preds.items():
        report["methods"][method] = {
            name: score([items[k] for k in idx], [p[k] for k in idx])
            for name, idx in sorted(_groups(items).items())
        }
    styles: dict[str, list[int]] = defaultdict(list)
    for k, item in enumerate(items):
        if item.source == "postings":
            styles[item.style].append(k)
    report["by_style"] = {
        style: score([items[k] for k in idx], [preds["engine"][k] for k in idx])
        for style, idx in sorted(styles.items())
    }
    even = [k for k, item in enumerate(items) if item.half == "even"]
    report["calibration_even"] = calibration(
        [items[k] for k in even], [preds["engine"][k] for k in even]
    )
    report["engine_ms_per_item"] = round(1000 * engine_seconds / max(1, len(items)), 3)
    report["misses"] = [
        {"id": items[k].id, "gold": items[k].chain, "got": preds["engine"][k]["chain"]}
        for k in range(len(items))
        if items[k].chain
        and preds["engine"][k]["chain"] != items[k].chain
        and items[k].half == "odd"
    ]
    return report


def _fmt(v: float | None) -> str:
    return "   –  " if v is None else f"{100 * v:5.1f}%"


def format_table(report: dict[str, Any]) -> str:
    """Return the report as text tables (one per dataset)."""
    lines: list[str] = []
    methods = report["methods"]
    for dataset, cols in (
        ("postings+titles", METRICS),
        ("links", ("occ_top1", "occ_top5", "prog_top1", "prog_top5")),
    ):
        title = (
            "Development set: hand-labelled postings and titles"
            if dataset == "postings+titles"
            else "Official programme links (高职 职业面向 text → 中职 programmes, occupations)"
        )
        lines += ["", title, ""]
        header = f"{'method':16} {'half':5} {'n':>4} " + " ".join(f"{c:>9}" for c in cols)
        lines += [header, "-" * len(header)]
        for half in ("odd", "even", "all"):
            for method in methods:
                m = methods[method].get(f"{dataset}/{half}")
                if not m:
                    continue
                row = f"{method:16} {half:5} {m['n']:>4} " + " ".join(
                    f"{_fmt(m[c]):>9}" for c in cols
                )
                lines.append(row)
            lines.append("")
    lines += ["Engine by posting style (both halves)", ""]
    header = f"{'style':12} {'n':>4} " + " ".join(
        f"{c:>9}" for c in ("chain_acc", "occ_top5", "prog_top5")
    )
    lines += [header, "-" * len(header)]
    for style, m in report["by_style"].items():
        lines.append(
            f"{style:12} {m['n']:>4} "
            + " ".join(f"{_fmt(m[c]):>9}" for c in ("chain_acc", "occ_top5", "prog_top5"))
        )
    lines += [
        "",
        "Calibration on the held-out (even) half: top answer's score vs how often it is right",
        "",
    ]
    for kind, c in report.get("calibration_even", {}).items():
        cells = "  ".join(
            f"{b['bin']}: {b['accuracy'] * 100:.0f}% of {b['n']} (mean {b['mean_score']:.2f})"
            for b in c["bins"]
        )
        lines.append(f"{kind:11} ECE {c['ece']:.3f}  {cells}")
    lines += ["", "odd ids tuned the weights and thresholds; even ids are held out."]
    return "\n".join(lines)


def save(report: dict[str, Any], path: Path, models_dir: Path) -> None:
    """Write the report to ``path`` and its headline figures into the model card."""
    slim = {k: v for k, v in report.items() if k != "misses"}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    card_path = models_dir / "model_card.json"
    if card_path.exists():
        card = json.loads(card_path.read_text(encoding="utf-8"))
        card["evaluation"] = slim
        card_path.write_text(
            json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
