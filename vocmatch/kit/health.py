"""Liveness and readiness, answered before any other middleware, route or dependency.

``/healthz`` is answered on the event loop from memory: no thread, no database, no admission
queue, so it takes milliseconds however loaded the process is — and when it does not answer,
the process really is stuck. ``/readyz`` runs its database checks in a thread of its own (not the
request threads) on a connection of its own (not the request pool), within a time limit, and also
reports a saturated process (it refused work in the last seconds): a load balancer then sends
new clients elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import anyio
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.pool import NullPool
from starlette.types import ASGIApp, Receive, Scope, Send

from vocmatch.kit import migrate
from vocmatch.kit.admission import Gate
from vocmatch.kit.db import install_sqlite_pragmas
from vocmatch.kit.limits import send_json

# A readiness check returns (name, ok, detail). The app appends the others (data loaded, the
# matcher's model): kit knows no domain. Checks run in the readiness thread and read the database
# through ``probe(app)``, never the request pool.
Check = Callable[[Any], tuple[str, bool, str]]
EXTRA_CHECKS: list[Check] = []
NO_STORE = {"cache-control": "no-store"}
READY_TIMEOUT = 3.0  # seconds the database checks may take before readiness says "no answer"
# The database checks run one at a time in their own thread, whatever the request threads do.
_probe_threads = anyio.CapacityLimiter(1)


def probe(app: Any) -> Engine:
    """Return the engine readiness checks use (a fresh connection each time, outside the pool)."""
    return app.state.probe_engine


def probe_engine(engine: Engine) -> Engine:
    """Return an engine for the readiness checks: same database, a fresh connection each time."""
    url = engine.url.render_as_string(hide_password=False)
    if engine.dialect.name == "sqlite":
        probe = create_engine(url, poolclass=NullPool, connect_args={"timeout": 1})
        install_sqlite_pragmas(probe, 1000)
        return probe
    return create_engine(url, poolclass=NullPool, connect_args={"connect_timeout": 2})


def _database(engine: Engine) -> tuple[str, bool, str]:
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # any driver error means "not ready"
        return "database", False, f"unreachable: {type(exc).__name__}"
    return "database", True, engine.dialect.name


def _migrations(engine: Engine) -> tuple[str, bool, str]:
    try:
        current, heads = migrate.current_revisions(engine), migrate.head_revisions()
    except Exception as exc:
        return "migrations", False, f"cannot read: {type(exc).__name__}"
    if current != heads:
        return (
            "migrations",
            False,
            f"at {sorted(current) or 'none'}, head is {sorted(heads)}: run `vocmatch db upgrade`",
        )
    return "migrations", True, ",".join(sorted(current))


def _checks(app: Any) -> list[tuple[str, bool, str]]:
    engine = app.state.probe_engine
    found = _database(engine)
    if not found[1]:
        return [found]
    return [found, _migrations(engine), *(check(app) for check in EXTRA_CHECKS)]


def _admission(gate: Gate | None) -> tuple[str, bool, str]:
    if gate is None:
        return "load", True, "no admission limit"
    s = gate.stats()
    detail = f"{s['in_flight']}/{s['limit']} in flight, {s['queued']}/{s['queue_size']} queued"
    if gate.saturated():
        return "load", False, f"saturated: {detail}, {s['refused']} refused so far"
    return "load", True, detail


async def readiness(app: Any) -> tuple[int, dict[str, Any]]:
    """Return the readiness status code and body (database checks bounded by READY_TIMEOUT)."""
    checks: list[tuple[str, bool, str]] | None = None
    with anyio.move_on_after(READY_TIMEOUT):
        checks = await anyio.to_thread.run_sync(
            _checks, app, limiter=_probe_threads, abandon_on_cancel=True
        )
    if checks is None:
        checks = [("database", False, f"no answer within {READY_TIMEOUT:g} s")]
    checks.append(_admission(getattr(app.state, "admission", None)))
    ready = all(ok for _, ok, _ in checks)
    body = {
        "status": "ready" if ready else "not ready",
        "checks": {name: {"ok": ok, "detail": detail} for name, ok, detail in checks},
    }
    return (200 if ready else 503), body


class HealthEndpoints:
    """ASGI middleware answering ``GET /healthz`` and ``GET /readyz`` itself."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path") if scope["type"] == "http" else None
        if path == "/healthz":
            await send_json(
                send, 200, {"status": "ok"}, headers=NO_STORE, head=scope["method"] == "HEAD"
            )
        elif path == "/readyz":
            status, body = await readiness(scope["app"])
            await send_json(send, status, body, headers=NO_STORE, head=scope["method"] == "HEAD")
        else:
            await self.app(scope, receive, send)


OPENAPI_PATHS: dict[str, Any] = {
    "/healthz": {
        "get": {
            "tags": ["health"],
            "summary": "Liveness: the process answers (from memory, under any load)",
            "responses": {"200": {"description": '{"status": "ok"}'}},
        }
    },
    "/readyz": {
        "get": {
            "tags": ["health"],
            "summary": "Readiness: database, migrations, data, model, and load",
            "description": "Each check has `ok` and a `detail` that says what to run when not.",
            "responses": {
                "200": {"description": "ready"},
                "503": {"description": "not ready: the failing checks say why"},
            },
        }
    },
}
