"""The issue's "done when", checked on the real reference data and the sample deployment.

A throw-away SQLite database is loaded from ``data/`` and ``data/sample/`` and the sample's
postings are matched with the committed model in ``models/`` — or, when it was fitted on other
data, with one trained now as ``vocmatch train`` does (about 15 s), as ``make run`` would — then
the planner's figures are read through the same services the pages use, on the sample's "today".
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from vocmatch.analytics import cache, service
from vocmatch.analytics.method import get_method
from vocmatch.analytics.plan import service as plans
from vocmatch.analytics.targets import clear_cache, plan_targets
from vocmatch.industries import governance
from vocmatch.kit import migrate
from vocmatch.kit.config import get_settings
from vocmatch.kit.db import make_engine
from vocmatch.kit.principal import SYSTEM, Principal
from vocmatch.loading import load_reference, load_sample
from vocmatch.matching import service as matching
from vocmatch.matching.fitting.training import train
from vocmatch.schools.models import School

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 29)


def _reset() -> None:
    get_settings.cache_clear()
    get_method.cache_clear()
    clear_cache()
    matching.reset()
    cache.clear()


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """The sample deployment in its own database, with the real data, method and model."""
    saved = {k: os.environ.get(k) for k in ("VOCMATCH_DATA_DIR", "VOCMATCH_MODELS_DIR")}
    os.environ["VOCMATCH_DATA_DIR"] = str(ROOT / "data")
    models = ROOT / "models"
    if matching.model_status(models, ROOT / "data")[0] != "ok":
        models = tmp_path_factory.mktemp("models")
        train(data_dir=ROOT / "data", models_dir=models, eval_dir=ROOT / "data" / "eval")
    os.environ["VOCMATCH_MODELS_DIR"] = str(models)
    _reset()
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('sample') / 'sample.db'}")
    try:
        migrate.upgrade(engine)
        load_reference(engine, ROOT / "data")
        load_sample(engine, ROOT / "data", match_postings=True)
        yield engine
    finally:
        engine.dispose()
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        _reset()


@pytest.fixture
def s(sample: Engine) -> Iterator[Session]:
    with Session(sample) as session:
        yield session


def _gxzz_planner(session: Session) -> Principal:
    school_id = session.scalar(select(School.id).where(School.code == "GXZZ"))
    assert school_id is not None
    return Principal(user_id=0, username="gxzz", role="planner", school_ids=frozenset({school_id}))


@pytest.mark.parametrize("scope", ["district", "GXZZ"])
def test_recommendations_keep_the_trajectory_the_kept_offerings_and_each_school_s_intake(
    s: Session, scope: str
) -> None:
    principal = SYSTEM if scope == "district" else _gxzz_planner(s)
    plan = plans.recommendations(s, principal=principal, as_of=TODAY)
    assert plan.scope == (["GJZX", "GXJX", "GXZZ", "XJZX"] if scope == "district" else ["GXZZ"])
    checks = {c.key: c for c in plan.checks}
    assert (
        checks["trajectory"].ok and plan.intake_after - plan.intake_before >= plan.required_change
    )
    assert all(c.ok for c in plan.checks)
    kept = {(k.school_code, k.programme_code): k for k in plan.kept}
    # Featured programmes (660103, 660301, 770101 provincial quality …), 3+2 (660303, 660103) and
    # order classes (630501 中稀班 …) are kept.
    assert {("GXZZ", c) for c in ("660103", "660301", "660303", "630501", "770101")} <= set(kept)
    assert "articulation" in kept[("GXZZ", "660303")].reasons
    assert "order_class" in kept[("GXZZ", "630501")].reasons
    offerings = {
        (o.school_code, o.programme_code): o
        for o in service.fit_table(s, principal=SYSTEM, as_of=TODAY).offerings
    }
    school_intake: dict[str, int] = {}
    for (code, _p), o in offerings.items():
        school_intake[code] = school_intake.get(code, 0) + o.intake_plan
    for a in plan.actions:
        key = (a.school_code, a.programme_code)
        if a.kind == "open":
            assert a.places <= school_intake[a.school_code]
            continue
        x0 = offerings[key].intake_plan
        assert abs(a.places) <= math.floor(0.3 * x0) <= x0  # never larger than the intake
        if key in kept:
            assert a.intake_after >= kept[key].floor
        assert {e.key for e in a.effects} == {i.key for i in plan_targets().indicators}


def test_630501_covers_most_of_rare_earth_separation_and_supplies_the_chain(s: Session) -> None:
    detail = service.programme_detail(s, principal=SYSTEM, code="630501", as_of=TODAY)
    sep = next(c for c in detail.coverage if c.segment == "smelting_separation")
    assert sep.share > 0.5, [(i.term, i.unit) for i in sep.items]
    # The national profile alone teaches some of it (湿法冶金 courses), GXZZ's 中稀班 the rest.
    assert {i.origin for i in sep.items if i.taught} >= {"course", "school"}
    rare_earth = service.chain_gap(s, principal=SYSTEM, key="rare_earth", as_of=TODAY)
    supplied = {p.key: p for p in rare_earth.programmes}
    assert supplied["630501"].graduates > 0 and supplied["630501"].employed > 0
    separation = next(x for x in rare_earth.segments if x.key == "smelting_separation")
    assert separation.graduates > 0


def test_only_curated_or_accepted_programmes_appear_in_chains_and_every_view_agrees(
    s: Session,
) -> None:
    curated: dict[str, set[str]] = {}
    for code, chain, _seg in governance.curated_rows(s):
        curated.setdefault(code, set()).add(chain)
    table = service.fit_table(s, principal=SYSTEM, as_of=TODAY)
    chains = service.chain_gaps(s, principal=SYSTEM, as_of=TODAY)
    for p in table.programmes:
        if not p.offered:
            continue
        listed = {c.key for c in chains if p.code in {x.key for x in c.programmes}}
        assert listed == set(p.chains), p.code
        assert set(p.chains) == (curated.get(p.code) or {"none"}), p.code  # nobody accepted any
    indicators = {i.key: i for i in service.plan_indicators(s, principal=SYSTEM, as_of=TODAY)}
    chains_of = {p.code: p.chains for p in table.programmes}
    featured = [
        o
        for o in table.offerings
        if (o.key_demonstration or o.characteristic) and chains_of[o.programme_code] != ["none"]
    ]
    assert indicators["chain_featured_programmes"].value == len(featured)


def test_internships_and_order_classes_are_not_graduate_demand(s: Session) -> None:
    ov = service.fit_table(s, principal=SYSTEM, as_of=TODAY).overview
    assert ov.placements > 0 and ov.cohort > 0
    kinds = {"hire": "graduate_demand", "internship": "placements"}
    for code in ("630501", "660702", "660301"):
        d = service.programme_detail(s, principal=SYSTEM, code=code, as_of=TODAY, limit=1000)
        assert {x.type for x in d.postings} >= {"hire", "internship"}, code
        for x in d.postings:
            assert x.kind == kinds.get(x.type, "cohort"), (code, x.title)
        # Its demand (a 12-month window: a year) is its hires alone.
        assert d.fit.demand == sum(x.attributed for x in d.postings if x.type == "hire")


def test_thin_off_chain_programmes_show_insufficient_evidence(s: Session) -> None:
    fits = {p.code: p for p in service.fit_table(s, principal=SYSTEM, as_of=TODAY).programmes}
    for code in ("770101", "730301", "730701"):  # 幼儿保育, 会计事务, 电子商务
        assert fits[code].chains == ["none"]
        assert fits[code].band == "insufficient_evidence", (code, fits[code].evidence)
        assert fits[code].fit is None
