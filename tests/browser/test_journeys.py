"""Getting things done in Chromium, in Chinese, as a planner, an HR clerk and an administrator
would (issue 17): names instead of codes, registration until approval, a revoke that asks first.

Each journey commits what it needs and deletes it after (the database is shared)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine

from tests.demand.helpers import purge
from tests.factories import PASSWORD, make_enterprise, make_posting, make_user
from tests.live import approve_enterprise, log_in
from vocmatch.kit.db import transaction

pytestmark = pytest.mark.browser


@pytest.fixture
def people(engine: Engine) -> Iterator[dict[str, str]]:
    """A planner of GXZZ, an admin and an enterprise with one posting; removed after."""
    tag = uuid.uuid4().hex[:6]
    names = {
        "planner": f"jr-planner-{tag}",
        "admin": f"jr-admin-{tag}",
        "enterprise": f"旅程测试机电有限公司{tag}",
        "tag": tag,
    }
    with transaction(engine) as s:
        make_user(s, "planner", username=names["planner"], schools=["GXZZ"])
        make_user(s, "admin", username=names["admin"])
        ent = make_enterprise(s, name=names["enterprise"])
        names["posting"] = str(make_posting(s, ent, title="设备维修工", external_id=f"JR-{tag}").id)
    try:
        yield names
    finally:
        purge(
            engine,
            enterprise_names=(names["enterprise"],),
            usernames=(names["planner"], names["admin"]),
        )


def test_what_if_by_programme_name(live_server: str, page: Any, people: dict[str, str]) -> None:
    log_in(page, live_server, people["planner"], "/planner/recommendations")
    box = page.get_by_label("专业（名称或代码） 1")
    box.press_sequentially("有色金属")
    # The list offers the catalogue's programmes as the planner types.
    option = page.locator("#programme-options option[value='有色金属冶炼技术']")
    option.wait_for(state="attached")
    assert option.get_attribute("label") == "630501"
    box.fill("有色金属冶炼技术")
    page.get_by_label("新招生计划 1").fill("30")
    page.get_by_test_id("whatif-run").click()
    row = page.get_by_test_id("whatif-programme-630501")
    assert "有色金属冶炼技术" in row.inner_text()
    assert page.get_by_test_id("whatif-result").is_visible()

    # A name that fits several programmes says which, in Chinese, and keeps what was typed.
    page.get_by_label("专业（名称或代码） 1").fill("技术应用")
    page.get_by_test_id("whatif-run").click()
    error = page.get_by_test_id("whatif-error").inner_text()
    assert "“技术应用”对应多个专业" in error and "数控技术应用（660103）" in error
    assert page.get_by_label("专业（名称或代码） 1").input_value() == "技术应用"


def test_match_correction_by_occupation_name(
    live_server: str, page: Any, people: dict[str, str]
) -> None:
    log_in(page, live_server, people["planner"], f"/postings/{people['posting']}")
    box = page.get_by_label("职业（名称或代码）")
    box.press_sequentially("电工")
    page.locator("#occupation-options option[value='电工']").wait_for(state="attached")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url("**?saved=1")
    occupations = page.locator("li", has_text="6-31-01-03").first.inner_text()
    assert "电工" in occupations and "人工校正" in occupations

    page.get_by_label("职业（名称或代码）").fill("宇航员")
    page.get_by_role("button", name="保存").click()
    error = page.get_by_test_id("correction-error").inner_text()
    assert error.startswith("职业：找不到名称或代码为“宇航员”的职业")


def test_key_revoke_asks_first(
    live_server: str, page: Any, chromium: Any, people: dict[str, str]
) -> None:
    log_in(page, live_server, people["admin"], "/admin/keys")
    page.locator("select[name=username]").select_option(people["planner"])
    page.locator("input[name=name]").fill(f"旅程{people['tag']}")
    page.get_by_role("button", name="新建密钥").click()
    secret = page.get_by_test_id("new-key").inner_text()
    prefix = next(
        el.get_attribute("data-testid")[len("key-") :]
        for el in page.locator("tr[data-testid^=key-]").all()
        if f"旅程{people['tag']}" in el.inner_text()
    )
    assert secret.startswith(f"vm_{prefix}_")
    machine = chromium.new_context()  # a client with the key and no cookie
    method = f"{live_server}/api/v1/analytics/method"
    bearer = {"Authorization": f"Bearer {secret}"}

    # Revoking asks first; cancelling keeps the key.
    page.get_by_test_id(f"revoke-{prefix}").click()
    question = page.get_by_test_id("confirm").inner_text()
    assert f"撤销密钥“旅程{people['tag']}”（{prefix}）？" in question
    page.get_by_test_id("confirm-cancel").click()
    page.wait_for_url("**/admin/keys")
    assert page.get_by_test_id(f"revoke-{prefix}").is_visible()
    assert machine.request.get(method, headers=bearer).status == 200

    page.get_by_test_id(f"revoke-{prefix}").click()
    page.get_by_test_id("confirm-yes").click()
    page.wait_for_url("**/admin/keys?revoked=1")
    assert "密钥已撤销" in page.get_by_test_id("revoked").inner_text()
    assert "已于" in page.get_by_test_id(f"key-{prefix}").inner_text()
    assert page.get_by_test_id(f"revoke-{prefix}").count() == 0
    assert machine.request.get(method, headers=bearer).status == 401
    machine.close()

    # The audit log says both in words: the revoke, and the call refused after it.
    page.goto(f"{live_server}/admin/audit?entity_type=api_key")
    revoked = page.locator("tbody tr").first.inner_text()
    assert "撤销" in revoked and "API 密钥" in revoked and "\\u" not in revoked
    page.goto(f"{live_server}/admin/audit?entity_type=request")
    refused = page.locator("tbody tr", has_text="/api/v1/analytics/method").first.inner_text()
    assert "需要登录" in refused and "401" in refused and "revoked" not in refused


def test_registration_pending_banner_until_approval(
    live_server: str, page: Any, chromium: Any, engine: Engine
) -> None:
    tag = uuid.uuid4().hex[:6]
    # A name close to 江西金力永磁科技有限公司 (in the fixture data): asked about, not refused.
    name = f"江西金力永磁新材料{tag}有限公司"
    username, admin_name = f"jr-ent-{tag}", f"jr-approver-{tag}"
    with transaction(engine) as s:
        make_user(s, "admin", username=admin_name)
    try:
        page.goto(live_server + "/login")
        page.get_by_test_id("register-link").get_by_role("link").click()
        page.get_by_label("企业名称").fill(name)
        page.get_by_label("用户名").fill(username)
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="企业注册").click()
        # Near-duplicate: the form offers "this is a different enterprise", keeping the name.
        page.get_by_test_id("confirm-distinct").get_by_role("checkbox").check()
        assert page.get_by_label("企业名称").input_value() == name
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="企业注册").click()
        assert "等待管理员审核" in page.get_by_test_id("registered").inner_text()

        # Pending: every page says so; posting demand explains instead of offering a form.
        log_in(page, live_server, username, "/portal")
        assert "等待管理员审核" in page.get_by_test_id("pending-banner").inner_text()
        assert page.get_by_role("link", name="发布需求").count() == 0
        page.goto(live_server + "/programmes")
        assert page.get_by_test_id("pending-banner").is_visible()
        page.goto(live_server + "/portal/postings/new")
        assert "审核通过前不能发布需求" in page.get_by_test_id("pending-explain").inner_text()
        assert page.locator("input[name=title]").count() == 0

        approve_enterprise(chromium, live_server, admin_name, name)

        page.goto(live_server + "/portal")
        assert page.get_by_test_id("pending-banner").count() == 0
        assert page.get_by_test_id("enterprise-status").inner_text() == "已审核"
        page.get_by_role("link", name="发布需求").click()
        assert page.locator("input[name=title]").is_visible()
    finally:
        purge(engine, enterprise_names=(name,), usernames=(username, admin_name))
