"""Routes of the rule set (full-time, part-time, practice instructor), pending verification (待核实),
the in-field check on work and practice, the title map, product-own thresholds and the Jiangxi
selection — each on hand-built facts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from vocmatch.kit.errors import DataFileError
from vocmatch.teachers import district
from vocmatch.teachers.dual_qualified import rules as rules_module
from vocmatch.teachers.dual_qualified.evaluation import (
    PracticeFact,
    QualificationFact,
    TeacherFacts,
    WorkFact,
    evaluate,
    standing,
)
from vocmatch.teachers.dual_qualified.rules import load_rules, product_thresholds

RULES = load_rules()
CNC = frozenset(RULES.rules.fields["660103"])
TODAY = date(2026, 11, 29)
JUNIOR_ITEMS = (("J-ETHICS", date(2020, 1, 1)), ("J-TEACH", date(2020, 1, 1)))


def facts(**kw: object) -> TeacherFacts:
    base = TeacherFacts(
        teacher_id=1,
        staff_no="T1",
        programme_code="660103",
        hired_on=date(2015, 9, 1),
        has_teacher_certificate=True,
        field_terms=CNC,
        verified=JUNIOR_ITEMS,
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def skill(level: str, field: str = "数控车工") -> QualificationFact:
    return QualificationFact(
        11, "skill_certificate", f"{field}证书", level, "", date(2020, 6, 1), field
    )


def title(name: str, kind: str = "professional_title") -> QualificationFact:
    return QualificationFact(21, kind, name, "", "", date(2020, 6, 1), "机械制造")


# --- pending verification ------------------------------------------------------------------------
def test_unverified_required_items_mean_pending_and_never_a_level() -> None:
    s = evaluate(facts(qualifications=(skill("4"),), verified=()), RULES, TODAY)
    assert s.level is None and not s.qualified
    assert (s.pending_level, s.pending_items) == ("junior", ("J-ETHICS", "J-TEACH"))
    assert not s.near and s.missing == ()
    # One of the two verified: still pending, on the other only.
    half = evaluate(facts(qualifications=(skill("4"),), verified=(JUNIOR_ITEMS[0],)), RULES, TODAY)
    assert half.level is None and half.pending_items == ("J-TEACH",)
    # Both verified: junior. A verification dated after the as-of date does not count yet.
    assert evaluate(facts(qualifications=(skill("4"),)), RULES, TODAY).level == "junior"
    assert evaluate(facts(qualifications=(skill("4"),)), RULES, date(2019, 12, 31)).level is None
    # The cheap share check agrees.
    assert standing(facts(qualifications=(skill("4"),), verified=()), RULES, TODAY) == (True, False)


def test_an_intermediate_teacher_stays_junior_until_the_intermediate_items_are_verified() -> None:
    quals = (skill("3"), title("讲师"))
    s = evaluate(facts(qualifications=quals), RULES, TODAY)
    # Records meet intermediate; M-PROJECT and M-GUIDE are not verified: shown junior, never
    # intermediate; the intermediate level is pending.
    assert (s.level, s.pending_level) == ("junior", "intermediate")
    assert s.pending_items == ("M-PROJECT", "M-GUIDE")
    verified = JUNIOR_ITEMS + (("M-PROJECT", date(2021, 1, 1)), ("M-GUIDE", date(2021, 1, 1)))
    assert evaluate(facts(qualifications=quals, verified=verified), RULES, TODAY).level == (
        "intermediate"
    )


# --- in-field check on work and practice --------------------------------------------------------
def test_work_of_unknown_field_is_pending_until_verified_and_unrelated_work_does_not_count() -> (
    None
):
    work = WorkFact(41, "某公司", date(2010, 1, 1), date(2013, 12, 31))  # 4 years, field unknown
    s = evaluate(facts(has_teacher_certificate=True, experience=(work,)), RULES, TODAY)
    assert s.level is None and s.pending_level == "junior" and s.pending_items == ("work:41",)
    ok = evaluate(
        facts(experience=(work,), verified=(*JUNIOR_ITEMS, ("work:41", date(2024, 1, 1)))),
        RULES,
        TODAY,
    )
    assert ok.level == "junior" and "J-WORK" in ok.met
    # In the field by the method (role names a term of 660103): counts at once.
    related = replace(work, in_field="yes")
    assert evaluate(facts(experience=(related,)), RULES, TODAY).level == "junior"


def test_practice_in_field_counts_and_unknown_practice_is_pending() -> None:
    p = PracticeFact(31, "某企业", date(2025, 1, 1), date(2025, 6, 29), 180)
    s = evaluate(facts(practice=(p,)), RULES, TODAY)
    assert s.level is None and s.pending_items == ("practice:31",)
    assert evaluate(facts(practice=(replace(p, in_field="yes"),)), RULES, TODAY).level == "junior"


# --- routes --------------------------------------------------------------------------------------
def test_part_time_teacher_is_evaluated_by_the_part_time_route_but_not_counted() -> None:
    engineer = facts(
        employment="part_time",
        has_teacher_certificate=False,
        hired_on=date(2025, 9, 1),
        qualifications=(title("工程师", kind="industry_title"),),
        verified=(("PT-J-ETHICS", date(2025, 9, 1)),),
    )
    # One year on the staff is reached on 2026-08-31 (365 days from 2025-09-01 inclusive).
    before = evaluate(engineer, RULES, date(2026, 8, 30))
    after = evaluate(engineer, RULES, date(2026, 8, 31))
    assert before.route == "part_time" and before.level is None
    assert (after.level, after.rule_id, after.counted) == ("junior", "PT-J", False)
    assert "PT-J-SERVICE" in after.met and "PT-J-TITLE" in after.met
    assert after.basis_reason == "part_time"


def test_practice_instructor_route_needs_a_level_3_certificate_and_reads_the_instructor_titles() -> (
    None
):
    pi_items = (("PI-J-ETHICS", date(2020, 1, 1)), ("PI-J-TEACH", date(2020, 1, 1)))
    level4 = facts(practice_instructor=True, qualifications=(skill("4"),), verified=pi_items)
    s = evaluate(level4, RULES, TODAY)
    # A subject teacher with this certificate is junior; an instructor needs level 3.
    assert s.route == "practice_instructor" and s.level is None
    assert [m.rule_id for m in s.missing] == ["PI-J-SKILL"]
    level3 = replace(level4, qualifications=(skill("3"),))
    assert evaluate(level3, RULES, TODAY).level == "junior"
    # 一级实习指导教师 (rank 2) + a level-2 certificate, the intermediate items verified.
    verified = (*pi_items, ("PI-M-GUIDE", date(2020, 1, 1)))
    inter = replace(
        level3, qualifications=(skill("2"), title("一级实习指导教师")), verified=verified
    )
    assert evaluate(inter, RULES, TODAY).level == "intermediate"


def test_title_map_reads_the_secondary_school_and_instructor_series() -> None:
    ranks = RULES.rules.title_ranks
    assert [ranks[t] for t in ("中学三级教师", "中学二级教师", "中学一级教师", "中学高级教师", "正高级教师")] == [
        1, 1, 2, 3, 4,
    ]  # fmt: skip
    assert [ranks[t] for t in ("三级实习指导教师", "二级实习指导教师", "一级实习指导教师")] == [
        1,
        1,
        2,
    ]
    # 中学一级教师 is an intermediate teaching title: the M-RANK requirement is met by it.
    verified = JUNIOR_ITEMS + (("M-PROJECT", date(2021, 1, 1)), ("M-GUIDE", date(2021, 1, 1)))
    s = evaluate(
        facts(qualifications=(skill("3"), title("中学一级教师")), verified=verified), RULES, TODAY
    )
    assert s.level == "intermediate"


def test_invented_thresholds_are_marked_as_the_products_own() -> None:
    own = product_thresholds(RULES)
    assert {"M-WORK", "M-PRACTICE", "S-WORK", "PT-J-SERVICE"} <= set(own)
    assert "J-PRACTICE" not in own  # 6 months in 5 years is the standard's reading, not invented


# --- the district selects the standard -----------------------------------------------------------
def test_the_district_file_selects_the_jiangxi_rule_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = rules_module.rules_path().parent
    for name in ("dual_qualified_rules.yaml", "dual_qualified_rules_jiangxi.yaml"):
        (tmp_path / name).write_bytes((data / name).read_bytes())
    text = (data / "teachers_district.yaml").read_text(encoding="utf-8")
    (tmp_path / "teachers_district.yaml").write_text(
        text.replace("dual_qualified_standard: national", "dual_qualified_standard: jiangxi"),
        encoding="utf-8",
    )
    monkeypatch.setattr(district, "district_path", lambda: tmp_path / "teachers_district.yaml")
    monkeypatch.setattr(
        rules_module, "rules_path", lambda: tmp_path / district.selected_rules_file()
    )
    jx = load_rules()
    assert jx.rules.jurisdiction == "jiangxi" and jx.version.startswith("jiangxi-assumed-1+")
    assert "省级文本未收录" in jx.rules.name.zh and "not available here" in jx.rules.assumption.en
    assert "原文未收录" in jx.rules.assumption.zh
    # It extends the national encoding: same levels, so the same teacher gets the same answer.
    f = facts(qualifications=(skill("4"),))
    assert evaluate(f, jx, TODAY).level == evaluate(f, RULES, TODAY).level == "junior"
    # Editing the national base changes the Jiangxi version too.
    base = tmp_path / "dual_qualified_rules.yaml"
    base.write_text(base.read_text(encoding="utf-8").replace("min_days: 180", "min_days: 170", 1))
    assert load_rules().version != jx.version


def test_a_wrong_district_file_is_refused_naming_the_field(tmp_path: Path) -> None:
    path = tmp_path / "teachers_district.yaml"
    path.write_text(
        "dual_qualified_standard: hunan\nstandard_files: {national: dual_qualified_rules.yaml}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match="dual_qualified_standard"):
        district.load_district(path)
