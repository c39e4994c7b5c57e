"""Request dependencies: one session, one caller and one worker-thread hop per request.

A request's database work — authenticating the caller, checking its role, the handler and the
commit — runs in **one** hop to a worker thread with **one** session, so a pooled connection is
never held while the request waits for a thread (issue 11: with a hop per dependency, 30 requests
holding the 30 connections waited for threads while the 40 threads waited for connections, for
good). The dependencies below are therefore async and do no I/O: ``get_session`` makes a session
that has not connected yet, ``get_principal`` and ``require`` return a *pending* caller, and
:func:`one_hop` — installed on every endpoint by the app — resolves the caller, runs the handler and
commits, all inside the endpoint's own thread hop.

Kit knows no users: how a key or a session cookie becomes a ``Principal`` is an ``Authenticator``
that the accounts domain supplies and the app installs on ``app.state.authenticator``.
"""

from __future__ import annotations

import functools
import hmac
import inspect
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Annotated, Any

import anyio
from fastapi import Depends, Request
from fastapi.routing import APIRoute
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from vocmatch.kit.admission import TICKET, Abandoned
from vocmatch.kit.config import get_settings
from vocmatch.kit.db import READ_ONLY, session_factory, write_after_read
from vocmatch.kit.errors import Forbidden, Unauthorized, VocmatchError, database_unavailable
from vocmatch.kit.principal import ANONYMOUS, Principal
from vocmatch.kit.ratelimit import limiter

log = logging.getLogger(__name__)

SESSION_COOKIE = "vocmatch_session"
# The pre-session CSRF cookie of the anonymous forms (login, portal registration).
LOGIN_CSRF_COOKIE = "vocmatch_login_csrf"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
# Marks the sessions made by ``get_session``: the request's hop commits those (a test may
# substitute its own session, which it commits itself).
_OWNED = "vocmatch.request_session"


async def get_session(request: Request) -> AsyncIterator[Session]:
    """Yield the request's session; it connects on first use, inside the endpoint's thread hop.

    The hop commits on success and rolls back on error (:func:`one_hop`). Writes (unsafe methods)
    take SQLite's write lock at BEGIN, so concurrent writers queue on the busy timeout rather
    than failing mid-transaction.
    """
    factory = session_factory(request.app.state.engine, write=request.method in UNSAFE)
    session = factory()
    session.info[_OWNED] = True
    session.info[READ_ONLY] = request.method not in UNSAFE
    try:
        yield session
    finally:
        await _close(session)


async def _close(session: Session) -> None:
    if not session.in_transaction():
        session.close()  # holds no connection: no I/O
        return
    # Something used the session after the hop committed (e.g. a lazy load while the response
    # was serialised): give the connection back from a thread, even when the request is cancelled.
    log.warning("request.session.used_after_hop")
    with anyio.CancelScope(shield=True):
        await run_in_threadpool(session.close)


SessionDep = Annotated[Session, Depends(get_session, scope="function")]


@dataclass(frozen=True)
class PendingPrincipal:
    """A caller to resolve in the endpoint's hop: ``roles`` None admits anyone, () any login."""

    roles: tuple[str, ...] | None = None


ANYONE = PendingPrincipal()
_current: ContextVar[RequestUnit | None] = ContextVar("vocmatch_request_unit", default=None)


