"""The outermost middleware: request ids, HEAD, the access log line and the HTTP metrics.

* ``X-Request-ID``: a client's (or the load balancer's) id is kept when it is 1–128 characters of
  ``A-Z a-z 0-9 . _ : -``; otherwise a new one is made. It is set on every response (health,
  admission's 503 and errors included) and on every log line written for the request.
* ``HEAD`` is answered wherever ``GET`` is: the request runs as a GET and the body is dropped
  (headers, ``Content-Length`` included, stay those of the GET). The OpenAPI document, which
  lists the GETs, is unchanged.
* One ``http.request`` log line per request (method, path, status, ms).
* ``/metrics`` (Prometheus text) is answered here, before admission, to a bearer of the
  configured ``metrics_token``; anybody else goes on to the route, which wants an administrator.
"""

from __future__ import annotations

import hmac
import logging
import re
import time
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from vocmatch.kit import metrics
from vocmatch.kit.logs import REQUEST_ID

log = logging.getLogger("vocmatch.http")
HEADER = b"x-request-id"
VALID_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
METRICS_PATH = "/metrics"


def request_id(scope: Scope) -> str:
    """Return the request's id: the client's when valid, else a new one (32 hex digits)."""
    for name, value in scope.get("headers") or []:
        if name == HEADER:
            text = value.decode("latin-1")
            if VALID_ID.fullmatch(text):
                return text
            break
    return uuid.uuid4().hex


def _route(scope: Scope) -> str:
    """The route template (bounded label values): ``/api/v1/postings/{posting_id}``."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    if isinstance(path, str):
        return path
    if scope["path"] in ("/healthz", "/readyz", METRICS_PATH):
        return str(scope["path"])
    if scope["path"].startswith("/static/"):
        return "/static"
    return "unmatched"  # 404s, and requests refused before routing (admission's 503)


def _bearer(scope: Scope) -> str | None:
    for name, value in scope.get("headers") or []:
        if name == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            return token.strip() if scheme.lower() == "bearer" else None
    return None


class Observe:
    """ASGI middleware: see the module docstring."""

    def __init__(self, app: ASGIApp, *, metrics_token: str | None = None) -> None:
        self.app = app
        self.metrics_token = metrics_token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = request_id(scope)
        token = REQUEST_ID.set(rid)
        method = scope["method"]
        head = method == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}
        status = 500
        started = time.perf_counter()
        header = (HEADER, rid.encode())

        async def tagged_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != HEADER]
                message = {**message, "headers": [*headers, header]}
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        metrics.IN_FLIGHT.inc()
        try:
            if scope["path"] == METRICS_PATH and self._scraper(scope):
                await _send_metrics(tagged_send)
            else:
                await self.app(scope, receive, tagged_send)
        finally:
            metrics.IN_FLIGHT.dec()
            elapsed = time.perf_counter() - started
            route = _route(scope)
            metrics.REQUESTS.labels(method, route, str(status)).inc()
            metrics.LATENCY.labels(method, route).observe(elapsed)
            log.info(
                "http.request",
                extra={
                    "method": method,
                    "path": scope["path"],
                    "status": status,
                    "ms": round(1000 * elapsed, 1),
                },
            )
            REQUEST_ID.reset(token)

    def _scraper(self, scope: Scope) -> bool:
        presented = _bearer(scope)
        return bool(
            self.metrics_token
            and presented
            and hmac.compare_digest(presented.encode(), self.metrics_token.encode())
        )


async def _send_metrics(send: Send) -> None:
    body, content_type = metrics.render()
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [
                (b"content-type", content_type.encode()),
                (b"content-length", str(len(body)).encode()),
                (b"cache-control", b"no-store"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
