"""Recommended actions and the numbers behind them, on the constructed world."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from tests.analytics.conftest import ADMIN, AS_OF, A, planner
from tests.factories import make_enterprise
from vocmatch.analytics import service


def _actions(db: Session, principal=ADMIN) -> list:  # type: ignore[no-untyped-def]
    return service.recommendations(db, principal=principal, as_of=AS_OF)


def test_expand_tight_programme_by_places(db: Session, world: dict) -> None:
    act = next(a for a in _actions(db) if a.kind == "expand" and a.programme_code == A)
    # ΔG = 1.0 · 12.667 − 10 = 2.667 graduates; completion 10/12 → ⌈3.2⌉ = 4 places.
    assert act.numbers["graduates_needed"] == pytest.approx(2.7, abs=0.05)
    assert act.places == 4
    assert act.school_codes == [world["school"].code]


def test_reorient_names_missing_skills(db: Session, world: dict) -> None:
    act = next(a for a in _actions(db) if a.kind == "reorient" and a.programme_code == A)
    assert act.skills == ["萃取分离"]
    assert act.numbers["coverage"] == pytest.approx(0.526, abs=0.001)


def test_open_programme_not_offered_with_enough_demand(db: Session, world: dict) -> None:
    assert not any(a.kind == "open" for a in _actions(db))  # B has only 3.3
    ent = make_enterprise(db)
    from tests.analytics.conftest import matched_posting

    matched_posting(db, ent, headcount=30, programmes=[("660702", 0.9)], chain="new_energy")
    act = next(a for a in _actions(db) if a.kind == "open")
    assert act.programme_code == "660702"
    assert act.places == 34  # ⌈30 / 0.9⌉
    assert act.numbers["demand"] == 30


def test_featured_offering_without_leading_partner(db: Session, world: dict) -> None:
    world["offering"].key_demonstration = True
    db.flush()
    act = next(a for a in _actions(db) if a.kind == "partner" and a.programme_code == A)
    assert act.enterprises == [f"{world['ent'].name} (7)"]  # the leading firm with demand for A


def test_ranked_by_impact_and_scoped_to_planner(db: Session, world: dict) -> None:
    actions = _actions(db)
    assert [a.rank for a in actions] == list(range(1, len(actions) + 1))
    meeting = [a.impact for a in actions if a.kind != "shrink"]
    assert meeting == sorted(meeting, reverse=True)
    kinds = [a.kind for a in actions]
    assert "shrink" not in kinds[: len(meeting)]
    mine = _actions(db, planner(world["school"].id))
    assert mine and all(
        not a.school_codes or a.school_codes == [world["school"].code] for a in mine
    )
