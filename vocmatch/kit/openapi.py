"""OpenAPI that tells the truth: every status an operation can answer, its headers, its security
requirement, problem+json for every error, schema names without module paths.

:func:`finish` rewrites the schema FastAPI generates, from what the app really does:
- every operation may answer 401 (a wrong, revoked or expired key is refused everywhere), 422
  (``kit.edge`` checks every parameter), 429 and 503 (both with ``Retry-After``); operations with
  a body may answer 413; writes may answer 403 (a browser session's CSRF token);
- an operation that depends on ``kit.deps.require`` needs an API key or a session (``security``)
  and answers 403 to other roles; the others accept anonymous callers and credentials alike;
- FastAPI's ``HTTPValidationError`` becomes the ``Problem`` the error handler really sends;
- integer parameters and properties state the 32-bit range and dates 1900–2100 (``kit.schema``);
- schema names carry no module path (two ``PartnerIn`` become ``SchoolsPartnerIn`` and
  ``PartnershipsPartnerIn``), form bodies are named after their endpoint.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, FastAPI, routing
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from vocmatch.kit.schema import state_ranges

SECURITY: list[dict[str, list[str]]] = [{"apiKey": []}, {"session": []}]
OPTIONAL_SECURITY: list[dict[str, list[str]]] = [{}, *SECURITY]
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before retrying",
        "schema": {"type": "integer", "minimum": 1},
    }
}
TEXT = {
    400: "Bad request: the body cannot be parsed",
    401: "Authentication required, or the key presented is wrong, revoked or expired",
    403: "Forbidden: another role, or a browser write without its CSRF token",
    404: "Not found (another tenant's object is not found either)",
    409: "Conflict",
    413: "Request body too large",
    415: "Unsupported media type",
    422: "Invalid input (the fields are listed in `errors`)",
    429: "Rate limited (see Retry-After)",
    503: "Temporarily unavailable (see Retry-After)",
}
PROBLEM_SCHEMA = {
    "type": "object",
    "description": "An RFC 9457 problem; `errors` names each bad field (or file, row).",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
                "additionalProperties": True,
            },
        },
    },
    "required": ["title", "status", "detail"],
}
UNSAFE = {"post", "put", "patch", "delete"}


def document_security(router: APIRouter) -> APIRouter:
    """Kept for routers that call it; :func:`finish` now states security from the dependencies."""
    return router


def _required_roles(dependant: Dependant) -> tuple[str, ...] | None:
    """Return the roles a route's ``require(...)`` admits (``()`` = any), or None when public."""
    stack = [dependant]
    while stack:
        current = stack.pop()
        roles = getattr(current.call, "required_roles", None)
        if roles is not None:
            return tuple(roles)
        stack.extend(current.dependencies)
    return None


def _problem(code: int, headers: dict[str, Any] | None = None) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": TEXT.get(code, "Error"),
        "content": {"application/problem+json": {"schema": PROBLEM_REF}},
    }
    if headers:
        response["headers"] = headers
    return response


def _rename_bodies(schema: dict[str, Any], names: dict[str, str]) -> None:
    """Give FastAPI's ``Body_<operation id>`` form schemas short names: ``<Endpoint>Form``."""
    components = schema["components"]["schemas"]
    renames = {}
    for old in list(components):
        if old.startswith("Body_") and old[5:] in names:
            new = "".join(part.title() for part in names[old[5:]].split("_")) + "Form"
            components[new] = components.pop(old)
            components[new]["title"] = new
            renames[f"#/components/schemas/{old}"] = f"#/components/schemas/{new}"
    if renames:
        _replace_refs(schema, renames)


def _rename_duplicates(schema: dict[str, Any]) -> None:
    """Name models that share a class name after their package, not their module path:
    ``vocmatch__schools__schemas__PartnerIn`` becomes ``SchoolsPartnerIn``."""
    components = schema["components"]["schemas"]
    renames = {}
    for old in list(components):
        if "__" not in old:
            continue
        parts = old.split("__")
        packages = [p for p in parts[1:-1] if p not in ("schemas", "models", "router", "service")]
        new = "".join(p.title().replace("_", "") for p in packages) + parts[-1]
        if new in components:
            new = "".join(p.title().replace("_", "") for p in parts[:-1]) + parts[-1]
        components[new] = components.pop(old)
        components[new]["title"] = new
        renames[f"#/components/schemas/{old}"] = f"#/components/schemas/{new}"
    if renames:
        _replace_refs(schema, renames)


def _replace_refs(node: Any, renames: dict[str, str]) -> None:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref in renames:
            node["$ref"] = renames[ref]
        for value in node.values():
            _replace_refs(value, renames)
    elif isinstance(node, list):
        for value in node:
            _replace_refs(value, renames)


def _json_path(path: str) -> str:
    return re.sub(r"{([^}:]+)(:[^}]*)?}", r"{\1}", path)


def finish(app: FastAPI, schema: dict[str, Any]) -> dict[str, Any]:
    """Rewrite ``schema`` (FastAPI's) so that it describes what the app answers; return it."""
    components = schema.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas["Problem"] = PROBLEM_SCHEMA
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    components["securitySchemes"] = {
        "apiKey": {"type": "http", "scheme": "bearer", "description": "vm_… API key"},
        "session": {"type": "apiKey", "in": "cookie", "name": "vocmatch_session"},
    }
    roles_of: dict[tuple[str, str], tuple[str, ...] | None] = {}
    body_names: dict[str, str] = {}
    for context in routing.iter_route_contexts(app.routes):
        route = context.original_route
        if not isinstance(route, APIRoute) or not route.include_in_schema:
            continue
        for method in context.methods or ():
            roles_of[(_json_path(context.path or ""), method.lower())] = _required_roles(
                route.dependant
            )
        body_names[route.unique_id] = route.name
    for path, item in schema.get("paths", {}).items():
        for method, op in item.items():
            if method not in {"get", "put", "post", "patch", "delete", "head", "options"}:
                continue
            if (path, method) not in roles_of:
                continue  # answered outside the app (health endpoints): documented where it is
            roles = roles_of[(path, method)]
            responses: dict[str, Any] = op.setdefault("responses", {})
            for code, response in list(responses.items()):
                content = response.get("content", {})
                if "HTTPValidationError" in str(content) or (
                    code.isdigit() and int(code) >= 400 and "application/json" in content
                ):
                    responses[code] = _problem(int(code), response.get("headers"))
            wanted = {401, 422, 429, 503}
            if "requestBody" in op:
                wanted |= {400, 413}  # 400: a body that cannot be parsed at all
            if "{" in path:
                wanted.add(404)  # the object the path names may not exist (or be another's)
            if roles is not None:
                op["security"] = SECURITY
                if roles:
                    wanted.add(403)
            else:
                op["security"] = OPTIONAL_SECURITY
            if method in UNSAFE:
                wanted.add(403)
            for status in sorted(wanted):
                responses.setdefault(str(status), _problem(status))
            for limited in ("429", "503"):
                responses[limited].setdefault("headers", {}).update(RETRY_AFTER)
            for param in op.get("parameters", []):
                state_ranges(param.get("schema", {}))
    for component in schemas.values():
        for prop in (component.get("properties") or {}).values():
            state_ranges(prop)
    _rename_bodies(schema, body_names)
    _rename_duplicates(schema)
    return schema
