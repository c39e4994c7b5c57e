"""Graduate-destination records as an XLSX sheet: write one, read one back row by row.

The header names the columns in Chinese, in English or by their keys, in any order. Every row is checked on
its own, so a preview lists every bad row; text cells go through the formula guard both ways.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from vocmatch.kit.i18n import translate
from vocmatch.kit.tables import Column, Kind, Sheet, header_aliases, labelled, to_xlsx
from vocmatch.schools.destinations.schemas import DestinationIn
from vocmatch.schools.xlsx import field_errors, sheet_rows

MAX_ROWS = 5000
FIELDS: list[tuple[str, Kind]] = [
    ("school_code", "text"),
    ("programme_code", "text"),
    ("programme_name", "text"),
    ("year", "int"),
    ("graduates", "int"),
    ("employed_high_tech_zone", "int"),
    ("employed_ganxian", "int"),
    ("employed_ganzhou", "int"),
    ("employed_elsewhere", "int"),
    ("study_articulation", "int"),
    ("study_higher", "int"),
    ("other", "int"),
    ("source", "text"),
    ("note", "text"),
]
SHEET: list[Column] = labelled("destinations.col", FIELDS)  # Chinese: named on import
COLUMNS = [(c.key, c.label) for c in SHEET]
REQUIRED = ("school_code", "programme_code", "year", "graduates")
ALIASES = header_aliases("destinations.col", FIELDS)


@dataclass
class ParsedRow:
    row: int
    school_code: str
    data: DestinationIn | None = None
    raw: dict[str, Any] = field(default_factory=dict)
    errors: list[dict[str, str]] = field(default_factory=list)


def write_destinations(rows: list[dict[str, Any]], lang: str = "zh") -> bytes:
    """Return an XLSX workbook with one sheet of destination records in ``lang``
    (``kit.tables``); it imports back in either language."""
    columns = labelled("destinations.col", FIELDS, lang)
    sheet = Sheet(translate("destinations.sheet", lang), columns)
    sheet.rows = [[r.get(c.key) for c in columns] for r in rows]
    return to_xlsx([sheet], lang=lang)


def read_destinations(content: bytes) -> list[ParsedRow]:
    """Parse a destinations sheet; return each data row with its validated data or its errors."""
    names = dict(COLUMNS)
    out: list[ParsedRow] = []
    for n, raw in sheet_rows(content, ALIASES, {k: names[k] for k in REQUIRED}, MAX_ROWS):
        raw.pop("programme_name", None)
        raw = {k: v for k, v in raw.items() if v not in (None, "")}
        raw["programme_code"] = str(raw.get("programme_code") or "").zfill(6)
        parsed = ParsedRow(n, str(raw.pop("school_code", "") or ""), raw=raw)
        try:
            parsed.data = DestinationIn.model_validate(raw)
        except ValidationError as exc:
            parsed.errors = field_errors(exc)
        out.append(parsed)
    return out
