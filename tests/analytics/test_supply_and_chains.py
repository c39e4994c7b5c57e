"""Supply as graduates entering work, the governed split over chains, content-based skill
coverage, and one placement for every view — pinned with hand-worked figures."""

from __future__ import annotations

from types import SimpleNamespace as Row

from sqlalchemy.orm import Session

from tests.analytics.conftest import ADMIN, AS_OF, A
from vocmatch.analytics import service
from vocmatch.analytics.skills.coverage import CoverageModel, Unit, grams_of, profile_units
from vocmatch.analytics.skills.lexicon import SkillInfo
from vocmatch.analytics.supply.chains import split
from vocmatch.analytics.supply.employment import employment_shares
from vocmatch.industries.governance import Placement, place
from vocmatch.industries.models import ProgrammeChain


def _dest(year: int, graduates: int, employed: int, zone: int) -> Row:
    return Row(
        school_id=1,
        programme_code="630501",
        year=year,
        graduates=graduates,
        employed=employed,
        employed_high_tech_zone=zone,
    )


def test_employment_share_pools_the_latest_years_of_records() -> None:
    rows = [_dest(2023, 10, 2, 0), _dest(2024, 10, 4, 1), _dest(2025, 20, 10, 5)]
    rows += [_dest(2026, 10, 6, 3), _dest(2027, 10, 10, 10)]
    shares, default = employment_shares(rows, year=2026, years=3, default=0.35)
    e = shares[(1, "630501")]
    # 2024–2026: (4 + 10 + 6) ÷ (10 + 20 + 10) = 0.5; zone (1 + 5 + 3) ÷ 20 = 0.45; 2027 is later.
    assert (e.share, e.high_tech_zone, e.years, e.source) == (
        0.5,
        0.45,
        (2024, 2025, 2026),
        "records",
    )
    earlier, _ = employment_shares(rows, year=2025, years=3, default=0.35)
    assert earlier[(1, "630501")].share == (2 + 4 + 10) / 40  # 0.4
    # Without records of its own an offering gets the default share, and the district's pooled
    # zone share: (0 + 1 + 5 + 3) ÷ (2 + 4 + 10 + 6) over records up to 2026.
    assert default.share == 0.35 and default.source == "default"
    assert default.high_tech_zone == 9 / 22


def test_graduates_split_over_placements_in_whole_people() -> None:
    placed = [Placement("rare_earth", "a", "curated"), Placement("tungsten", "b", "curated")]
    # Hires 6 in a and 2 in b: weights 0.75 / 0.25; 10 graduates → 7.5 / 2.5 → 8 / 2 (the tie
    # goes to the larger weight); 3 employed → 2.25 / 0.75 → 2 / 1.
    shares = split(placed, {("rare_earth", "a"): 6, ("tungsten", "b"): 2}, 10, 3)
    assert [(s.graduates, s.employed) for s in shares] == [(8, 2), (2, 1)]
    # No hires in any placed segment: equal shares; 5 graduates → 3 / 2.
    even = split(placed, {("rare_earth", "zz"): 9}, 5, 5)
    assert [s.graduates for s in even] == [3, 2] and [s.weight for s in even] == [0.5, 0.5]
    assert split([], {}, 10, 3) == []


def test_placements_curated_accepted_and_decided() -> None:
    curated = [("630501", "rare_earth", "separation"), ("630501", "tungsten", "apt")]
    decisions = [
        ("660302", "intelligent_equipment", None, "accepted"),
        ("630501", "rare_earth", None, "accepted"),  # the chain is curated already: no addition
        ("730301", "none", None, "override"),  # a planner takes it off the chains
        ("660103", "tungsten", "tools", "override"),
    ]
    placed = place(curated + [("730301", "new_energy", "cells")], decisions)
    assert [p.segment for p in placed["630501"]] == ["separation", "apt"]
    assert placed["660302"] == [Placement("intelligent_equipment", None, "accepted")]
    assert "730301" not in placed
    assert placed["660103"] == [Placement("tungsten", "tools", "override")]


