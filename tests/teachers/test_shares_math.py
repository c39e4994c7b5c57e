"""The arithmetic behind the dashboard, checked against hand-computed values."""

from __future__ import annotations

from datetime import date

import pytest

from vocmatch.teachers.dual_qualified.share_arithmetic import (
    add_months,
    greedy_plan,
    months_between,
    ols_slope,
    projected,
    reach_date,
    teachers_short,
)


def test_teachers_short_of_the_target() -> None:
    assert teachers_short(21, 52, 0.5) == 5  # 26 of 52 needed
    assert teachers_short(3, 7, 0.5) == 1  # 3.5 → 4
    assert teachers_short(4, 8, 0.5) == 0
    assert teachers_short(0, 0, 0.5) == 0


def test_least_squares_slope() -> None:
    # x = 0..3, y = 1, 2, 3, 3: Σ(x − 1.5)·y = −1.5 − 1 + 1.5 + 4.5 = 3.5; Σ(x − 1.5)² = 5.
    assert ols_slope([1, 2, 3, 3]) == pytest.approx(0.7)
    assert ols_slope([0.4]) == 0.0
    assert ols_slope([2, 2, 2]) == 0.0


def test_reach_date_at_the_current_pace() -> None:
    as_of = date(2026, 11, 29)
    # 0.5 − 0.40 = 0.10 at 0.03 a month → 3.33 → 4 months → end of March 2027.
    assert reach_date(0.40, 0.03, 0.5, as_of) == date(2027, 3, 31)
    assert reach_date(0.55, 0.0, 0.5, as_of) == as_of
    assert reach_date(0.40, 0.0, 0.5, as_of) is None
    assert reach_date(0.40, -0.01, 0.5, as_of) is None


def test_month_helpers() -> None:
    assert months_between(date(2026, 11, 29), date(2027, 12, 31)) == 13
    assert add_months(date(2026, 11, 29), 3) == date(2027, 2, 28)
    assert projected(0.4, 0.1, 10) == 1.0  # clipped


def test_greedy_plan_takes_the_cheapest_gaps_until_the_target() -> None:
    steps = greedy_plan(
        [("a", 90), ("b", 10), ("c", 30), ("d", 60)], numerator=2, denominator=8, target=0.5
    )
    assert [s.item for s in steps] == ["b", "c"]
    assert [s.share for s in steps] == [0.375, 0.5]
    assert greedy_plan([("a", 1)], numerator=4, denominator=8, target=0.5) == []


def test_least_squares_slope_on_given_x() -> None:
    assert ols_slope([0.0, 1.0], [2, 3]) == pytest.approx(1.0)
    assert ols_slope([0.0, 0.5, 1.0], [0, 2, 4]) == pytest.approx(0.25)
