"""End to end in Chromium: an enterprise registers, an admin approves it, the enterprise logs in,
posts demand and sees the programmes and schools that can supply it."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import Engine

from tests.demand.helpers import purge
from tests.factories import PASSWORD, make_user
from tests.live import approve_enterprise, log_in
from vocmatch.kit.db import transaction

pytestmark = pytest.mark.browser


def test_register_approve_post_and_see_matches(
    live_server: str, page: Any, chromium: Any, engine: Engine
) -> None:
    tag = uuid.uuid4().hex[:6]
    name = f"赣州浏览器测试数控机床有限公司{tag}"
    username = f"ent-{tag}"
    admin_name = f"admin-{tag}"
    with transaction(engine) as s:
        make_user(s, "admin", username=admin_name)
    try:
        _journey(live_server, page, chromium, name, username, admin_name)
    finally:
        # The shared database must look as before for the other domains' tests.
        purge(engine, enterprise_names=(name,), usernames=(username, admin_name))


def _journey(
    live_server: str, page: Any, chromium: Any, name: str, username: str, admin_name: str
) -> None:
    # 1. The enterprise registers on the portal.
    page.goto(live_server + "/portal/register")
    page.locator("input[name=enterprise_name]").fill(name)
    page.locator("select[name=location_kind]").select_option("high_tech_zone")
    page.locator("input[name=contact_name]").fill("刘经理")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="企业注册").click()
    assert "等待管理员审核" in page.get_by_test_id("registered").inner_text()

    # Logged in but pending: it cannot post yet.
    log_in(page, live_server, username, "/portal")
    assert page.get_by_test_id("enterprise-status").inner_text() == "待审核"
    assert page.get_by_role("link", name="发布需求").count() == 0

    # 2. An admin approves it.
    approve_enterprise(chromium, live_server, admin_name, name)

    # 3. The enterprise posts demand.
    page.goto(live_server + "/portal")
    assert page.get_by_test_id("enterprise-status").inner_text() == "已审核"
    page.get_by_role("link", name="发布需求").click()
    page.locator("input[name=title]").fill("数控车工")
    page.locator("input[name=headcount]").fill("6")
    page.locator("select[name=type]").select_option("order_class")
    page.locator("select[name=education]").select_option("中职")
    page.locator("input[name=skills]").fill("数控车床；CNC编程")
    page.locator("textarea[name=description]").fill("操作数控车床加工硬质合金刀具零件。")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url("**/portal/postings/*")
    assert page.get_by_test_id("posting-title").inner_text() == "数控车工"
    assert page.get_by_test_id("posting-matches").is_visible()

    # 4. It names the occupation (a person's correction wins) and sees programmes and schools.
    page.locator("input[name=occupation_code]").fill("6-18-01-01")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url("**/portal/postings/*")
    matches = page.get_by_test_id("posting-matches").inner_text()
    assert "660103" in matches and "赣县中等专业学校" in matches

    page.get_by_role("link", name="我的用工需求").click()
    assert "数控车工" in page.get_by_test_id("my-postings").inner_text()
    assert "660103" in page.get_by_test_id("enterprise-matches").inner_text()
