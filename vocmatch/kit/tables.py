"""Spreadsheets in and out, in one place: every import reads through :func:`read_table`, every
export writes :class:`Sheet` objects through :func:`to_xlsx` / :func:`to_csv`, and every import
offers a :func:`template`.

Writing formats cells for people: Chinese sheet and column names (the caller passes translated
labels), percentages as ``0.0%`` numbers, booleans as 是/否, dates as dates, column widths from the
content, a frozen header row and an autofilter. Every text cell goes through
:func:`kit.spreadsheet.neutralise` (formula injection; control characters dropped).

Reading streams the rows (openpyxl ``read_only``, ``csv.reader``) and stops as soon as the file
has more than ``max_rows`` data rows (413 naming the limit), so a file of a million rows is never
read into memory. Cells come back through :func:`kit.spreadsheet.restore`. A row that does not
fit the model is not an exception: it becomes a :class:`RowError` (sheet, row, column, message),
so a preview lists every bad row at once. :class:`ImportReport` is the one shape of an import's
answer: a dry run shows the counts, the first parsed rows and the errors; a real import writes
every row or none.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import unicodedata
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import IO, Any, Generic, Literal, TypeVar
from urllib.parse import quote

from fastapi.responses import Response
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from pydantic import BaseModel, Field, ValidationError

from vocmatch.kit.errors import Invalid, TooLarge
from vocmatch.kit.i18n import LANGS, translate
from vocmatch.kit.spreadsheet import neutralise, restore

M = TypeVar("M", bound=BaseModel)
Kind = Literal["text", "int", "number", "pct", "bool", "date"]
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
NOTES_SHEET = "说明"
NOTES_NAMES = {"zh": NOTES_SHEET, "en": "Notes"}
FORMATS: dict[str, str] = {"int": "0", "number": "0.00", "pct": "0.0%", "date": "yyyy-mm-dd"}
YES_NO = {"zh": ("是", "否"), "en": ("Yes", "No")}
TRUE_WORDS = {"是", "有", "1", "y", "yes", "true", "√"}
FALSE_WORDS = {"否", "无", "0", "n", "no", "false"}
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
_SAMPLE_ROWS = 200  # rows looked at to size a column


@dataclass(frozen=True)
class Column:
    """One column of a sheet: the key a program uses, the label a person reads, its kind.

    For imports, ``aliases`` are the other header names accepted (case-insensitive), ``required``
    columns must be in the header, and ``note``/``example`` fill the template.
    """

    key: str
    label: str
    kind: Kind = "text"
    required: bool = False
    aliases: tuple[str, ...] = ()
    note: str = ""
    example: Any = None
    width: float | None = None

    def names(self) -> tuple[str, ...]:
        """Every header name that means this column."""
        return (self.label, self.key, *self.aliases)


@dataclass(frozen=True)
class Cell:
    """A value written with its own kind, for a column whose rows differ (an indicator's value
    is a share on one row and a count on the next)."""

    value: Any
    kind: Kind


def labelled(prefix: str, spec: Sequence[tuple[str, Kind]], lang: str = "zh") -> list[Column]:
    """Return columns labelled from the i18n files (``<prefix>.<key>``) in ``lang``."""
    return [Column(key, translate(f"{prefix}.{key}", lang), kind) for key, kind in spec]


def header_aliases(prefix: str, spec: Sequence[tuple[str, Kind]]) -> dict[str, str]:
    """Return every header that names a column of ``spec`` (its key, or its label in any
    language) → the key, so that an exported sheet imports back in either language."""
    return {
        name: key
        for lang in LANGS
        for key, label in ((c.key, c.label) for c in labelled(prefix, spec, lang))
        for name in (label, key)
    }


@dataclass
class Sheet:
    """A sheet to write: a name, its columns and rows of values in column order."""

    name: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Any]] = ()


# --- writing --------------------------------------------------------------------------------
def _as_date(v: Any) -> Any:
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, str) and len(v) == 10:
        try:
            return date.fromisoformat(v)
        except ValueError:
            return v
    return v


def cell_value(column: Column, v: Any, lang: str = "zh") -> Any:
    """Return ``v`` as the cell of ``column`` holds it: 是/否 for booleans, dates as dates,
    numbers as numbers, text neutralised."""
    if isinstance(v, Cell):
        return cell_value(replace(column, kind=v.kind), v.value, lang)
    if v is None or v == "":
        return None
    if column.kind == "bool":
        yes, no = YES_NO.get(lang, YES_NO["zh"])
        return yes if v else no
    if column.kind == "date":
        v = _as_date(v)
    if column.kind in ("pct", "number") and isinstance(v, int | float):
        return float(v)
    if column.kind == "int" and isinstance(v, float) and math.isfinite(v):
        return round(v)  # whole people and things, as the cell's format shows them
    return neutralise(v)


def display_width(text: str) -> int:
    """Columns a text takes on screen: Chinese (wide) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _kind(column: Column, v: Any) -> Kind:
    return v.kind if isinstance(v, Cell) else column.kind


