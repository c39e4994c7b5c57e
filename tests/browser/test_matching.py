"""The "Try matching" page in a real browser (the matcher's browser test)."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_try_matching_in_the_browser(live_server: str, page: Any) -> None:
    page.goto(live_server + "/match")
    page.get_by_test_id("match-title").fill("赣州恒泰磁材有限公司急招钕铁硼压型工（长白班）")
    page.get_by_test_id("match-text").fill("在磁场压机上成型压制钕铁硼毛坯，冷等静压后送烧结。")
    page.get_by_test_id("match-submit").click()
    chain = page.get_by_test_id("match-chain")
    chain.wait_for()
    assert chain.get_attribute("data-chain") == "rare_earth"
    assert page.get_by_test_id("chain-score-rare_earth").is_visible()
    highlighted = page.get_by_test_id("match-highlighted").locator("mark").all_inner_texts()
    assert {"压型", "成型压制"} <= set(highlighted)
    # Lists hold what reaches the threshold: at least one answer, never ten rows of padding.
    assert 1 <= page.get_by_test_id("match-occupations").locator("tbody tr").count() <= 10
    assert page.get_by_test_id("match-programmes").locator("tbody tr").count() >= 1
    # What the title was read as, and what was removed around the job, is on the page.
    assert "钕铁硼压型工" in page.get_by_test_id("match-title-read").inner_text()
    removed = page.get_by_test_id("match-removed")
    assert "赣州恒泰磁材有限公司" in removed.inner_text() and "急招" in removed.inner_text()
    title_marks = page.get_by_test_id("match-highlighted").locator("mark.removed").all_inner_texts()
    assert "赣州恒泰磁材有限公司" in title_marks
    # An empty form is refused with a message, not an error page.
    page.get_by_test_id("match-title").fill("")
    page.get_by_test_id("match-text").fill("")
    page.get_by_test_id("match-submit").click()
    assert page.get_by_test_id("match-error").is_visible()
