"""A small constructed roster whose every figure was computed by hand (see ``roster``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from tests.factories import make_school
from tests.teachers.factories import (
    add_practice,
    add_skill,
    add_title,
    add_work,
    make_teacher,
    recognise,
    verify,
)
from vocmatch.schools.models import School
from vocmatch.teachers.dual_qualified import rules as rules_module
from vocmatch.teachers.models import Teacher

AS_OF = date(2026, 4, 30)


@pytest.fixture
def rules_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the deployment's rule file that the app reads instead (edit it in the test).

    The projection fits the last 4 months so that its slope is easy to compute by hand.
    """
    path = tmp_path / "dual_qualified_rules.yaml"
    text = rules_module.rules_path().read_text(encoding="utf-8")
    path.write_text(text.replace("fit_months: 24", "fit_months: 4"), encoding="utf-8")
    monkeypatch.setattr(rules_module, "rules_path", lambda: path)
    return path


@dataclass
class Roster:
    school: School
    t: dict[str, Teacher]


@pytest.fixture
def roster(db: Session, rules_file: Path) -> Roster:
    """Nine teachers of a new school, all 660103 数控技术应用 and hired 2020-09-01 unless noted.

    The school verified the junior level's unchecked items (J-ETHICS, J-TEACH) of every teacher on
    the day they were hired. Practice and work records name 数控车工 (in the field).
    counted (full-time, programme): A B C D G H I — E is part-time (an engineer with a teacher
    certificate, outside the share), F teaches 语文.
      A  skill certificate 数控车工 level 4 from 2026-03-10          → eligible junior from 2026-03-10,
         RECOGNISED junior on 2026-04-20
      B  practice 60 days (ended 2025-08-29) + 90 days (ended 2026-04-04) = 150 of 180 → near, 30 days
      C  enterprise work 2010-01-01 … 2014-12-31                    → eligible throughout,
         RECOGNISED junior on 2025-06-30
      D  hired 2026-02-01, skill level 3 in field, no teacher certificate → near, 120 days
      G, I  teacher certificate only                                  → not eligible, 90 days each
      H  助理工程师 (机械制造) from 2026-02-20                        → eligible from 2026-02-20,
         not recognised: the pipeline
    month ends (recognised/basis, eligible): 2026-01-31 1/6, 1 (D not hired) · 02-28 1/7, 2 ·
    03-31 1/7, 3 · as of 04-30 2/7, 3 (pipeline: H). 2025-12-31 (the plan's date): 1/6.
    """
    school = make_school(db, code="DQS", name="双师测试学校")
    hired = date(2020, 9, 1)
    t = {
        k: make_teacher(db, school, staff_no=f"DQS-{k}", name=f"教师{k}", hired_on=hired)
        for k in "ABCGHI"
    }
    t["D"] = make_teacher(
        db,
        school,
        staff_no="DQS-D",
        name="教师D",
        hired_on=date(2026, 2, 1),
        has_teacher_certificate=False,
    )
    t["E"] = make_teacher(
        db,
        school,
        staff_no="DQS-E",
        name="教师E",
        hired_on=hired,
        employment="part_time",
    )
    t["F"] = make_teacher(
        db,
        school,
        staff_no="DQS-F",
        name="教师F",
        hired_on=hired,
        programme_code=None,
        subject_area="语文",
    )
    for teacher in t.values():
        verify(db, teacher, teacher.hired_on or hired)
    add_skill(db, t["A"], "4", date(2026, 3, 10))
    add_practice(db, t["B"], date(2025, 7, 1), 60, content="数控车工岗位实践")
    add_practice(db, t["B"], date(2026, 1, 5), 90, content="数控车工岗位实践")
    add_work(db, t["C"], date(2010, 1, 1), date(2014, 12, 31), role="数控车工")
    recognise(db, t["A"], date(2026, 4, 20))
    recognise(db, t["C"], date(2025, 6, 30))
    add_skill(db, t["D"], "3", date(2019, 5, 1))
    add_title(db, t["H"], "助理工程师", date(2026, 2, 20), field="机械制造")
    add_title(db, t["E"], "工程师", date(2015, 1, 1), field="机械制造")
    return Roster(school, t)
