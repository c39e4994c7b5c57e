"""``vocmatch evaluate``: the engine beside both baselines, per half, written to the model card."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import TEST_DATA
from vocmatch.kit.errors import VocmatchError
from vocmatch.matching.engine import artifacts
from vocmatch.matching.evaluation import metrics
from vocmatch.matching.evaluation import report as evaluate
from vocmatch.matching.fitting.card import write_card
from vocmatch.matching.fitting.devset import Item
from vocmatch.matching.fitting.estimator import Matcher
from vocmatch.matching.fitting.holdout import TEST_FOLD, fold_codes
from vocmatch.matching.fitting.reference import ReferenceData
from vocmatch.matching.fitting.splits import public_items
from vocmatch.matching.text import normalise

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


def _data_with_devset(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(TEST_DATA, data)
    (data / "eval").mkdir()
    (data / "eval" / "postings.jsonl").write_text(
        "\n".join(json.dumps(p, ensure_ascii=False) for p in POSTINGS) + "\n", encoding="utf-8"
    )
    return data


def test_evaluate_scores_engine_and_both_baselines_on_every_split(
    matcher: Matcher, tmp_path: Path
) -> None:
    data = _data_with_devset(tmp_path)
    report = evaluate.run(matcher.model_, data)
    assert set(report["methods"]) == {"engine", "tfidf", "rapidfuzz"}
    for method in report["methods"].values():
        assert method["team/odd"]["n"] == 2 and method["team/even"]["n"] == 2
    # ev-001 and ev-003 (odd), ev-002 and ev-004 (even): chains rare_earth, intelligent_equipment
    # and none, none; the engine gets all four right on the small fixtures.
    assert report["methods"]["engine"]["team/odd"]["chain_acc"] == 1.0
    table = evaluate.format_table(report)
    assert "rapidfuzz" in table and "tfidf" in table and "team/even" in table
    models = tmp_path / "models"
    artifacts.save(matcher.model_, models)
    write_card(models, matcher.model_, {})
    evaluate.save(report, models / "evaluation.json", models)
    card = json.loads((models / "model_card.json").read_text(encoding="utf-8"))
    assert card["evaluation"]["methods"]["engine"]["team/even"]["n"] == 2


def test_the_held_out_model_was_not_shown_what_it_is_scored_on(
    matcher: Matcher, reference: ReferenceData
) -> None:
    codes = list(reference.occupations["code"])
    held = fold_codes(codes, TEST_FOLD)
    model = evaluate.held_out_matcher(matcher.model_, reference).model_
    assert model.holdout == sorted(held)
    items = public_items(reference, held)
    titles = {normalise(i.title) for i in items if i.source in ("market", "work_type")}
    assert titles, "the fixtures hold market titles or 工种 of a held-out occupation"
    known = {t for own in model.occupation_titles for t in own}
    assert not (titles & known - {normalise(n) for n in model.occupation_names})
    crosswalk = model.occ_programme_crosswalk.tocsr()
    for code in held:
        assert crosswalk[model.occupation_codes.index(code)].nnz == 0


def test_metrics_count_hits_in_the_first_k_and_groups_accept_members() -> None:
    items = [
        Item(id="a-1", source="t", title="", text="", chain="none", occupations=["6-18-01-00"]),
        Item(id="a-2", source="t", title="", text="", chain="tungsten", programmes=["630502"]),
    ]
    preds = [
        {"chain": "none", "occupations": ["2-02-07-01", "6-18-01-01"], "programmes": []},
        {"chain": "none", "occupations": [], "programmes": ["660103", "630502"]},
    ]
    # Item 1: 6-18-01-01 is in the group 6-18-01-00, at rank 2 → top-1 miss, top-5 hit.
    # Item 2: 630502 at rank 2 → top-1 miss, top-5 hit; its chain is wrong (1 of 2 right).
    out = metrics.score(items, preds)
    assert (out["occ_top1"], out["occ_top5"]) == (0.0, 1.0)
    assert (out["prog_top1"], out["prog_top5"]) == (0.0, 1.0)
    assert out["chain_acc"] == 0.5


def test_calibration_bins_and_expected_error() -> None:
    items = [Item(id=f"c-{k}", source="t", title="", text="", chain="none") for k in range(4)]
    scores, right = (0.9, 0.9, 0.3, 0.3), ("none", "rare_earth", "none", "none")
    preds = [
        {"chain": c, "chain_score": s, "occupations": [], "programmes": []}
        for s, c in zip(scores, right, strict=True)
    ]
    out = metrics.calibration(items, preds)["chain"]
    # 0.8–1.0 bin: 1 of 2 right at mean 0.9 → |0.5 − 0.9| = 0.4; 0.2–0.4 bin: 2 of 2 right at
    # 0.3 → 0.7; ECE = ½·0.4 + ½·0.7 = 0.55.
    assert out["ece"] == 0.55
    assert [(b["bin"], b["n"], b["accuracy"]) for b in out["bins"]] == [
        ("0.2–0.4", 2, 1.0),
        ("0.8–1.0", 2, 0.5),
    ]


def test_evaluate_without_a_development_set_says_so(matcher: Matcher, tmp_path: Path) -> None:
    with pytest.raises(VocmatchError, match="no development set"):
        evaluate.run(matcher.model_, tmp_path)
