"""What a visitor sees on the front page: the four chains, their segments, the catalogue search."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_home_shows_chains_and_searches_catalogue(live_server: str, page: Any) -> None:
    page.goto(live_server + "/")
    for key, name in [
        ("rare_earth", "稀土新材料"),
        ("tungsten", "钨精深加工及应用"),
        ("new_energy", "新能源材料"),
        ("intelligent_equipment", "高端智能装备制造"),
    ]:
        card = page.get_by_test_id(f"chain-{key}")
        assert name in card.inner_text()
    # A segment opens to show its skills.
    page.get_by_text("冶炼分离").first.click()
    assert page.get_by_text("萃取分离").first.is_visible()

    page.get_by_role("searchbox").first.fill("数控")
    page.get_by_role("button", name="搜索").first.click()
    page.wait_for_url("**/programmes?q=*")
    assert "660103" in page.locator("table.data").inner_text()
    assert "共 1 条" in page.get_by_test_id("result-count").inner_text()

    page.get_by_role("link", name="数控技术应用").click()
    assert "职业面向" in page.locator("dl.profile").inner_text()


def test_language_switch_to_english(live_server: str, page: Any) -> None:
    page.goto(live_server + "/")
    page.get_by_test_id("lang-switch").click()
    page.wait_for_url("**lang=en")
    assert "Rare-earth new materials" in page.get_by_test_id("chain-rare_earth").inner_text()
    assert page.get_by_role("link", name="Programmes").is_visible()
    # The choice sticks across pages (cookie).
    page.goto(live_server + "/programmes")
    assert page.get_by_role("button", name="Search").is_visible()
