"""A planner logs in, opens the dashboard, reads the recommended plan with its explanations and
tries one action in the what-if."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, delete

from tests.factories import PASSWORD, make_enterprise, make_offering, make_posting, make_school
from vocmatch.accounts import service as auth
from vocmatch.accounts.models import User
from vocmatch.demand.models import Posting
from vocmatch.enterprises.models import Enterprise
from vocmatch.kit.db import transaction
from vocmatch.schools.models import Offering, School

pytestmark = pytest.mark.browser
PROGRAMME = "630502"  # 金属压力加工: offered by nobody in the fixture


@pytest.fixture
def planner_world(engine: Engine) -> Iterator[dict[str, str]]:
    """Commit a school offering 630502, five hire postings from three enterprises and its planner;
    remove them after."""
    tag = uuid.uuid4().hex[:6].upper()
    with transaction(engine) as s:
        school = make_school(s, code=f"BT{tag}", name=f"浏览器测试学校{tag}")
        make_offering(s, school, PROGRAMME, intake_plan=12, graduates_per_year=10)
        ents = [
            make_enterprise(s, name=f"浏览器测试磁材{tag}{i}有限公司", is_leading=i == 0)
            for i in range(3)
        ]
        match = {
            "chain": "rare_earth",
            "chains": [{"key": "rare_earth", "score": 0.9}],
            "occupations": [],
            "programmes": [
                {"code": PROGRAMME, "name": "金属压力加工", "score": 0.8, "evidence": ["钕铁硼"]}
            ],
        }
        # 30 hires from 5 distinct vacancies of 3 enterprises: sufficient evidence.
        titles = ("钕铁硼压制工", "磁材检测员", "烧结工", "电镀工", "磁材包装工")
        for i, (title, n) in enumerate(zip(titles, (10, 6, 6, 4, 4), strict=True)):
            make_posting(
                s,
                ents[i % 3],
                title=title,
                headcount=n,
                match=match,
                chain="rare_earth",
                external_id=f"BT-{tag}-{i}",
                skills=["钕铁硼压制"] if i == 0 else [],
            )
        user = auth.create_user(
            s,
            username=f"planner-bt-{tag.lower()}",
            role="planner",
            password=PASSWORD,
            school_codes=[school.code],
        )
        ids = {"school": school.id, "user": user.id}
        ent_ids = [e.id for e in ents]
        names = {"school": school.code, "user": user.username, "tag": tag}
    try:
        yield names
    finally:
        with transaction(engine) as s:
            s.execute(delete(Posting).where(Posting.enterprise_id.in_(ent_ids)))
            s.execute(delete(Offering).where(Offering.school_id == ids["school"]))
            s.execute(delete(User).where(User.id == ids["user"]))
            s.execute(delete(School).where(School.id == ids["school"]))
            s.execute(delete(Enterprise).where(Enterprise.id.in_(ent_ids)))


def test_planner_dashboard_recommendation_and_what_if(
    live_server: str, page: Any, planner_world: dict[str, str]
) -> None:
    school = planner_world["school"]
    page.goto(live_server + "/login?next=/planner")
    page.get_by_label("用户名").fill(planner_world["user"])
    page.get_by_label("密码").fill(PASSWORD)
    page.locator("form[action='/login'] button[type=submit]").click()
    page.wait_for_url("**/planner")

    # Dashboard: the window, indicators, the chain chart and the fit table with its evidence.
    assert "需求窗口" in page.get_by_test_id("window").inner_text()
    tip = page.get_by_test_id("window").locator(".tip")
    assert "重复发布只算一次" in (tip.get_attribute("title") or "")
    assert page.get_by_test_id("indicator-secondary_vocational_enrolment").is_visible()
    assert page.get_by_test_id("chain-chart").locator("svg").count() == 1
    table = page.get_by_test_id("fit-table")
    page.get_by_placeholder("按专业名称或代码筛选").fill("金属压力")
    row = table.locator("tbody tr:not([hidden])")
    assert row.count() == 1
    text = row.inner_text()
    # 30 hires a year; 10 graduates × the default share 0.35 = 3.5 → 4 entering work (marked *
    # as an assumption); r = 4/30 → shortage; evidence 5 postings / 3 enterprises.
    assert "短缺" in text and "5 / 3" in text and "30" in text and "4 *" in text

    # The recommended plan: an action at the planner's school, with its numbers, its effect on
    # every indicator and the constraints it keeps.
    page.get_by_test_id("to-recommendations").click()
    page.wait_for_url("**/planner/recommendations")
    action = page.get_by_test_id(f"action-{school}-{PROGRAMME}")
    # ⌊0.3 × 12⌋ = 3 more places, the most the plan may change it.
    assert "12 → 15" in action.inner_text() and "扩大招生" in action.inner_text()
    enrolment = action.get_by_test_id("effect-secondary_vocational_enrolment")
    assert "接近目标" in enrolment.inner_text()
    assert page.get_by_test_id("check-not_falling").is_visible()
    action.get_by_test_id(f"try-{school}-{PROGRAMME}").click()

    # What-if, prefilled with the action: scored by the same model; nothing is saved.
    page.wait_for_url("**/planner/recommendations?*")
    assert page.get_by_label("新招生计划 1").input_value() == "15"
    page.get_by_test_id("whatif-run").click()
    result = page.get_by_test_id("whatif-result")
    result.wait_for()
    line = result.get_by_test_id(f"whatif-programme-{PROGRAMME}").inner_text()
    # Graduates 10 + 3 × 10/12 = 12.5 → 13.
    assert "10 → 13" in line and "短缺" in line
    assert "优化方案" in result.get_by_test_id("whatif-objective").inner_text()
    assert result.get_by_test_id("whatif-check-not_falling").is_visible()
    # A cut instead: −3 places moves enrolment away from its target, and the page says so.
    page.get_by_label("新招生计划 1").fill("9")
    page.get_by_test_id("whatif-run").click()
    page.get_by_test_id("whatif-result").wait_for()
    assert "偏离目标" in page.get_by_test_id("whatif-warning").inner_text()
    page.goto(live_server + f"/planner/programmes/{PROGRAMME}")
    assert page.get_by_test_id("programme-demand").inner_text() == "30"
    # Nothing was saved: the offering still has its intake of 12.
    assert "intake=12" in (page.get_by_test_id("whatif-link").get_attribute("href") or "")