class RequestUnit:
    """One request's session and caller, resolved, worked and finished in one thread hop."""

    def __init__(self, request: Request, session: Session) -> None:
        self.request = request
        self.session = session
        self.owns = bool(session.info.get(_OWNED))
        self.principal: Principal | None = None
        self.required: list[PendingPrincipal] = []
        # The form's CSRF token of a page write (``form_csrf``), checked once the caller is known.
        self.csrf: str | None = None

    def caller(self) -> Principal:
        """Return the authenticated caller (resolved once, on the first call)."""
        if self.principal is None:
            self.principal = _identify(self.request, self.session)
            self.request.state.principal = self.principal
        return self.principal

    def resolve(self, pending: PendingPrincipal) -> Principal:
        """Return the caller when it satisfies ``pending``; raise 401/403 otherwise."""
        principal = self.caller()
        if pending.roles is None:
            return principal
        if not principal.authenticated:
            raise Unauthorized(
                "authentication required: send an API key or log in",
                headers={"WWW-Authenticate": "Bearer"},
                key="problem.login_required",
            )
        if pending.roles and principal.role not in pending.roles:
            raise Forbidden(
                f"this needs one of the roles: {', '.join(pending.roles)}",
                key="problem.roles",
                params={"roles": ", ".join(pending.roles)},
            )
        return principal

    def run(self, call: Callable[..., Any], kwargs: dict[str, Any]) -> Any:
        """In the worker thread: authenticate, authorise, call, commit (roll back on error)."""
        ticket = self.request.scope.get(TICKET)
        if ticket is not None and not ticket.start():
            raise Abandoned  # the client left or the deadline passed before the work began
        try:
            args = {
                k: self.resolve(v) if isinstance(v, PendingPrincipal) else v
                for k, v in kwargs.items()
            }
            caller = self.caller()  # every request is authenticated and rate limited, used or not
            if self.csrf is not None:
                check_csrf(caller, self.csrf)
            result = call(**args)
            if self.owns:
                self.session.commit()
                write_after_read(self.session)  # a read's audit rows, in a write of their own
            return result
        except BaseException as exc:
            if self.owns:
                _rollback(self.session)
                if isinstance(exc, VocmatchError):
                    self._record_denial(exc)
            unavailable = database_unavailable(exc)
            if unavailable is not None:
                raise unavailable from exc
            raise

    def _record_denial(self, exc: VocmatchError) -> None:
        try:
            if record_denial(self.request, self.session, exc):
                self.session.commit()
                write_after_read(self.session)
        except Exception:  # the refusal stands even when its audit row cannot be written
            log.warning("request.denial.not_audited", exc_info=True)
            _rollback(self.session)

    def check_only(self) -> None:
        """In a worker thread: authenticate and authorise, then give the connection back."""
        self.run(_echo, {f"_{i}": p for i, p in enumerate(self.required)})


def _rollback(session: Session) -> None:
    try:
        session.rollback()
    except Exception:  # a dead connection cannot roll back; the pool discards it
        log.warning("request.rollback.failed", exc_info=True)


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
    # (session, caller, denial) -> None: writes a refused request to the audit log
    on_denied: Callable[[Session, Principal, Denial], None] | None = None


@dataclass(frozen=True)
class Denial:
    """A request refused for who made it: 403, or 401 for credentials that were presented."""

    method: str
    path: str
    status: int
    reason: str
    address: str


def record_denial(request: Request, session: Session, exc: VocmatchError) -> bool:
    """Audit a refused request in ``session`` (after its own work was rolled back).

    Returns True when an entry was added (the caller commits it). A plain anonymous visitor
    asked to log in is not a denial; a wrong, revoked or expired key is.
    """
    principal: Principal = getattr(request.state, "principal", ANONYMOUS)
    presented = bool(_presented_key(request))
    if exc.status == 403 or (exc.status == 401 and presented):
        authenticator: Authenticator = request.app.state.authenticator
        if authenticator.on_denied is None:
            return False
        denial = Denial(
            method=request.method,
            path=request.url.path,
            status=exc.status,
            reason=exc.message[:200],
            address=request.client.host if request.client else "unknown",
        )
        authenticator.on_denied(session, principal, denial)
        return True
    return False


def _identify(request: Request, session: Session) -> Principal:
    """Return the caller: API key (header) first, then the session cookie, else anonymous."""
    settings = get_settings()
    authenticator: Authenticator = request.app.state.authenticator
    presented = _presented_key(request)
    if presented:
        found = authenticator.by_key(session, presented)
        if found is None:
            # Guessing keys counts against the address like any anonymous call.
            client = request.client.host if request.client else "unknown"
            limiter.hit(f"ip:{client}", settings.anonymous_rate_limit_per_minute)
            raise Unauthorized(
                "invalid, expired or revoked API key", headers={"WWW-Authenticate": "Bearer"}
            )
        principal, key_limit = found
        limiter.hit(f"key:{principal.key_id}", key_limit or settings.rate_limit_per_minute)
        return principal
    token = request.cookies.get(SESSION_COOKIE)
    resolved = authenticator.by_session(session, token) if token else None
    if resolved is None:
        client = request.client.host if request.client else "unknown"
        limiter.hit(f"ip:{client}", settings.anonymous_rate_limit_per_minute)
        return ANONYMOUS
    limiter.hit(f"user:{resolved.user_id}", settings.rate_limit_per_minute)
    # Cookie-authenticated API writes must echo the CSRF token (forms check their own field).
    if request.method in UNSAFE and request.url.path.startswith("/api/"):
        check_csrf(resolved, request.headers.get("x-csrf-token", ""))
    return resolved


