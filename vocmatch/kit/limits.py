"""Refuse request bodies over the configured size with 413, before the handler reads them."""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodySizeLimit:
    """ASGI middleware: 413 when Content-Length or the streamed body exceeds the limit for a path."""

    def __init__(
        self, app: ASGIApp, *, default: int, overrides: dict[str, int] | None = None
    ) -> None:
        self.app = app
        self.default = default
        self.overrides = overrides or {}

    def _limit(self, path: str) -> int:
        for prefix, limit in self.overrides.items():
            if path.startswith(prefix):
                return limit
        return self.default

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit(scope["path"])
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _reject(send, limit)
            return
        seen = 0
        too_large = False

        async def limited_receive() -> Message:
            nonlocal seen, too_large
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    too_large = True
                    # Hand the app an empty, finished body; we answer 413 ourselves below.
                    return {"type": "http.disconnect"}
            return message

        started = False

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if too_large and not started:
                started = True
                await _reject(send, limit)
                return
            if too_large:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        await self.app(scope, limited_receive, guarded_send)
        if too_large and not started:
            await _reject(send, limit)


async def _reject(send: Send, limit: int) -> None:
    await send_problem(
        send, 413, "Request body too large", f"the request body exceeds the limit of {limit} bytes"
    )


async def send_problem(
    send: Send, status: int, title: str, detail: str, *, headers: dict[str, str] | None = None
) -> None:
    """Send a whole ``application/problem+json`` response from ASGI middleware."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    await send_json(send, status, body, media_type="application/problem+json", headers=headers)


async def send_json(
    send: Send,
    status: int,
    body: dict[str, Any],
    *,
    media_type: str = "application/json",
    headers: dict[str, str] | None = None,
    head: bool = False,
) -> None:
    """Send a whole JSON response from ASGI middleware (``head``: headers only)."""
    raw = json.dumps(body, ensure_ascii=False).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", media_type.encode()),
                (b"content-length", str(len(raw)).encode()),
                *((k.encode(), v.encode()) for k, v in (headers or {}).items()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": b"" if head else raw})
