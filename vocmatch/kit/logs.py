"""Plain, greppable log lines: ``time level logger event key=value…``."""

from __future__ import annotations

import logging

_STD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class KeyValueFormatter(logging.Formatter):
    """Append ``extra=`` fields to the message as key=value pairs."""

    def format(self, record: logging.LogRecord) -> str:
        base = super().format(record)
        extras = {k: v for k, v in vars(record).items() if k not in _STD}
        return base + "".join(f" {k}={v}" for k, v in extras.items())


def configure(level: str = "INFO") -> None:
    """Configure root logging once."""
    root = logging.getLogger()
    if any(isinstance(h.formatter, KeyValueFormatter) for h in root.handlers):
        return
    handler = logging.StreamHandler()
    handler.setFormatter(KeyValueFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    # Alembic announces every plugin it sets up at INFO; keep the migration lines only.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    # Readiness checks read the revision on every call; only migrations themselves are news.
    logging.getLogger("alembic.runtime.migration").setLevel(logging.WARNING)
