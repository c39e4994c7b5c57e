"""Bounded admission at the ASGI level: who runs, who waits, who is refused, and work that never
starts because its client left or its deadline passed (no server, no threads: a fake app)."""

from __future__ import annotations

import json
import threading
from collections.abc import Awaitable, Callable
from typing import Any

import anyio

from vocmatch.kit.admission import TICKET, Admission, Gate
from vocmatch.kit.limits import send_problem


class Conn:
    """One client connection: its request, what the app sent back, and a way to hang up."""

    def __init__(self, path: str = "/api/v1/thing", body: bytes = b"") -> None:
        self.scope: dict[str, Any] = {"type": "http", "path": path, "method": "GET", "headers": []}
        self.body = body
        self.sent: list[dict[str, Any]] = []
        self.hung_up = anyio.Event()
        self._body_given = False

    async def receive(self) -> dict[str, Any]:
        if not self._body_given:
            self._body_given = True
            return {"type": "http.request", "body": self.body, "more_body": False}
        await self.hung_up.wait()
        return {"type": "http.disconnect"}

    async def send(self, message: dict[str, Any]) -> None:
        self.sent.append(message)

    @property
    def status(self) -> int | None:
        starts = [m for m in self.sent if m["type"] == "http.response.start"]
        return starts[0]["status"] if starts else None

    def header(self, name: bytes) -> bytes | None:
        start = next(m for m in self.sent if m["type"] == "http.response.start")
        return dict(start["headers"]).get(name)

    def json(self) -> Any:
        return json.loads(b"".join(m.get("body", b"") for m in self.sent if "body" in m))


class App:
    """A fake app: each request waits until released, claims its ticket, then answers 200."""

    def __init__(self) -> None:
        self.release = anyio.Event()
        self.entered: list[str] = []
        self.worked: list[str] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.entered.append(scope["path"])
        await self.release.wait()  # like waiting for a worker thread
        if not scope[TICKET].start():
            return  # abandoned: the work does not begin
        self.worked.append(scope["path"])
        await send_problem(send, 200, "ok", "done")


def run(main: Callable[[], Awaitable[None]]) -> None:
    """Run ``main`` on an event loop of its own thread (Playwright's sync API, used by the browser
    tests earlier in the session, keeps a loop running in the main thread)."""
    failure: list[BaseException] = []

    def target() -> None:
        try:
            anyio.run(main)
        except BaseException as exc:  # re-raised in the test's thread below
            failure.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


def gate(**kw: Any) -> Gate:
    defaults = {"limit": 1, "queue_size": 1, "queue_timeout": 5.0, "deadline": 30.0}
    return Gate(**{**defaults, **kw})


def test_beyond_the_limit_and_the_queue_a_request_is_refused_at_once_with_retry_after() -> None:
    async def main() -> None:
        app, g = App(), gate(limit=1, queue_size=1)
        mw = Admission(app, gate=g)
        first, second, third = Conn("/a"), Conn("/b"), Conn("/c")
        async with anyio.create_task_group() as tg:
            tg.start_soon(mw, first.scope, first.receive, first.send)
            tg.start_soon(mw, second.scope, second.receive, second.send)
            await anyio.wait_all_tasks_blocked()
            await mw(third.scope, third.receive, third.send)  # returns without waiting
            assert third.status == 503
            assert third.header(b"retry-after") == b"1"
            assert third.header(b"content-type") == b"application/problem+json"
            assert third.json()["status"] == 503
            assert (g.in_flight, len(g.waiters)) == (1, 1)  # /a runs, /b waits
            assert app.entered == ["/a"]
            app.release.set()
        assert (first.status, second.status) == (200, 200)  # /b got /a's slot when it finished
        assert app.worked == ["/a", "/b"]
        assert g.in_flight == 0
        assert g.stats()["refused"] == 1

    run(main)


