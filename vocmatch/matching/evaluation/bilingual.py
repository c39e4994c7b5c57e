"""The team's bilingual pairs: does an English posting get the occupation of its Chinese twin?"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from vocmatch.matching.fitting.devset import occupation_hit
from vocmatch.matching.fitting.estimator import Matcher


def read_pairs(path: Path) -> list[dict[str, Any]]:
    """Return the pairs of ``data/eval/bilingual.jsonl`` (``id``, ``en``, ``zh``, ``occupations``)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def bilingual_agreement(matcher: Matcher, path: Path) -> dict[str, Any]:
    """Return how often both texts of a pair share the top occupation, and each one's top-1."""
    pairs = read_pairs(path)
    items = []
    for p in pairs:
        items += [
            (p["en"].get("title"), p["en"].get("text")),
            (p["zh"].get("title"), p["zh"].get("text")),
        ]
    # The best-ranked occupation of each text, listed or not (a pair agrees when both rank it first).
    results = matcher.runtime.match(items, top_k=1, allowed_programmes=None, listed_only=False)
    same = en_right = zh_right = 0
    misses = []
    for k, p in enumerate(pairs):
        en, zh = results[2 * k]["occupations"], results[2 * k + 1]["occupations"]
        en_top = en[0]["code"] if en else None
        zh_top = zh[0]["code"] if zh else None
        same += en_top is not None and en_top == zh_top
        en_right += en_top is not None and occupation_hit(en_top, p["occupations"])
        zh_right += zh_top is not None and occupation_hit(zh_top, p["occupations"])
        if en_top != zh_top:
            misses.append({"id": p["id"], "en": en_top, "zh": zh_top})
    n = max(1, len(pairs))
    return {
        "n": len(pairs),
        "agreement": round(same / n, 3),
        "english_top1": round(en_right / n, 3),
        "chinese_top1": round(zh_right / n, 3),
        "disagreements": misses,
    }