def _shown(column: Column, v: Any) -> str:
    if isinstance(v, date):
        return "2024-01-01"
    if column.kind == "pct" and isinstance(v, float):
        return f"{v:.1%}"
    if isinstance(v, float):
        return f"{v:.2f}"
    return "" if v is None else str(v)


def _width(column: Column, values: list[Cell]) -> float:
    if column.width is not None:
        return column.width
    longest = max(
        [display_width(column.label)]
        + [display_width(_shown(replace(column, kind=v.kind), v.value)) for v in values]
    )
    return float(min(max(8, longest + 2), 60))


def _write_sheet(wb: Workbook, sheet: Sheet, lang: str) -> None:
    ws = wb.create_sheet(sheet.name[:31])
    ws.append([neutralise(c.label) for c in sheet.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center")
    written: list[list[Any]] = []
    for n, row in enumerate(sheet.rows, start=2):
        values = [cell_value(c, v, lang) for c, v in zip(sheet.columns, row, strict=False)]
        ws.append(values)
        for i, (c, v) in enumerate(zip(sheet.columns, row, strict=False), start=1):
            number_format = FORMATS.get(_kind(c, v))
            if number_format and isinstance(values[i - 1], int | float | date):
                ws.cell(n, i).number_format = number_format
        if len(written) < _SAMPLE_ROWS:
            written.append(
                [Cell(x, _kind(c, v)) for c, v, x in zip(sheet.columns, row, values, strict=False)]
            )
    for i, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = _width(
            column, [r[i - 1] for r in written if i <= len(r)]
        )
    ws.freeze_panes = "A2"
    if sheet.columns:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}{max(1, ws.max_row)}"


def _save(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def to_xlsx(sheets: Sequence[Sheet], *, lang: str = "zh", notes: Sequence[str] = ()) -> bytes:
    """Return ``sheets`` as one XLSX workbook, formatted for people (``notes``: a 说明 sheet,
    "Notes" in English)."""
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        _write_sheet(wb, sheet, lang)
    if notes:
        name = NOTES_NAMES.get(lang, NOTES_SHEET)
        _notes_sheet(wb, [[line] for line in notes], [Column("note", name, width=120)], name)
    return _save(wb)


def to_csv(sheet: Sheet, *, lang: str = "zh") -> bytes:
    """Return one sheet as UTF-8 CSV with a BOM (Excel reads the Chinese); percentages as 40.4%."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([neutralise(c.label) for c in sheet.columns])
    for row in sheet.rows:
        out = []
        for c, v in zip(sheet.columns, row, strict=False):
            value = cell_value(c, v, lang)
            if _kind(c, v) == "pct" and isinstance(value, float):
                value = f"{value:.1%}"
            out.append("" if value is None else value)
        writer.writerow(out)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _notes_sheet(
    wb: Workbook, rows: list[list[Any]], columns: list[Column], name: str = NOTES_SHEET
) -> None:
    _write_sheet(wb, Sheet(name, columns, rows), "zh")
    ws = wb[name]
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def template(sheets: Sequence[Sheet], notes: Sequence[str] = ()) -> bytes:
    """Return an import template: each sheet with its headers and example row(s) (``rows``, or
    the columns' ``example``), and a 说明 sheet saying what each column means, whether it is
    required, the allowed values and the limits (``notes``)."""
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        rows = sheet.rows or [[c.example for c in sheet.columns]]
        _write_sheet(wb, Sheet(sheet.name, sheet.columns, rows), "zh")
    described = [
        [s.name, c.label, "是" if c.required else "否", c.note, _shown(c, c.example)]
        for s in sheets
        for c in s.columns
    ]
    columns = [
        Column("sheet", "工作表"),
        Column("column", "列名"),
        Column("required", "必填"),
        Column("note", "含义与允许的值", width=70),
        Column("example", "示例"),
    ]
    _notes_sheet(wb, described + [["", "", "", line, ""] for line in notes], columns)
    return _save(wb)


def download(content: bytes, filename: str, media_type: str = XLSX_TYPE) -> Response:
    """Return a spreadsheet as a download (``filename`` may be Chinese)."""
    quoted = quote(filename)
    return Response(
        content,
        media_type=media_type,
        headers={
            "Content-Disposition": f"attachment; filename=\"{quoted}\"; filename*=UTF-8''{quoted}",
            "X-Content-Type-Options": "nosniff",
        },
    )


def documented(description: str, media_type: str = XLSX_TYPE) -> dict[int | str, Any]:
    """The OpenAPI ``responses`` entry of a 200 that is a spreadsheet download."""
    return {200: {"content": {media_type: {}}, "description": description}}


# --- reading --------------------------------------------------------------------------------
@dataclass(frozen=True)
class RowError:
    """Why one cell or row of an import cannot be taken: where (sheet, row, column) and why."""

    sheet: str
    row: int
    column: str
    message: str

    def as_field(self) -> dict[str, str]:
        """The ``{"field", "message"}`` shape of a problem+json error."""
        where = f"{self.sheet} 第{self.row}行" + (f" {self.column}" if self.column else "")
        return {"field": where, "message": self.message}


@dataclass
class Row(Generic[M]):
    """One non-empty data row: its number in the file, its cells by column key (restored), and
    the model built from them (None when the row has errors)."""

    number: int
    cells: dict[str, Any]
    data: M | None = None


@dataclass
class Table(Generic[M]):
    """What :func:`read_table` read: the rows, the errors, and how the file was understood."""

    sheet: str
    format: str  # csv | xlsx
    encoding: str | None
    header: list[str]
    columns: dict[str, str]  # header in the file -> column key
    ignored: list[str]
    rows: list[Row[M]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    def valid(self) -> list[Row[M]]:
        """The rows without errors."""
        bad = {e.row for e in self.errors}
        return [r for r in self.rows if r.number not in bad]


_MESSAGES = {
    "missing": "必填",
    "string_too_short": "不能为空",
    "string_too_long": "太长（最多 {max_length} 个字符）",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "float_parsing": "应为数字",
    "float_type": "应为数字",
    "bool_parsing": "应为 是 或 否",
    "bool_type": "应为 是 或 否",
    "date_parsing": "应为日期（如 2024-07-01）",
    "date_from_datetime_parsing": "应为日期（如 2024-07-01）",
    "date_type": "应为日期（如 2024-07-01）",
    "greater_than_equal": "不能小于 {ge}",
    "greater_than": "应大于 {gt}",
    "less_than_equal": "不能大于 {le}",
    "less_than": "应小于 {lt}",
    "literal_error": "应为以下之一：{expected}",
    "enum": "应为以下之一：{expected}",
    "string_pattern_mismatch": "格式不对",
    "extra_forbidden": "不是这个表的列",
}


def error_message(err: Any) -> str:
    """Return a pydantic error of one cell as a sentence in Chinese (its own text for checks a
    model writes itself, such as ``invalid credit code``)."""
    template_ = _MESSAGES.get(err.get("type", ""))
    if template_ is None:
        return str(err.get("msg", "invalid")).removeprefix("Value error, ")
    try:
        return template_.format(**(err.get("ctx") or {}))
    except (KeyError, IndexError):
        return template_


def _normalise(v: Any) -> Any:
    if isinstance(v, datetime):
        return v.date() if v.time() == datetime.min.time() else v
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, str):
        return restore(v.strip())
    return v


def _blank(values: Sequence[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _decoder(head: bytes) -> tuple[str, int]:
    """Return the encoding of a CSV file (UTF-8, UTF-8 with BOM, GB18030) from its first bytes,
    and how many bytes of BOM to skip."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", 0
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8", 0
    except UnicodeDecodeError:
        pass
    try:
        codecs.getincrementaldecoder("gb18030")().decode(head, final=False)
        return "gb18030", 0
    except UnicodeDecodeError:
        raise Invalid(
            "文件既不是 UTF-8 也不是 GB18030 编码：请另存为 CSV（UTF-8）或 XLSX",
            errors=[{"field": "file", "message": "无法识别的文字编码"}],
        ) from None


def _csv_rows(stream: IO[bytes], encoding_out: list[str]) -> Iterator[list[Any]]:
    head = stream.read(65536)
    encoding, skip = _decoder(head)
    encoding_out.append(encoding)
    rest = io.BufferedReader(_Prepend(head[skip:], stream))
    text = io.TextIOWrapper(rest, encoding=encoding, newline="")
    try:
        yield from csv.reader(text)
    except (UnicodeDecodeError, csv.Error) as exc:
        raise Invalid(
            f"CSV 文件无法读取：{type(exc).__name__}",
            errors=[{"field": "file", "message": "不是可读的 CSV 文件"}],
        ) from None


class _Prepend(io.RawIOBase):
    """A byte stream that gives ``head`` first, then the rest of ``stream`` (read on demand)."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        self.head = head
        self.stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = len(buffer)
        if self.head:
            chunk, self.head = self.head[:n], self.head[n:]
        else:
            chunk = self.stream.read(n)
        buffer[: len(chunk)] = chunk
        return len(chunk)


def is_xlsx(head: bytes, filename: str = "") -> bool:
    """True when a file is a workbook (a ZIP), or is named as one."""
    return head[:4] == b"PK\x03\x04" or filename.lower().endswith(".xlsx")


def sheet_names(content: bytes | IO[bytes]) -> list[str]:
    """Return the sheet names of an XLSX workbook (422 when it is not one)."""
    wb = _open(content, "file")
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


def _open(content: bytes | IO[bytes], filename: str) -> Any:
    source = io.BytesIO(content) if isinstance(content, bytes) else content
    try:
        return load_workbook(source, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise Invalid(
            f"{filename} 不是可读的 XLSX 工作簿（{type(exc).__name__}）",
            errors=[{"field": "file", "message": "不是 XLSX 工作簿"}],
        ) from None


def _header_index(columns: Sequence[Column]) -> dict[str, str]:
    return {name.strip().lower(): c.key for c in columns for name in c.names()}


def read_table(
    content: bytes | IO[bytes],
    columns: Sequence[Column],
    model: type[M] | None = None,
    max_rows: int = 5000,
    *,
    filename: str = "file",
    sheet: str | None = None,
    optional_sheet: bool = False,
) -> Table[M]:
    """Read the data rows of a CSV file or an XLSX sheet (``sheet``, or the first one).

    The first non-empty row is the header; its cells name ``columns`` by label, key or alias
    (case-insensitive), in any order; other columns are ignored (listed in ``ignored``). A missing
    required column is a 422 naming it. Rows are read one at a time and the read stops at the
    first row past ``max_rows`` (413 naming the limit). Blank rows are skipped. When ``model``
    is given each row is validated into ``Row.data``, and each problem becomes a
    :class:`RowError` naming the column by its label. With ``optional_sheet`` a workbook without
    ``sheet`` gives an empty table instead of an error.
    """
    stream = io.BytesIO(content) if isinstance(content, bytes) else content
    head = stream.read(4)
    if stream.seekable():
        stream.seek(0)
    encoding_out: list[str] = []
    wb = None
    if is_xlsx(head, filename):
        wb = _open(stream, filename)
        name = sheet or wb.sheetnames[0]
        if name not in wb.sheetnames:
            wb.close()
            if optional_sheet:
                return Table(name, "xlsx", None, [], {}, [])
            raise Invalid(
                f"{filename} 没有工作表“{name}”",
                errors=[{"field": "file", "message": f"缺少工作表 {name}"}],
            )
        raw: Iterator[Sequence[Any]] = wb[name].iter_rows(values_only=True)
        fmt = "xlsx"
    else:
        if not stream.seekable():  # the first bytes were read to tell the format
            stream = io.BufferedReader(_Prepend(head, stream))
        raw = _csv_rows(stream, encoding_out)
        name, fmt = sheet or filename, "csv"
    try:
        return _read(raw, columns, model, max_rows, name, fmt, encoding_out, filename)
    finally:
        if wb is not None:
            wb.close()


def _read(
    raw: Iterator[Sequence[Any]],
    columns: Sequence[Column],
    model: type[M] | None,
    max_rows: int,
    name: str,
    fmt: str,
    encoding_out: list[str],
    filename: str,
) -> Table[M]:
    number = 0
    header: list[str] | None = None
    for values in raw:
        number += 1
        if not _blank(values):
            header = [str(_normalise(v) if v is not None else "") for v in values]
            break
        if number > max_rows:
            break
    if header is None:
        raise Invalid(f"{filename} 是空的", errors=[{"field": "file", "message": "文件没有内容"}])
    index = _header_index(columns)
    found = {h: index[h.strip().lower()] for h in header if h.strip().lower() in index}
    missing = [c.label for c in columns if c.required and c.key not in found.values()]
    if missing:
        raise Invalid(
            f"{name} 第{number}行（表头）缺少列：{'、'.join(missing)}",
            errors=[{"field": f"{name}.{m}", "message": "缺少这一列"} for m in missing],
        )
    table: Table[M] = Table(
        name,
        fmt,
        encoding_out[0] if encoding_out else None,
        header,
        found,
        [h for h in header if h and h not in found],
    )
    keys = [found.get(h) for h in header]
    labels = {c.key: c.label for c in columns}
    read = blanks = 0
    for values in raw:
        number += 1
        if _blank(values):
            blanks += 1
            if blanks > max_rows:
                break
            continue
        read += 1
        if read > max_rows:
            raise TooLarge(
                f"{filename} 的数据超过 {max_rows} 行：每次最多导入 {max_rows} 行，请拆分文件",
                errors=[{"field": "file", "message": f"最多 {max_rows} 行"}],
            )
        cells = {k: _normalise(v) for k, v in zip(keys, values, strict=False) if k}
        row: Row[M] = Row(number, cells)
        if model is not None:
            try:
                row.data = model.model_validate(
                    {k: v for k, v in cells.items() if v not in (None, "")}
                )
            except ValidationError as exc:
                for err in exc.errors():
                    key = str(err["loc"][0]) if err.get("loc") else ""
                    table.errors.append(
                        RowError(name, number, labels.get(key, key), error_message(err))
                    )
        table.rows.append(row)
    return table


def parse_flag(v: Any) -> bool:
    """Return a 是/否 cell (有/无, 1/0, yes/no, true/false) as a boolean; blank is 否."""
    if isinstance(v, bool):
        return v
    s = str(v if v is not None else "").strip().lower()
    if s in TRUE_WORDS:
        return True
    if s in FALSE_WORDS or s == "":
        return False
    raise ValueError(f"应为 是 或 否，而不是 {s!r}")


class PreviewRow(BaseModel):
    """One parsed row of an import preview: its number in the file, the values read, and its
    problems (empty when the row can be written)."""

    row: int
    values: dict[str, Any]
    errors: list[str] = Field(default_factory=list)


class ImportReport(BaseModel):
    """The one shape of an import's answer.

    ``dry_run`` true: nothing was written; the counts say what would happen. ``written`` true:
    every row was written (an import with any error writes nothing). ``preview`` lists the first
    parsed rows with their errors; ``errors`` lists every error with its sheet, row and column.
    """

    dry_run: bool
    written: bool = False
    rows: int = 0
    valid: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[dict[str, Any]] = Field(default_factory=list)
    preview: list[PreviewRow] = Field(default_factory=list)


PREVIEW_ROWS = 20


def preview_rows(
    rows: Sequence[Row[Any]], errors: Sequence[RowError], columns: Sequence[Column]
) -> list[PreviewRow]:
    """Return the first rows of an import as people see them (labels, not keys), each with its
    errors; rows with errors come first so that a bad row far down the file is shown."""
    labels = {c.key: c.label for c in columns}
    by_row: dict[int, list[str]] = {}
    for e in errors:
        by_row.setdefault(e.row, []).append(f"{e.column}：{e.message}" if e.column else e.message)
    shown = sorted(rows, key=lambda r: (r.number not in by_row, r.number))[:PREVIEW_ROWS]
    return [
        PreviewRow(
            row=r.number,
            values={
                labels.get(k, k): v if isinstance(v, str | int | float | type(None)) else str(v)
                for k, v in r.cells.items()
            },
            errors=by_row.get(r.number, []),
        )
        for r in shown
    ]


def refuse(errors: Sequence[RowError], rows: int) -> Invalid:
    """Return the 422 of an import that has errors: nothing is written, every error is listed."""
    bad = len({(e.sheet, e.row) for e in errors})
    return Invalid(
        f"{rows} 行中有 {bad} 行有错误，没有导入任何数据（请改正后重新导入）",
        errors=[{**e.as_field(), "row": e.row, "column": e.column} for e in errors],
    )
