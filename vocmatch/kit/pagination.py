"""Stable keyset pagination: an opaque cursor holds the last key of the previous page."""

from __future__ import annotations

import base64
import json
import math
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

from vocmatch.kit import text
from vocmatch.kit.errors import Invalid
from vocmatch.kit.schema import INT_MAX, INT_MIN

T = TypeVar("T")
R = TypeVar("R")


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
    invalid = Invalid(
        "cursor is not valid; use next_cursor from the previous page",
        errors=[{"field": "cursor", "message": "invalid cursor"}],
    )
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
    except (ValueError, UnicodeDecodeError):
        raise invalid from None
    if not _plain(value):
        raise invalid
    return value


def int_cursor(cursor: str | None) -> int | None:
    """Return the id inside a cursor of a list paged by id (None when absent); 422 otherwise."""
    value = decode_cursor(cursor)
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        raise Invalid("cursor is not valid", errors=[{"field": "cursor"}])
    return value


def page_of(
    rows: Sequence[R],
    *,
    limit: int,
    key: Callable[[R], Any],
    out: Callable[[R], T],
    total: int | None = None,
) -> Page[T]:
    """Return one keyset page of ``rows`` (at most ``limit``) as ``out`` shows them; the next
    cursor holds the last row's ``key`` and is there only when the page is full."""
    nxt = encode_cursor(key(rows[-1])) if rows and len(rows) == limit else None
    return Page(items=[out(r) for r in rows], next_cursor=nxt, total=total)


def _plain(value: Any) -> bool:
    """True when a decoded cursor holds only what we put in: small ints, finite floats, clean text."""
    if isinstance(value, bool) or value is None:
        return True
    if isinstance(value, int):
        return INT_MIN <= value <= INT_MAX
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, str):
        return len(value) <= 200 and text.problem(value) is None
    if isinstance(value, list):
        return len(value) <= 8 and all(_plain(v) for v in value)
    return False
