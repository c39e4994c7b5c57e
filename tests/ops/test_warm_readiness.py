"""``/readyz`` waits for the start-up warm-up (issue 11).

The analytics warm-up runs in a background thread after start and holds the GIL for seconds. A
process that took traffic as soon as ``/readyz`` first answered 200 served its first clients in up
to 2 s and ``/healthz`` in up to 0.7 s at five times its sustainable rate; readiness now says
"not ready" until the warm-up has finished (or failed: the first planner request builds it).
"""

from __future__ import annotations

import threading

from fastapi import FastAPI
from fastapi.testclient import TestClient


def test_readyz_is_not_ready_while_the_warm_up_runs_and_ready_after(
    app: FastAPI, client: TestClient
) -> None:
    # The test environment skips the warm-up: nothing to wait for.
    assert client.get("/readyz").status_code == 200
    warming = threading.Event()
    app.state.analytics_warm = warming
    try:
        r = client.get("/readyz")
        assert r.status_code == 503
        check = r.json()["checks"]["warm-up"]
        assert check == {"ok": False, "detail": "building the analytics projection"}
        warming.set()  # the warm-up thread sets it when it ends, done or failed
        r = client.get("/readyz")
        assert r.status_code == 200
        assert r.json()["checks"]["warm-up"] == {"ok": True, "detail": "done"}
    finally:
        del app.state.analytics_warm
