"""The admins' audit page: filter by who, what and when."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from vocmatch.audit import service
from vocmatch.kit.db import utcnow
from vocmatch.kit.deps import PAGE_CSRF, AdminDep, SessionDep
from vocmatch.kit.i18n import strings, translate
from vocmatch.kit.render import current_lang, render

router = APIRouter(include_in_schema=False, dependencies=PAGE_CSRF)


def _day(d: date | None, *, end: bool = False) -> datetime | None:
    if d is None:
        return None
    start = datetime.combine(d, time.min, tzinfo=utcnow().tzinfo)
    return start + timedelta(days=1) if end else start


class AuditForm(BaseModel):
    """The audit page's filters as typed in its form (empty: any; days as YYYY-MM-DD)."""

    actor: str | None = Field(default=None, max_length=100)
    action: str | None = Field(default=None, max_length=40)
    entity_type: str | None = Field(default=None, max_length=40)
    entity_id: str | None = Field(default=None, max_length=100)
    since: str | None = Field(default=None, max_length=10)
    until: str | None = Field(default=None, max_length=10)

    def filters(self) -> service.AuditFilter:
        """The filters of the service: words as typed, days as the start of the first and the
        end of the last day."""
        since = date.fromisoformat(self.since) if self.since else None
        until = date.fromisoformat(self.until) if self.until else None
        return service.AuditFilter(
            **{k: v or None for k, v in self.model_dump(exclude={"since", "until"}).items()},
            since=_day(since),
            until=_day(until, end=True),
        )


@router.get("/admin/audit", response_class=HTMLResponse)
def audit_page(
    request: Request,
    session: SessionDep,
    principal: AdminDep,
    form: Annotated[AuditForm, Query()],
    cursor: str | None = None,
) -> HTMLResponse:
    """The audit log, newest first, filtered."""
    page = service.list_entries(session, filters=form.filters(), limit=100, cursor=cursor)
    filters = {k: v or "" for k, v in form.model_dump().items()}
    return render(
        request,
        "admin/audit.html",
        {
            "page": page,
            "f": filters,
            "diffs": {e.id: readable(e.detail, lang=current_lang(request)) for e in page.items},
            "entities": {
                e.id: entity_label(e.entity_type, current_lang(request)) for e in page.items
            },
        },
    )


_WORD = re.compile(r"^[a-z][a-z0-9_]*$")
# Where a vocabulary word (a status, a type, a kind) is looked up first; any other UI string
# ending in ``.<word>`` is the fallback, so a new vocabulary reads in Chinese without a list here.
_VALUE_PREFIXES = ("audit.value.", "status.", "field.")


def _vocabulary(word: str, lang: str, prefixes: tuple[str, ...]) -> str:
    """Return the UI label of a code word (``pending``, ``five_commons_syllabus``), else the word."""
    table = strings()
    if prefixes is _VALUE_PREFIXES and "audit.value." + word in table:
        return translate("audit.value." + word, lang)  # a recorded reason, spaces and all
    if not _WORD.match(word):
        return word
    for prefix in prefixes:
        if prefix + word in table:
            return translate(prefix + word, lang)
    suffix = "." + word
    for key in table:
        if key.endswith(suffix) and "{" not in table[key].get("zh", ""):
            return translate(key, lang)
    return word


def label(field: str, lang: str = "zh") -> str:
    """Return the label of a detail field: ``field.<name>`` or any vocabulary entry of that name."""
    return _vocabulary(field, lang, ("field.", "audit.field."))


def entity_label(entity_type: str, lang: str = "zh") -> str:
    """Return what an entry is about in words: ``audit.entity.<type>``; ``<type>.evidence`` is the
    evidence file of that type; anything else its vocabulary label, else the type itself."""
    key = "audit.entity." + entity_type
    if key in strings():
        return translate(key, lang)
    owner, dot, tail = entity_type.rpartition(".")
    if dot and tail == "evidence":
        return f"{entity_label(owner, lang)} · {translate('audit.entity.evidence', lang)}"
    return _vocabulary(entity_type, lang, ("audit.entity.",))


def value_label(value: Any, lang: str = "zh") -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return translate("audit.yes" if value else "audit.no", lang)
    if isinstance(value, str):
        return _vocabulary(value, lang, _VALUE_PREFIXES)
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dict):  # filters and small records: "label：value；…", nulls left out
        parts = [
            f"{label(k, lang)}：{value_label(v, lang)}" for k, v in value.items() if v is not None
        ]
        return "；".join(parts) or "—"
    if isinstance(value, list | tuple) and all(isinstance(v, str | int | float) for v in value):
        return "、".join(value_label(v, lang) for v in value) or "—"
    return json.dumps(value, ensure_ascii=False, default=str)  # Chinese as it is, no escapes


def readable(detail: dict[str, Any], *, lang: str = "zh") -> list[tuple[str, str, str | None]]:
    """Return an entry's detail as rows (field label, value or before, after or None).

    A change recorded as ``{"changes": {field: [old, new]}}`` (``audit.service.record_changes``;
    older rows: ``{"before": {…}, "after": {…}}`` or ``{"changed": …}``) becomes one row per
    changed field with both values; anything else one row per key.
    Field names and code words (statuses, types) read in the page language.
    """

    status, reason = detail.get("status"), detail.get("reason")
    if (
        lang != "en"
        and isinstance(status, int)
        and isinstance(reason, str)
        and f"audit.value.{reason}" not in strings()
        and f"problem.{status}" in strings()
    ):
        # A refused request records the error's English message (for logs and API clients); the
        # page names the refusal by its status in the page's language.
        detail = {**detail, "reason": translate(f"problem.{status}", lang)}

    def t(v: Any) -> str:
        return value_label(v, lang)

    def f(k: str) -> str:
        return label(k, lang)

    before, after = detail.get("before"), detail.get("after")
    if isinstance(before, dict) and isinstance(after, dict):
        keys = list(dict.fromkeys([*after, *before]))
        return [(f(k), t(before.get(k)), t(after.get(k))) for k in keys]
    key = "changes" if isinstance(detail.get("changes"), dict) else "changed"  # older rows
    changes = detail.get(key)
    if isinstance(changes, dict):
        rows: list[tuple[str, str, str | None]] = []
        for k, v in changes.items():
            if isinstance(v, list | tuple) and len(v) == 2:
                rows.append((f(k), t(v[0]), t(v[1])))
            elif isinstance(v, dict) and {"before", "after"} <= set(v):
                rows.append((f(k), t(v["before"]), t(v["after"])))
            else:
                rows.append((f(k), t(v), None))
        rest = {k: v for k, v in detail.items() if k != key}
        return rows + [(f(k), t(v), None) for k, v in rest.items()]
    if before is not None and after is not None:
        return [(f("status"), t(before), t(after))]
    return [(f(k), t(v), None) for k, v in detail.items()]
