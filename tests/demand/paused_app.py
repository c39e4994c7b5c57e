"""The app with one test hook: a batch pauses after writing its rows, before it commits.

The crash test starts this in a subprocess, waits for the marker file (rows written, transaction
open) and kills the process with SIGKILL, so "killed mid-way" is certain rather than a race.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from sqlalchemy.orm import Session

from vocmatch.demand.postings import bulk_write
from vocmatch.main import create_app as _create_app

_real = bulk_write.replace_index


def _write_then_pause(session: Session, rows: Mapping[int, Sequence[dict[str, Any]]]) -> None:
    _real(session, rows)
    session.flush()
    Path(os.environ["VOCMATCH_TEST_PAUSE_MARKER"]).write_text("rows written, not committed")
    time.sleep(float(os.environ.get("VOCMATCH_TEST_PAUSE_SECONDS", "120")))


bulk_write.replace_index = _write_then_pause


def create_app() -> FastAPI:
    """Return the app with the pausing batch."""
    return _create_app()
