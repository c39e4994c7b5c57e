"""Shared checks of the partnership services: field errors, keys and audited writes."""

from __future__ import annotations

import secrets
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from vocmatch.audit.service import apply_changes, record_changes
from vocmatch.kit.errors import Invalid
from vocmatch.kit.principal import Principal
from vocmatch.partnerships import repository as repo

# Each error: {field, message, type}; ``type`` lets pages show the message in the UI language.
FieldErrors = list[dict[str, str]]


def invalid(what: str, errors: FieldErrors) -> Invalid:
    """Return Invalid for ``what`` with every field error listed in its message."""
    summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
    return Invalid(f"invalid {what}: {summary}", errors=errors)


def from_validation(what: str, exc: ValidationError) -> Invalid:
    """Turn a pydantic error into Invalid with one ``{field, message}`` per problem."""
    errors = [
        {
            "field": ".".join(str(p) for p in e["loc"]) or what,
            "message": e["msg"],
            "type": e["type"],
        }
        for e in exc.errors()
    ]
    return invalid(what, errors)


def new_key(prefix: str) -> str:
    """Return a fresh key like ``ACT-1F2E3D4C`` for objects created without one."""
    return f"{prefix}-{secrets.token_hex(4).upper()}"


def update_audited(
    session: Session, principal: Principal, obj: Any, values: dict[str, Any]
) -> None:
    """Set ``values`` on ``obj``; when anything changed, audit ``{key, changes}``."""
    changes = apply_changes(obj, values)
    if changes:
        record_changes(
            session,
            actor=principal.audit_name(),
            entity_type=obj.__tablename__,
            entity_id=obj.id,
            changes=changes,
            key=obj.key,
        )


def check_programmes(session: Session, codes: list[str], errors: FieldErrors) -> None:
    """Add an error when a code is not in the catalogue."""
    known = repo.programme_names(session, codes)
    unknown = [c for c in codes if c not in known]
    if unknown:
        errors.append(
            {
                "field": "programmes",
                "message": f"not a catalogue programme: {', '.join(unknown)}",
                "type": "unknown",
            }
        )
