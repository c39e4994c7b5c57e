"""Load the model once when the app starts, and report it in ``/readyz``."""

from __future__ import annotations

import logging
from typing import Any

from vocmatch.kit.errors import VocmatchError
from vocmatch.matching import service

log = logging.getLogger(__name__)


def load_model_at_startup(app: Any) -> None:
    """Load the matcher now so the first request does not pay for it; log what to do if absent."""
    status, detail = service.model_status()
    if status != "ok":
        log.error("matching.model.unavailable", extra={"status": status, "detail": detail})
        return
    try:
        service.get_runtime()
    except VocmatchError as exc:  # unreadable files: say so, keep serving the rest
        log.error("matching.model.unavailable", extra={"status": "broken", "detail": exc.message})


def readiness(app: Any) -> tuple[str, bool, str]:
    """Return the ``model`` readiness check: ok / missing / stale, with what to run."""
    status, detail = service.model_status()
    if status == "ok":
        return "model", True, detail
    if status == "missing":
        return "model", False, "missing: run vocmatch train"
    if status == "stale":
        return "model", False, "stale: fitted on other data: run vocmatch train"
    return "model", False, f"{status}: {detail}"
