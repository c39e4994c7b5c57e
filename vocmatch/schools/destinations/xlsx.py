"""Graduate-destination records as an XLSX sheet: write one, read one back row by row.

The header names the columns in Chinese, in English or by their keys, in any order. Every row is checked on
its own, so a preview lists every bad row; text cells go through the formula guard both ways.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from vocmatch.schools.destinations.schemas import DestinationIn
from vocmatch.schools.xlsx import SheetFormat, field_errors

DESTINATIONS = SheetFormat(
    "destinations.col",
    "destinations.sheet",
    [
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
    ],
    required=("school_code", "programme_code", "year", "graduates"),
    max_rows=5000,
)


@dataclass
class ParsedRow:
    row: int
    school_code: str
    data: DestinationIn | None = None
    raw: dict[str, Any] = field(default_factory=dict)
    errors: list[dict[str, str]] = field(default_factory=list)


def write_destinations(rows: list[dict[str, Any]], lang: str = "zh") -> bytes:
    """Return an XLSX workbook with one sheet of destination records in ``lang``; it imports
    back in either language."""
    return DESTINATIONS.write(rows, lang)


def read_destinations(content: bytes) -> list[ParsedRow]:
    """Parse a destinations sheet; return each data row with its validated data or its errors."""
    out: list[ParsedRow] = []
    for n, raw in DESTINATIONS.rows(content):
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
