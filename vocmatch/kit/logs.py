"""Log lines: greppable ``time level logger event key=value…`` text, or one JSON object a line.

``VOCMATCH_LOG_FORMAT=json`` chooses JSON (for a log shipper). Every line written while a request
is handled carries its ``request_id`` (``kit.observe`` sets it; the worker thread of the request
inherits it), whichever logger wrote it.
"""

from __future__ import annotations

import json
import logging
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

_STD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}
REQUEST_ID: ContextVar[str | None] = ContextVar("vocmatch_request_id", default=None)


class RequestIdFilter(logging.Filter):
    """Give each record the id of the request being handled (``None`` outside requests)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            rid = REQUEST_ID.get()
            if rid is not None:
                record.request_id = rid
        return True


def _extras(record: logging.LogRecord) -> dict[str, Any]:
    return {k: v for k, v in vars(record).items() if k not in _STD}


class KeyValueFormatter(logging.Formatter):
    """Append ``extra=`` fields (the request id among them) to the message as key=value pairs."""

    def format(self, record: logging.LogRecord) -> str:
        base = super().format(record)
        return base + "".join(f" {k}={v}" for k, v in _extras(record).items())


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, event, then the extras."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "event": record.getMessage(),
            **_extras(record),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def configure(level: str = "INFO", fmt: str = "text") -> None:
    """Configure root logging once (``fmt``: ``text`` or ``json``)."""
    root = logging.getLogger()
    if any(isinstance(h.formatter, KeyValueFormatter | JsonFormatter) for h in root.handlers):
        return
    handler = logging.StreamHandler()
    handler.addFilter(RequestIdFilter())
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(KeyValueFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    # Alembic announces every plugin it sets up at INFO; keep the migration lines only.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    # Readiness checks read the revision on every call; only migrations themselves are news.
    logging.getLogger("alembic.runtime.migration").setLevel(logging.WARNING)
