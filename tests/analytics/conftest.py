"""Helpers for the analytics tests: postings with a stored match, principals, a fresh cache."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy.orm import Session

from tests.factories import make_posting
from vocmatch.analytics import cache
from vocmatch.auth.principal import Principal
from vocmatch.demand.models import Posting
from vocmatch.enterprises.models import Enterprise

AS_OF = date(2026, 11, 29)
ADMIN = Principal(user_id=1, username="admin-t", role="admin")


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    """Each test starts from an empty analytics cache (its data is rolled back afterwards)."""
    cache.clear()
    yield
    cache.clear()


def planner(*school_ids: int) -> Principal:
    """Return a planner principal scoped to ``school_ids``."""
    return Principal(user_id=2, username="planner-t", role="planner", school_ids=frozenset(school_ids))


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
