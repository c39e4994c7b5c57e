"""Demand as a flow: the window, reposts counted once, types apart, attribution among offered
programmes in whole people, unserved and unmatched demand — each rule with a hand-worked case."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from tests.analytics.conftest import ADMIN, AS_OF, A, B, matched_posting
from tests.factories import make_enterprise, make_offering, make_school
from vocmatch.analytics import cache, service
from vocmatch.analytics.cache import window_start
from vocmatch.analytics.demand.cube import allocate
from vocmatch.analytics.demand.facts import Facts
from vocmatch.analytics.demand.reposts import similarity, vacancies
from vocmatch.analytics.indicators import registry
from vocmatch.kit.config import get_settings
from vocmatch.kit.errors import Invalid


def _facts(i: int, title: str, posted: date, headcount: int = 5, **kw: object) -> Facts:
    values: dict[str, object] = {
        "id": i,
        "enterprise_id": 1,
        "source": "portal",
        "headcount": headcount,
        "type": "hire",
        "posted": posted,
        "live": True,
        "matched": True,
        "chain": "rare_earth",
        "segment": "",
        "occupation": "6-18-01-12",
        "title_key": title,
        "terms": frozenset(),
        "candidates": ((A, 0.8),),
    }
    values.update(kw)
    return Facts(**values)  # type: ignore[arg-type]


def test_title_similarity_is_the_dice_coefficient_of_bigrams() -> None:
    # 数控车工 {数控, 控车, 车工}; 数控车工学徒 {数控, 控车, 车工, 工学, 学徒}: 2·3 ÷ (3+5) = 0.75
    assert similarity("数控车工", "数控车工学徒") == 0.75
    assert similarity("焊工", "焊工") == 1.0
    assert similarity("焊工", "电工") == 0.0  # {焊工} vs {电工}


def test_a_repost_counts_once_with_its_largest_headcount() -> None:
    d = date(2026, 9, 1)
    posts = [
        _facts(1, "数控车工", d, 5),
        _facts(2, "数控车工学徒", d + timedelta(days=30), 8),  # similar (0.75), 30 days: repost
        _facts(3, "数控车工", d + timedelta(days=30 + 61), 4),  # 61 days after the last: new
        _facts(4, "钳工", d + timedelta(days=40), 3),  # another title: another vacancy
    ]
    found = vacancies(posts, days=60, title_similarity=0.6)
    assert [[f.id for f in v.postings] for v in found] == [[1, 2], [4], [3]]
    assert [v.headcount for v in found] == [8, 3, 4]
    # A deleted posting is no posting at all.
    gone = _facts(5, "数控车工", d + timedelta(days=10), 50, live=False)
    assert [v.headcount for v in vacancies([*posts, gone], days=60, title_similarity=0.6)] == [
        8,
        3,
        4,
    ]


def test_largest_remainder_keeps_whole_people() -> None:
    # 3 people, 0.8 : 0.4 → exact 2 and 1.
    assert allocate(3, [("x", 0.8), ("y", 0.4)]) == [("x", 2), ("y", 1)]
    # 10 people over 0.5/0.3/0.2 → 5, 3, 2.
    assert allocate(10, [("x", 0.5), ("y", 0.3), ("z", 0.2)]) == [("x", 5), ("y", 3), ("z", 2)]
    # 1 person, equal scores: the tie goes to the first code.
    assert allocate(1, [("b", 0.5), ("a", 0.5)]) == [("a", 1)]
    # 7 people over 1/3 each: 2.33 each → 2, 2, 2 and the last one to the first code by tie.
    assert sorted(n for _c, n in allocate(7, [("a", 1), ("b", 1), ("c", 1)])) == [2, 2, 3]


def test_the_window_ends_on_the_as_of_day() -> None:
    assert window_start(date(2026, 11, 29), 12) == date(2025, 11, 30)
    assert window_start(date(2024, 3, 31), 1) == date(2024, 3, 1)  # 29 Feb + 1 day


def test_fit_of_the_world(db: Session, world: dict) -> None:
    fits = {p.code: p for p in service.fit_table(db, principal=ADMIN, as_of=AS_OF).programmes}
    a = fits[A]
    # Hires only: D = 20 (see the world fixture); internships 20 and the order class 6 apart.
    assert (a.demand, a.placements, a.cohort) == (20, 20, 6)
    assert (a.graduates, a.employed, a.employment_source) == (10, 5, "records")
    assert a.ratio == 0.25 and a.band == "shortage"
    assert (a.evidence.postings, a.evidence.enterprises, a.evidence.sufficient) == (5, 3, True)
    assert a.evidence.strength == 0.125
    # B = 0.25 / 0.9; K = 10 / 12 (钕铁硼压制 taught by the school course, 萃取分离 not);
    # A = (10·0.8 + 10·0.5) / 20 = 0.65; fit = 100·(0.5·0.2778 + 0.3·0.8333 + 0.2·0.65) = 51.9
    assert round(a.components.balance or 0, 4) == 0.2778
    assert round(a.components.coverage or 0, 4) == 0.8333
    assert a.components.relevance == 0.65
    assert a.fit == 51.9
    assert [s.term for s in a.skills_taught] == ["钕铁硼压制"]
    assert a.skills_taught[0].unit == "钕铁硼压制工艺" and a.skills_taught[0].origin == "school"
    # B is offered by nobody: P4's 5 hires are unserved demand, not attributed to A.
    assert fits[B].offered is False and fits[B].unserved == 5 and fits[B].band == "not_offered"


def test_overview_counts_types_apart(db: Session, world: dict) -> None:
    ov = service.fit_table(db, principal=ADMIN, as_of=AS_OF).overview
    # Hires: 20 (A) + 4 (P3) + 5 (P4) + 3 (P10) = 32; fixture postings are stored unmatched.
    assert ov.demand == 32 and ov.unserved == 5 and ov.unmatched == 4
    assert ov.attributed == 23  # A 20 + 会计 3
    assert ov.placements == 20 and ov.cohort == 6
    assert (ov.window_start, ov.window_months) == (date(2025, 11, 30), 12)


def test_thin_off_chain_demand_is_insufficient_evidence_not_oversupply(
    db: Session, world: dict
) -> None:
    fits = {p.code: p for p in service.fit_table(db, principal=ADMIN, as_of=AS_OF).programmes}
    acc = fits["730301"]  # fixture GXZZ 会计: 90 graduates, no records → 0.35 → E = 32
    assert acc.chains == ["none"] and acc.demand == 3 and acc.employed == 32
    assert acc.band == "insufficient_evidence" and acc.fit is None
    assert set(acc.evidence.reasons) == {"few_postings", "few_enterprises"}
    assert acc.employment_source == "default"


def test_postings_outside_the_window_and_reposts_count_once(db: Session, world: dict) -> None:
    e1 = world["ent"]
    assert service.fit_table(db, principal=ADMIN, as_of=AS_OF).programmes  # warm the cache
    # Posted before the window: ignored. Filled in the window: counted. A repost 30 days after
    # P1 (same enterprise, type, occupation; title similarity of 钕铁硼压制工 / 钕铁硼压制工急招
    # = 2·5 ÷ (5+7) = 0.83): P1's vacancy takes the larger headcount, 12 instead of 10.
    matched_posting(
        db, e1, headcount=9, programmes=[(A, 0.5)], title="老岗位", valid_from=date(2025, 11, 29)
    )
    matched_posting(db, e1, headcount=2, programmes=[(A, 0.5)], title="已招满岗位", status="filled")
    matched_posting(
        db,
        e1,
        headcount=12,
        programmes=[(A, 0.8)],
        title="钕铁硼压制工急招",
        skills=["钕铁硼压制"],
        valid_from=date(2026, 10, 1),
    )
    fits = {p.code: p for p in service.fit_table(db, principal=ADMIN, as_of=AS_OF).programmes}
    assert fits[A].demand == 20 - 10 + 12 + 2


def test_a_planner_chosen_set_moves_demand_to_unserved(db: Session, world: dict) -> None:
    school = make_school(db)
    make_offering(db, school, B, intake_plan=30, graduates_per_year=25)
    fits = {p.code: p for p in service.fit_table(db, principal=ADMIN, as_of=AS_OF).programmes}
    # B offered now: P1 is shared between A (0.8) and B (0.4): 10 → 7 and 3 (6.67/3.33), and P4
    # goes to B: D_A = 20 − 10 + 7 = 17, D_B = 3 + 5 = 8.
    assert (fits[A].demand, fits[B].demand) == (17, 8)
    chosen = service.fit_table(db, principal=ADMIN, as_of=AS_OF, among=[B]).programmes
    by = {p.code: p for p in chosen}
    # Only B counts as offered for attribution: every A posting that names B goes to B.
    assert by[B].demand == 10 + 5 and by[A].demand == 0


def test_an_empty_attribution_set_is_refused(db: Session) -> None:
    with pytest.raises(Invalid) as err:
        service.fit_table(db, principal=ADMIN, as_of=AS_OF, among=[])
    assert err.value.errors[0]["field"] == "among"


def test_enterprise_counts_for_evidence_come_from_different_enterprises(db: Session) -> None:
    ent = make_enterprise(db)
    school = make_school(db)
    make_offering(db, school, B, intake_plan=20, graduates_per_year=18)
    # Six distinct vacancies (titles share no bigram), one enterprise.
    for title in ("钳工", "焊工学徒", "化验员", "叉车司机", "仓库管理", "设备点检"):
        matched_posting(db, ent, headcount=1, programmes=[(B, 0.9)], title=title)
    fit = {p.code: p for p in service.fit_table(db, principal=ADMIN, as_of=AS_OF).programmes}[B]
    assert (fit.evidence.postings, fit.evidence.enterprises) == (6, 1)
    assert fit.band == "insufficient_evidence" and fit.evidence.reasons == ["few_enterprises"]


def test_changed_and_withdrawn_postings_update_the_cached_figures(db: Session, world: dict) -> None:
    def demand() -> int:
        fits = service.fit_table(db, principal=ADMIN, as_of=AS_OF).programmes
        return {p.code: p for p in fits}[A].demand

    assert demand() == 20  # the cache is warm now
    p1, *_rest = world["postings"]
    p1.headcount = 15  # P1: 10 → 15
    db.flush()
    assert demand() == 25
    p7 = world["postings"][6]
    p7.deleted_at = p7.updated_at  # withdrawn: never counts
    db.flush()
    assert demand() == 22


def test_the_projection_saved_at_start_resumes_with_only_the_changes_read(
    db: Session, world: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 18: a restart loads the saved projection instead of rebuilding it from every posting
    (and the reference data): D_A = 20 (world), then P1 10 → 15 while "down" gives 25."""
    monkeypatch.setattr(get_settings(), "analytics_state_dir", tmp_path)

    def demand() -> int:
        fits = service.fit_table(db, principal=ADMIN, as_of=AS_OF).programmes
        return {p.code: p for p in fits}[A].demand

    assert demand() == 20
    saved = cache.save(db)
    assert saved is not None and saved.parent == tmp_path
    cache.clear()  # the restart
    p1 = world["postings"][0]
    p1.headcount = 15
    db.flush()
    loads: list[str] = []
    monkeypatch.setattr(cache, "_load_reference", lambda *a: loads.append("reference"))
    monkeypatch.setattr(cache, "_load_facts", lambda *a: loads.append("facts"))
    assert cache.restore(db)
    assert demand() == 25  # P1's change read incrementally
    assert loads == []  # nothing rebuilt from scratch
    monkeypatch.undo()
    monkeypatch.setattr(get_settings(), "analytics_state_dir", tmp_path)
    # Another version of the analytics code ignores the file; loading data deletes it.
    cache.clear()
    monkeypatch.setattr(cache, "_code", lambda: "another")
    assert not cache.restore(db)
    assert cache.forget_saved() == 1 and not saved.exists()


