"""One translation path for every message a person can read: validation and domain errors.

- A pydantic error is translated from its ``type`` (``error.<type>`` in ``web/i18n/errors.yaml``,
  formatted with the error's ``ctx``) and its field, named by its label (``field.<name>`` in
  ``web/i18n/fields.yaml``, or a label the form passes). English mode keeps pydantic's own sentence.
- A domain error (``kit.errors.VocmatchError``) carries an i18n ``key`` and its ``params``; its
  English ``message`` stays the text of logs and of API clients that ask for no language.
- The language: pages use the page language (``?lang=``, the UI's cookie, else Chinese); the API
  uses the UI's cookie, then ``Accept-Language``, else English (machine clients).

API problems keep the machine-readable ``field`` and ``type`` of each error and carry the human
``message`` in the request's language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from starlette.requests import HTTPConnection

from vocmatch.kit.i18n import LANGS, strings, translate

LANG_COOKIE = "vocmatch_lang"
# Pydantic's prefix of a plain ValueError raised in a validator.
_VALUE_ERROR = "Value error, "


def accept_language(header: str) -> str | None:
    """Return ``zh`` or ``en`` from an Accept-Language header (highest weight first), or None."""
    best: tuple[float, str] | None = None
    for part in header.split(","):
        tag, _, weight = part.strip().partition(";q=")
        try:
            q = float(weight) if weight else 1.0
        except ValueError:
            continue
        lang = tag.strip().lower()[:2]
        if lang in LANGS and (best is None or q > best[0]):
            best = (q, lang)
    return best[1] if best else None


def request_lang(request: HTTPConnection, *, default: str | None = None) -> str:
    """Return the language of the messages of ``request`` (see the module docstring)."""
    if request.url.path.startswith("/api/"):
        cookie = request.cookies.get(LANG_COOKIE)
        if cookie in LANGS:
            return cookie
        return accept_language(request.headers.get("accept-language", "")) or default or "en"
    lang = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE) or default or "zh"
    return lang if lang in LANGS else "zh"


def field_label(field: str, lang: str, labels: Mapping[str, str] | None = None) -> str:
    """Return a person's name for a dotted field (``changes.0.programme_code`` → "第 1 项 · 专业")."""
    parts = [p for p in field.split(".") if p]
    named: list[str] = []
    for part in parts:
        if part.isdigit():
            named.append(translate("field.item", lang, n=int(part) + 1))
        elif labels and part in labels:
            named.append(translate(labels[part], lang))
        elif f"field.{part}" in strings():
            named.append(translate(f"field.{part}", lang))
        else:
            named.append(part)
    return " · ".join(named) if named else translate("field.form", lang)


def _ctx(ctx: Mapping[str, Any] | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in (ctx or {}).items():
        if isinstance(v, list | tuple):
            v = "、".join(str(x) for x in v)
        out[k] = v
    return out


def error_text(error: Mapping[str, Any], lang: str) -> str:
    """Return the sentence of one error (without its field) in ``lang``.

    ``error`` is a pydantic error (``type``, ``msg``, ``ctx``) or a domain error entry (``key``,
    ``params``, ``message``).
    """
    key = error.get("key")
    if key:
        return translate(str(key), lang, **dict(error.get("params") or {}))
    kind = str(error.get("type") or "")
    msg = str(error.get("msg") or error.get("message") or "")
    if msg.startswith(_VALUE_ERROR):
        msg = msg[len(_VALUE_ERROR) :]
    if lang == "en" and msg:
        return msg
    ctx = _ctx(error.get("ctx"))
    if f"error.{kind}" in strings():
        try:
            return translate(f"error.{kind}", lang, **ctx)
        except (KeyError, IndexError):
            return translate("error.invalid", lang)
    if not kind and msg:  # a domain message without a key: shown as it is
        return msg
    return translate("error.invalid", lang)


def field_of(error: Mapping[str, Any]) -> str:
    """Return the dotted field of a pydantic error (``loc`` without body/query/path/header)."""
    if "field" in error:
        return str(error["field"])
    loc = error.get("loc") or ()
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "body"


def translate_errors(
    errors: Sequence[Mapping[str, Any]],
    lang: str,
    *,
    labels: Mapping[str, str] | None = None,
    with_label: bool = True,
) -> list[dict[str, Any]]:
    """Return ``[{"field", "type", "label", "message"}]`` for pydantic or domain errors.

    ``message`` names the field by its label ("人数：请输入整数") unless ``with_label`` is False;
    ``field`` and ``type`` stay machine-readable; other keys of a domain entry (row, sheet,
    column…) are kept.
    """
    out: list[dict[str, Any]] = []
    for e in errors:
        field = field_of(e)
        label = field_label(field, lang, labels)
        text = error_text(e, lang)
        entry = {k: v for k, v in e.items() if k not in ("loc", "msg", "ctx", "input", "url")}
        entry.pop("params", None)
        kind = e.get("type") or e.get("key") or ""
        entry.update(field=field, type=str(kind), label=label)
        sep = "：" if lang == "zh" else ": "
        entry["message"] = f"{label}{sep}{text}" if with_label and field != "form" else text
        entry.pop("key", None)
        out.append(entry)
    return out
