"""HTML forms, one idiom: read a form into its model, then redirect on success or re-render.

- :func:`form_values` takes the fields a pydantic model declares from a posted form (the field
  list comes from the model, never written again by hand): blank optional fields become None,
  blank required ones are left out (so the model says "必须填写"), list fields take every value
  or one value split on ``;``/``；``/new lines.
- :func:`parse_form` validates them and returns the model or the field errors, translated
  (``kit.messages``), each naming its field by its label.
- :func:`submit` runs a page's write in a savepoint: success answers with the handler's
  response (a 303 to the result), a validation or domain error (other than 401/403/404) rolls the
  savepoint back and re-renders the form with the errors and the values typed (422).
- CSRF is a dependency of the page routers (``kit.deps.PAGE_CSRF``), not a call in each handler.
- A destructive action is confirmed on a page of its own (:func:`confirm_page`), which works
  without JavaScript: the list links to ``GET …/revoke`` (the question), whose form posts
  ``confirmed=1`` to ``POST …/revoke``; a post without it is sent back to the question.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from vocmatch.kit.errors import VocmatchError
from vocmatch.kit.i18n import translate
from vocmatch.kit.messages import translate_errors
from vocmatch.kit.render import current_lang, render
from vocmatch.kit.schema import accepts, scalar_types

M = TypeVar("M", bound=BaseModel)
_LIST_SPLIT = re.compile(r"[;；\n]")


def _getlist(form: Any, name: str) -> list[str]:
    if hasattr(form, "getlist"):
        return [str(v) for v in form.getlist(name)]
    value = form.get(name)
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]


def form_values(model: type[BaseModel], form: Any) -> dict[str, Any]:
    """Return the values ``model`` declares, read from ``form`` (see the module docstring)."""
    data: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        raw = _getlist(form, name)
        if not raw:
            continue
        leaves = scalar_types(field.annotation)
        is_list = _is_list(field.annotation)
        if is_list:
            items = raw if len(raw) > 1 else _LIST_SPLIT.split(raw[0])
            data[name] = [v.strip() for v in items if v.strip()]
            continue
        value = raw[0].strip()
        if value == "":
            if type(None) in leaves and not accepts(leaves, str):
                data[name] = None
            elif accepts(leaves, str) and not field.is_required():
                data[name] = ""
            elif accepts(leaves, str) and type(None) in leaves:
                data[name] = None
            continue  # required: the model says it is missing
        data[name] = value
    return data


def _is_list(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _is_list(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return any(_is_list(a) for a in typing.get_args(annotation) if a is not type(None))
    return origin in (list, set, frozenset, tuple)


def parse_form(
    model: type[M],
    form: Any,
    *,
    lang: str,
    labels: Mapping[str, str] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> tuple[M | None, list[dict[str, Any]]]:
    """Return ``(model, [])`` for a valid form, else ``(None, field errors in lang)``.

    ``labels`` maps a field to the i18n key of its label on this form (else ``field.<name>``);
    ``extra`` adds or replaces values (a path parameter, a server-side default).
    """
    data = {**form_values(model, form), **(extra or {})}
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, translate_errors(exc.errors(), lang, labels=labels)


def error_list(
    exc: ValidationError | VocmatchError, lang: str, labels: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """Return the errors a form shows for ``exc``, translated.

    A domain error with an i18n key is its one sentence at its first field (the whole form when
    it names none); one without a key shows its field errors.
    """
    if isinstance(exc, ValidationError):
        return translate_errors(exc.errors(), lang, labels=labels)
    if exc.errors and not exc.key:
        return translate_errors(exc.errors, lang, labels=labels)
    # A translated domain error is one sentence, shown at its first field (or the whole form).
    field = str(exc.errors[0].get("field", "form")) if exc.errors else "form"
    return [{"field": field, "label": "", "type": exc.key or "", "message": exc.text(lang)}]


def error_line(
    exc: ValidationError | VocmatchError, lang: str, labels: Mapping[str, str] | None = None
) -> tuple[str, int]:
    """Return the errors of ``exc`` as one translated line (for a page that shows them above its
    form) and the status to answer with. 401/403/404 are not form errors: they are raised again."""
    if isinstance(exc, VocmatchError) and exc.status in (401, 403, 404):
        raise exc
    status = exc.status if isinstance(exc, VocmatchError) else 422
    return "；".join(e["message"] for e in error_list(exc, lang, labels)), status


def confirm_page(
    request: Request,
    *,
    heading: str,
    lines: list[str],
    button: str,
    cancel: str,
    warning: str = "",
    action: str | None = None,
) -> HTMLResponse:
    """The question before a destructive action (texts already translated); the answer posts
    to ``action``, by default the question's own address (see ``after_confirm``)."""
    return render(
        request,
        "confirm.html",
        {
            "heading": heading,
            "lines": lines,
            "action": action or request.url.path,
            "button": button,
            "cancel": cancel,
            "warning": warning,
        },
    )


def ask(
    request: Request,
    key: str,
    *,
    cancel: str,
    before: Sequence[str] = (),
    warning: str = "",
    action: str | None = None,
    **params: Any,
) -> HTMLResponse:
    """The question of :func:`confirm_page` from the i18n keys ``<key>.q`` (the heading, with
    ``params``), ``<key>.what`` (what happens, after the translated lines ``before``) and
    ``<key>.yes`` (the button); ``warning``, translated, stands out above the button."""
    lang = current_lang(request)
    return confirm_page(
        request,
        heading=translate(f"{key}.q", lang, **params),
        lines=[*before, translate(f"{key}.what", lang, **params)],
        button=translate(f"{key}.yes", lang),
        cancel=cancel,
        warning=warning,
        action=action,
    )


def confirmed(form: Any) -> bool:
    """True when the form was posted from the confirmation page."""
    return str(form.get("confirmed", "")) == "1"


def after_confirm(
    request: Request, form: Any, act: Callable[[], object], *, done: str
) -> RedirectResponse:
    """The POST of a destructive action (at the address of its question): when it came from the
    confirmation page run ``act`` and go to ``done``, otherwise back to the question."""
    if not confirmed(form):
        return RedirectResponse(request.url.path, status_code=303)
    act()
    return RedirectResponse(done, status_code=303)


def submit(
    session: Session,
    attempt: Callable[[], Response],
    rerender: Callable[[list[dict[str, Any]]], Response],
    *,
    lang: str,
    labels: Mapping[str, str] | None = None,
) -> Response:
    """Post-redirect-or-rerender: run ``attempt`` in a savepoint; on a validation or domain error
    (not 401/403/404, which stay error pages) roll it back and return ``rerender(errors)``."""
    try:
        with session.begin_nested():
            return attempt()
    except ValidationError as exc:
        errors = error_list(exc, lang, labels)
    except VocmatchError as exc:
        if exc.status in (401, 403, 404):
            raise
        errors = error_list(exc, lang, labels)
    return rerender(errors)
