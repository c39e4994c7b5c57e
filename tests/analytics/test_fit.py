"""Fit per programme on small constructed data, checked against numbers computed by hand."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from tests.analytics.conftest import ADMIN, AS_OF, A, B, C, planner
from tests.factories import make_offering, make_school
from vocmatch.analytics import service


def test_attribution_shares_headcount_without_double_counting(db: Session, world: dict) -> None:
    table = service.fit_table(db, principal=ADMIN, as_of=AS_OF)
    by_code = {p.code: p for p in table.programmes}
    assert by_code[A].demand == pytest.approx(12.67, abs=0.01)
    assert by_code[B].demand == pytest.approx(3.33, abs=0.01)
    assert C not in by_code  # below the threshold everywhere
    ov = table.overview
    assert ov.demand == pytest.approx(20)
    assert ov.unmatched == pytest.approx(4)
    assert ov.attributed == pytest.approx(16)
    # Σ attributed over programmes == Σ matched headcount: nobody is counted twice.
    assert sum(p.demand for p in table.programmes) == pytest.approx(ov.attributed, abs=0.02)


def test_ratio_band_and_fit_components(db: Session, world: dict) -> None:
    p = {p.code: p for p in service.fit_table(db, principal=ADMIN, as_of=AS_OF).programmes}[A]
    assert p.graduates == 10
    assert p.ratio == pytest.approx(10 / 12.6667, abs=1e-3)  # 0.789
    assert p.band == "tight"
    # B = r / 0.9; A = (6.667·0.8 + 6·0.5) / 12.667; K = taught 钕铁硼压制 (6.667) of 12.667.
    balance = (10 / 12.6667) / 0.9
    relevance = (10 * 0.8 / 1.2 * 0.8 + 6 * 0.5) / 12.6667
    coverage = (10 * 0.8 / 1.2) / 12.6667
    assert p.components.balance == pytest.approx(balance, abs=1e-3)
    assert p.components.relevance == pytest.approx(relevance, abs=1e-3)
    assert p.components.coverage == pytest.approx(coverage, abs=1e-3)
    assert p.fit == pytest.approx(100 * (0.5 * balance + 0.3 * coverage + 0.2 * relevance), abs=0.1)
    assert [s.term for s in p.skills_missing] == ["萃取分离"]
    assert [s.term for s in p.skills_taught] == ["钕铁硼压制"]


def test_schools_share_programme_demand_by_graduates(db: Session, world: dict) -> None:
    other = make_school(db)
    make_offering(db, other, A, intake_plan=35, graduates_per_year=30)
    table = service.fit_table(db, principal=ADMIN, as_of=AS_OF)
    rows = [o for o in table.offerings if o.programme_code == A]
    assert sorted(o.demand for o in rows) == pytest.approx([12.6667 / 4, 12.6667 * 3 / 4], abs=0.01)
    assert sum(o.demand for o in rows) == pytest.approx(12.67, abs=0.01)
    assert {o.band for o in rows} == {"oversupply"}  # 40 / 12.67 = 3.16


def test_planner_sees_only_own_offerings(db: Session, world: dict) -> None:
    school = world["school"]
    mine = service.fit_table(db, principal=planner(school.id), as_of=AS_OF)  # type: ignore[attr-defined]
    assert {o.school_code for o in mine.offerings} == {school.code}  # type: ignore[attr-defined]
    # District aggregates stay visible.
    assert any(p.code == B for p in mine.programmes)
