"""Partnership test fixtures: uploads in a temporary folder, and callers of each role."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from tests.factories import api_key_headers, make_user
from tests.partnerships.helpers import AuditLog
from vocmatch.kit.config import get_settings


@pytest.fixture(autouse=True)
def upload_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Evidence blobs go to a fresh folder per test."""
    folder = tmp_path / "uploads"
    monkeypatch.setattr(get_settings(), "upload_dir", folder)
    yield folder


@pytest.fixture
def planner(db: Session) -> dict[str, Any]:
    """API-key headers of a planner of GXZZ (赣县中专)."""
    return api_key_headers(db, make_user(db, "planner", schools=["GXZZ"]))


@pytest.fixture
def other_planner(db: Session) -> dict[str, Any]:
    """API-key headers of a planner of the private test school only."""
    return api_key_headers(db, make_user(db, "planner", schools=["TESTPRIV"]))


@pytest.fixture
def admin(db: Session) -> dict[str, Any]:
    """API-key headers of an administrator."""
    return api_key_headers(db, make_user(db, "admin"))


@pytest.fixture
def audit_log(db: Session) -> AuditLog:
    """Audit entries written during the test."""
    return AuditLog(db)
