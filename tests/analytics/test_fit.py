"""Fit per programme on small constructed data, checked against numbers computed by hand."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from tests.analytics.conftest import ADMIN, AS_OF, matched_posting, planner
from tests.factories import make_enterprise, make_offering, make_school
from vocmatch.analytics import service

A, B, C = "630502", "670201", "710201"  # offered by nobody in the fixture


@pytest.fixture
def world(db: Session) -> dict[str, object]:
    """Three matched postings, one below the threshold, and one school offering A.

    P1: 10 people, A 0.8 and B 0.4 (C 0.2 is below 0.3) → A gets 10·0.8/1.2, B 10·0.4/1.2.
    P2: 6 people, A 0.5 → A gets 6.   P3: 4 people, only C 0.1 → unmatched.
    D_A = 6.6667 + 6 = 12.6667, D_B = 3.3333; matched headcount 16, unmatched 4.
    """
    ent = make_enterprise(db, location_kind="high_tech_zone", is_leading=True)
    bay = make_enterprise(db, location_kind="bay_area")
    p1 = matched_posting(
        db, ent, headcount=10, programmes=[(A, 0.8), (B, 0.4), (C, 0.2)], skills=["钕铁硼压制"]
    )
    p2 = matched_posting(
        db, bay, headcount=6, programmes=[(A, 0.5)], skills=["串级萃取"], type="order_class"
    )
    p3 = matched_posting(db, ent, headcount=4, programmes=[(C, 0.1)], chain="none")
    school = make_school(db)
    off = make_offering(
        db, school, A, intake_plan=12, graduates_per_year=10, school_courses="钕铁硼压制工艺"
    )
    return {"school": school, "offering": off, "postings": (p1, p2, p3), "ent": ent}


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
