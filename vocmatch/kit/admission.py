"""Bounded admission: a process refuses quickly instead of queueing without limit.

At most ``limit`` requests are in flight; up to ``queue_size`` more wait (first come, first
served) for at most ``queue_timeout`` seconds; beyond that a request gets an immediate 503 with
``Retry-After`` (problem+json). A request's work must start within ``deadline`` seconds of its
body arriving, and no work starts for a client that has gone: both are checked at the moment the
work would start (:class:`Ticket`), because a thread already running Python cannot be stopped —
work that has started runs to the end (PostgreSQL's ``statement_timeout`` bounds its queries).

Pure ASGI on the event loop: no threads, no database, so refusing costs microseconds.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

import anyio
import anyio.abc
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from vocmatch.kit import metrics
from vocmatch.kit.limits import send_problem

log = logging.getLogger(__name__)

TICKET = "vocmatch.ticket"  # the ASGI scope key under which the request's Ticket travels
DISCONNECT: Message = {"type": "http.disconnect"}


class Abandoned(Exception):
    """The work of a request was not started: its client left or its deadline passed."""


class Ticket:
    """The start-or-abandon handshake between the event loop and the thread doing the work."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.state = "waiting"  # → started | abandoned

    def start(self) -> bool:
        """Claim the start of the work (worker thread); False when it was abandoned first."""
        with self._lock:
            if self.state == "waiting":
                self.state = "started"
            return self.state == "started"

    def abandon(self) -> bool:
        """Abandon the work unless it started (event loop); True when it was abandoned."""
        with self._lock:
            if self.state == "waiting":
                self.state = "abandoned"
            return self.state == "abandoned"


@dataclass
class _Waiter:
    event: anyio.Event = field(default_factory=anyio.Event)
    granted: bool = False


@dataclass
class Gate:
    """The per-process admission state (one per app; ``/readyz`` reads it)."""

    limit: int
    queue_size: int
    queue_timeout: float
    deadline: float
    in_flight: int = 0
    admitted: int = 0
    refused: int = 0
    abandoned: int = 0
    last_refused: float = float("-inf")
    waiters: deque[_Waiter] = field(default_factory=deque)

    def saturated(self, window: float = 2.0) -> bool:
        """True when the process refused work in the last ``window`` seconds or its queue is full."""
        full = self.queue_size > 0 and len(self.waiters) >= self.queue_size
        return full or time.monotonic() - self.last_refused < window

    def stats(self) -> dict[str, int]:
        """Return the counters (for ``/readyz`` and the logs)."""
        return {
            "in_flight": self.in_flight,
            "limit": self.limit,
            "queued": len(self.waiters),
            "queue_size": self.queue_size,
            "admitted": self.admitted,
            "refused": self.refused,
            "abandoned": self.abandoned,
        }

    def try_enter(self) -> bool | None:
        """Take a free slot (True), refuse when the queue is full too (False), else None: queue."""
        if self.in_flight < self.limit and not self.waiters:
            self.in_flight += 1
            self.admitted += 1
            return True
        if len(self.waiters) >= self.queue_size:
            self.refused += 1
            self.last_refused = time.monotonic()
            return False
        return None

    async def wait(self, gone: anyio.Event) -> bool:
        """Queue for a slot; False when none came within ``queue_timeout`` or the client left."""
        waiter = _Waiter()
        self.waiters.append(waiter)
        try:
            with anyio.move_on_after(self.queue_timeout):
                async with anyio.create_task_group() as tg:
                    tg.start_soon(_cancel_when, gone, tg.cancel_scope)
                    await waiter.event.wait()
                    tg.cancel_scope.cancel()
        finally:
            if not waiter.granted:
                self.waiters.remove(waiter)
        if waiter.granted and gone.is_set():
            self.leave()
            return False
        if not waiter.granted:
            self.refused += 1
            self.last_refused = time.monotonic()
            return False
        self.admitted += 1
        return True

    def leave(self) -> None:
        """Give the slot back: to the first in the queue, else to the pool."""
        if self.waiters:
            waiter = self.waiters.popleft()
            waiter.granted = True
            waiter.event.set()
        else:
            self.in_flight -= 1


async def _cancel_when(event: anyio.Event, scope: anyio.CancelScope) -> None:
    await event.wait()
    scope.cancel()