async def get_principal(request: Request, session: SessionDep) -> AsyncIterator[PendingPrincipal]:
    """Open the request's unit of work; the caller is resolved later, in the endpoint's hop."""
    unit = RequestUnit(request, session)
    request.state.unit = unit
    token = _current.set(unit)
    try:
        yield ANYONE
    finally:
        _current.reset(token)


def check_csrf(principal: Principal, token: str) -> None:
    """Refuse a cookie-authenticated write whose CSRF token does not match the session's."""
    if principal.via == "session" and not hmac.compare_digest(principal.csrf_token, token or ""):
        raise Forbidden(
            "missing or wrong CSRF token; reload the page and try again", key="problem.csrf"
        )


PrincipalDep = Annotated[Principal, Depends(get_principal, scope="function")]


def require(*roles: str) -> Callable[..., Awaitable[PendingPrincipal]]:
    """Return a dependency that admits authenticated callers with one of ``roles`` (any if empty).

    The check itself runs in the endpoint's hop (it needs the database to know the caller).
    """
    pending = PendingPrincipal(tuple(roles))

    async def _check(request: Request, _caller: PrincipalDep) -> PendingPrincipal:
        request.state.unit.required.append(pending)
        return pending

    # kit.openapi reads this to state the operation's security requirement and its 401/403.
    _check.required_roles = tuple(roles)  # type: ignore[attr-defined]
    return _check


AuthenticatedDep = Annotated[Principal, Depends(require())]
AdminDep = Annotated[Principal, Depends(require("admin"))]


async def get_form(request: Request) -> FormData:
    """Return the parsed form body (read on the event loop, before the endpoint's hop)."""
    return await request.form()


FormDep = Annotated[FormData, Depends(get_form)]


async def form_csrf(request: Request) -> None:
    """Dependency of every HTML page router: a write must carry the session's ``csrf_token`` field.

    It reads the form on the event loop (Starlette keeps it for the endpoint's own ``Form``
    parameters) and leaves the token to the request's hop, which checks it once the caller is
    known: a cookie session must match; an API key or an anonymous form (login and registration
    check their own pre-session cookie) has no session token to match.
    """
    if request.method in UNSAFE:
        form = await request.form()
        token = form.get("csrf_token")
        request.state.unit.csrf = token if isinstance(token, str) else ""


PAGE_CSRF = [Depends(form_csrf)]


def one_hop(call: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap an endpoint so its caller, work and commit happen in its one thread hop.

    A sync endpoint runs entirely inside :meth:`RequestUnit.run`. An async endpoint gets its caller
    checked in one hop that ends with the connection returned; it must not use the session.
    """
    if getattr(call, "__one_hop__", False):
        return call
    if inspect.isgeneratorfunction(call) or inspect.isasyncgenfunction(call):
        raise TypeError(f"{call.__qualname__}: streaming endpoints need their own session handling")
    if inspect.iscoroutinefunction(call):

        @functools.wraps(call)
        async def run_async(**kwargs: Any) -> Any:
            unit = _current.get()
            if unit is None:
                return await call(**kwargs)
            args = await run_in_threadpool(unit.run, _echo, kwargs)
            return await call(**args)

        run_async.__one_hop__ = True  # type: ignore[attr-defined]
        return run_async

    @functools.wraps(call)
    def run_sync(**kwargs: Any) -> Any:
        unit = _current.get()
        if unit is None:  # called outside a request (a test calling the function itself)
            return call(**kwargs)
        return unit.run(call, kwargs)

    run_sync.__one_hop__ = True  # type: ignore[attr-defined]
    return run_sync


def _echo(**kwargs: Any) -> dict[str, Any]:
    return kwargs


def install_one_hop(routes: Iterable[Any]) -> None:
    """Wrap every API endpoint reachable from ``routes`` with :func:`one_hop` (idempotent)."""
    for route in routes:
        if isinstance(route, APIRoute):
            route.endpoint = one_hop(route.endpoint)
        elif hasattr(route, "original_router"):  # a router included into a router
            install_one_hop(route.original_router.routes)


async def authenticate_before_invalid(request: Request) -> None:
    """Resolve the caller of a request whose input failed validation (401/403 before 422)."""
    unit = getattr(request.state, "unit", None)
    if isinstance(unit, RequestUnit) and unit.principal is None:
        await run_in_threadpool(unit.check_only)
