"""Dependencies that point down the layers but are decided up here, installed by the app.

A lower layer declares what it needs (a hook or a protocol); the app, which may import every
layer, supplies it. ``vocmatch.main`` calls :func:`install` at import; the CLI calls
:func:`configure_cli` before any command runs.
"""

from __future__ import annotations

from vocmatch.kit.config import get_settings
from vocmatch.kit.logs import configure as configure_logging
from vocmatch.matching import scope
from vocmatch.schools import repository as schools


def install() -> None:
    """Install the cross-layer hooks (idempotent)."""
    scope.set_offered_source(schools.offered_programme_codes)


def configure_cli() -> None:
    """Set up a CLI process: logging at the configured level, then the hooks."""
    configure_logging(get_settings().log_level, get_settings().log_format)
    install()
