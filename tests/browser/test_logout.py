"""After logout, Back shows nothing personal; no page breaks its Content-Security-Policy."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import Engine, delete, select

from tests.factories import PASSWORD, make_user
from vocmatch.accounts.models import User, WebSession
from vocmatch.kit.db import transaction

pytestmark = pytest.mark.browser


def test_back_after_logout_shows_no_teacher(engine: Engine, live_server: str, page: Any) -> None:
    username = f"back-planner-{uuid.uuid4().hex[:8]}"
    with transaction(engine) as session:
        make_user(session, "planner", schools=["TESTPRIV"], username=username)
    violations: list[str] = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    try:
        page.goto(live_server + "/login?next=/teachers/list")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", PASSWORD)
        page.locator("section form button[type=submit]").click()
        page.wait_for_url("**/teachers/list**")
        page.get_by_role("link", name="孙测试").click()
        page.wait_for_url("**/teachers/*")
        assert "孙测试" in page.content()

        page.locator("form[action='/logout'] button").click()
        page.wait_for_url(live_server + "/")
        page.go_back()
        page.wait_for_load_state()
        # The teacher's page was no-store: Back asks the server again, which wants a login.
        assert "孙测试" not in page.content()
        assert "/login" in page.url or "登录" in page.content()
        assert violations == []
    finally:
        with transaction(engine) as session:
            user_id = session.scalar(select(User.id).where(User.username == username))
            session.execute(delete(WebSession).where(WebSession.user_id == user_id))
            session.execute(delete(User).where(User.id == user_id))
