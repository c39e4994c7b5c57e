"""What-if: new balance and indicators from changed intakes, and nothing written."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.analytics.conftest import ADMIN, AS_OF, A, B, planner
from vocmatch.analytics import service
from vocmatch.analytics.schemas import WhatIfRequest
from vocmatch.kit.errors import Invalid
from vocmatch.schools.models import Offering


def _ask(db: Session, principal, *changes: dict) -> object:  # type: ignore[no-untyped-def]
    return service.what_if(
        db, principal=principal, request=WhatIfRequest(changes=list(changes)), as_of=AS_OF
    )


def test_doubling_intake_moves_band_and_enrolment(db: Session, world: dict) -> None:
    school = world["school"]
    result = _ask(db, ADMIN, {"school_code": school.code, "programme_code": A, "intake_plan": 24})
    p = {p.code: p for p in result.programmes}[A]
    # completion = 10 graduates / 12 places; 24 places → 20 graduates; r = 20 / 12.667.
    assert p.graduates_before == 10 and p.graduates_after == pytest.approx(20)
    assert p.band_before == "tight" and p.band_after == "oversupply"
    assert p.ratio_after == pytest.approx(20 / 12.6667, abs=1e-3)
    enrol = {i.key: i for i in result.indicators}["secondary_vocational_enrolment"]
    assert enrol.after - enrol.before == pytest.approx(12 * 3 * 10 / 12)
    chain = {c.key: c for c in result.chains}["rare_earth"]
    assert chain.supply_after - chain.supply_before == pytest.approx(10)
    assert chain.unmet_after < chain.unmet_before


def test_adding_a_programme_and_nothing_is_written(db: Session, world: dict) -> None:
    school = world["school"]
    before = db.scalar(select(func.count()).select_from(Offering))
    result = _ask(
        db,
        ADMIN,
        {
            "school_code": school.code,
            "programme_code": B,
            "intake_plan": 10,
            "characteristic": True,
        },
    )
    p = {p.code: p for p in result.programmes}[B]
    assert p.graduates_before == 0 and p.graduates_after == pytest.approx(9)  # 10 × 0.9
    assert p.ratio_after == pytest.approx(9 / 3.3333, abs=1e-3)
    # 670201 is mapped to no chain, so it does not count as a featured programme for the chains.
    assert "chain_featured_programmes" not in {i.key for i in result.indicators}
    assert db.scalar(select(func.count()).select_from(Offering)) == before
    assert world["offering"].intake_plan == 12
    again = service.fit_table(db, principal=ADMIN, as_of=AS_OF)
    assert not {p.code: p for p in again.programmes}[B].offered


def test_planner_cannot_change_another_school(db: Session, world: dict) -> None:
    with pytest.raises(Invalid):
        _ask(
            db,
            planner(-1),
            {"school_code": world["school"].code, "programme_code": A, "intake_plan": 1},
        )


def test_unknown_programme_is_named(db: Session, world: dict) -> None:
    with pytest.raises(Invalid) as exc:
        _ask(
            db,
            ADMIN,
            {"school_code": world["school"].code, "programme_code": "999999", "intake_plan": 1},
        )
    assert exc.value.errors[0]["field"] == "changes.0.programme_code"


def test_featured_programme_for_a_chain_counts(db: Session, world: dict) -> None:
    change = {"school_code": world["school"].code, "programme_code": "660702", "intake_plan": 30}
    result = _ask(db, ADMIN, {**change, "key_demonstration": True})
    featured = {i.key: i for i in result.indicators}["chain_featured_programmes"]
    assert featured.after == featured.before + 1  # 660702 feeds new_energy/cells