def test_after_a_write_only_the_changed_programmes_are_computed_again(
    db: Session, world: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """P1 (10 → 15 people) is attributed to A only: A's fit is computed again (D_A 20 → 25),
    B's (unserved P4) and 会计's (P10) are the same objects as before, and the whole answer
    equals one computed from nothing."""

    def table() -> dict:  # type: ignore[type-arg]
        return {p.code: p for p in service.fit_table(db, principal=ADMIN, as_of=AS_OF).programmes}

    before = table()
    assert before[A].demand == 20
    p1 = world["postings"][0]
    p1.headcount = 15
    db.flush()
    after = table()
    assert after[A].demand == 25 and after[A] is not before[A]
    assert after[B] is before[B] and after["730301"] is before["730301"]
    # The plan's indicators read no posting: a posting written keeps their readings.
    reads = []
    read_all = registry.read_all
    monkeypatch.setattr(registry, "read_all", lambda ctx: reads.append(1) or read_all(ctx))
    service.plan_indicators(db, principal=ADMIN, as_of=AS_OF)
    p1.headcount = 14
    db.flush()
    assert table()[A].demand == 24
    service.plan_indicators(db, principal=ADMIN, as_of=AS_OF)
    assert len(reads) == 1
    incremental = service.fit_table(db, principal=ADMIN, as_of=AS_OF)
    chains = service.chain_gaps(db, principal=ADMIN, as_of=AS_OF)
    cache.clear()
    assert service.fit_table(db, principal=ADMIN, as_of=AS_OF) == incremental
    assert service.chain_gaps(db, principal=ADMIN, as_of=AS_OF) == chains
