"""Browser fixtures: one live server and one Chromium per test session."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine

from tests.live import browser, serve


@pytest.fixture(scope="session")
def live_server(engine: Engine) -> Iterator[str]:
    """Base URL of the app served on the (committed) test database."""
    with serve(engine) as url:
        yield url


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """A headless Chromium shared by the browser tests."""
    with browser() as b:
        yield b


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    """A fresh browser context and page (own cookies) per test."""
    context = chromium.new_context(locale="zh-CN")
    pg = context.new_page()
    try:
        yield pg
    finally:
        context.close()
