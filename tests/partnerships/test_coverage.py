"""Matrix, gaps, counts, practice days and indicators on constructed data, checked by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories import make_enterprise, make_offering, make_school, make_user
from tests.partnerships.helpers import make_activity, make_agreement, make_partner
from vocmatch.accounts import service as auth
from vocmatch.indicators.models import Designation
from vocmatch.kit.principal import Principal
from vocmatch.partnerships.activities import service
from vocmatch.partnerships.coverage import service as coverage
from vocmatch.partnerships.models import Partner
from vocmatch.schools.models import OfferingPartner, School
from vocmatch.teachers.models import Teacher, TeacherPractice


@dataclass
class World:
    school: School
    principal: Principal
    bay: str
    leading: str


def build(db: Session, year: int) -> World:
    """One school offering 660103 (key demonstration), 630501 (characteristic), 730301 (plain).

    Activities (Y = ``year``): plan 660103 done with the Bay Area college; curriculum for 660103 and
    630501 done with a local college; syllabus 660103 planned; textbook 660103 recorded done but
    dated next year; evaluation 730301 done. Agreements: an order class with a leading enterprise
    for 630501; an articulation for 730301 that expired the year before.
    """
    s = make_school(db)
    for code, flags in (
        ("660103", {"key_demonstration": True}),
        ("630501", {"characteristic": True}),
        ("730301", {}),
    ):
        make_offering(db, s, code, year=year, **flags)
    bay = make_partner(db, name="深圳测试职业学院", region="bay_area")
    local = make_partner(db, name="赣州测试职业学院", region="ganzhou")
    firm = make_enterprise(db, name="测试龙头集团有限公司", is_leading=True)
    firm_partner = make_partner(
        db, name=firm.name, kind="enterprise", region="ganzhou", enterprise_id=firm.id
    )
    y = year
    make_activity(db, s, [bay], type="five_commons_plan", programmes=["660103"], date=date(y, 3, 1))
    make_activity(
        db,
        s,
        [local],
        type="five_commons_curriculum",
        programmes=["660103", "630501"],
        date=date(y, 4, 1),
    )
    make_activity(
        db,
        s,
        [bay],
        type="five_commons_syllabus",
        programmes=["660103"],
        date=date(y, 12, 1),
        status="planned",
    )
    make_activity(
        db, s, [bay], type="five_commons_textbook", programmes=["660103"], date=date(y + 1, 1, 10)
    )
    make_activity(
        db, s, [bay], type="five_commons_evaluation", programmes=["730301"], date=date(y, 5, 1)
    )
    make_agreement(
        db, s, firm_partner, type="order_class", programmes=["630501"], signed_on=date(y - 1, 9, 1)
    )
    make_agreement(
        db,
        s,
        bay,
        type="articulation",
        programmes=["730301"],
        signed_on=date(y - 3, 1, 1),
        valid_until=date(y - 1, 12, 31),
    )
    user = make_user(db, "planner", schools=[s.code])
    return World(s, auth.principal_for(db, user, via="key"), bay.name, firm.name)


def test_matrix_by_hand(db: Session) -> None:
    w = build(db, 2026)
    m = coverage.five_commons_matrix(db, as_of=date(2026, 11, 29), principal=w.principal)
    states = {r.programme_code: [c.state for c in r.cells] for r in m.rows}
    assert states == {
        "630501": ["missing", "done", "missing", "missing", "missing"],
        "660103": ["done", "done", "planned", "planned", "missing"],
        "730301": ["missing", "missing", "missing", "missing", "done"],
    }
    assert (m.done, m.planned, m.missing) == (4, 2, 9)
    assert {r.programme_code: r.done for r in m.rows} == {"630501": 1, "660103": 2, "730301": 1}
    assert [r.flags for r in m.rows] == [["characteristic"], ["key_demonstration"], []]
    # A year later the textbook (dated 2027-01-10) is done.
    later = coverage.five_commons_matrix(db, as_of=date(2027, 2, 1), principal=w.principal)
    assert [c.state for c in later.rows[1].cells][3] == "done"


def test_featured_gaps_by_hand(db: Session) -> None:
    w = build(db, 2026)
    gaps = {
        g.programme_code: g
        for g in coverage.featured_gaps(db, as_of=date(2026, 11, 29), principal=w.principal)
    }
    assert set(gaps) == {"630501", "660103"}  # 730301 is not featured
    g = gaps["630501"]
    assert g.five_commons_missing == [
        "five_commons_plan",
        "five_commons_syllabus",
        "five_commons_textbook",
        "five_commons_evaluation",
    ]
    assert g.bay_area_partners == [] and g.leading_enterprises == [w.leading]
    assert g.lacks == ["five_commons", "bay_area_partner"]
    g = gaps["660103"]
    assert g.five_commons_missing == [
        "five_commons_syllabus",
        "five_commons_textbook",
        "five_commons_evaluation",
    ]
    assert g.five_commons_planned == ["five_commons_syllabus", "five_commons_textbook"]
    assert g.bay_area_partners == [w.bay] and g.leading_enterprises == []
    assert g.lacks == ["five_commons", "leading_enterprise"]


def test_offering_partner_counts_as_leading_and_bay_area_cooperation(db: Session) -> None:
    w = build(db, 2026)
    from sqlalchemy import select

    from vocmatch.schools.models import Offering

    o = db.scalar(
        select(Offering).where(
            Offering.school_id == w.school.id, Offering.programme_code == "660103"
        )
    )
    assert o is not None
    firm = make_enterprise(
        db, name="深圳湾区龙头装备有限公司", is_leading=True, location_kind="bay_area"
    )
    db.add(OfferingPartner(offering_id=o.id, enterprise_id=firm.id, kind="order_class"))
    db.flush()
    gaps = {
        g.programme_code: g
        for g in coverage.featured_gaps(db, as_of=date(2026, 11, 29), principal=w.principal)
    }
    assert gaps["660103"].leading_enterprises == [firm.name]
    assert gaps["660103"].bay_area_partners == sorted([w.bay, firm.name])
    assert gaps["660103"].lacks == ["five_commons"]


def test_counts_by_year_and_type(db: Session) -> None:
    w = build(db, 2026)
    counts = {
        (c.year, c.type): (c.done, c.planned)
        for c in coverage.counts_by_year_type(db, principal=w.principal)
    }
    assert counts == {
        (2026, "five_commons_plan"): (1, 0),
        (2026, "five_commons_curriculum"): (1, 0),
        (2026, "five_commons_syllabus"): (0, 1),
        (2026, "five_commons_evaluation"): (1, 0),
        (2027, "five_commons_textbook"): (1, 0),
    }


def test_practice_days_join_both_views(db: Session) -> None:
    w = build(db, 2026)
    t = Teacher(school_id=w.school.id, staff_no=f"{w.school.code}-T1", name="周测试")
    db.add(t)
    db.flush()
    firm = make_enterprise(db, location_kind="bay_area")
    act = make_activity(
        db, w.school, type="teacher_practice", teacher_id=t.id, enterprise_id=firm.id, days=15
    )
    for start, days, bay, activity_id in (
        (date(2025, 7, 1), 30, True, None),
        (date(2026, 1, 10), 10, True, None),
        (date(2026, 5, 1), 15, True, act.id),
        (date(2026, 8, 1), 40, False, None),  # not in the Bay Area: not counted
    ):
        db.add(
            TeacherPractice(
                teacher_id=t.id,
                enterprise_name=firm.name,
                start_date=start,
                end_date=start,
                days=days,
                bay_area=bay,
                activity_id=activity_id,
            )
        )
    db.flush()
    rows = [
        (r.year, r.days, r.periods, r.from_activities)
        for r in coverage.practice_days(db, principal=w.principal)
    ]
    assert rows == [(2025, 30, 1, 0), (2026, 25, 2, 1)]


@pytest.fixture
def world_2031(db: Session) -> World:
    # A year no other test has offerings in, so the district-wide indicators are ours to compute.
    return build(db, 2031)


def test_indicators_by_hand(db: Session, world_2031: World) -> None:
    ind = service.indicators(db, as_of=date(2031, 11, 30))
    assert set(ind) == {
        "vocational_education_group",
        "industry_education_training_base",
        "leading_enterprise_cooperation",
        "five_commons_coverage",
        "bay_area_articulation",
    }
    # Featured: 660103 and 630501 → 2; with a leading enterprise: 630501 → 1/2.
    lead = ind["leading_enterprise_cooperation"]
    assert (lead.numerator, lead.denominator, lead.value, lead.unit, lead.met) == (
        1,
        2,
        0.5,
        "share",
        False,
    )
    # No Bay Area agreement covers a programme on 2031-11-30 (the world's articulation ended
    # 2030-12-31, the fixture's AG-1 2029-04-30): no pairing, nothing counted, no target.
    five = ind["five_commons_coverage"]
    assert (five.value, five.numerator, five.denominator, five.target, five.met) == (
        None,
        0,
        0,
        None,
        None,
    )
    assert ind["bay_area_articulation"].value == 0
    # The fixture's school is in a group (AG-2, in force) and an entered 1 exists: neither is a
    # designation record, so the group is unknown; the membership is shown, not counted.
    group = ind["vocational_education_group"]
    assert (group.source, group.value, group.met, group.evidence) == ("unknown", None, None, [])
    assert group.context[0].startswith("AG-2")
    base = ind["industry_education_training_base"]
    assert (base.source, base.value, base.met) == ("unknown", None, None)


def test_indicators_follow_new_records(db: Session, world_2031: World) -> None:
    w = world_2031
    bay = db.scalar(select(Partner).where(Partner.name == w.bay))
    assert bay is not None
    # Designations: a municipal group (counts), a district base (below municipal: does not
    # count) and a provincial base issued after the day (counts from its date).
    for kind, level, day in (
        ("vocational_education_group", "municipal", date(2031, 5, 1)),
        ("industry_education_training_base", "district", date(2031, 5, 1)),
        ("industry_education_training_base", "provincial", date(2031, 12, 15)),
    ):
        db.add(
            Designation(
                kind=kind,
                level=level,
                title=f"测试{kind}",
                issuing_body="赣州市教育局",
                document_number="赣市教字〔2031〕1号",
                issued_on=day,
                school_id=w.school.id,
            )
        )
    # A pairing with the Bay Area college on 660103 (joint training in force), and an
    # articulation with it on 630501; one with a local college does not count.
    start = date(2031, 1, 1)
    make_agreement(db, w.school, bay, type="joint_training", programmes=["660103"], signed_on=start)
    make_agreement(db, w.school, bay, type="articulation", programmes=["630501"], signed_on=start)
    local = make_partner(db, name="赣州另一职业学院", region="ganzhou")
    make_agreement(db, w.school, local, type="articulation", programmes=["660103"], signed_on=start)
    for common in ("five_commons_curriculum", "five_commons_evaluation"):
        make_activity(
            db, w.school, [bay], type=common, programmes=["660103"], date=date(2031, 6, 1)
        )
    ind = service.indicators(db, as_of=date(2031, 11, 30))
    group = ind["vocational_education_group"]
    assert (group.source, group.value, group.met) == ("designations", 1, True)
    assert group.evidence[0].startswith("测试vocational_education_group · municipal")
    assert ind["industry_education_training_base"].source == "unknown"
    # Two pairings with the Bay Area college: 630501 (the articulation; nothing done) and 660103:
    # plan (2031-03-01), curriculum and evaluation (2031-06-01) done with it → 3 of 5 (the
    # curriculum with the local college alone would not count); the syllabus is planned and
    # the textbook dated 2032-01-10.
    five = ind["five_commons_coverage"]
    assert (five.value, five.numerator, five.denominator) == (0, 0, 2)
    assert five.evidence == [
        f"{w.school.code} 630501 · {w.bay}: 0/5",
        f"{w.school.code} 660103 · {w.bay}: 3/5",
    ]
    assert ind["bay_area_articulation"].value == 1
    make_activity(
        db,
        w.school,
        [bay],
        type="five_commons_syllabus",
        programmes=["660103"],
        date=date(2031, 12, 20),
    )
    later = service.indicators(db, as_of=date(2032, 2, 1))
    # The syllabus (2031-12-20) and the textbook (2032-01-10) complete 660103: 1 of 2.
    five = later["five_commons_coverage"]
    assert (five.value, five.numerator, five.denominator) == (1, 1, 2)
    base = later["industry_education_training_base"]
    assert (base.source, base.value, base.met) == ("designations", 1, True)
