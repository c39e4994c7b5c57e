"""The API docs and the site icon come from the app itself: with every other host blocked, /docs
still shows the operations, and no page asks for an icon that is not there."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


def test_docs_render_with_no_network(live_server: str, page: Any) -> None:
    blocked: list[str] = []

    def only_localhost(route: Any) -> None:
        if urlsplit(route.request.url).hostname in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", only_localhost)
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.goto(live_server + "/docs")
    page.locator(".opblock").first.wait_for(timeout=15000)
    assert page.locator(".opblock").count() > 100  # every operation of the API
    assert "vocmatch" in page.locator(".info .title").inner_text()
    page.locator(".opblock-summary-path", has_text="/api/v1/programmes").first.wait_for()
    assert blocked == [] and failed == []


def test_pages_have_an_icon_and_no_404(live_server: str, page: Any) -> None:
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    for path in ("/", "/programmes", "/login", "/docs"):
        page.goto(live_server + path)
        page.wait_for_load_state("networkidle")
    icon = page.request.get(live_server + "/favicon.ico")
    assert icon.status == 200 and icon.headers["content-type"] == "image/x-icon"
    assert missing == []
