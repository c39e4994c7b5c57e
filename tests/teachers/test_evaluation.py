"""Evaluation of one teacher on a date: each level, each route, the 5-year practice window, as-of."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from vocmatch.teachers.dual_qualified.evaluation import (
    PracticeFact,
    QualificationFact,
    TeacherFacts,
    WorkFact,
    evaluate,
    last_qualified_on,
    month_ends,
    work_days,
)
from vocmatch.teachers.dual_qualified.rules import load_rules, rules_path

RULES = load_rules()
CNC = frozenset(RULES.rules.fields["660103"])
TODAY = date(2026, 11, 29)
# The school verified every `unchecked` item of the national levels on the day of hiring: these
# tests are about the records; pending verification has its own tests (test_routes.py).
VERIFIED = tuple(
    (u.id, date(2010, 9, 1)) for lvl in RULES.rules.levels for u in lvl.unchecked if u.required
)


def teacher(**kw: object) -> TeacherFacts:
    base = TeacherFacts(
        teacher_id=1,
        staff_no="T1",
        programme_code="660103",
        hired_on=date(2010, 9, 1),
        has_teacher_certificate=True,
        field_terms=CNC,
        verified=VERIFIED,
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def skill(level: str, on: date, field: str = "数控车工", qid: int = 11) -> QualificationFact:
    return QualificationFact(qid, "skill_certificate", f"{field}证书", level, "", on, field)


def title(
    name: str,
    on: date,
    *,
    kind: str = "industry_title",
    level: str = "",
    field: str = "机械制造",
    qid: int = 21,
) -> QualificationFact:
    return QualificationFact(qid, kind, name, level, "", on, field)


def practice(start: date, end: date, days: int, pid: int = 31) -> PracticeFact:
    return PracticeFact(pid, "测试企业", start, end, days, in_field="yes")


# --- junior: each route -------------------------------------------------------------------------
def test_skill_certificate_in_field_at_level_4_makes_junior() -> None:
    s = evaluate(teacher(qualifications=(skill("4", date(2020, 6, 1)),)), RULES, TODAY)
    assert (s.level, s.rule_id, s.counted) == ("junior", "DQ2022-J", True)
    assert s.met == ("J-CERT", "J-IND", "J-SKILL")
    assert [f.record_id for f in s.facts if f.kind == "skill_certificate"] == [11]
    assert s.rule_set == RULES.version
    # The next level is what is missing now: a teaching title of 讲师 and a level-3 certificate…
    assert s.next_rule_id == "DQ2022-M"
    assert [m.rule_id for m in s.missing] == ["M-RANK", "M-IND"]


def test_a_certificate_one_level_short_is_near_with_its_effort() -> None:
    s = evaluate(teacher(qualifications=(skill("5", date(2020, 6, 1)),)), RULES, TODAY)
    assert s.level is None and s.rule_id == "DQ2022-J"
    assert [m.rule_id for m in s.missing] == ["J-IND"]
    best = s.missing[0].options[0]
    assert (best.rule_id, best.kind, best.have, best.need, best.effort_days) == (
        "J-SKILL",
        "skill_level",
        5,
        4,
        60,
    )
    assert s.near and s.effort_days == 60


def test_a_certificate_outside_the_field_does_not_count() -> None:
    s = evaluate(
        teacher(qualifications=(skill("3", date(2020, 6, 1), field="电子商务师"),)), RULES, TODAY
    )
    assert s.level is None
    assert s.missing[0].options[0].kind == "skill_field"
    assert s.near


def test_industry_title_in_field_makes_junior_but_a_teaching_title_does_not() -> None:
    engineer = evaluate(
        teacher(qualifications=(title("助理工程师", date(2021, 1, 1)),)), RULES, TODAY
    )
    assert engineer.level == "junior" and "J-TITLE" in engineer.met
    lecturer = evaluate(
        teacher(
            qualifications=(
                title(
                    "中等职业学校讲师",
                    date(2021, 1, 1),
                    kind="professional_title",
                    level="intermediate",
                ),
            )
        ),
        RULES,
        TODAY,
    )
    assert lecturer.level is None


def test_three_years_of_enterprise_work_makes_junior_and_overlaps_count_once() -> None:
    # 2010-01-01 … 2012-12-30 is 1,095 days inclusive = 3 × 365.
    exactly = evaluate(
        teacher(
            experience=(WorkFact(41, "A厂", date(2010, 1, 1), date(2012, 12, 30), in_field="yes"),)
        ),
        RULES,
        TODAY,
    )
    assert exactly.level == "junior" and "J-WORK" in exactly.met
    short = evaluate(
        teacher(
            experience=(WorkFact(41, "A厂", date(2010, 1, 1), date(2012, 12, 29), in_field="yes"),)
        ),
        RULES,
        TODAY,
    )
    assert short.level is None
    gap = next(g for g in short.missing[0].options if g.kind == "work_days")
    assert (gap.have, gap.need, gap.effort_days, gap.near) == (1094, 1095, 1, True)
    overlapping = (
        WorkFact(41, "A厂", date(2010, 1, 1), date(2011, 12, 31), in_field="yes"),
        WorkFact(42, "B厂", date(2011, 1, 1), date(2012, 6, 30), in_field="yes"),
    )
    assert work_days(overlapping, TODAY)[0] == (date(2012, 6, 30) - date(2010, 1, 1)).days + 1


def test_an_open_work_period_runs_to_the_as_of_date() -> None:
    f = teacher(experience=(WorkFact(41, "A厂", date(2024, 1, 1), None, in_field="yes"),))
    assert evaluate(f, RULES, date(2026, 12, 29)).level is None  # 1,094 days
    assert evaluate(f, RULES, date(2026, 12, 30)).level == "junior"  # 1,095 days


def test_practice_of_180_days_within_five_years_makes_junior() -> None:
    f = teacher(
        practice=(
            practice(date(2022, 7, 1), date(2022, 8, 29), 60, pid=31),
            practice(date(2024, 7, 1), date(2024, 10, 28), 120, pid=32),
        )
    )
    s = evaluate(f, RULES, TODAY)
    assert s.level == "junior" and "J-PRACTICE" in s.met
    assert sorted(x.record_id for x in s.facts if x.kind == "practice") == [31, 32]


def test_practice_leaves_the_window_five_years_after_it_ended() -> None:
    f = teacher(
        practice=(
            practice(date(2021, 3, 1), date(2021, 7, 28), 150, pid=31),
            practice(date(2024, 7, 15), date(2024, 8, 13), 30, pid=32),
        )
    )
    assert evaluate(f, RULES, date(2026, 7, 27)).level == "junior"  # window starts 2021-07-27
    lapsed = evaluate(
        f, RULES, date(2026, 7, 28)
    )  # window starts 2021-07-28: the 2021 block is out
    assert lapsed.level is None
    gap = next(g for g in lapsed.missing[0].options if g.kind == "practice_days")
    assert (gap.have, gap.need, gap.effort_days, gap.near) == (30, 180, 150, False)
    # The status remembers when it lapsed (a near-qualified case for the planner).
    assert last_qualified_on(f, RULES, TODAY, 12) == date(2026, 6, 30)


def test_practice_counts_once_it_has_ended() -> None:
    f = teacher(practice=(practice(date(2026, 1, 5), date(2026, 7, 3), 180),))
    assert evaluate(f, RULES, date(2026, 7, 2)).level is None
    assert evaluate(f, RULES, date(2026, 7, 3)).level == "junior"


def test_practice_progress_of_at_least_60_percent_is_near() -> None:
    near = evaluate(
        teacher(practice=(practice(date(2025, 7, 1), date(2025, 11, 27), 150),)), RULES, TODAY
    )
    assert near.near and near.effort_days == 30
    far = evaluate(
        teacher(practice=(practice(date(2025, 7, 1), date(2025, 8, 14), 45),)), RULES, TODAY
    )
    assert not far.near
    # The cheapest way for a teacher with little practice is a certificate in the field.
    assert far.missing[0].options[0].kind == "skill_none" and far.effort_days == 90


def test_without_a_teacher_certificate_the_industry_side_is_not_enough() -> None:
    f = teacher(has_teacher_certificate=False, qualifications=(skill("3", date(2020, 1, 1)),))
    s = evaluate(f, RULES, TODAY)
    assert s.level is None
    assert [m.rule_id for m in s.missing] == ["J-CERT"]
    assert s.near and s.effort_days == 120
    assert "J-SKILL" in s.met  # the industry side is recorded as met
    # Missing both sides is two requirements: not near.
    nothing = evaluate(teacher(has_teacher_certificate=False), RULES, TODAY)
    assert len(nothing.missing) == 2 and not nothing.near and nothing.effort_days == 120 + 90


def test_a_dated_teacher_certificate_counts_from_its_date() -> None:
    f = teacher(
        teacher_certificate_on=date(2024, 5, 1), qualifications=(skill("4", date(2020, 1, 1)),)
    )
    assert evaluate(f, RULES, date(2024, 4, 30)).level is None
    assert evaluate(f, RULES, date(2024, 5, 1)).level == "junior"


# --- intermediate and senior --------------------------------------------------------------------
def test_intermediate_needs_a_lecturer_title_and_a_level_3_certificate() -> None:
    quals = (
        skill("3", date(2015, 6, 20)),
        title(
            "中等职业学校讲师",
            date(2012, 12, 1),
            kind="professional_title",
            level="intermediate",
            qid=22,
        ),
    )
    s = evaluate(teacher(qualifications=quals), RULES, TODAY)
    assert (s.level, s.rule_id) == ("intermediate", "DQ2022-M")
    assert {"J-SKILL", "M-RANK", "M-SKILL"} <= set(s.met)
    assert s.next_rule_id == "DQ2022-S"


def test_senior_needs_a_senior_lecturer_and_a_technician_certificate() -> None:
    quals = (
        skill("2", date(2016, 11, 20)),
        title("高级讲师", date(2019, 12, 1), kind="professional_title", qid=22),
    )
    s = evaluate(teacher(qualifications=quals), RULES, TODAY)
    assert (s.level, s.rule_id, s.missing) == ("senior", "DQ2022-S", ())
    # Before the title was granted the teacher had no teaching title: junior only.
    assert evaluate(teacher(qualifications=quals), RULES, date(2019, 11, 30)).level == "junior"


def test_as_of_in_the_past_ignores_later_records() -> None:
    f = teacher(qualifications=(skill("4", date(2023, 6, 1)),))
    assert evaluate(f, RULES, date(2023, 5, 31)).level is None
    assert evaluate(f, RULES, date(2023, 6, 1)).level == "junior"


# --- who is counted -----------------------------------------------------------------------------
def test_the_basis_is_full_time_programme_teachers_on_staff() -> None:
    quals = (skill("2", date(2016, 1, 1)),)
    part_time = evaluate(teacher(employment="part_time", qualifications=quals), RULES, TODAY)
    assert (part_time.counted, part_time.basis_reason) == (False, "part_time")
    general = evaluate(teacher(programme_code=None, field_terms=frozenset()), RULES, TODAY)
    assert (general.counted, general.basis_reason) == (False, "no_programme")
    future = evaluate(teacher(hired_on=date(2027, 1, 1)), RULES, TODAY)
    assert (future.counted, future.basis_reason) == (False, "not_employed")
    left = teacher(left_on=date(2026, 3, 1), qualifications=quals)
    assert evaluate(left, RULES, date(2026, 2, 28)).counted
    assert not evaluate(left, RULES, date(2026, 3, 1)).counted


# --- the rule file is the rule ------------------------------------------------------------------
def test_editing_the_rule_file_changes_the_status(tmp_path: Path) -> None:
    f = teacher(practice=(practice(date(2025, 7, 1), date(2025, 11, 27), 150),))
    path = tmp_path / "rules.yaml"
    text = rules_path().read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    before = evaluate(f, load_rules(path), TODAY)
    path.write_text(text.replace("min_days: 180", "min_days: 150", 1), encoding="utf-8")
    after = evaluate(f, load_rules(path), TODAY)
    assert before.level is None and after.level == "junior"
    assert before.rule_set != after.rule_set


def test_month_ends_end_with_the_as_of_date() -> None:
    assert month_ends(date(2026, 3, 15), 4) == [
        date(2025, 12, 31),
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 15),
    ]


def test_the_fast_standing_agrees_with_the_full_evaluation() -> None:
    import random
    from datetime import timedelta

    from vocmatch.teachers.dual_qualified.evaluation import standing

    rng = random.Random(6)
    for i in range(300):
        quals = tuple(
            skill(
                str(rng.randint(1, 5)),
                date(2012, 1, 1) + timedelta(days=rng.randrange(5000)),
                rng.choice(["数控车工", "会计"]),
                qid=i * 10 + k,
            )
            for k in range(rng.randrange(0, 3))
        )
        start = date(2005, 1, 1) + timedelta(days=rng.randrange(6000))
        work = (
            (WorkFact(i, "厂", start, start + timedelta(days=rng.randrange(200, 2000))),)
            if rng.random() < 0.3
            else ()
        )
        prac = tuple(
            practice(s, s + timedelta(days=d - 1), d, pid=i * 10 + k)
            for k in range(rng.randrange(0, 4))
            for s in [date(2018, 1, 1) + timedelta(days=rng.randrange(3000))]
            for d in [rng.randrange(10, 150)]
        )
        f = teacher(
            has_teacher_certificate=rng.random() < 0.85,
            employment=rng.choice(["full_time", "full_time", "part_time"]),
            hired_on=date(2010, 1, 1) + timedelta(days=rng.randrange(6000)),
            qualifications=quals,
            experience=work,
            practice=prac,
        )
        day = date(2020, 1, 1) + timedelta(days=rng.randrange(2500))
        full = evaluate(f, RULES, day)
        assert standing(f, RULES, day) == (full.counted, full.counted and full.qualified)


def test_the_basis_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    text = rules_path().read_text(encoding="utf-8")
    path.write_text(
        text.replace("requires_programme: true", "requires_programme: false", 1), encoding="utf-8"
    )
    general = teacher(programme_code=None, field_terms=frozenset())
    assert not evaluate(general, RULES, TODAY).counted
    assert evaluate(general, load_rules(path), TODAY).counted


def test_practice_of_unconfirmed_field_is_named_as_recorded_but_not_counted() -> None:
    # 45 days ended 2026-03-31 (in the window), field unknown and not verified; 30 days in the
    # field. The gap counts 30 of 180 and names the 45 as unconfirmed; confirming adds them.
    unsure = replace(practice(date(2026, 2, 1), date(2026, 3, 31), 45, pid=32), in_field="unknown")
    f = teacher(practice=(practice(date(2025, 7, 1), date(2025, 7, 30), 30), unsure))
    gap = next(
        g for m in evaluate(f, RULES, TODAY).missing for g in m.options if g.rule_id == "J-PRACTICE"
    )
    assert (gap.have, gap.need, gap.unconfirmed_days) == (30, 180, 45)
    assert [x.record_id for x in gap.unconfirmed] == [32]
    confirmed = replace(f, verified=(*VERIFIED, ("practice:32", date(2026, 4, 1))))
    gap = next(
        g
        for m in evaluate(confirmed, RULES, TODAY).missing
        for g in m.options
        if g.rule_id == "J-PRACTICE"
    )
    assert (gap.have, gap.unconfirmed_days) == (75, 0)