def test_coverage_compares_content_by_character_ngrams() -> None:
    units = [
        Unit("湿法冶金-浸出操作与控制", "course", grams_of("湿法冶金-浸出操作与控制")),
        Unit("机械制图", "course", grams_of("机械制图")),
        Unit("电工技术", "course", grams_of("电工技术")),
    ]
    skills = {
        "稀土萃取分离": SkillInfo("稀土萃取分离", "", ("串级萃取", "皂化"), ("湿法冶金",)),
        "冶金操作工艺": SkillInfo("冶金操作工艺", "", (), ()),
        "萃取皂化": SkillInfo("萃取皂化", "", ("皂化",), ()),
    }
    model = CoverageModel(skills, {"x": units}, threshold=0.7)
    covered = model.covered(units)
    # 湿法冶金 → 湿法, 法冶, 冶金, 湿法冶, 法冶金: all five in the first unit → 1.0.
    assert covered["稀土萃取分离"].unit == "湿法冶金-浸出操作与控制"
    assert covered["稀土萃取分离"].score == 1.0
    # 冶金操作工艺 shares only 冶金 and 操作 (df 1 of N 3: idf ln(4/2)+1 = 1.693) with the unit;
    # its seven other n-grams are unseen (idf ln(4/1)+1 = 2.386): 3.386 ÷ 20.09 = 0.17 < 0.7.
    assert "冶金操作工艺" not in covered
    # Names shorter than three characters (皂化) are ignored: they would match by chance.
    assert "萃取皂化" not in model.covered([Unit("皂化反应", "school", grams_of("皂化反应"))])


def test_profile_units_split_courses_abilities_and_certificates() -> None:
    units = profile_units(
        "专业基础课程：无机化学、机械识图与 CAD。\n专业核心课程：湿法冶金-浸出操作与控制。",
        "1. 具有冶炼设备操作能力；\n2. 具有安全生产意识。",
        "职业技能等级证书：冶金机电设备点检",
    )
    assert [(u.label, u.origin) for u in units] == [
        ("无机化学", "course"),
        ("机械识图与 CAD", "course"),
        ("湿法冶金-浸出操作与控制", "course"),
        ("具有冶炼设备操作能力", "ability"),
        ("具有安全生产意识", "ability"),
        ("冶金机电设备点检", "certificate"),
    ]


def test_chain_view_of_the_world(db: Session, world: dict) -> None:
    chains = {c.key: c for c in service.chain_gaps(db, principal=ADMIN, as_of=AS_OF)}
    re_ = chains["rare_earth"]
    # Hires 20 (P1 10, P6 2, P7 3, P8 1, P9 4); the order class (6) and internship (20) apart.
    assert (re_.demand, re_.cohort, re_.placements) == (20, 6, 20)
    # Supply: A (magnets) 10 graduates, 5 entering work; the fixture's 630501 (40 graduates, no
    # records: 0.35 → 14 entering work) is placed in rare_earth/separation and tungsten/apt with
    # no hires in either → 20/20 graduates and 7/7 entering work.
    assert (re_.graduates, re_.supply, re_.gap) == (30, 12, 8)
    # Met: A's 20 hires × min(1, 5/20) = 5; unmet 15.
    assert (re_.met, re_.unmet) == (5, 15)
    magnets = next(s for s in re_.segments if s.key == "magnets")
    assert (magnets.demand, magnets.graduates, magnets.supply) == (18, 10, 5)
    listed = {p.key: p for p in re_.programmes}
    assert (listed[A].graduates, listed[A].employed, listed[A].demand) == (10, 5, 20)
    assert (listed["630501"].graduates, listed["630501"].employed) == (20, 7)
    none = chains["none"]
    # Off the chains: 730301 (90 graduates → 32) and 730801 (35 → round(12.25) = 12).
    assert (none.demand, none.graduates, none.supply, none.unmatched) == (7, 125, 44, 4)
    assert chains["new_energy"].unserved == 5


def test_fit_table_chain_views_and_indicators_agree_programme_by_programme(
    db: Session, world: dict
) -> None:
    # A model proposal alone moves nothing: 660301 would otherwise appear under rare_earth too.
    db.add(
        ProgrammeChain(programme_code="660301", chain_key="rare_earth", score=0.9, source="model")
    )
    db.flush()
    table = service.fit_table(db, principal=ADMIN, as_of=AS_OF)
    chains = service.chain_gaps(db, principal=ADMIN, as_of=AS_OF)
    for p in table.programmes:
        if not p.offered:
            continue
        in_views = {c.key for c in chains if p.code in {x.key for x in c.programmes}}
        assert in_views == set(p.chains), p.code
    assert {p.code: p.chains for p in table.programmes}["660301"] == ["intelligent_equipment"]
    indicators = {i.key: i for i in service.plan_indicators(db, principal=ADMIN, as_of=AS_OF)}
    featured_placed = {
        o.programme_code
        for o in table.offerings
        if (o.key_demonstration or o.characteristic)
        and {p.code: p.chains for p in table.programmes}[o.programme_code] != ["none"]
    }
    assert indicators["chain_featured_programmes"].value == len(featured_placed) == 3
