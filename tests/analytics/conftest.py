"""Helpers for the analytics tests: postings with a stored match, principals, a fresh cache, and
a small world whose figures are worked out by hand below."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy.orm import Session

from tests.factories import make_enterprise, make_offering, make_posting, make_school
from vocmatch.analytics import cache
from vocmatch.demand.models import Posting
from vocmatch.enterprises.models import Enterprise
from vocmatch.kit.principal import Principal
from vocmatch.schools.destinations.models import GraduateDestination

AS_OF = date(2026, 11, 29)  # the window is 2025-11-30 – 2026-11-29
A, B, C = "630502", "670201", "710201"  # offered by nobody in the fixture
ADMIN = Principal(user_id=1, username="admin-t", role="admin")


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    """Each test starts from an empty analytics cache (its data is rolled back afterwards)."""
    cache.clear()
    yield
    cache.clear()


def planner(*school_ids: int) -> Principal:
    """Return a planner principal scoped to ``school_ids``."""
    return Principal(
        user_id=2, username="planner-t", role="planner", school_ids=frozenset(school_ids)
    )


def matched_posting(
    session: Session,
    enterprise: Enterprise,
    *,
    headcount: int,
    programmes: list[tuple[str, float]],
    chain: str = "rare_earth",
    occupation: str = "",
    **kw: Any,
) -> Posting:
    """Create a posting whose stored match names ``programmes`` with their scores."""
    match = {
        "chain": chain,
        "chains": [{"key": chain, "score": 0.9}],
        "occupations": [{"code": occupation, "name": "", "score": 0.8, "evidence": []}]
        if occupation
        else [],
        "programmes": [
            {"code": c, "name": "", "score": s, "evidence": [f"证据{c}"]} for c, s in programmes
        ],
    }
    return make_posting(
        session, enterprise, headcount=headcount, match=match, chain=chain, chain_score=0.9, **kw
    )


@pytest.fixture
def world(db: Session) -> dict[str, Any]:
    """One school offering A (630502, curated under rare_earth/magnets) and its demand.

    Hires of A (reposts none; all posted 2026-09-01, in the window; source portal):
      P1 10 people, E1, title 钕铁硼压制工, skill 钕铁硼压制 (segment magnets), A 0.8 B 0.4 C 0.2
         → B and C are not offered (C is below 0.3 anyway): A gets all 10.
      P6 2 people, E2, skill 串级萃取 (→ 萃取分离, segment separation), A 0.5
      P7 3 (E3), P8 1 (E1), P9 4 (E2): no skill terms, A 0.5 (segment magnets: A is listed there)
      D_A = 10 + 2 + 3 + 1 + 4 = 20 a year; 5 vacancies, 3 enterprises → sufficient;
      strength = min(1, 5/20) · min(1, 3/6) = 0.125.
    Not graduate demand: P2 order class 6 (E2, A 0.5), P5 internship 20 (E1, A 0.9).
    P3 hire 4 (chain none), only C 0.1 → unmatched. P4 hire 5 (new_energy), B 0.6 → unserved B.
    P10 hire 3 (E3, chain none), 730301 0.7 → the fixture's off-chain 会计 gets 3 hires from 1
      vacancy: insufficient evidence.
    Supply of A: intake 12, graduates 10; destination records 2025 (10 graduates: 3 zone + 1
      Ganxian employed, 5 study, 1 other) and 2026 (10: 4 zone + 2 Ganzhou employed, 3 study,
      1 other) → employment share 10/20 = 0.5, E_A = round(10 × 0.5) = 5; zone share 7/10.
    r_A = 5/20 = 0.25 → shortage.
    """
    e1 = make_enterprise(db, location_kind="high_tech_zone", is_leading=True)
    e2 = make_enterprise(db, location_kind="bay_area")
    e3 = make_enterprise(db, location_kind="ganzhou")

    def hire(ent: Enterprise, n: int, title: str, skills: list[str], score: float = 0.5) -> Posting:
        return matched_posting(
            db, ent, headcount=n, programmes=[(A, score)], title=title, skills=skills
        )

    p1 = matched_posting(
        db,
        e1,
        headcount=10,
        programmes=[(A, 0.8), (B, 0.4), (C, 0.2)],
        title="钕铁硼压制工",
        skills=["钕铁硼压制"],
    )
    p6 = hire(e2, 2, "萃取工", ["串级萃取"])
    p7 = hire(e3, 3, "磁材检测员", [])
    p8 = hire(e1, 1, "电镀工", [])
    p9 = hire(e2, 4, "烧结工", [])
    p2 = matched_posting(
        db, e2, headcount=6, programmes=[(A, 0.5)], type="order_class", title="订单班"
    )
    p5 = matched_posting(
        db, e1, headcount=20, programmes=[(A, 0.9)], type="internship", title="顶岗实习"
    )
    p3 = matched_posting(db, e1, headcount=4, programmes=[(C, 0.1)], chain="none", title="普工")
    p4 = matched_posting(
        db, e3, headcount=5, programmes=[(B, 0.6)], chain="new_energy", title="化工操作工"
    )
    p10 = matched_posting(
        db, e3, headcount=3, programmes=[("730301", 0.7)], chain="none", title="出纳"
    )
    school = make_school(db)
    off = make_offering(
        db, school, A, intake_plan=12, graduates_per_year=10, school_courses="钕铁硼压制工艺"
    )
    for year, zone, ganxian, ganzhou, study, other in (
        (2025, 3, 1, 0, 5, 1),
        (2026, 4, 0, 2, 3, 1),
    ):
        db.add(
            GraduateDestination(
                school_id=school.id,
                programme_code=A,
                year=year,
                graduates=10,
                employed_high_tech_zone=zone,
                employed_ganxian=ganxian,
                employed_ganzhou=ganzhou,
                study_higher=study,
                other=other,
            )
        )
    db.flush()
    return {
        "school": school,
        "offering": off,
        "postings": (p1, p2, p3, p4, p5, p6, p7, p8, p9, p10),
        "ent": e1,
        "enterprises": (e1, e2, e3),
    }
