"""The edge check of path and query parameters, run for every request before anything else.

Body and form models check themselves (``kit.schema.Input``); parameters are checked here, from
the declaration of the route that matched, so every route gets the same rules without repeating
them: no forbidden character in any parameter (``kit.text``), integers within 32 bits, dates as
``YYYY-MM-DD`` within ``DATE_MIN``…``DATE_MAX``. A refusal is 422 naming the parameter.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from fastapi import Request, params
from fastapi.dependencies.utils import get_flat_params
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import BaseModel

from vocmatch.kit import text
from vocmatch.kit.schema import DATE_MAX, DATE_MIN, INT_MAX, INT_MIN, accepts, scalar_types


def _declared(route: APIRoute) -> dict[str, set[Any]]:
    """Return {parameter name: accepted scalar types} for the route's path and query parameters
    (worked out once per route and kept on it)."""
    cached: dict[str, set[Any]] | None = getattr(route, "_edge_parameters", None)
    if cached is None:
        cached = {}
        for p in get_flat_params(route.dependant):
            if not isinstance(p.field_info, params.Path | params.Query):
                continue
            model = p.field_info.annotation
            if isinstance(model, type) and issubclass(model, BaseModel):
                # A query model (``Annotated[Filters, Query()]``): each of its fields is a parameter.
                for name, field in model.model_fields.items():
                    cached[field.alias or name] = scalar_types(field.annotation)
            else:
                cached[p.alias] = scalar_types(model)
        route._edge_parameters = cached  # type: ignore[attr-defined]
    return cached


def _refuse(name: str, message: str) -> RequestValidationError:
    # A validation error like FastAPI's own: rendered as the same 422, after the caller is known.
    return RequestValidationError([{"loc": ("query", name), "msg": message, "type": "edge"}])


def _out_of_range(digits: str, stripped: str) -> bool:
    if not (digits.isascii() and digits.isdigit()):
        return False  # not an integer at all: the route's own validation says so
    return len(digits) > 12 or not INT_MIN <= int(stripped) <= INT_MAX


def _check(name: str, raw: str, leaves: set[Any]) -> None:
    problem = text.problem(raw)
    if problem is not None:
        raise _refuse(name, problem)
    stripped = raw.strip()
    digits = stripped.lstrip("+-")
    if accepts(leaves, int) and not accepts(leaves, bool, str) and _out_of_range(digits, stripped):
        raise _refuse(name, f"must be between {INT_MIN} and {INT_MAX}")
    if accepts(leaves, date) and not accepts(leaves, str, int):
        if stripped.lstrip("+-").isdigit():
            raise _refuse(name, "expected a date as YYYY-MM-DD, not a number")
        try:
            day = (
                datetime.fromisoformat(stripped).date()
                if accepts(leaves, datetime)
                else date.fromisoformat(stripped[:10])
            )
        except ValueError:
            return  # the route's own validation names the format
        if not DATE_MIN <= day <= DATE_MAX:
            raise _refuse(name, f"must be between {DATE_MIN} and {DATE_MAX}")


async def check_parameters(request: Request) -> None:
    """Refuse (422) a request whose path or query parameters break the edge rules."""
    route = request.scope.get("route")
    declared = _declared(route) if isinstance(route, APIRoute) else {}
    for name, raw in request.path_params.items():
        if isinstance(raw, str):
            _check(name, raw, declared.get(name, {str}))
    for name, raw in request.query_params.multi_items():
        problem = text.problem(name)
        if problem is not None:
            raise _refuse("query", f"a parameter name {problem}")
        _check(name, raw, declared.get(name, {str}))
