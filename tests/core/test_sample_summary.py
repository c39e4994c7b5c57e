"""``vocmatch sample summary``: the loaded deployment's figures, worked by hand on tests/data."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.teachers.factories import add_practice, make_teacher
from vocmatch.sample_summary import render, sample_summary
from vocmatch.schools.models import School

AS_OF = date(2026, 11, 29)


def test_records_enterprises_and_postings_of_the_test_deployment(db: Session) -> None:
    s = sample_summary(db, as_of=AS_OF)
    # tests/data/sample: 2 schools, 6 offerings, 6 enterprises, 10 postings, 6 teachers,
    # 3 partners, 2 agreements, 4 activities (one row each, headers excluded).
    assert s.records == {
        "schools": 2,
        "offerings": 6,
        "enterprises": 6,
        "postings": 10,
        "teachers": 6,
        "partners": 3,
        "agreements": 2,
        "activities": 4,
    }
    assert s.locations == {"high_tech_zone": 3, "ganzhou": 2, "bay_area": 1}
    assert s.leading == [
        "赣州稀土集团有限公司",
        "江西金力永磁科技有限公司",
        "孚能科技（赣州）股份有限公司",
    ]
    assert s.posting_types == {"hire": 7, "internship": 1, "order_class": 1, "apprenticeship": 1}
    assert s.posting_statuses == {"open": 8, "filled": 1, "expired": 1}
    assert s.enrolment[2020] == {"GXZZ": 800, "TESTPRIV": 200}


def test_dual_qualified_figures_worked_by_hand(db: Session) -> None:
    s = sample_summary(db, as_of=AS_OF)
    # Counted (full-time with a programme): GXZZ-T001 (车工 level 3, 2018, in 660103's field),
    # GXZZ-T002 (工业机器人 level 4, 2024-06, in 660303's field), GXZZ-T003 (4 years at
    # 赣州稀土集团 2008–2012 ≥ 3 years) and TP-T001 (45 practice days < 180, 45/180 < 0.6 so not
    # near). T004 has no programme and T005 is part-time: outside the basis.
    # The shares count recognitions (认定 records): the test deployment has none, so 0 of the
    # basis although three teachers meet the rules on their records.
    assert s.shares == [("GXZZ 赣县中等专业学校", 0, 3), ("TESTPRIV 测试民办职业学校", 0, 1)]
    assert s.district == (0, 4)
    assert s.year_ends == [(y, 0, 4) for y in range(2021, 2027)]
    # Meeting the rules on the records (eligible or pending verification): all 6 on staff, 4 —
    # T005, part-time, meets the part-time route (in-field title + a year on the staff, pending
    # verification of PT-J-ETHICS); all 5 full-time: 3.
    assert s.other_bases == [("all teachers on staff", 4, 6), ("all full-time teachers", 3, 5)]
    # Not recognised: the pipeline. No school verified anything (no verification records), so
    # the three counted teachers who meet the rules wait for verification (待核实), none is eligible.
    assert s.pipeline == (0, 3)
    assert s.near == []
    text = render(s)
    assert "| **district** | **0/4 = 0.0 %** |" in text
    assert "2024: 0/4 = 0.0 %" in text
    assert "the pipeline: 0 eligible on the records and verified, 3 eligible pending" in text
    assert "| 2020 | 800 | 200 | 1000 |" in text


def test_a_near_qualified_teacher_is_listed_with_what_is_missing(db: Session) -> None:
    school = db.scalars(select(School).where(School.code == "TESTPRIV")).one()
    teacher = make_teacher(db, school, staff_no="TP-T900", programme_code="660301")
    # 150 of 180 days: 150/180 = 0.83 ≥ 0.6; the content names 电工, in 660301's field.
    add_practice(db, teacher, date(2026, 3, 1), 150, content="电工岗位实践")
    s = sample_summary(db, as_of=AS_OF)
    assert s.near == [("TP-T900", "660301", "enterprise practice 150 of 180 days")]
    assert s.shares[1] == ("TESTPRIV 测试民办职业学校", 0, 2)
    assert "| TP-T900 | 660301 | enterprise practice 150 of 180 days |" in render(s)
