"""Mark a router's routes as authenticated in the OpenAPI schema (API key or browser session)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.routing import APIRoute

SECURITY: list[dict[str, list[str]]] = [{"apiKey": []}, {"session": []}]


def document_security(router: APIRouter) -> APIRouter:
    """Add the security requirement to every route of ``router``; return it."""
    for route in router.routes:
        if isinstance(route, APIRoute):
            route.openapi_extra = {**(route.openapi_extra or {}), "security": SECURITY}
    return router
