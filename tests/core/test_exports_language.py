"""Every export for people reads in the page's language (issue 17, item 7).

The test enumerates the app's GET routes that answer a spreadsheet (a path ending in ``.xlsx`` or
``.csv``, or a ``{fmt}`` path parameter), downloads each one in Chinese as an administrator and a
planner, and reads every sheet. It fails on what a reader at the education bureau trips over:
- an internal key in a cell or a heading (a chain key such as ``rare_earth``, ``none``, a status
  or vocabulary word, any snake_case word) — the words of ``test_language.INTERNAL``;
- a share printed as a long float (``0.4038461538461539``) instead of a formatted percentage;
- a flag written as 0/1 (or True/False) instead of 是/否;
- English headings in Chinese mode, or Chinese headings in English mode.

Import formats (the layout an import reads back, keys and all) are named in ``IMPORT_FORMATS``:
they are downloads of their own, next to the report for people, and are checked only for the
sheet layout they promise.
"""

from __future__ import annotations

import csv
import io
import re
import typing
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from sqlalchemy.orm import Session

from tests.core.test_language import INTERNAL, SEGMENT_KEY, SNAKE, get_routes
from tests.factories import login, make_user
from vocmatch.kit.messages import LANG_COOKIE
from vocmatch.partnerships.vocab import AGREEMENT_TYPES, PARTNER_KINDS, REGIONS, STATUSES

# Downloads that are import formats by design (column keys a program reads back), not reports.
IMPORT_FORMATS = {
    "/api/v1/partnerships/workbook.xlsx",
    "/partnerships/workbook.xlsx",
}
# Exports still written with keys: none. Listed so that a raw one cannot join silently.
KNOWN_RAW_EXPORTS: set[str] = set()
# The import templates and the roster workbook: their Chinese headings are what the import reads,
# so they stay Chinese in English mode (not yet translated: the import would need the English
# labels as aliases, as the offerings and destinations sheets have).
CHINESE_ONLY = {
    "/api/v1/postings/import/template.xlsx",
    "/api/v1/teachers/template.xlsx",
    "/api/v1/teachers/export.xlsx",
}
# The vocabularies' one-word keys (snake_case keys are caught by their shape).
WORDS = INTERNAL | {
    w for w in (*PARTNER_KINDS, *REGIONS, *AGREEMENT_TYPES, *STATUSES) if "_" not in w
}
URL = re.compile(r"https?://\S+")
LONG_FLOAT = re.compile(r"^-?\d+\.\d{4,}$")
HAN = re.compile(r"[\u4e00-\u9fff]")
PARAMS = {"year": "2025", "school": "GXZZ"}


def _export_routes(app: Any) -> list[tuple[str, dict[str, tuple[str, ...]]]]:
    """Return the GET routes that answer a spreadsheet, with the values of Literal parameters."""
    found = []
    for r in get_routes(app):
        if r.path.endswith((".xlsx", ".csv", "{fmt}")):
            hints = typing.get_type_hints(r.endpoint)
            literals = {
                name: typing.get_args(hint)
                for name, hint in hints.items()
                if typing.get_origin(hint) is typing.Literal
            }
            found.append((r.path, literals))
    return sorted(found)


def _urls(path: str, literals: dict[str, tuple[str, ...]]) -> list[str]:
    """Return ``path`` with its parameters filled: every combination of Literal values."""
    fixed = {"code": "GXZZ", "period_id": "1"}
    urls = [path]
    for name in re.findall(r"\{([^}:]+)", path):
        values = literals.get(name) or (fixed[name],)
        urls = [u.replace("{" + name + "}", v) for u in urls for v in values]
    return urls


def _sheets(content: bytes, content_type: str) -> dict[str, list[list[Any]]]:
    """Return every sheet of a download as rows of cells (a CSV is one sheet of text cells; an
    XLSX cell is ``(value, number format)``)."""
    if "csv" in content_type:
        text = content.decode("utf-8-sig")
        return {"csv": [list(r) for r in csv.reader(io.StringIO(text))]}
    wb = load_workbook(io.BytesIO(content))
    return {
        ws.title: [[(c.value, c.number_format) for c in r] for r in ws.iter_rows()]
        for ws in wb.worksheets
    }


def cell_faults(cell: Any) -> list[str]:
    """Return what is wrong with one cell of a report for people (empty when nothing): an XLSX
    cell is ``(value, number format)``, a CSV cell its text."""
    value, number_format = cell if isinstance(cell, tuple) else (cell, None)
    if isinstance(value, bool):
        return [f"flag {value!r}"]
    if isinstance(value, float) and number_format == "General" and LONG_FLOAT.match(repr(value)):
        return [f"unformatted share {value!r}"]
    if value is None or isinstance(value, int | float):
        return []
    text = URL.sub("", str(value))  # a link is not a word (…/vocmatch-sample/…)
    found = []
    if LONG_FLOAT.match(text.strip()):
        found.append(f"long float {text!r}")
    if text.strip() in {"True", "False"} or (number_format and text.strip() in {"0", "1"}):
        found.append(f"flag {text!r}")
    for m in SNAKE.finditer(text):
        found.append(f"key {m.group()!r} in {text[:60]!r}")
    for m in SEGMENT_KEY.finditer(text):
        found.append(f"key {m.group()!r} in {text[:60]!r}")
    for word in WORDS:
        if re.search(rf"(?<![\w/]){re.escape(word)}(?![\w/])", text):
            found.append(f"internal {word!r} in {text[:60]!r}")
    return found


