"""The scoring formulas, at their boundaries."""

from __future__ import annotations

import pytest

from vocmatch.analytics import scoring as f
from vocmatch.analytics.config import BandDef, get_config

BANDS = get_config().fit.bands


@pytest.mark.parametrize(
    ("ratio", "band"),
    [
        (0.0, "shortage"),
        (0.5999, "shortage"),
        (0.6, "tight"),
        (0.8999, "tight"),
        (0.9, "balanced"),
        (1.1999, "balanced"),
        (1.2, "surplus"),
        (1.4999, "surplus"),
        (1.5, "oversupply"),
        (9.0, "oversupply"),
    ],
)
def test_bands_include_their_lower_bound(ratio: float, band: str) -> None:
    assert f.band(ratio, 1, BANDS) == band


def test_no_demand_is_its_own_band() -> None:
    assert f.band(None, 30, BANDS) == f.NO_DEMAND
    assert f.band(None, 0, BANDS) == f.NO_DEMAND


def test_bands_are_configurable() -> None:
    bands = [BandDef(key="low", upper=1.0), BandDef(key="high", upper=None)]
    assert f.band(0.99, 1, bands) == "low"
    assert f.band(1.0, 1, bands) == "high"


def test_attribution_shares_sum_to_one_and_respect_threshold_and_cap() -> None:
    shares = f.attribution_shares(
        [("a", 0.9), ("b", 0.3), ("c", 0.29), ("d", 0.6), ("b", 0.1)],
        min_relevance=0.3,
        max_programmes=2,
    )
    assert shares == [("a", pytest.approx(0.6)), ("d", pytest.approx(0.4))]
    assert f.attribution_shares([("a", 0.1)], min_relevance=0.3, max_programmes=5) == []


def test_balance_component() -> None:
    assert f.balance_component(None, 0.9, 1.2) == 0
    assert f.balance_component(0.45, 0.9, 1.2) == pytest.approx(0.5)
    assert f.balance_component(0.9, 0.9, 1.2) == 1
    assert f.balance_component(1.19, 0.9, 1.2) == 1
    assert f.balance_component(1.8, 0.9, 1.2) == pytest.approx(0.5)
    assert f.balance_component(3.0, 0.9, 1.2) == 0


def test_fit_score_renormalises_over_defined_components() -> None:
    weights = {"balance": 0.5, "coverage": 0.3, "relevance": 0.2}
    assert f.fit_score({"balance": 1, "coverage": 0.5, "relevance": 0.5}, weights) == 75.0
    # Coverage undefined: 100 · (0.5·1 + 0.2·0.5) / 0.7
    assert f.fit_score({"balance": 1, "coverage": None, "relevance": 0.5}, weights) == 85.7


def test_places_and_completion() -> None:
    assert f.places_for(9.0, 0.9) == 10
    assert f.places_for(9.1, 0.9) == 11
    assert f.places_for(-9.0, 0.9) == -10
    assert f.completion_rate(45, 50, 0.9) == pytest.approx(0.9)
    assert f.completion_rate(0, 50, 0.85) == 0.85
    assert f.offering_share(12.0, 10, 40, 2) == pytest.approx(3.0)
    assert f.offering_share(12.0, 0, 0, 3) == pytest.approx(4.0)
