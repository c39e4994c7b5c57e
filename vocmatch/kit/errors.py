"""Domain errors that carry their HTTP status, and the one handler that renders them.

Every error reaches clients as ``application/problem+json`` (RFC 9457). Tracebacks and SQL never do.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy import exc as sa
from starlette.exceptions import HTTPException as StarletteHTTPException

from vocmatch.kit.render import render

log = logging.getLogger(__name__)

PROBLEM = "application/problem+json"


class VocmatchError(Exception):
    """Base domain error: a message for people, an HTTP status, optional structured details."""

    status = 400
    title = "Bad request"

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
        self.errors = errors or []
        self.headers = headers or {}


class NotFound(VocmatchError):
    status = 404
    title = "Not found"


class Conflict(VocmatchError):
    status = 409
    title = "Conflict"


class Invalid(VocmatchError):
    status = 422
    title = "Invalid input"


class Unauthorized(VocmatchError):
    status = 401
    title = "Authentication required"


class Forbidden(VocmatchError):
    status = 403
    title = "Forbidden"


class TooLarge(VocmatchError):
    status = 413
    title = "Request body too large"


class RateLimited(VocmatchError):
    status = 429
    title = "Too many requests"


class Unavailable(VocmatchError):
    status = 503
    title = "Temporarily unavailable"


class DataFileError(VocmatchError):
    """A reference or sample data file is invalid; the message names file, line/row and field."""

    status = 422
    title = "Invalid data file"


def database_unavailable(exc: BaseException) -> Unavailable | None:
    """Return the 503 for a database fault that a retry can cure, or None for anything else.

    A full pool (timeout), a lost or killed connection, PostgreSQL's statement timeout, SQLite's
    busy lock and an unreachable server are all "try again shortly", never an internal error.
    """
    if isinstance(exc, sa.TimeoutError):  # the pool had no free connection in time
        return Unavailable(
            "the server is busy (no database connection free); retry shortly",
            headers={"Retry-After": "2"},
        )
    if isinstance(exc, sa.OperationalError | sa.InterfaceError | sa.DisconnectionError) or (
        isinstance(exc, sa.DBAPIError) and exc.connection_invalidated
    ):
        text = str(getattr(exc, "orig", exc)).lower()
        if "locked" in text or "busy" in text:
            detail = "the database is busy; retry shortly"
        elif "statement timeout" in text or "canceling statement" in text:
            detail = "the query took too long and was stopped; retry shortly"
        else:
            detail = "the database is unavailable; retry shortly"
        log.warning("request.database.unavailable", extra={"error": type(exc).__name__})
        return Unavailable(detail, headers={"Retry-After": "1"})
    return None


def problem(
    status: int,
    title: str,
    detail: str,
    *,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """Return a problem+json response."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def _loc_to_field(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "body"


def validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    """Flatten FastAPI validation errors to ``[{"field", "message", "type"}]``."""
    return [
        {
            "field": _loc_to_field(e.get("loc", ())),
            "message": e.get("msg", ""),
            "type": e.get("type", ""),
        }
        for e in exc.errors()
    ]


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get(
        "accept", ""
    )


def _html_error(request: Request, status: int, title: str, detail: str) -> Response:
    return render(
        request,
        "error.html",
        {"status": status, "title": title, "detail": detail},
        status_code=status,
    )


def install_error_handlers(
    app: FastAPI, *, before_invalid: Callable[[Request], Awaitable[None]] | None = None
) -> None:
    """Register the handlers that turn every error into problem+json (or a page for browsers).

    ``before_invalid`` runs before a 422 is rendered (the app authenticates the caller there, so
    a missing or wrong credential answers 401/403 before the input is judged).
    """

    @app.exception_handler(VocmatchError)
    async def _domain(request: Request, exc: VocmatchError) -> Response:
        if _wants_html(request) and exc.status != 401:
            return _html_error(request, exc.status, exc.title, exc.message)
        if _wants_html(request):
            return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
        return problem(exc.status, exc.title, exc.message, errors=exc.errors, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        if before_invalid is not None:
            try:
                await before_invalid(request)
            except VocmatchError as first:
                return await _domain(request, first)
        errors = validation_errors(exc)
        fields = ", ".join(sorted({e["field"] for e in errors}))
        return problem(422, "Invalid input", f"Invalid value for: {fields}", errors=errors)

    @app.exception_handler(sa.SQLAlchemyError)
    async def _database(request: Request, exc: sa.SQLAlchemyError) -> Response:
        # Faults outside a request's hop (the hop maps its own): a retry may cure them.
        unavailable = database_unavailable(exc)
        if unavailable is None:
            return await _unexpected(request, exc)
        return await _domain(request, unavailable)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else "Error"
        if _wants_html(request):
            return _html_error(request, exc.status_code, detail, detail)
        return problem(exc.status_code, detail, detail, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("request.unhandled", extra={"path": request.url.path})
        return problem(500, "Internal error", "An unexpected error occurred; it has been logged.")
