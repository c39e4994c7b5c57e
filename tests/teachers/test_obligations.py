"""Practice obligations: exact date arithmetic of the rolling window (hand-computed)."""

from __future__ import annotations

from datetime import date

from vocmatch.teachers.district import Obligation
from vocmatch.teachers.dual_qualified.facts import PracticeFact
from vocmatch.teachers.roster.obligations import check, drop_day

NATIONAL = Obligation(
    key="national", name="n", min_days=180, window_years=5, source="s", set_by="standard"
)


def p(end: date, days: int, pid: int = 1) -> PracticeFact:
    return PracticeFact(pid, "企业", end, end, days)


def test_met_lapses_when_the_record_completing_the_days_leaves_the_window() -> None:
    recs = [p(date(2022, 3, 31), 120, 1), p(date(2024, 6, 30), 90, 2)]
    c = check(recs, hired_on=date(2010, 9, 1), rule=NATIONAL, as_of=date(2026, 11, 29),
              due_within_days=365)  # fmt: skip
    # Latest first: 90 (2024-06-30) + 120 (2022-03-31) = 210 ≥ 180 → lapses 2027-03-31.
    assert (c.status, c.days, c.due_on) == ("due_soon", 210, date(2027, 3, 31))
    far = check(recs, hired_on=date(2010, 9, 1), rule=NATIONAL, as_of=date(2026, 3, 30),
                due_within_days=365)  # fmt: skip
    assert far.status == "ok"  # 366 days before 2027-03-31


def test_overdue_since_the_day_the_window_lost_the_days() -> None:
    recs = [p(date(2020, 5, 31), 200)]
    c = check(recs, hired_on=date(2010, 9, 1), rule=NATIONAL, as_of=date(2026, 11, 29),
              due_within_days=365)  # fmt: skip
    assert (c.status, c.short, c.overdue_since) == ("overdue", 180, date(2025, 5, 31))
    # On 2025-05-30 the record still counts.
    assert check(recs, hired_on=date(2010, 9, 1), rule=NATIONAL, as_of=date(2025, 5, 30),
                 due_within_days=365).status == "due_soon"  # fmt: skip


def test_a_new_teacher_has_the_first_window_and_29_february_drops_on_1_march() -> None:
    c = check([], hired_on=date(2024, 2, 29), rule=NATIONAL, as_of=date(2026, 11, 29),
              due_within_days=365)  # fmt: skip
    assert (c.status, c.due_on) == ("first_period", date(2029, 3, 1))
    assert drop_day(date(2024, 2, 29), 5) == date(2029, 3, 1)
    late = check([], hired_on=date(2024, 2, 29), rule=NATIONAL, as_of=date(2029, 3, 1),
                 due_within_days=365)  # fmt: skip
    assert (late.status, late.overdue_since) == ("overdue", date(2029, 3, 1))
