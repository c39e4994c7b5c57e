"""Domain errors that carry their HTTP status, and the one handler that renders them.

Every error reaches clients as ``application/problem+json`` (RFC 9457). Tracebacks and SQL never do.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy import exc as sa
from starlette.exceptions import HTTPException as StarletteHTTPException

from vocmatch.kit.i18n import strings, translate
from vocmatch.kit.messages import field_label, request_lang, translate_errors
from vocmatch.kit.render import render

log = logging.getLogger(__name__)

PROBLEM = "application/problem+json"


class VocmatchError(Exception):
    """Base domain error: a message for people, an HTTP status, optional structured details.

    ``key``/``params`` name the message in ``web/i18n`` (``message`` is its English text, kept for
    logs and for API clients that ask for no language); an entry of ``errors`` may carry its own
    ``key``/``params`` too. ``kit.messages`` translates both.
    """

    status = 400
    title = "Bad request"
    title_key = "problem.400"

    def text(self, lang: str) -> str:
        """Return the message in ``lang``."""
        return translate(self.key, lang, **self.params) if self.key else self.message

    def title_in(self, lang: str) -> str:
        """Return the title in ``lang``."""
        return translate(self.title_key, lang) if lang != "en" else self.title

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
        key: str | None = None,
        params: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        # The i18n key of the message (``message`` is its English text) and its parameters.
        self.key = key
        self.params = params or {}
        if status is not None:
            self.status = status
        self.errors = errors or []
        self.headers = headers or {}


class NotFound(VocmatchError):
    status = 404
    title = "Not found"
    title_key = "problem.404"


class Conflict(VocmatchError):
    status = 409
    title = "Conflict"
    title_key = "problem.409"


class Invalid(VocmatchError):
    status = 422
    title = "Invalid input"
    title_key = "problem.422"


class Unauthorized(VocmatchError):
    status = 401
    title = "Authentication required"
    title_key = "problem.401"


class Forbidden(VocmatchError):
    status = 403
    title = "Forbidden"
    title_key = "problem.403"


class TooLarge(VocmatchError):
    status = 413
    title = "Request body too large"
    title_key = "problem.413"


class RateLimited(VocmatchError):
    status = 429
    title = "Too many requests"
    title_key = "problem.429"


class Unavailable(VocmatchError):
    status = 503
    title = "Temporarily unavailable"
    title_key = "problem.503"


class DataFileError(VocmatchError):
    """A reference or sample data file is invalid; the message names file, line/row and field."""

    status = 422
    title = "Invalid data file"
    title_key = "problem.422"


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


def validation_errors(exc: RequestValidationError, lang: str = "en") -> list[dict[str, Any]]:
    """Flatten FastAPI validation errors to ``[{"field", "message", "type"}]`` in ``lang``."""
    return api_errors(exc.errors(), lang)


def api_errors(errors: Any, lang: str) -> list[dict[str, Any]]:
    """Return an API problem's ``errors``: machine ``field``/``type``, a human ``message``.

    In Chinese the message names the field by its label; in English it is the plain sentence
    (the field is beside it), as API clients have always read it.
    """
    out = translate_errors(list(errors), lang, with_label=lang != "en")
    for e in out:
        e.pop("label", None)
        if not e["type"]:
            e.pop("type")
    return out


_CJK = re.compile(r"[\u4e00-\u9fff]")


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


def _http_text(status: int, detail: str, lang: str) -> tuple[str, str]:
    """Title and detail of a framework error (404 of an unknown path, 405…) in ``lang``."""
    if lang == "en":
        return detail, detail
    title = translate(f"problem.{status}", lang)
    if title == f"problem.{status}":
        title = translate("problem.other", lang)
    return title, translate(f"problem.{status}.detail", lang) if f"problem.{status}.detail" in (
        strings()
    ) else title


def install_error_handlers(
    app: FastAPI, *, before_invalid: Callable[[Request], Awaitable[None]] | None = None
) -> None:
    """Register the handlers that turn every error into problem+json (or a page for browsers).

    ``before_invalid`` runs before a 422 is rendered (the app authenticates the caller there, so
    a missing or wrong credential answers 401/403 before the input is judged). Messages are in
    the request's language (``kit.messages.request_lang``).
    """

    @app.exception_handler(VocmatchError)
    async def _domain(request: Request, exc: VocmatchError) -> Response:
        lang = request_lang(request)
        if _wants_html(request) and exc.status != 401:
            detail = exc.text(lang)
            if (
                exc.status in (403, 404)
                and lang != "en"
                and not exc.key
                and not _CJK.search(detail)
            ):
                # A refusal without an i18n key carries the code's English (kept for logs and API
                # clients); a person reading in Chinese gets the status's own sentence. Input
                # errors (400/409/422) keep their message: it names the file, row or field.
                detail = _http_text(exc.status, detail, lang)[1]
            return _html_error(request, exc.status, exc.title_in(lang), detail)
        if _wants_html(request):
            return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
        errors = api_errors(exc.errors, lang) if exc.errors else None
        return problem(
            exc.status, exc.title_in(lang), exc.text(lang), errors=errors, headers=exc.headers
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        if before_invalid is not None:
            try:
                await before_invalid(request)
            except VocmatchError as first:
                return await _domain(request, first)
        lang = request_lang(request)
        errors = validation_errors(exc, lang)
        if lang == "en":
            fields = ", ".join(sorted({e["field"] for e in errors}))
            return problem(422, "Invalid input", f"Invalid value for: {fields}", errors=errors)
        labels = "、".join(dict.fromkeys(field_label(e["field"], lang) for e in errors))
        detail = translate("problem.invalid_fields", lang, fields=labels)
        if _wants_html(request):
            return _html_error(
                request,
                422,
                translate("problem.422", lang),
                "；".join(e["message"] for e in errors),
            )
        return problem(422, translate("problem.422", lang), detail, errors=errors)

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
        title, text = _http_text(exc.status_code, detail, request_lang(request))
        if _wants_html(request):
            return _html_error(request, exc.status_code, title, text)
        return problem(exc.status_code, title, text, headers=getattr(exc, "headers", None))

    @app.exception_handler(sa.IntegrityError)
    async def _integrity(request: Request, exc: sa.IntegrityError) -> Response:
        # A backstop: services check what they can name; whatever a constraint still catches is
        # a conflict with stored data, never a 500 (and never the SQL).
        log.warning("request.integrity_error", extra={"path": request.url.path})
        lang = request_lang(request)
        detail = translate("problem.integrity", lang)
        if lang == "en":
            detail = (
                "the request conflicts with stored data (a duplicate, or a record still in use)"
            )
        title = translate("problem.409", lang) if lang != "en" else "Conflict"
        if _wants_html(request):
            return _html_error(request, 409, title, detail)
        return problem(409, title, detail)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("request.unhandled", extra={"path": request.url.path})
        return problem(500, "Internal error", "An unexpected error occurred; it has been logged.")