class _Client:
    """The request's side of the connection, read by a task: body chunks are queued for the app
    and a disconnect is noticed as soon as it happens, whatever the app is doing."""

    def __init__(self, receive: Receive) -> None:
        self._receive = receive
        self._chunks: deque[Message] = deque()
        self._ready = anyio.Event()
        self.gone = anyio.Event()
        self.body_done = anyio.Event()
        self.on_gone: Callable[[], None] | None = None

    def _wake(self) -> None:
        self._ready.set()
        self._ready = anyio.Event()

    async def pump(self) -> None:
        """Read the connection until the client goes (or this task is cancelled)."""
        while True:
            message = await self._receive()
            if message["type"] != "http.request":
                self.gone.set()
                self._wake()
                if self.on_gone is not None:
                    self.on_gone()
                return
            self._chunks.append(message)
            self._wake()
            if not message.get("more_body", False):
                self.body_done.set()

    async def receive(self) -> Message:
        """The app's ``receive``: the queued body, then a disconnect when the client goes."""
        while True:
            if self._chunks:
                return self._chunks.popleft()
            if self.gone.is_set():
                return DISCONNECT
            await self._ready.wait()


class Admission:
    """ASGI middleware applying a :class:`Gate` to every HTTP request except ``exempt`` paths."""

    def __init__(self, app: ASGIApp, *, gate: Gate, exempt: tuple[str, ...] = ()) -> None:
        self.app = app
        self.gate = gate
        self.exempt = exempt

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(self.exempt):
            await self.app(scope, receive, send)
            return
        admitted = self.gate.try_enter()
        if admitted is False:  # the common case under overload: answer at once, read nothing
            metrics.REFUSED.inc()
            await send(_BUSY_START)
            await send(_BUSY_BODY)
            return
        client = _Client(receive)
        error: Exception | None = None
        # The app runs in the task group's own body; its errors are re-raised outside the group
        # as they are (a task group would wrap them in an ExceptionGroup).
        async with anyio.create_task_group() as tg:
            tg.start_soon(client.pump)
            if admitted or await self.gate.wait(client.gone):
                try:
                    await self._run(scope, client, send, tg)
                except Exception as exc:
                    error = exc
            elif not client.gone.is_set():
                metrics.REFUSED.inc()
                await send(_BUSY_START)
                await send(_BUSY_BODY)
            tg.cancel_scope.cancel()
        if error is not None:
            raise error

    async def _run(
        self, scope: Scope, client: _Client, send: Send, tg: anyio.abc.TaskGroup
    ) -> None:
        ticket = Ticket()
        scope[TICKET] = ticket
        done = False
        started = False

        def finish() -> None:
            nonlocal done
            if not done:
                done = True
                client.on_gone = None  # answered: a later disconnect abandons nothing
                self.gate.leave()

        async def tracked_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                finish()  # background tasks may follow; the slot is for answering

        abandoned = False
        try:
            with anyio.CancelScope() as work:

                def give_up() -> None:
                    if ticket.abandon():
                        work.cancel()

                client.on_gone = give_up
                tg.start_soon(self._deadline, client, give_up)
                try:
                    await self.app(scope, client.receive, tracked_send)
                except Abandoned:
                    abandoned = True  # the thread saw the abandonment before the loop did
            if work.cancelled_caught or abandoned:
                self.gate.abandoned += 1
                if not client.gone.is_set() and not started:
                    log.warning("admission.deadline", extra={"path": scope["path"]})
                    await send_problem(
                        send,
                        503,
                        "Temporarily unavailable",
                        "the request could not start within its deadline; retry shortly",
                        headers={"retry-after": "1"},
                    )
        finally:
            client.on_gone = None
            finish()

    async def _deadline(self, client: _Client, give_up: Callable[[], None]) -> None:
        await client.body_done.wait()
        await anyio.sleep(self.gate.deadline)
        give_up()


def _busy_response() -> tuple[Message, Message]:
    body = json.dumps(
        {
            "type": "about:blank",
            "title": "Temporarily unavailable",
            "status": 503,
            "detail": "the server is at capacity; retry shortly",
        }
    ).encode()
    start: Message = {
        "type": "http.response.start",
        "status": 503,
        "headers": [
            (b"content-type", b"application/problem+json"),
            (b"content-length", str(len(body)).encode()),
            (b"retry-after", b"1"),
        ],
    }
    return start, {"type": "http.response.body", "body": body}


# Built once: refusing is the hot path of an overloaded process.
_BUSY_START, _BUSY_BODY = _busy_response()
