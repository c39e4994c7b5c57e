"""A live uvicorn server and a headless Chromium for browser tests."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn
from sqlalchemy import Engine

from tests.browser import discovery
from tests.factories import PASSWORD
from vocmatch.main import create_app

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(engine: Engine) -> Iterator[str]:
    """Run the app on a free port in a thread; yield its base URL."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(engine), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("live server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def browser() -> Iterator[Any]:
    """Yield a headless Chromium driven by Playwright (``VOCMATCH_BROWSER``, else one found)."""
    from playwright.sync_api import sync_playwright

    executable = discovery.find(os.environ)
    if executable is None:
        raise RuntimeError(discovery.MISSING)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(executable), headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def log_in(page: Any, base: str, username: str, next_path: str, password: str = PASSWORD) -> None:
    """Log ``page`` in through the login form and wait for ``next_path``."""
    page.goto(f"{base}/login?next={next_path}")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("form[action='/login'] button[type=submit]").click()
    page.wait_for_url(f"**{next_path}")


def approve_enterprise(chromium: Any, base: str, admin: str, name: str) -> None:
    """As ``admin``, in a browser context of its own, approve the pending enterprise ``name``."""
    context = chromium.new_context(locale="zh-CN")
    try:
        page = context.new_page()
        log_in(page, base, admin, "/admin/enterprises")
        page.get_by_role("button", name=f"通过 {name}").click()
        page.wait_for_url("**/admin/enterprises")
        assert name not in page.get_by_test_id("pending-enterprises").inner_text()
    finally:
        context.close()
