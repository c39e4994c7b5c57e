"""Shares, history, projection and the action list on the hand-computed roster (conftest.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from tests.factories import make_enterprise, make_posting
from tests.teachers.conftest import AS_OF, Roster
from vocmatch.industries.models import ProgrammeChain
from vocmatch.kit.principal import SYSTEM
from vocmatch.teachers.dual_qualified.rules import load_rules
from vocmatch.teachers.roster import service as roster_service
from vocmatch.teachers.shares import service


def test_school_share_counts_recognised_teachers_and_shows_the_pipeline(
    db: Session, roster: Roster
) -> None:
    shares = service.shares(db, as_of=AS_OF, by="programme", school_code="DQS")
    d = shares.district
    # Recognised: A (2026-04-20) and C (2025-06-30) of the 7 in the basis.
    assert (d.numerator, d.denominator) == (2, 7)
    assert d.value == pytest.approx(2 / 7)
    # Eligible on the records: A, C and H; H has no recognition: the pipeline.
    assert (d.eligible, d.pipeline, d.pending_verification) == (3, 1, 0)
    assert d.teachers_short == 2  # 4 of 7 must be recognised for 50 %
    assert [(g.key, g.numerator, g.denominator, g.pipeline) for g in shares.groups] == [
        ("660103", 2, 7, 1)
    ]


def test_a_recognition_before_eligibility_still_counts_and_a_later_one_not_yet(
    db: Session, roster: Roster
) -> None:
    from tests.teachers.factories import recognise

    # The authority recognised G (not eligible on the records here): recognition is the status.
    recognise(db, roster.t["G"], date(2026, 1, 15))
    # H is recognised only after the as-of date: still the pipeline on AS_OF.
    recognise(db, roster.t["H"], date(2026, 5, 10))
    d = service.shares(db, as_of=AS_OF, by="school", school_code="DQS").district
    assert (d.numerator, d.denominator, d.eligible, d.pipeline) == (3, 7, 3, 1)
    later = service.shares(db, as_of=date(2026, 5, 31), by="school", school_code="DQS").district
    assert (later.numerator, later.pipeline) == (4, 0)


def test_monthly_history_from_dated_records(db: Session, roster: Roster) -> None:
    points = service.share_history(db, months=4, as_of=AS_OF, school_code="DQS")
    assert [(p.month, p.numerator, p.denominator, p.eligible) for p in points] == [
        ("2026-01", 1, 6, 1),
        ("2026-02", 1, 7, 2),
        ("2026-03", 1, 7, 3),
        ("2026-04", 2, 7, 3),
    ]
    assert points[-1].as_of == AS_OF and points[0].as_of == date(2026, 1, 31)


def test_projection_by_hand(db: Session, roster: Roster) -> None:
    p = service.projection(db, as_of=AS_OF, school_code="DQS", chosen_date=date(2026, 6, 30))
    # Recognised shares 1/6, 1/7, 1/7, 2/7 at x = 0..3:
    # Σ(x − 1.5)·y = −1.5/6 − 0.5/7 + 0.5/7 + 1.5·2/7 = −1/4 + 3/7 = 5/28; Σ(x − 1.5)² = 5.
    assert p.fit_months == 4
    assert p.pace_per_month == pytest.approx(1 / 28)
    assert p.pace_teachers_per_month == pytest.approx(0.3)  # numerators 1, 1, 1, 2: 1.5 / 5
    # The plan's date has passed: show what the share was on it.
    assert p.target_date == date(2025, 12, 31)
    assert (p.target_status, p.share_on_target_date_is_actual) == ("missed", True)
    assert p.share_on_target_date == pytest.approx(1 / 6)
    # 2/7 + 1/28 per month reaches 1/2 after (1/2 − 2/7)/(1/28) = 6 months.
    assert p.reach_date == date(2026, 10, 31)
    assert p.projected_on_chosen_date == pytest.approx(2 / 7 + 2 / 28)
    assert p.months_to_chosen_date == 2
    assert p.teachers_per_month_needed == pytest.approx(1.0)  # 2 teachers in 2 months
    assert [(x.month, round(x.value, 6)) for x in p.projection][:3] == [
        ("2026-04", round(2 / 7, 6)),
        ("2026-05", round(2 / 7 + 1 / 28, 6)),
        ("2026-06", round(2 / 7 + 2 / 28, 6)),
    ]
    assert p.projection[-1].month == "2026-10"  # drawn on to the crossing
    assert "least-squares" in p.model and "4 months" in p.model


def test_a_rule_change_changes_eligibility_never_recognition(
    db: Session, roster: Roster, rules_file: Path
) -> None:
    before = service.shares(db, as_of=AS_OF, by="school", school_code="DQS").district
    # B has 150 practice days: lower the bar to 150 and B is eligible, today and in the history.
    rules_file.write_text(
        rules_file.read_text(encoding="utf-8").replace("min_days: 180", "min_days: 150", 1),
        encoding="utf-8",
    )
    after = service.shares(db, as_of=AS_OF, by="school", school_code="DQS").district
    assert (before.eligible, after.eligible) == (3, 4)
    assert (before.pipeline, after.pipeline) == (1, 2)
    # The share counts recognitions: a rule file does not grant them.
    assert (before.numerator, after.numerator) == (2, 2)
    assert after.rule_set_version != before.rule_set_version
    history = service.share_history(db, months=4, as_of=AS_OF, school_code="DQS")
    assert [p.eligible for p in history] == [1, 2, 3, 4]  # B's 150 days are complete on 2026-04-04
    assert [p.numerator for p in history] == [1, 1, 1, 2]


def test_district_share_is_the_sum_of_the_schools(db: Session, roster: Roster) -> None:
    district = service.district_share(db, as_of=AS_OF)
    by_school = service.shares(db, as_of=AS_OF, by="school")
    assert district.numerator == sum(g.numerator for g in by_school.groups)
    assert district.denominator == sum(g.denominator for g in by_school.groups)
    assert district.value == pytest.approx(district.numerator / district.denominator)
    assert district.as_of == AS_OF and district.target == 0.5
    assert district.rule_set_version.startswith("moe-2022-basic-1+")
    assert "DQS" in {g.key for g in by_school.groups}


def test_chain_share_follows_the_programme_placements(db: Session, roster: Roster) -> None:
    # The curated list (tests/data/industries.yaml) puts 660103 under tungsten.
    groups = service.shares(db, as_of=AS_OF, by="chain", school_code="DQS").groups
    assert [(g.key, g.numerator, g.denominator) for g in groups] == [("tungsten", 2, 7)]
    # A model proposal alone changes nothing; once a planner accepts it, it counts too.
    db.add(ProgrammeChain(programme_code="660103", chain_key="intelligent_equipment", score=0.8))
    db.flush()
    groups = service.shares(db, as_of=AS_OF, by="chain", school_code="DQS").groups
    assert [g.key for g in groups] == ["tungsten"]
    db.add(
        ProgrammeChain(
            programme_code="660103", chain_key="intelligent_equipment", source="accepted"
        )
    )
    db.flush()
    groups = service.shares(db, as_of=AS_OF, by="chain", school_code="DQS").groups
    assert {g.key for g in groups} == {"intelligent_equipment", "tungsten"}  # counted in each
    # A planner's override wins over the model's mapping.
    db.add(ProgrammeChain(programme_code="660103", chain_key="rare_earth", source="override"))
    db.flush()
    groups = service.shares(db, as_of=AS_OF, by="chain", school_code="DQS").groups
    assert [(g.key, g.numerator, g.denominator) for g in groups] == [("rare_earth", 2, 7)]


def test_near_qualified_list_and_the_shortest_plan(db: Session, roster: Roster) -> None:
    near_ent = make_enterprise(db, name="数控合作企业", location_kind="high_tech_zone")
    bay_ent = make_enterprise(db, name="湾区数控企业", location_kind="bay_area")
    closed_ent = make_enterprise(db, name="已招满企业")
    other_ent = make_enterprise(db, name="会计事务所")
    match = {
        "programmes": [{"code": "660103", "name": "数控技术应用", "score": 0.9, "evidence": []}]
    }
    make_posting(db, near_ent, match=match)
    make_posting(
        db, bay_ent, match={**match, "programmes": [{**match["programmes"][0], "score": 0.7}]}
    )
    make_posting(db, closed_ent, match=match, status="filled")
    make_posting(db, other_ent, match={"programmes": [{"code": "730301", "score": 0.9}]})

    plan = roster_service.action_plan(db, principal=SYSTEM, as_of=AS_OF, school_code="DQS")
    near = [
        (a.teacher.staff_no, a.effort_days, [g.kind for g in a.gaps]) for a in plan.near_qualified
    ]
    assert near == [("DQS-B", 30, ["practice_days"]), ("DQS-D", 120, ["teacher_certificate"])]
    offers = plan.near_qualified[0].suggestions
    assert [(o.name, o.bay_area) for o in offers] == [
        ("数控合作企业", False),
        ("湾区数控企业", True),
    ]
    # Two more recognitions reach 50 %: H is eligible and only has to apply (the pipeline, no
    # days of the teacher's time), then the cheapest gap is B's 30 practice days.
    assert [(a.teacher.staff_no, a.step, a.share_after) for a in plan.plan] == [
        ("DQS-H", "apply_recognition", pytest.approx(3 / 7)),
        ("DQS-B", "close_gap", pytest.approx(4 / 7)),
    ]
    assert plan.plan[0].gaps == [] and plan.plan[0].suggestions == []
    assert plan.plan_reaches_target and plan.plan_effort_days == 30


def test_the_plan_for_a_school_far_from_the_target(
    db: Session, roster: Roster, rules_file: Path
) -> None:
    text = rules_file.read_text(encoding="utf-8")
    rules_file.write_text(text.replace("  share: 0.5\n", "  share: 0.8\n", 1), encoding="utf-8")
    plan = roster_service.action_plan(db, principal=SYSTEM, as_of=AS_OF, school_code="DQS")
    # 0.8 × 7 = 5.6 → 6 teachers: 4 more, cheapest first (H applies, B 30, then G and I at 90
    # each by staff no.).
    assert [(a.teacher.staff_no, a.effort_days) for a in plan.plan] == [
        ("DQS-H", 0),
        ("DQS-B", 30),
        ("DQS-G", 90),
        ("DQS-I", 90),
    ]
    assert plan.plan_effort_days == 210


def test_without_matched_postings_the_programmes_chain_suggests_enterprises(
    db: Session, roster: Roster
) -> None:
    # No posting carries a match for 660103 yet; 660103 is in the tungsten chain (industries.yaml),
    # so enterprises with open tungsten postings are suggested instead.
    tools = make_enterprise(db, name="钨刀具企业", chains=["tungsten"])
    make_posting(db, tools, match={})
    make_posting(db, make_enterprise(db, name="物流企业", chains=[]), match={})
    plan = roster_service.action_plan(db, principal=SYSTEM, as_of=AS_OF, school_code="DQS")
    offers = {o.name: o.basis for o in plan.near_qualified[0].suggestions}
    # The fixture's tungsten firm with an open posting (海盛) is suggested too; logistics is not.
    assert offers == {"钨刀具企业": "chain", "赣州海盛硬质合金有限公司": "chain"}


def test_months_before_a_school_had_teachers_are_left_out_of_the_trend(
    db: Session, rules_file: Path
) -> None:
    from tests.factories import make_school
    from tests.teachers.factories import add_skill, make_teacher, recognise

    school = make_school(db, code="DQNEW", name="新建测试学校")
    t = make_teacher(db, school, staff_no="DQNEW-1", hired_on=date(2026, 3, 1))
    add_skill(db, t, "4", date(2026, 4, 15))
    recognise(db, t, date(2026, 4, 20))
    p = service.projection(db, as_of=AS_OF, school_code="DQNEW", chosen_date=date(2026, 6, 30))
    assert [(x.numerator, x.denominator) for x in p.history] == [(0, 0), (0, 0), (0, 1), (1, 1)]
    # Only March (0 %) and April (100 %) count: one point a month, not 0.3 from four points.
    assert p.pace_per_month == pytest.approx(1.0)


@pytest.mark.parametrize("name", ["dual_qualified_rules.yaml", "dual_qualified_rules_jiangxi.yaml"])
def test_every_requirement_of_the_deployed_rule_sets_says_whether_its_number_is_ours(
    name: str,
) -> None:
    # /teachers/rules reads product_threshold of every requirement; an any-of requirement had
    # none in the API shape, and the page failed on the sample deployment.
    data = Path(__file__).parents[2] / "data" / name
    out = service.rule_set(load_rules(data))
    reqs = [r for lvl in out.levels for r in lvl["all_of"]]  # type: ignore[attr-defined]
    assert any(r["any_of"] for r in reqs)
    assert all("product_threshold" in r for r in reqs)
