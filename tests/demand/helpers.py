"""Shared helpers for the demand tests: batch items and platform clients."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from tests.factories import api_key_headers, make_user

RARE_EARTH = "赣州稀土集团有限公司"
RARE_EARTH_CODE = "91360700MA35AB12C1"


def item(external_id: str, **kw: Any) -> dict[str, Any]:
    """Return a valid batch item for the sample rare-earth enterprise."""
    base: dict[str, Any] = {
        "external_id": external_id,
        "enterprise_credit_code": RARE_EARTH_CODE,
        "title": "稀土萃取工",
        "description": "串级萃取分离稀土",
        "skills": ["萃取"],
        "headcount": 3,
        "education": "中职",
        "type": "hire",
    }
    base.update(kw)
    return base


def platform_headers(db: Session) -> dict[str, str]:
    """Return API-key headers of a fresh platform client."""
    return api_key_headers(db, make_user(db, "platform"))
