"""Stable keyset pagination: an opaque cursor holds the last key of the previous page."""

from __future__ import annotations

import base64
import json
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

from vocmatch.kit.errors import Invalid

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of results; pass ``next_cursor`` back as ``cursor`` for the next page."""

    items: list[T]
    next_cursor: str | None = Field(default=None, description="Opaque; absent on the last page")
    total: int | None = Field(default=None, description="Matching rows across all pages")


def encode_cursor(value: Any) -> str:
    """Return an opaque cursor for ``value`` (a key or a tuple of keys)."""
    return (
        base64.urlsafe_b64encode(json.dumps(value, ensure_ascii=False).encode())
        .decode()
        .rstrip("=")
    )


def decode_cursor(cursor: str | None) -> Any:
    """Return the value inside ``cursor`` (None when absent); 422 when it was tampered with."""
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        return json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
    except (ValueError, UnicodeDecodeError):
        raise Invalid(
            "cursor is not valid; use next_cursor from the previous page",
            errors=[{"field": "cursor", "message": "invalid cursor"}],
        ) from None
