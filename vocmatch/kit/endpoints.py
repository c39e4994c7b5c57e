"""Endpoints made from a table: one function serves several routes that differ only in their
types (a request body, a query model, a path parameter's name), their names and their docs.

FastAPI reads an endpoint's parameters from its signature; :func:`signed` gives a generic function
(taking keyword arguments) the signature, name and docstring of each route it serves, so the
routes, ``/openapi.json`` and the route names are those of hand-written endpoints.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])
_EMPTY = inspect.Parameter.empty


def signed(
    call: F,
    name: str,
    doc: str | None,
    params: Sequence[tuple[str, Any] | tuple[str, Any, Any]],
    returns: Any = _EMPTY,
) -> F:
    """Return ``call`` named ``name`` with the docstring ``doc`` and the signature ``params``:
    ``(name, annotation)`` or ``(name, annotation, default)``, in order; ``returns`` is the
    return annotation (FastAPI infers the response model from it when none is given)."""
    call.__name__ = call.__qualname__ = name
    call.__doc__ = doc
    call.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter(
                p[0],
                inspect.Parameter.POSITIONAL_OR_KEYWORD,
                annotation=p[1],
                default=p[2] if len(p) == 3 else _EMPTY,
            )
            for p in params
        ],
        return_annotation=returns,
    )
    return call
