"""``vocmatch evaluate``: the engine beside both baselines, per half, written to the model card."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import TEST_DATA
from vocmatch.kit.errors import VocmatchError
from vocmatch.matching.engine import artifacts
from vocmatch.matching.evaluation import report as evaluate
from vocmatch.matching.fitting.card import write_card
from vocmatch.matching.fitting.estimator import Matcher

POSTINGS = [
    {
        "id": "ev-001",
        "title": "稀土萃取操作工",
        "text": "巡检萃取槽",
        "chain": "rare_earth",
        "occupations": ["6-17-05-01"],
        "programmes": ["630501"],
    },
    {
        "id": "ev-002",
        "title": "会计",
        "text": "",
        "chain": "none",
        "occupations": ["2-06-03-00"],
        "programmes": ["730301"],
    },
    {
        "id": "ev-003",
        "title": "工业机器人编程员",
        "text": "示教器",
        "chain": "intelligent_equipment",
        "occupations": ["6-31-07-03"],
        "programmes": ["660303"],
    },
    {
        "id": "ev-004",
        "title": "出纳",
        "text": "现金收付",
        "chain": "none",
        "chain_alt": ["tungsten"],
        "occupations": ["2-06-03-00"],
        "programmes": ["730301"],
    },
]


def test_evaluate_reports_engine_and_baselines_per_half(matcher: Matcher, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(TEST_DATA, data)
    (data / "eval").mkdir()
    (data / "eval" / "postings.jsonl").write_text(
        "\n".join(json.dumps(p, ensure_ascii=False) for p in POSTINGS) + "\n", encoding="utf-8"
    )
    report = evaluate.run(matcher.model_, data)
    assert set(report["methods"]) == {"engine", "engine_no_alias", "rapidfuzz_names", "tfidf_names"}
    engine = report["methods"]["engine"]
    assert set(engine) == {"postings+titles/odd", "postings+titles/even", "postings+titles/all"}
    assert engine["postings+titles/all"]["n"] == 4
    assert engine["postings+titles/all"]["chain_acc"] == 1.0
    table = evaluate.format_table(report)
    assert "rapidfuzz_names" in table and "tfidf_names" in table and "even" in table
    models = tmp_path / "models"
    artifacts.save(matcher.model_, models)
    write_card(models, matcher.model_, {})
    evaluate.save(report, models / "evaluation.json", models)
    card = json.loads((models / "model_card.json").read_text(encoding="utf-8"))
    assert card["evaluation"]["methods"]["engine"]["postings+titles/all"]["n"] == 4


def test_evaluate_without_a_development_set_says_so(matcher: Matcher, tmp_path: Path) -> None:
    with pytest.raises(VocmatchError, match="no development set"):
        evaluate.run(matcher.model_, tmp_path)
