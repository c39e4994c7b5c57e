"""Turn HTML form fields into the API's input shapes, collecting errors per field.

Browsers send every field as text (empty when left blank); the pages must answer a bad value with
the form again and a message beside the field, never a JSON 422.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.datastructures import FormData, UploadFile
from starlette.responses import RedirectResponse

from vocmatch.kit.errors import VocmatchError
from vocmatch.kit.i18n import strings

# field -> message; a message starting with ERR is a UI string key (shown in the page language).
FieldErrors = dict[str, str]
M = TypeVar("M", bound=BaseModel)
ERR = "partnerships.err."


def message(error: dict[str, Any]) -> str:
    """Return a UI string key for a known error type, else the error's own message."""
    key = ERR + str(error.get("type", ""))
    return key if key in strings() else str(error.get("message") or error.get("msg", ""))


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def _int(form: FormData, name: str, errors: FieldErrors) -> int | None:
    raw = _text(form, name)
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        errors[name] = ERR + "not_int"
        return None


def _date(form: FormData, name: str, errors: FieldErrors) -> date | None:
    raw = _text(form, name)
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors[name] = ERR + "not_date"
        return None


def _ids(form: FormData, name: str, errors: FieldErrors) -> list[int]:
    out = []
    for raw in form.getlist(name):
        if isinstance(raw, str) and raw.strip():
            try:
                out.append(int(raw))
            except ValueError:
                errors[name] = ERR + "choice"
    return out


def _codes(form: FormData, name: str) -> list[str]:
    return [v.strip() for v in form.getlist(name) if isinstance(v, str) and v.strip()]


def split_people(raw: str) -> list[str]:
    """Split "张三, 李四；王五" into names."""
    return [p.strip() for p in re.split(r"[,，;；、\n]", raw) if p.strip()]


def activity_fields(form: FormData, errors: FieldErrors) -> dict[str, Any]:
    """Return ActivityIn fields from the activity form (errors collected in ``errors``)."""
    return {
        "date": _date(form, "date", errors),
        "end_date": _date(form, "end_date", errors),
        "type": _text(form, "type"),
        "school_id": _int(form, "school_id", errors),
        "programmes": _codes(form, "programmes"),
        "partner_ids": _ids(form, "partner_ids", errors),
        "status": _text(form, "status") or "done",
        "title": _text(form, "title"),
        "people": split_people(_text(form, "people")),
        "teacher_id": _int(form, "teacher_id", errors),
        "enterprise_id": _int(form, "enterprise_id", errors),
        "days": _int(form, "days", errors),
        "hours": _int(form, "hours", errors),
        "students": _int(form, "students", errors),
        "course": _text(form, "course"),
        "evidence_url": _text(form, "evidence_url"),
        "notes": _text(form, "notes"),
    }


def partner_fields(form: FormData, errors: FieldErrors) -> dict[str, Any]:
    """Return PartnerIn fields from the partner form."""
    return {
        "name": _text(form, "name"),
        "kind": _text(form, "kind"),
        "region": _text(form, "region"),
        "city": _text(form, "city"),
        "enterprise_id": _int(form, "enterprise_id", errors),
        "website": _text(form, "website"),
        "notes": _text(form, "notes"),
    }


def agreement_fields(form: FormData, errors: FieldErrors) -> dict[str, Any]:
    """Return AgreementIn fields from the agreement form."""
    return {
        "partner_id": _int(form, "partner_id", errors),
        "school_id": _int(form, "school_id", errors),
        "type": _text(form, "type"),
        "title": _text(form, "title"),
        "signed_on": _date(form, "signed_on", errors),
        "valid_until": _date(form, "valid_until", errors),
        "programmes": _codes(form, "programmes"),
        "notes": _text(form, "notes"),
    }


def parse(model: type[BaseModel], values: dict[str, Any], errors: FieldErrors) -> Any:
    """Validate ``values`` as ``model``; add pydantic's messages to ``errors``; None if invalid."""
    try:
        parsed = model.model_validate(values)
    except ValidationError as exc:
        for e in exc.errors():
            field = str(e["loc"][0]) if e["loc"] else "form"
            errors.setdefault(field, message(dict(e)))
        return None
    return None if errors else parsed


def save(
    model: type[M], values: dict[str, Any], errors: FieldErrors, write: Callable[[M], str]
) -> RedirectResponse | None:
    """Validate ``values`` as ``model`` and ``write`` them (it returns where to go next: a 303
    there); None when the form must be shown again, with the field errors added to ``errors``."""
    data = parse(model, values, errors)
    if data is None:
        return None
    try:
        return RedirectResponse(write(data), status_code=303)
    except VocmatchError as exc:
        errors.update(errors_of(exc.errors) or {"form": exc.message})
        return None


def uploads(form: FormData, name: str) -> list[UploadFile]:
    """Return the files chosen in a file input (browsers send an empty part when none is)."""
    return [f for f in form.getlist(name) if isinstance(f, UploadFile) and f.filename]


def errors_of(exc_errors: list[dict[str, Any]]) -> FieldErrors:
    """Turn a service's ``[{field, message}]`` into ``{field: message}`` for the form."""
    out: FieldErrors = {}
    for e in exc_errors:
        out.setdefault(str(e.get("field", "form")), message(e))
    return out