def test_a_queued_request_is_refused_when_no_slot_frees_within_the_queue_timeout() -> None:
    async def main() -> None:
        app, g = App(), gate(limit=1, queue_size=4, queue_timeout=0.05)
        mw = Admission(app, gate=g)
        first, second = Conn("/a"), Conn("/b")
        async with anyio.create_task_group() as tg:
            tg.start_soon(mw, first.scope, first.receive, first.send)
            await anyio.wait_all_tasks_blocked()
            await mw(second.scope, second.receive, second.send)
            assert second.status == 503
            assert g.saturated()
            app.release.set()
        assert app.worked == ["/a"]
        assert (g.in_flight, len(g.waiters)) == (0, 0)

    run(main)


def test_a_client_that_leaves_while_queued_costs_no_work_and_frees_its_place() -> None:
    async def main() -> None:
        app, g = App(), gate(limit=1, queue_size=1)
        mw = Admission(app, gate=g)
        first, quitter, later = Conn("/a"), Conn("/quit"), Conn("/later")
        async with anyio.create_task_group() as tg:
            tg.start_soon(mw, first.scope, first.receive, first.send)
            tg.start_soon(mw, quitter.scope, quitter.receive, quitter.send)
            await anyio.wait_all_tasks_blocked()
            quitter.hung_up.set()
            await anyio.wait_all_tasks_blocked()
            assert len(g.waiters) == 0  # its place in the queue is free again
            tg.start_soon(mw, later.scope, later.receive, later.send)
            await anyio.wait_all_tasks_blocked()
            app.release.set()
        assert quitter.sent == []  # nobody to answer
        assert app.worked == ["/a", "/later"]

    run(main)


def test_work_not_started_by_the_deadline_is_abandoned_with_a_503() -> None:
    async def main() -> None:
        app, g = App(), gate(limit=2, deadline=0.0)
        mw = Admission(app, gate=g)
        slow = Conn("/slow")
        await mw(slow.scope, slow.receive, slow.send)  # the app never got its "thread"
        assert slow.status == 503
        assert "deadline" in slow.json()["detail"]
        app.release.set()
        assert app.worked == []
        assert g.stats()["abandoned"] == 1
        assert slow.scope[TICKET].start() is False  # a thread arriving late does nothing

    run(main)


def test_a_client_that_leaves_before_its_work_starts_gets_none_done() -> None:
    async def main() -> None:
        app, g = App(), gate(limit=2)
        mw = Admission(app, gate=g)
        gone = Conn("/gone")
        async with anyio.create_task_group() as tg:
            tg.start_soon(mw, gone.scope, gone.receive, gone.send)
            await anyio.wait_all_tasks_blocked()
            gone.hung_up.set()
        app.release.set()
        assert app.entered == ["/gone"] and app.worked == []
        assert gone.sent == []
        assert g.in_flight == 0

    run(main)


def test_work_that_started_finishes_even_past_the_deadline_or_after_a_hang_up() -> None:
    class Started(App):
        async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
            assert scope[TICKET].start()  # the thread began at once
            await self.release.wait()  # ...and computes for a while
            self.worked.append(scope["path"])
            await send_problem(send, 200, "ok", "done")

    async def main() -> None:
        app, g = Started(), gate(limit=2, deadline=0.0)
        mw = Admission(app, gate=g)
        late, left = Conn("/late"), Conn("/left")
        async with anyio.create_task_group() as tg:
            tg.start_soon(mw, late.scope, late.receive, late.send)
            tg.start_soon(mw, left.scope, left.receive, left.send)
            await anyio.wait_all_tasks_blocked()  # the deadline (0 s) has passed
            left.hung_up.set()
            await anyio.wait_all_tasks_blocked()
            app.release.set()
        assert late.status == 200
        assert sorted(app.worked) == ["/late", "/left"]  # a commit is never cut in half
        assert g.in_flight == 0

    run(main)


def test_exempt_paths_pass_untouched() -> None:
    async def main() -> None:
        seen: list[str] = []

        async def app(scope: Any, receive: Any, send: Any) -> None:
            seen.append(scope["path"])
            assert TICKET not in scope

        mw = Admission(app, gate=gate(limit=1, queue_size=0), exempt=("/static/",))
        conn = Conn("/static/app.css")
        await mw(conn.scope, conn.receive, conn.send)
        assert seen == ["/static/app.css"]

    run(main)
