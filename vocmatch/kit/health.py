"""Liveness and readiness: is the process up, and can it serve real answers?"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from vocmatch.kit import migrate

router = APIRouter(tags=["health"])

# A readiness check returns (name, ok, detail). The app appends the others (data loaded, the
# matcher's model): kit knows no domain.
Check = Callable[[Any], tuple[str, bool, str]]
EXTRA_CHECKS: list[Check] = []


def _database(app: Any) -> tuple[str, bool, str]:
    try:
        with app.state.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # any driver error means "not ready"
        return "database", False, f"unreachable: {type(exc).__name__}"
    return "database", True, app.state.engine.dialect.name


def _migrations(app: Any) -> tuple[str, bool, str]:
    try:
        current, heads = migrate.current_revisions(app.state.engine), migrate.head_revisions()
    except Exception as exc:
        return "migrations", False, f"cannot read: {type(exc).__name__}"
    if current != heads:
        return (
            "migrations",
            False,
            f"at {sorted(current) or 'none'}, head is {sorted(heads)}: run `vocmatch db upgrade`",
        )
    return "migrations", True, ",".join(sorted(current))


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """Liveness: the process answers."""
    return {"status": "ok"}


@router.get("/readyz")
def readyz(request: Request) -> JSONResponse:
    """Readiness: database reachable, migrations at head, reference data loaded, model fitted."""
    checks = [c(request.app) for c in (_database, _migrations, *EXTRA_CHECKS)]
    ready = all(ok for _, ok, _ in checks)
    body = {
        "status": "ready" if ready else "not ready",
        "checks": {name: {"ok": ok, "detail": detail} for name, ok, detail in checks},
    }
    return JSONResponse(body, status_code=200 if ready else 503)
