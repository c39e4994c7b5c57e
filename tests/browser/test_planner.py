"""A planner logs in, opens the dashboard, drills into a programme and runs a what-if."""

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
    """Commit a school offering 630502, two matched postings and its planner; remove them after."""
    tag = uuid.uuid4().hex[:6].upper()
    with transaction(engine) as s:
        school = make_school(s, code=f"BT{tag}", name=f"浏览器测试学校{tag}")
        make_offering(s, school, PROGRAMME, intake_plan=12, graduates_per_year=10)
        ent = make_enterprise(s, name=f"浏览器测试磁材{tag}有限公司", is_leading=True)
        match = {
            "chain": "rare_earth",
            "chains": [{"key": "rare_earth", "score": 0.9}],
            "occupations": [],
            "programmes": [
                {"code": PROGRAMME, "name": "金属压力加工", "score": 0.8, "evidence": ["钕铁硼"]}
            ],
        }
        for i, n in enumerate((18, 12)):
            make_posting(
                s,
                ent,
                title=f"钕铁硼压制工{tag}-{i}",
                headcount=n,
                match=match,
                chain="rare_earth",
                external_id=f"BT-{tag}-{i}",
                skills=["钕铁硼压制"],
            )
        user = auth.create_user(
            s,
            username=f"planner-bt-{tag.lower()}",
            role="planner",
            password=PASSWORD,
            school_codes=[school.code],
        )
        ids = {"school": school.id, "enterprise": ent.id, "user": user.id}
        names = {"school": school.code, "user": user.username, "tag": tag}
    try:
        yield names
    finally:
        with transaction(engine) as s:
            s.execute(delete(Posting).where(Posting.enterprise_id == ids["enterprise"]))
            s.execute(delete(Offering).where(Offering.school_id == ids["school"]))
            s.execute(delete(User).where(User.id == ids["user"]))
            s.execute(delete(School).where(School.id == ids["school"]))
            s.execute(delete(Enterprise).where(Enterprise.id == ids["enterprise"]))


def test_planner_dashboard_programme_and_what_if(
    live_server: str, page: Any, planner_world: dict[str, str]
) -> None:
    page.goto(live_server + "/login?next=/planner")
    page.get_by_label("用户名").fill(planner_world["user"])
    page.get_by_label("密码").fill(PASSWORD)
    page.locator("form[action='/login'] button[type=submit]").click()
    page.wait_for_url("**/planner")

    # Dashboard: indicators, the chain chart and the fit table; filter the table to one programme.
    assert page.get_by_test_id("indicator-secondary_vocational_enrolment").is_visible()
    assert page.get_by_test_id("chain-chart").locator("svg").count() == 1
    table = page.get_by_test_id("fit-table")
    page.get_by_placeholder("按专业名称或代码筛选").fill("金属压力")
    row = table.locator("tbody tr:not([hidden])")
    assert row.count() == 1
    assert "短缺" in row.inner_text()  # 10 graduates for 30 people: r = 0.33
    row.get_by_role("link", name="金属压力加工").click()

    # Programme page: fit components, the matched postings and the what-if link.
    page.wait_for_url(f"**/planner/programmes/{PROGRAMME}")
    assert page.get_by_test_id("programme-demand").inner_text() == "30"
    assert page.get_by_test_id("components").is_visible()
    assert (
        f"钕铁硼压制工{planner_world['tag']}-0"
        in page.get_by_test_id("matched-postings").inner_text()
    )
    page.get_by_test_id("whatif-link").click()

    # What-if: triple the intake and see the band move; nothing is saved.
    page.wait_for_url("**/planner/recommendations?*")
    page.get_by_label("新招生计划 1").fill("36")
    page.get_by_test_id("whatif-run").click()
    result = page.get_by_test_id("whatif-result")
    result.wait_for()
    line = result.get_by_test_id(f"whatif-programme-{PROGRAMME}").inner_text()
    assert "10 → 30" in line and "短缺" in line and "平衡" in line
    page.goto(live_server + f"/planner/programmes/{PROGRAMME}")
    assert page.get_by_test_id("programme-demand").inner_text() == "30"
