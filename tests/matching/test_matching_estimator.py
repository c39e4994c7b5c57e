"""The estimator: scikit-learn's contract, and what a planner would notice in its answers."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from vocmatch.matching.evaluation.baselines import TfidfBaseline
from vocmatch.matching.fitting.estimator import Matcher
from vocmatch.matching.fitting.reference import ReferenceData
from vocmatch.matching.text import normalise

EXTRACTION = (
    "稀土萃取操作工",
    "负责萃取车间串级萃取，巡检萃取槽液位和界面，配合化验室取样。倒班。",
)


def test_init_only_stores_params_and_clone_round_trips() -> None:
    m = Matcher(ngram_range=(2, 4), text_limit=100, chain_C=2.0)
    assert m.get_params()["ngram_range"] == (2, 4)
    assert m.get_params()["text_limit"] == 100
    copy = clone(m)
    assert copy.get_params() == m.get_params()
    assert not hasattr(copy, "model_")
    assert m.set_params(text_limit=50) is m and m.text_limit == 50


def test_fit_returns_self_and_sets_underscore_attributes(reference: ReferenceData) -> None:
    m = Matcher()
    assert m.fit(reference) is m
    assert m.model_.vocabulary and m.model_.occupation_codes and m.model_.programme_codes
    assert m.model_.data_hashes["industries.yaml"]


def test_using_an_unfitted_matcher_raises_not_fitted() -> None:
    with pytest.raises(NotFittedError):
        Matcher().predict([("车工", None)])
    with pytest.raises(NotFittedError):
        Matcher().match([("车工", None)])


def test_rare_earth_extraction_posting_is_rare_earth(matcher: Matcher) -> None:
    [result] = matcher.match([EXTRACTION], top_k=5)
    assert result["chain"] == "rare_earth"
    assert result["chains"][0]["key"] == "rare_earth"
    assert result["programmes"][0]["code"] == "630501"
    assert any("萃取" in e for p in result["programmes"][:1] for e in p["evidence"])


def test_cashier_is_outside_the_chains(matcher: Matcher) -> None:
    assert matcher.predict([("出纳", "负责现金收付和银行对账")])[0] == "none"


def test_traditional_and_full_width_give_the_same_chain(matcher: Matcher) -> None:
    plain, traditional, wide = matcher.predict(
        [
            ("萃取槽操作工", None),
            ("萃取槽操作工".replace("槽", "槽"), "負責萃取槽"),
            ("ＰＬＣ编程员", None),
        ]
    )
    assert plain == traditional == "rare_earth"
    assert wide == "intelligent_equipment"


def test_a_typo_keeps_the_chain(matcher: Matcher) -> None:
    right, typo = matcher.predict([("工业机器人编程员", None), ("工业机器人编城员", None)])
    assert right == typo == "intelligent_equipment"


def test_evidence_names_the_matched_term(matcher: Matcher) -> None:
    [result] = matcher.match([("数控车工", "会西门子PLC编程")], top_k=3)
    evidence = [e for o in result["occupations"] for e in o["evidence"]]
    assert any("数控车工" in e for e in evidence)


def test_probabilities_are_a_distribution(matcher: Matcher) -> None:
    proba = matcher.predict_proba([EXTRACTION, ("会计", None), ("", "")])
    assert proba.shape == (3, 5)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, atol=1e-3)
    assert list(matcher.classes_) == [
        "rare_earth",
        "tungsten",
        "new_energy",
        "intelligent_equipment",
        "none",
    ]


def test_top_k_is_a_maximum_and_allowed_programmes_restrict(matcher: Matcher) -> None:
    [wide] = matcher.match([EXTRACTION], top_k=50)
    [narrow] = matcher.match([EXTRACTION], top_k=1, allowed_programmes={"730301", "630501"})
    least = matcher.model_.thresholds
    assert 1 <= len(wide["occupations"]) < 50  # only entries above the threshold, no padding
    assert all(o["score"] >= least["occupation"] for o in wide["occupations"])
    assert [o["code"] for o in narrow["occupations"]] == [wide["occupations"][0]["code"]]
    assert [p["code"] for p in narrow["programmes"]] == ["630501"]


def test_what_normalisation_removed_is_in_the_answer(matcher: Matcher) -> None:
    [result] = matcher.match([("赣州某某稀土有限公司急招萃取工 6000元/月", None)], top_k=3)
    assert result["title"]["job"] == "萃取工"
    assert [r["kind"] for r in result["title"]["removed"]] == ["employer", "recruit", "salary"]
    # The employer's 稀土 is not evidence for the chain: the job alone decides.
    [bare] = matcher.match([("萃取工", None)], top_k=3)
    assert result["chains"] == bare["chains"]


def test_batch_and_single_answers_agree(matcher: Matcher) -> None:
    items = [EXTRACTION, ("会计", None), ("数控车工", "加工中心"), (None, "锂电池极片涂布")] * 80
    batch = matcher.match(items, top_k=3)
    single = [matcher.match([it], top_k=3)[0] for it in items[:4]]
    for b, s in zip(batch[:4], single, strict=True):
        assert b["chain"] == s["chain"]
        assert [o["code"] for o in b["occupations"]] == [o["code"] for o in s["occupations"]]
        assert [c["score"] for c in b["chains"]] == pytest.approx(
            [c["score"] for c in s["chains"]], abs=1e-3
        )


def test_the_own_profile_channel_is_the_plain_profile_tfidf(
    matcher: Matcher, reference: ReferenceData
) -> None:
    """The programme ranking reads each profile as the plain TF-IDF baseline does (an idf over
    the profiles alone): the same cosines, for one query and for a batch."""
    rt = matcher.runtime
    baseline = TfidfBaseline(matcher.model_, reference)
    texts = ["稀土萃取 串级萃取 萃取槽", "会计 出纳 账务处理", "数控车床 加工中心 编程"]
    expected = baseline.similarity([normalise(t) for t in texts], baseline.prog_docs)
    batch = rt.analyse([(None, t) for t in texts]).sims.cos_own
    one = rt.analyse([(None, texts[0])]).sims.cos_own
    assert expected.max() > 0.1
    np.testing.assert_allclose(batch, expected, atol=1e-5)
    np.testing.assert_allclose(one[0], expected[0], atol=1e-5)
