"""Hit rates and calibration of predictions on labelled items."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from vocmatch.matching.fitting.devset import Item, hit_at

METRICS = (
    "chain_acc",
    "chain_acc_lenient",
    "none_recall",
    "occ_top1",
    "occ_top5",
    "occ_listed",
    "prog_top1",
    "prog_top5",
    "prog_listed",
)
BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0001)


def score(items: list[Item], preds: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the metrics of ``preds`` (``{"chain", "occupations", "programmes"}``) on ``items``.

    A hit is any labelled code in the first k predictions; a group label (``6-31-05-00`` with
    sub-occupations) accepts any occupation of the group. Empty predictions are misses.
    """
    sums: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    for item, p in zip(items, preds, strict=True):
        if item.chain:
            counts["chain"] += 1
            sums["chain_acc"] += p.get("chain") == item.chain
            sums["chain_acc_lenient"] += (
                p.get("chain") == item.chain or p.get("chain") in item.chain_alt
            )
            if item.chain == "none":
                counts["none"] += 1
                sums["none_recall"] += p.get("chain") == "none"
        for key, gold, short in (
            ("occupations", item.occupations, "occ"),
            ("programmes", item.programmes, "prog"),
        ):
            if not gold:
                continue
            counts[short] += 1
            is_occ = short == "occ"
            for k in (1, 5):
                sums[f"{short}_top{k}"] += hit_at(p[key], gold, k, occupations=is_occ)
            listed = p.get(f"{key}_listed")
            if listed is not None:
                counts[f"{short}_listed"] += 1
                sums[f"{short}_listed"] += hit_at(listed, gold, len(listed), occupations=is_occ)
                sums[f"{short}_length"] += len(listed)
    out: dict[str, Any] = {"n": len(items)}
    for metric in METRICS:
        base = "none" if metric == "none_recall" else metric.split("_")[0]
        if metric.endswith("_listed"):
            base = metric
        n = counts[base]
        out[metric] = round(sums[metric] / n, 3) if n else None
    for short in ("occ", "prog"):
        n = counts[f"{short}_listed"]
        out[f"{short}_list_length"] = round(sums[f"{short}_length"] / n, 2) if n else None
    out["n_chain"], out["n_occ"], out["n_prog"] = counts["chain"], counts["occ"], counts["prog"]
    return out


def calibration(items: list[Item], preds: list[dict[str, Any]]) -> dict[str, Any]:
    """Return, per answer kind, how often a top answer with a score in each bin was right.

    A calibrated score of 0.8 is right about 80 % of the time. ``ece`` is the expected
    calibration error: the item-weighted mean |accuracy − mean score| over the bins. Items whose
    list is empty count as a top score of 0 (and a miss).
    """
    out: dict[str, Any] = {}
    for kind, key, score_key in (
        ("chain", "chain", "chain_score"),
        ("occupation", "occupations", "occupation_score"),
        ("programme", "programmes", "programme_score"),
    ):
        pairs = []
        for item, p in zip(items, preds, strict=True):
            if kind == "chain" and item.chain:
                pairs.append((p[score_key], p["chain"] == item.chain))
            elif kind == "occupation" and item.occupations:
                pairs.append((p[score_key], hit_at(p[key], item.occupations, 1, occupations=True)))
            elif kind == "programme" and item.programmes:
                pairs.append((p[score_key], hit_at(p[key], item.programmes, 1, occupations=False)))
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
