"""Offerings as an XLSX sheet planners edit in Excel: write one, and read one back row by row.

The header row names the columns, in Chinese, in English or by their keys (``programme_code`` …),
in any order. Reading never stops at the first bad row: every row gets its own list of errors.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from openpyxl import load_workbook
from pydantic import ValidationError

from vocmatch.kit.errors import Invalid
from vocmatch.kit.i18n import translate
from vocmatch.kit.spreadsheet import restore
from vocmatch.kit.tables import Kind, Sheet, header_aliases, labelled, to_xlsx
from vocmatch.schools.schemas import OfferingIn


@dataclass(frozen=True)
class SheetFormat:
    """A sheet planners export, edit in Excel and import back: its columns (key, kind), labelled
    from the i18n files (``<prefix>.<key>``), the i18n key of the sheet's name, the columns an
    import must have and how many rows it takes."""

    prefix: str
    sheet: str
    fields: list[tuple[str, Kind]]
    required: tuple[str, ...]
    max_rows: int

    def write(self, rows: list[dict[str, Any]], lang: str = "zh") -> bytes:
        """Return an XLSX workbook with one sheet of ``rows`` in ``lang`` (``kit.tables``); it
        imports back in either language."""
        columns = labelled(self.prefix, self.fields, lang)
        sheet = Sheet(translate(self.sheet, lang), columns)
        sheet.rows = [[r.get(c.key) for c in columns] for r in rows]
        return to_xlsx([sheet], lang=lang)

    def rows(self, content: bytes) -> Iterator[tuple[int, dict[str, Any]]]:
        """Yield (row number, {column key: cell}) of the sheet's data rows (``sheet_rows``; a
        missing required column is named in Chinese)."""
        names = {c.key: c.label for c in labelled(self.prefix, self.fields)}
        aliases = header_aliases(self.prefix, self.fields)
        required = {k: names[k] for k in self.required}
        return sheet_rows(content, aliases, required, self.max_rows)


OFFERINGS = SheetFormat(
    "schools.col",
    "schools.sheet.offerings",
    [
        ("programme_code", "text"),
        ("programme_name", "text"),
        ("year", "int"),
        ("intake_plan", "int"),
        ("enrolled", "int"),
        ("graduates_per_year", "int"),
        ("key_demonstration", "bool"),
        ("characteristic", "bool"),
        ("provincial_quality", "bool"),
        ("since_year", "int"),
        ("school_courses", "text"),
    ],
    required=("programme_code", "year", "intake_plan", "enrolled", "graduates_per_year"),
    max_rows=2000,
)
FLAGS = {"1": True, "0": False, "是": True, "否": False, "true": True, "false": False, "": False}


def write_offerings(rows: list[dict[str, Any]], lang: str = "zh") -> bytes:
    """Return an XLSX workbook with one sheet of offerings in ``lang`` (flags as 是/否); it
    imports back in either language."""
    return OFFERINGS.write(rows, lang)


@dataclass
class ParsedRow:
    row: int
    raw: dict[str, Any]
    data: OfferingIn | None = None
    errors: list[dict[str, str]] = field(default_factory=list)


def _cell(v: Any) -> Any:
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, str):
        return restore(v.strip())
    return v


def _flag(v: Any) -> Any:
    if isinstance(v, bool | int):
        return bool(v)
    s = str(v if v is not None else "").strip().lower()
    return FLAGS.get(s, v)


def field_errors(exc: ValidationError) -> list[dict[str, str]]:
    """Return a row's validation errors as [{field, message}]."""
    return [
        {
            "field": ".".join(str(p) for p in e.get("loc", ())) or "row",
            "message": e.get("msg", "invalid"),
        }
        for e in exc.errors()
    ]


def sheet_rows(
    content: bytes, aliases: dict[str, str], required: dict[str, str], max_rows: int
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (row number, {column key: cell}) of the first sheet's non-empty data rows.

    The header names columns by ``aliases`` (Chinese or key → key); every key of ``required``
    (key → the name to report) must be there. Cells are restored from the formula guard. An
    unreadable file, an empty sheet, missing columns or more than ``max_rows`` rows are refused
    with a 422 naming the file or row 1.
    """
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise Invalid(
            f"not a readable XLSX file ({type(exc).__name__})",
            errors=[{"field": "file", "message": "not an XLSX workbook"}],
        ) from None
    rows = wb.worksheets[0].iter_rows(values_only=True)
    header = next(rows, None)
    if not header:
        raise Invalid("the sheet is empty", errors=[{"field": "file", "message": "empty sheet"}])
    keys = [aliases.get(str(h or "").strip()) for h in header]
    missing = [name for key, name in required.items() if key not in keys]
    if missing:
        raise Invalid(
            f"row 1: missing column(s) {', '.join(missing)}",
            errors=[{"field": "row 1", "message": f"missing column {m}"} for m in missing],
        )
    for n, values in enumerate(rows, start=2):
        if n - 1 > max_rows:
            raise Invalid(f"more than {max_rows} rows; split the file")
        raw = {k: _cell(v) for k, v in zip(keys, values, strict=False) if k}
        if not all(v in (None, "") for v in raw.values()):
            yield n, raw


def read_offerings(content: bytes) -> list[ParsedRow]:
    """Parse an offerings sheet; return each data row with its validated data or its errors."""
    out: list[ParsedRow] = []
    for n, raw in OFFERINGS.rows(content):
        for flag in ("key_demonstration", "characteristic", "provincial_quality"):
            raw[flag] = _flag(raw.get(flag))
        for opt in ("since_year", "school_courses"):
            if raw.get(opt) in (None, ""):
                raw.pop(opt, None)
        raw["programme_code"] = str(raw.get("programme_code") or "").zfill(6)
        parsed = ParsedRow(n, raw)
        try:
            # Columns shown for people (the programme's name) are not fields of an offering.
            parsed.data = OfferingIn.model_validate(
                {k: v for k, v in raw.items() if k in OfferingIn.model_fields}
            )
        except ValidationError as exc:
            parsed.errors = field_errors(exc)
        out.append(parsed)
    return out
