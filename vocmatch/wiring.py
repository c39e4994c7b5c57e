"""Dependencies that point down the layers but are decided up here, installed once by the app.

A lower layer declares what it needs (a hook or a protocol); the app, which may import every
layer, supplies it. ``vocmatch.main`` and ``vocmatch.cli`` call :func:`install` at import.
"""

from __future__ import annotations

from vocmatch.matching import service as matching
from vocmatch.schools import repository as schools


def install() -> None:
    """Install the cross-layer hooks (idempotent)."""
    matching.set_offered_source(schools.offered_programme_codes)
