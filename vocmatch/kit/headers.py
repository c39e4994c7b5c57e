"""Security headers on every response: a Content-Security-Policy, no framing, no sniffing, and
``Cache-Control: no-store`` on everything answered to a logged-in person or a keyed client.

No-store is what makes Back after logout show nothing personal: the browser may not keep the
pages of a session, so going back asks the server again, which now answers with the login page.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Pages load only their own scripts and styles (inline style attributes are allowed: the charts
# and Swagger UI draw with them); no plugin, no framing by other sites, forms post only to us.
# The API docs (kit.docs) are a page like the others: Swagger UI from our own files.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# JSON, files and everything else: nothing may run or frame it.
DATA_CSP = "default-src 'none'; frame-ancestors 'none'"

_CREDENTIAL_HEADERS = (b"authorization", b"x-api-key")


def _has_credentials(scope: Scope, cookie_name: bytes) -> bool:
    for name, value in scope.get("headers") or []:
        if name in _CREDENTIAL_HEADERS:
            return True
        if name == b"cookie" and cookie_name + b"=" in value:
            return True
    return False


class SecurityHeaders:
    """ASGI middleware adding the headers above to every HTTP response."""

    def __init__(self, app: ASGIApp, *, session_cookie: str) -> None:
        self.app = app
        self.session_cookie = session_cookie.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        personal = _has_credentials(scope, self.session_cookie)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                content_type = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                csp = PAGE_CSP if content_type.startswith(b"text/html") else DATA_CSP
                # A handler's own stricter header (evidence downloads sandbox themselves) stays.
                for name, value in (
                    (b"content-security-policy", csp.encode()),
                    (b"x-frame-options", b"DENY"),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                ):
                    if name not in present:
                        headers.append((name, value))
                if (personal or b"set-cookie" in present) and not path.startswith("/static/"):
                    headers = [(k, v) for k, v in headers if k.lower() != b"cache-control"]
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
