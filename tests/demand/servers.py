"""Real uvicorn server processes for the crash and concurrency tests (127.0.0.1, free ports)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
from sqlalchemy import Engine

from tests.live import free_port
from vocmatch.accounts import service as auth
from vocmatch.kit.db import transaction


@dataclass
class Server:
    """A running server process and its base URL."""

    process: subprocess.Popen[bytes]
    url: str

    def kill(self) -> None:
        """SIGKILL the process (no cleanup, like a power cut) and wait for it."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)


def database_url(engine: Engine) -> str:
    """Return the URL the server processes use (the test database, password included)."""
    return engine.url.render_as_string(hide_password=False)


@contextmanager
def server(
    engine: Engine, *, app: str = "vocmatch.main:create_app", env: dict[str, str] | None = None
) -> Iterator[Server]:
    """Start ``uvicorn app --factory`` on a free port against the test database; stop it after."""
    port = free_port()
    environment = {
        **os.environ,
        "VOCMATCH_DATABASE_URL": database_url(engine),
        "VOCMATCH_ENVIRONMENT": "test",
        "VOCMATCH_LOG_LEVEL": "WARNING",
        **(env or {}),
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            app,
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        if proc.poll() is not None:
            raise RuntimeError(
                f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}"
            )
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError("server did not start")
        time.sleep(0.1)
    srv = Server(proc, url)
    try:
        yield srv
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if proc.stderr:
            proc.stderr.close()


def committed_client(engine: Engine, role: str, username: str) -> dict[str, str]:
    """Create (committed) a user with an API key; return its headers."""
    with transaction(engine) as s:
        if auth.list_users(s) and any(u.username == username for u in auth.list_users(s)):
            pass
        else:
            auth.create_user(s, username=username, role=role, password=None)
        issued = auth.create_key(s, username=username, name="test")
    return {"Authorization": f"Bearer {issued.secret}"}
