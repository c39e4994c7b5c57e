"""Request ids, HEAD, JSON logs and Prometheus metrics (issue 18, operations)."""

from __future__ import annotations

import json
import logging
import re
from typing import Any

import anyio
import anyio.to_thread
import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy.orm import Session

from tests.factories import api_key_headers, make_user
from tests.ops.test_admission import App, Conn, gate, run
from vocmatch.kit.admission import Admission
from vocmatch.kit.logs import REQUEST_ID, JsonFormatter, RequestIdFilter
from vocmatch.kit.observe import Observe

HEX32 = re.compile(r"[0-9a-f]{32}")


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """Every sample of an exposition text, keyed by (name, labels)."""
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def test_a_valid_request_id_is_returned_and_a_bad_or_missing_one_is_replaced(
    client: TestClient,
) -> None:
    assert client.get("/healthz", headers={"X-Request-ID": "lb-42:a.b_c"}).headers[
        "x-request-id"
    ] == ("lb-42:a.b_c")
    for bad in ("has space", "x" * 129, "caf\xe9".encode("latin-1"), "a/b"):
        got = client.get("/api/v1/programmes/999999", headers={"X-Request-ID": bad})
        assert got.status_code == 404
        assert HEX32.fullmatch(got.headers["x-request-id"]), bad
    two = {client.get("/readyz").headers["x-request-id"] for _ in range(2)}
    assert len(two) == 2 and all(HEX32.fullmatch(r) for r in two)


def test_admission_refusals_carry_the_request_id_and_are_counted() -> None:
    async def main() -> None:
        app, g = App(), gate(limit=1, queue_size=0)
        mw = Observe(Admission(app, gate=g))
        first, second = Conn("/a"), Conn("/b")
        second.scope["headers"] = [(b"x-request-id", b"retry-7")]
        async with anyio.create_task_group() as tg:
            tg.start_soon(mw, first.scope, first.receive, first.send)
            await anyio.wait_all_tasks_blocked()
            await mw(second.scope, second.receive, second.send)
            assert second.status == 503
            assert second.header(b"x-request-id") == b"retry-7"
            app.release.set()
        assert first.status == 200
        assert HEX32.fullmatch(first.header(b"x-request-id").decode())

    before = _value("vocmatch_admission_refused_total")
    run(main)
    assert _value("vocmatch_admission_refused_total") == before + 1


def _value(name: str, **labels: str) -> float:
    from prometheus_client import REGISTRY

    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_every_log_line_of_a_request_carries_its_id_even_from_the_worker_thread(
    caplog: pytest.LogCaptureFixture,
) -> None:
    work = logging.getLogger("vocmatch.test.work")

    async def endpoint(scope: Any, receive: Any, send: Any) -> None:
        await anyio.to_thread.run_sync(lambda: work.info("work.done"))
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    async def main() -> None:
        conn = Conn("/x")
        conn.scope["headers"] = [(b"x-request-id", b"trace-9")]
        await Observe(endpoint)(conn.scope, conn.receive, conn.send)

    handler_filter = RequestIdFilter()
    caplog.handler.addFilter(handler_filter)
    try:
        with caplog.at_level(logging.INFO):
            run(main)
    finally:
        caplog.handler.removeFilter(handler_filter)
    lines = {r.getMessage(): r for r in caplog.records}
    assert lines["work.done"].request_id == "trace-9"  # type: ignore[attr-defined]
    access = lines["http.request"]
    assert access.request_id == "trace-9"  # type: ignore[attr-defined]
    assert (access.method, access.path, access.status) == ("GET", "/x", 200)  # type: ignore[attr-defined]
    assert REQUEST_ID.get() is None  # reset once answered


def test_json_log_lines_hold_the_event_the_extras_and_the_request_id() -> None:
    record = logging.LogRecord("vocmatch.x", logging.WARNING, __file__, 1, "x.happened", None, None)
    record.rows = 3
    token = REQUEST_ID.set("r-1")
    try:
        RequestIdFilter().filter(record)
    finally:
        REQUEST_ID.reset(token)
    line = json.loads(JsonFormatter().format(record))
    assert {k: line[k] for k in ("level", "logger", "event", "rows", "request_id")} == {
        "level": "WARNING",
        "logger": "vocmatch.x",
        "event": "x.happened",
        "rows": 3,
        "request_id": "r-1",
    }
    assert line["time"].endswith("+00:00")


def test_head_is_answered_wherever_get_is_with_the_get_headers_and_no_body(
    client: TestClient,
) -> None:
    for path in ("/", "/healthz", "/api/v1/programmes", "/static/app.css", "/login"):
        got, head = client.get(path), client.head(path)
        assert head.status_code == got.status_code == 200, path
        assert head.content == b"", path
        assert head.headers["content-type"] == got.headers["content-type"], path
        if "content-length" in got.headers:
            assert head.headers["content-length"] == got.headers["content-length"], path
    # A path with no GET says so as GET would: 405 with the methods it has.
    assert client.head("/api/v1/match").status_code == 405
    schema = client.get("/openapi.json").json()
    assert not any("head" in ops for ops in schema["paths"].values())


def test_metrics_need_an_administrator_and_count_requests_matches_and_cache(
    client: TestClient, db: Session
) -> None:
    assert client.get("/metrics").status_code == 401
    planner = api_key_headers(db, make_user(db, "planner"))
    assert client.get("/metrics", headers=planner).status_code == 403
    admin = api_key_headers(db, make_user(db, "admin"))
    before = samples(client.get("/metrics", headers=admin).text)
    client.post("/api/v1/match", json={"title": "数控车工"})
    client.get("/api/v1/programmes/999999")
    client.get("/api/v1/analytics/fit", headers=admin)
    client.get("/api/v1/analytics/fit", headers=admin)
    after = client.get("/metrics", headers=admin)
    assert after.status_code == 200
    assert after.headers["content-type"].startswith("text/plain")
    now = samples(after.text)

    def grew(name: str, **labels: str) -> float:
        key = (name, frozenset(labels.items()))
        return now.get(key, 0.0) - before.get(key, 0.0)

    assert grew("vocmatch_matches_total", call="one") == 1
    assert (
        grew(
            "vocmatch_http_requests_total",
            method="GET",
            route="/api/v1/programmes/{code}",
            status="404",
        )
        == 1
    )
    assert (
        grew("vocmatch_http_request_duration_seconds_count", method="POST", route="/api/v1/match")
        == 1
    )
    # The second overview found nothing changed: a hit.
    assert grew("vocmatch_analytics_cache_total", result="hit") >= 1
    assert ("vocmatch_http_requests_in_flight", frozenset()) in now


def test_a_scraper_with_the_metrics_token_is_answered_before_the_app() -> None:
    reached: list[str] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        reached.append(scope["path"])
        await send({"type": "http.response.start", "status": 401, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    token = "s" * 32

    async def main() -> None:
        mw = Observe(app, metrics_token=token)
        good, bad = Conn("/metrics"), Conn("/metrics")
        good.scope["headers"] = [(b"authorization", f"Bearer {token}".encode())]
        bad.scope["headers"] = [(b"authorization", b"Bearer nope")]
        await mw(good.scope, good.receive, good.send)
        await mw(bad.scope, bad.receive, bad.send)
        assert good.status == 200
        body = b"".join(m.get("body", b"") for m in good.sent)
        assert b"vocmatch_http_requests_total" in body
        assert bad.status == 401

    run(main)
    assert reached == ["/metrics"]  # only the wrong token went on to the app
