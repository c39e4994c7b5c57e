"""Request dependencies: the session (one transaction per request) and the caller's identity.

Kit knows no users: how a key or a session cookie becomes a ``Principal`` is an ``Authenticator``
that the accounts domain supplies and the app installs on ``app.state.authenticator``.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from vocmatch.kit.config import get_settings
from vocmatch.kit.db import session_factory
from vocmatch.kit.errors import Forbidden, Unauthorized, Unavailable
from vocmatch.kit.principal import ANONYMOUS, Principal
from vocmatch.kit.ratelimit import limiter

SESSION_COOKIE = "vocmatch_session"
# The pre-session CSRF cookie of the anonymous forms (login, portal registration).
LOGIN_CSRF_COOKIE = "vocmatch_login_csrf"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def get_session(request: Request) -> Iterator[Session]:
    """Yield a session; commit when the handler succeeds, roll back when it raises.

    Writes (unsafe methods) take SQLite's write lock at BEGIN, so concurrent writers queue on the
    busy timeout rather than failing mid-transaction.
    """
    engine = request.app.state.engine
    factory = session_factory(engine, write=request.method in UNSAFE)
    with factory() as session:
        try:
            yield session
            session.commit()
        except OperationalError as exc:
            session.rollback()
            if "locked" in str(exc) or "busy" in str(exc):
                raise Unavailable(
                    "the database is busy; retry shortly", headers={"Retry-After": "1"}
                ) from exc
            raise
        except BaseException:
            session.rollback()
            raise


SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def _presented_key(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return request.headers.get("x-api-key")


@dataclass(frozen=True)
class Authenticator:
    """Turns presented credentials into a caller; ``None`` means they are not valid."""

    # (session, presented API key) -> (principal, the key's own per-minute limit or None)
    by_key: Callable[[Session, str], tuple[Principal, int | None] | None]
    # (session, session cookie token) -> principal
    by_session: Callable[[Session, str], Principal | None]


def get_principal(request: Request, session: SessionDep) -> Principal:
    """Return the caller: API key (header) first, then the session cookie, else anonymous."""
    settings = get_settings()
    authenticator: Authenticator = request.app.state.authenticator
    presented = _presented_key(request)
    if presented:
        found = authenticator.by_key(session, presented)
        if found is None:
            raise Unauthorized(
                "invalid, expired or revoked API key", headers={"WWW-Authenticate": "Bearer"}
            )
        principal, key_limit = found
        limiter.hit(f"key:{principal.key_id}", key_limit or settings.rate_limit_per_minute)
    else:
        token = request.cookies.get(SESSION_COOKIE)
        resolved = authenticator.by_session(session, token) if token else None
        if resolved is None:
            client = request.client.host if request.client else "unknown"
            limiter.hit(f"ip:{client}", settings.anonymous_rate_limit_per_minute)
            principal = ANONYMOUS
        else:
            principal = resolved
            limiter.hit(f"user:{principal.user_id}", settings.rate_limit_per_minute)
            # Cookie-authenticated API writes must echo the CSRF token (forms check their own field).
            if request.method in UNSAFE and request.url.path.startswith("/api/"):
                check_csrf(principal, request.headers.get("x-csrf-token", ""))
    request.state.principal = principal
    return principal


def check_csrf(principal: Principal, token: str) -> None:
    """Refuse a cookie-authenticated write whose CSRF token does not match the session's."""
    if principal.via == "session" and not hmac.compare_digest(principal.csrf_token, token or ""):
        raise Forbidden("missing or wrong CSRF token; reload the page and try again")


PrincipalDep = Annotated[Principal, Depends(get_principal)]


def require(*roles: str) -> Callable[[Principal], Principal]:
    """Return a dependency that admits authenticated callers with one of ``roles`` (any if empty)."""

    def _check(principal: PrincipalDep) -> Principal:
        if not principal.authenticated:
            raise Unauthorized(
                "authentication required: send an API key or log in",
                headers={"WWW-Authenticate": "Bearer"},
            )
        if roles and principal.role not in roles:
            raise Forbidden(f"this needs one of the roles: {', '.join(roles)}")
        return principal

    return _check


AuthenticatedDep = Annotated[Principal, Depends(require())]
AdminDep = Annotated[Principal, Depends(require("admin"))]
