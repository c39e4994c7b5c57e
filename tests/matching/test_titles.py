"""Job-board title normalisation: the job stays, the padding goes and is named."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

from tests.conftest import TEST_DATA
from vocmatch.kit.errors import DataFileError
from vocmatch.matching.engine.candidates import Candidates
from vocmatch.matching.engine.glossary import Glossary
from vocmatch.matching.engine.titles import TitleNormaliser
from vocmatch.matching.fitting.documents import chinese_of
from vocmatch.matching.fitting.lexicon import read_glossary, read_title_words
from vocmatch.matching.fitting.tuning import fit_ranking, threshold
from vocmatch.matching.text import normalise


@pytest.fixture(scope="module")
def titles() -> TitleNormaliser:
    glossary = read_glossary(TEST_DATA)
    return TitleNormaliser(read_title_words(TEST_DATA), glossary.english["level"])


def removed(clean: object) -> list[tuple[str, str]]:
    return [(r.kind, r.text) for r in clean.removed]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("title", "job", "pieces"),
    [
        (
            "某某五金制品有限公司招聘焊工",
            "焊工",
            [("employer", "某某五金制品有限公司"), ("recruit", "招聘")],
        ),
        ("急招｜叉车工 8000-10000元/月 包吃住", "叉车工", None),
        ("【急聘】仓管员 五险一金 双休", "仓管员", None),
        ("XX酒店招聘厨师", "厨师", [("employer", "xx酒店"), ("recruit", "招聘")]),
        ("深圳·CNC加工中心操作员 月薪6-8K", "cnc加工中心操作员", None),
        ("Senior CNC Machinist - ABC Precision Co., Ltd.", "senior cnc machinist", None),
        ("Forklift operator, night shift", "forklift operator", [("shift", "night shift")]),
    ],
)
def test_padding_around_the_job_is_removed_and_named(
    titles: TitleNormaliser, title: str, job: str, pieces: list[tuple[str, str]] | None
) -> None:
    clean = titles.clean(normalise(title))
    assert clean.job == job
    if pieces is not None:
        assert removed(clean) == pieces


def test_the_recruiting_word_of_an_hr_job_is_the_job(titles: TitleNormaliser) -> None:
    assert titles.clean("招聘专员").job == "招聘专员"
    assert titles.clean("招聘主管").removed == []


def test_a_job_word_inside_a_workplace_stays(titles: TitleNormaliser) -> None:
    # 酒店 and 超市 end an employer only before 招聘 or a separator: here they are the job's.
    assert titles.clean("酒店前台接待").job == "酒店前台接待"
    assert titles.clean("超市收银员").job == "超市收银员"


@pytest.mark.parametrize(
    ("title", "core", "level", "words"),
    [
        ("钣金技师", "钣金", "skilled", ["技师"]),
        ("焊工（学徒）", "焊工", "apprentice", ["学徒"]),
        ("电气技术员", "电气", "technician", ["技术员"]),
        ("镀膜工程师", "镀膜", "engineer", ["工程师"]),
        ("电子元器件工程技术人员", "电子元器件", "engineer", ["工程技术人员"]),
        ("apprentice welder", "welder", "apprentice", ["apprentice"]),
    ],
)
def test_a_level_word_is_kept_apart_from_the_job(
    titles: TitleNormaliser, title: str, core: str, level: str, words: list[str]
) -> None:
    clean = titles.clean(normalise(title))
    assert (clean.core, clean.level, clean.level_words) == (core, level, words)


def test_a_level_word_alone_is_the_job_and_generic(titles: TitleNormaliser) -> None:
    for title in ("技术员", "普工", "操作工", "学徒"):
        clean = titles.clean(title)
        assert clean.job == title and clean.generic, title


def test_bracket_notes_that_describe_the_job_are_kept(titles: TitleNormaliser) -> None:
    clean = titles.clean(normalise("焊工（氩弧焊，不锈钢）"))
    assert (clean.job, clean.notes) == ("焊工", ["氩弧焊", "不锈钢"])
    assert titles.clean(normalise("食堂厨师（中餐）")).notes == ["中餐"]


def test_an_employer_the_caller_knows_is_removed_wherever_it_stands(
    titles: TitleNormaliser,
) -> None:
    clean = titles.clean("焊工-金达五金", ["金达五金"])
    assert clean.job == "焊工"
    assert ("employer", "金达五金") in removed(clean)


def test_a_broken_word_list_names_the_file_and_the_entry(tmp_path: Path) -> None:
    words = yaml.safe_load((TEST_DATA / "title_words.yaml").read_text(encoding="utf-8"))
    words["levels"] = ["学徒"]  # must be a mapping of level class → words
    (tmp_path / "title_words.yaml").write_text(yaml.safe_dump(words), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"title_words.yaml, entry 'levels'"):
        read_title_words(tmp_path)


def test_the_list_threshold_is_where_entries_stop_being_right_often_enough() -> None:
    # 400 candidates in two bins of 200 (sorted by score): scores 0.9… right 50 % of the time,
    # scores 0.1… right 1 % (2 of 200): the second bin is under 5 %, so the threshold is the
    # lowest score of the first bin, 0.9.
    scores = [0.9] * 200 + [0.1] * 200
    right = [k % 2 == 0 for k in range(200)] + [k < 2 for k in range(200)]
    assert threshold(np.asarray(scores), np.asarray(right)) == 0.9


def test_english_words_match_with_plurals_hyphens_and_spaces() -> None:
    glossary = Glossary(
        {
            "welder": "焊工",
            "battery": "电池",
            "press": "压机",
            "argon arc": "氩弧",
            "e-commerce": "电商",
        }
    )
    text, pairs = glossary.expand(normalise("Argon-Arc Welders for batteries, presses; E Commerce"))
    assert pairs == [
        ("argon-arc", "氩弧"),
        ("welders", "焊工"),
        ("batteries", "电池"),
        ("presses", "压机"),
        ("e commerce", "电商"),
    ]
    assert text.endswith(" ; 氩弧 ; 焊工 ; 电池 ; 压机 ; 电商")
    # whole words only: a longer word is not a plural, a bare stem is not the word
    assert glossary.expand("welderss pressing batter") == ("welderss pressing batter", [])
    # where they are in the text (the /match page marks them)
    assert glossary.find("2 welders") == [(2, 9, "welders", "焊工")]


def test_an_english_title_reads_as_the_chinese_of_its_words() -> None:
    glossary = Glossary(
        {"electrical": "电气", "installer": "安装工", "cashier": "出纳 收银员", "press": "压机"}
    )
    assert chinese_of("electrical installer", glossary) == "电气安装工"
    assert chinese_of("Electrical-Installer", glossary) == "电气安装工"
    # a word without Chinese, or with two (ambiguous), gives no Chinese title
    assert chinese_of("electrical fitter", glossary) is None
    assert chinese_of("cashier", glossary) is None
    assert chinese_of("welder", glossary) is None


def test_the_ranking_fit_puts_the_right_candidate_first() -> None:
    # Two items of three candidates, two features. Feature 0 is high on every candidate of the
    # first item (no help there), feature 1 marks the right one in both: the conditional logit
    # gives feature 1 the weight, whatever the pointwise start said; the intercept is kept.
    feats = np.array(
        [[[1.0, 0.0], [1.0, 1.0], [1.0, 0.0]], [[0.0, 0.0], [0.0, 0.0], [0.0, 1.0]]], np.float32
    )
    c = Candidates(np.array([[0, 1, 2], [0, 1, 2]]), feats, np.ones((2, 3), bool))
    labels = np.array([[False, True, False], [False, False, True]])
    w = fit_ranking(c, labels, np.ones(2), [1.0, -1.0, -3.0])
    assert w[1] > 5.0 and w[1] > abs(w[0])
    assert w[2] == -3.0
    scores = feats @ np.array(w[:2], np.float32)
    assert list(scores.argmax(axis=1)) == [1, 2]
    # items without a right candidate teach nothing: the start comes back
    start = [1.0, -1.0, -3.0]
    assert fit_ranking(c, np.zeros((2, 3), bool), np.ones(2), start) == start


@pytest.mark.parametrize(
    ("title", "job", "gone"),
    [
        # "id" and "no." are words before a code, not letters inside a word
        ("Carbide Powder Mixer", "carbide powder mixer", []),
        ("Tour Guide", "tour guide", []),
        ("Technology Specialist", "technology specialist", []),
        ("钣金技师 No.2031", "钣金技师", [("id", "no.2031")]),
        ("Welder id 7788", "welder", [("id", "id 7788")]),
        ("焊工 ID: A2031", "焊工", [("id", "id"), ("id", "a2031")]),
    ],
)
def test_ids_are_words_before_a_code(
    titles: TitleNormaliser, title: str, job: str, gone: list[tuple[str, str]]
) -> None:
    clean = titles.clean(normalise(title))
    assert clean.job == job
    assert removed(clean) == gone
