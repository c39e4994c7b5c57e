"""Graduate-destination records as an XLSX sheet: write one, read one back row by row.

The header names the columns in Chinese or by their keys, in any order. Every row is checked on
its own, so a preview lists every bad row; text cells go through the formula guard both ways.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from vocmatch.kit.tables import Column, Sheet, to_xlsx
from vocmatch.schools.destinations.schemas import DestinationIn
from vocmatch.schools.xlsx import field_errors, sheet_rows

MAX_ROWS = 5000
SHEET: list[Column] = [
    Column("school_code", "学校代码"),
    Column("programme_code", "专业代码"),
    Column("programme_name", "专业名称"),
    Column("year", "毕业年份", "int"),
    Column("graduates", "毕业生", "int"),
    Column("employed_high_tech_zone", "就业-赣州高新区", "int"),
    Column("employed_ganxian", "就业-赣县区其他", "int"),
    Column("employed_ganzhou", "就业-赣州市其他", "int"),
    Column("employed_elsewhere", "就业-其他地区", "int"),
    Column("study_articulation", "升学-3+2贯通", "int"),
    Column("study_higher", "升学-其他", "int"),
    Column("other", "其他", "int"),
    Column("source", "数据来源"),
    Column("note", "备注"),
]
COLUMNS = [(c.key, c.label) for c in SHEET]
REQUIRED = ("school_code", "programme_code", "year", "graduates")
ALIASES = {zh: key for key, zh in COLUMNS} | {key: key for key, _ in COLUMNS}


@dataclass
class ParsedRow:
    row: int
    school_code: str
    data: DestinationIn | None = None
    raw: dict[str, Any] = field(default_factory=dict)
    errors: list[dict[str, str]] = field(default_factory=list)


def write_destinations(rows: list[dict[str, Any]]) -> bytes:
    """Return an XLSX workbook with one sheet of destination records (``kit.tables``)."""
    return to_xlsx([Sheet("毕业生去向", SHEET, [[r.get(c.key) for c in SHEET] for r in rows])])


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
