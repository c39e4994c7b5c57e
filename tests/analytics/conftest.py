"""Helpers for the analytics tests: postings with a stored match, principals, a fresh cache."""

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

AS_OF = date(2026, 11, 29)
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
    """Create an open posting whose stored match names ``programmes`` with their scores."""
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