def sheet_faults(name: str, rows: list[list[Any]], lang: str) -> list[str]:
    """Return the faults of one sheet: its name, its headings, its cells, its number formats."""
    found: list[str] = []
    if not rows:
        return [f"sheet {name!r} has no header"]
    header = [c[0] if isinstance(c, tuple) else c for c in rows[0]]
    if lang == "zh":
        if name != "csv" and not HAN.search(name):
            found.append(f"sheet name {name!r}")
        for h in header:
            if h is None or not HAN.search(str(h)):
                found.append(f"heading {h!r}")
    else:
        for h in [name if name != "csv" else "", *header]:
            if h and HAN.search(str(h)):
                found.append(f"Chinese heading {h!r}")
    for row in rows[1:]:
        for value in row:
            found += cell_faults(value)
    return found


def layout_faults(content: bytes) -> list[str]:
    """Return the sheets of a workbook (tables of more than one column) that lack a frozen header
    row, a filter or a width for each column."""
    found = []
    for ws in load_workbook(io.BytesIO(content)).worksheets:
        if ws.max_column < 2:
            continue  # a page of notes, not a table
        if ws.freeze_panes != "A2":
            found.append(f"{ws.title}: header not frozen")
        if not ws.auto_filter.ref:
            found.append(f"{ws.title}: no filter")
        unsized = [
            get_column_letter(i)
            for i in range(1, ws.max_column + 1)
            if not ws.column_dimensions[get_column_letter(i)].width
        ]
        if unsized:
            found.append(f"{ws.title}: columns {unsized} have no width")
    return found


def test_the_cell_check_finds_what_issue_17_found() -> None:
    # A CSV cell is text; an XLSX cell is (value, number format).
    assert cell_faults("rare_earth") and cell_faults("none") and cell_faults("0.4038461538461539")
    assert cell_faults("new_energy/hydrometallurgy") and cell_faults("senior")
    assert cell_faults("planned") and cell_faults("True")
    assert cell_faults((0.4038461538461539, "General")) and cell_faults((True, "General"))
    assert cell_faults(("1", "General"))  # a flag written as the text 1
    assert not cell_faults((0.4038461538461539, "0.0%")) and not cell_faults((0.5, "General"))
    assert (
        not cell_faults("稀土") and not cell_faults("40.4%") and not cell_faults(("是", "General"))
    )
    assert not cell_faults("https://example.org/vocmatch-sample/evidence/ACT-010.pdf")
    assert not cell_faults("0")  # a CSV count: the XLSX twin of the export is checked for flags


@pytest.mark.parametrize("role", ["admin", "planner"])
def test_every_export_reads_in_chinese(client, db: Session, app, role: str) -> None:
    user = make_user(db, role)
    login(client, user.username)
    problems: dict[str, list[str]] = {}
    downloaded = 0
    for path, literals in _export_routes(app):
        if path in IMPORT_FORMATS or path in KNOWN_RAW_EXPORTS:
            continue
        for url in _urls(path, literals):
            r = client.get(url, params=PARAMS)
            if r.status_code in (403, 404):
                continue
            assert r.status_code == 200, (url, r.status_code, r.text[:200])
            kind = r.headers["content-type"]
            assert "spreadsheet" in kind or "csv" in kind, (url, kind)
            downloaded += 1
            if "spreadsheet" in kind and layout_faults(r.content):
                problems[url] = layout_faults(r.content)
            for name, rows in _sheets(r.content, kind).items():
                found = sheet_faults(name, rows, "zh")
                if found:
                    problems[f"{url} [{name}]"] = found
    assert downloaded >= 8, downloaded
    assert not problems, "\n".join(f"{p}: {f[:6]}" for p, f in problems.items())


def test_exports_in_english_have_english_headings(client, db: Session, app) -> None:
    user = make_user(db, "admin")
    login(client, user.username)
    client.cookies.set(LANG_COOKIE, "en")
    problems: dict[str, list[str]] = {}
    for path, literals in _export_routes(app):
        if path in IMPORT_FORMATS or path in KNOWN_RAW_EXPORTS or path in CHINESE_ONLY:
            continue
        for url in _urls(path, literals):
            r = client.get(url, params={**PARAMS, "lang": "en"})
            if r.status_code in (403, 404):
                continue
            for name, rows in _sheets(r.content, r.headers["content-type"]).items():
                heads = [f for f in sheet_faults(name, rows[:1], "en") if "heading" in f]
                if heads:
                    problems[f"{url} [{name}]"] = heads
    assert not problems, "\n".join(f"{p}: {f[:6]}" for p, f in problems.items())
