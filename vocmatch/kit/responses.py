"""OpenAPI descriptions of the error responses every route may give."""

from __future__ import annotations

from typing import Any

_PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """Return a ``responses=`` mapping documenting problem+json answers for ``codes``."""
    text = {
        400: "Bad request",
        401: "Authentication required",
        403: "Forbidden",
        404: "Not found",
        409: "Conflict",
        413: "Request body too large",
        422: "Invalid input (fields listed in `errors`)",
        429: "Rate limited (see Retry-After)",
        503: "Temporarily unavailable",
    }
    return {c: {"description": text.get(c, "Error"), "content": _PROBLEM} for c in codes}
