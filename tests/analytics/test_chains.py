"""The chain view on the constructed world (see ``world`` in conftest) plus the fixture offerings.

rare_earth demand: P1 (10, hire, High-tech Zone, magnets) + P2 (6, order class, Bay Area,
separation). Supply: A's 10 graduates (mapped to magnets) + half of the fixture's 630501 (40
graduates, mapped to rare_earth/separation and tungsten/apt) = 30. m_A = 10 / 12.667 = 0.7895,
m_B = 0 (not offered): met = 12.667 · 0.7895 = 10, unmet = 6.
"""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from tests.analytics.conftest import ADMIN, AS_OF
from vocmatch.analytics import service
from vocmatch.kit.errors import NotFound

M_A = 10 / (10 * 0.8 / 1.2 + 6)


def test_chain_demand_supply_gap_and_unmet(db: Session, world: dict) -> None:
    chain = service.chain_gap(db, principal=ADMIN, key="rare_earth", as_of=AS_OF)
    assert chain.demand == 16
    assert chain.by_type["hire"] == 10 and chain.by_type["order_class"] == 6
    assert chain.by_location["high_tech_zone"] == 10 and chain.by_location["bay_area"] == 6
    assert chain.supply == pytest.approx(30)
    assert chain.gap == pytest.approx(-14)
    assert chain.met == pytest.approx(10, abs=0.01)
    assert chain.unmet == pytest.approx(6, abs=0.01)
    segs = {s.key: s for s in chain.segments}
    assert segs["magnets"].demand == 10 and segs["separation"].demand == 6
    assert segs["magnets"].unmet == pytest.approx(10 - 10 * 0.8 / 1.2 * M_A, abs=0.01)
    assert segs["separation"].unmet == pytest.approx(6 * (1 - M_A), abs=0.01)
    assert sum(s.unmet for s in chain.segments) == pytest.approx(chain.unmet, abs=0.02)


def test_top_unmet_skills_and_enterprises(db: Session, world: dict) -> None:
    chain = service.chain_gap(db, principal=ADMIN, key="rare_earth", as_of=AS_OF)
    skills = [(s.label, s.unmet) for s in chain.top_unmet_skills]
    # 萃取分离: A does not teach it, so all 6 is unmet; 钕铁硼压制: A teaches it (met to m_A),
    # B's share (3.33) is unmet.
    assert skills[0] == ("萃取分离", pytest.approx(6.0, abs=0.01))
    assert skills[1] == ("钕铁硼压制", pytest.approx(10 * 0.8 / 1.2 * (1 - M_A) + 10 / 3, abs=0.01))
    ents = {e.label: e.unmet for e in chain.enterprises}
    assert ents[world["ent"].name] == pytest.approx(10 - 10 * 0.8 / 1.2 * M_A, abs=0.01)


def test_unmatched_demand_stays_in_its_chain(db: Session, world: dict) -> None:
    none = service.chain_gap(db, principal=ADMIN, key="none", as_of=AS_OF)
    assert none.demand == 4 and none.unmatched == 4 and none.unmet == 4


def test_expired_and_closed_postings_are_not_demand(db: Session, world: dict) -> None:
    p1 = world["postings"][0]
    p1.status = "filled"
    db.flush()
    chain = service.chain_gap(db, principal=ADMIN, key="rare_earth", as_of=AS_OF)
    assert chain.demand == 6
    later = service.chain_gap(
        db, principal=ADMIN, key="rare_earth", as_of=AS_OF.replace(year=2027, month=6)
    )
    assert later.demand == 0  # P2 ran until 2027-03-31


def test_unknown_chain_is_404(db: Session, world: dict) -> None:
    with pytest.raises(NotFound):
        service.chain_gap(db, principal=ADMIN, key="gold", as_of=AS_OF)
