"""kit.tables: the one spreadsheet reader and writer (hand-computed fixtures)."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from pydantic import BaseModel

from vocmatch.kit.errors import Invalid, TooLarge
from vocmatch.kit.tables import (
    Cell,
    Column,
    RowError,
    Sheet,
    preview_rows,
    read_table,
    template,
    to_csv,
    to_xlsx,
)

COLUMNS = [
    Column("code", "专业代码", required=True, aliases=("代码",)),
    Column("share", "占比", kind="pct"),
    Column("ok", "达标", kind="bool"),
    Column("on", "日期", kind="date"),
    Column("n", "人数", kind="int", required=True),
]


class Item(BaseModel):
    code: str
    n: int
    share: float | None = None


def _xlsx(rows: list[list[Any]], title: str = "Sheet") -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


class Endless(io.RawIOBase):
    """A CSV file that never ends (a header, then the same row forever); counts bytes given."""

    def __init__(self) -> None:
        self.pending = "专业代码,人数\r\n".encode()
        self.given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while len(self.pending) < len(buffer):
            self.pending += b"660301,3\r\n"
        n = len(buffer)
        buffer[:n], self.pending = self.pending[:n], self.pending[n:]
        self.given += n
        return n


def test_read_stops_at_max_rows_without_reading_the_rest() -> None:
    source = Endless()
    with pytest.raises(TooLarge) as caught:
        read_table(io.BufferedReader(source), COLUMNS, Item, max_rows=10, filename="big.csv")
    assert caught.value.status == 413
    assert "10 行" in caught.value.message
    # 11 data rows of 10 bytes + the header: what was read is bounded by the first 64 KB
    # look-ahead and the text buffer, never the (infinite) rest of the file.
    assert source.given <= 65536 + 2 * 8192


def test_xlsx_limit_counts_data_rows_not_blank_ones() -> None:
    rows = [["专业代码", "人数"]] + [["660301", i] for i in range(3)] + [[None, None]] * 4
    table = read_table(_xlsx(rows), COLUMNS, Item, max_rows=3)
    assert [r.cells["n"] for r in table.rows] == [0, 1, 2]
    with pytest.raises(TooLarge, match="2 行"):
        read_table(_xlsx(rows), COLUMNS, Item, max_rows=2)


def test_row_errors_name_sheet_row_and_column_label_in_chinese() -> None:
    content = _xlsx(
        [
            [None],
            ["代码", "人数", "多余的列"],
            ["660301", 3, "x"],
            ["660302", "三"],
            [None, 4],
        ],
        title="开设专业",
    )
    table = read_table(content, COLUMNS, Item, max_rows=10)
    assert table.columns == {"代码": "code", "人数": "n"}
    assert table.ignored == ["多余的列"]
    assert [r.number for r in table.rows] == [3, 4, 5]
    assert table.rows[0].data == Item(code="660301", n=3)
    assert table.errors == [
        RowError("开设专业", 4, "人数", "应为整数"),
        RowError("开设专业", 5, "专业代码", "必填"),
    ]
    assert [r.number for r in table.valid()] == [3]
    preview = preview_rows(table.rows, table.errors, COLUMNS)
    # Rows with errors first (in file order), then the others.
    assert [p.row for p in preview] == [4, 5, 3]
    assert preview[0].values == {"专业代码": "660302", "人数": "三"}
    assert preview[0].errors == ["人数：应为整数"]
    assert preview[2].errors == []


def test_missing_required_column_is_a_422_naming_it() -> None:
    with pytest.raises(Invalid, match="人数"):
        read_table(b"\xef\xbb\xbf\xe4\xbb\xa3\xe7\xa0\x81\r\n660301\r\n", COLUMNS, Item)


def test_csv_gb18030_and_bom() -> None:
    text = "专业代码,人数\r\n660301,2\r\n"
    for data, encoding in (
        (text.encode("gb18030"), "gb18030"),
        (b"\xef\xbb\xbf" + text.encode(), "utf-8-sig"),
    ):
        table = read_table(data, COLUMNS, Item, filename="a.csv")
        assert table.encoding == encoding
        assert table.rows[0].data == Item(code="660301", n=2)


def test_formula_neutralisation_round_trip() -> None:
    dangerous = ["=1+1", "+86 797", "-5", "@SUM(A1)", "'=already", "plain"]
    sheet = Sheet("s", [Column("code", "专业代码"), Column("n", "人数", kind="int")])
    sheet.rows = [[v, 1] for v in dangerous]
    content = to_xlsx([sheet])
    ws = load_workbook(io.BytesIO(content)).active
    assert ws is not None
    assert ws["A2"].value == "'=1+1"
    assert ws["A6"].value == "''=already"
    back = read_table(content, COLUMNS, Item)
    assert [r.cells["code"] for r in back.rows] == dangerous
    csv_back = read_table(to_csv(sheet), COLUMNS, Item, filename="x.csv")
    assert [r.cells["code"] for r in csv_back.rows] == dangerous


def test_exported_workbook_is_formatted_for_people() -> None:
    sheet = Sheet(
        "专业供需匹配",
        COLUMNS,
        [["660301", 21 / 52, True, date(2025, 9, 1), 4], ["660302", None, False, None, 0]],
    )
    ws = load_workbook(io.BytesIO(to_xlsx([sheet]))).worksheets[0]
    assert ws.title == "专业供需匹配"
    assert [c.value for c in ws[1]] == ["专业代码", "占比", "达标", "日期", "人数"]
    assert ws["B2"].value == pytest.approx(0.40384615)
    assert ws["B2"].number_format == "0.0%"
    assert (ws["C2"].value, ws["C3"].value) == ("是", "否")
    assert ws["D2"].value.date() == date(2025, 9, 1)
    assert ws["D2"].number_format == "yyyy-mm-dd"
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:E3"
    # 专业代码: 4 wide characters = 8 columns, + 2; 人数: 4 → the minimum 8.
    assert ws.column_dimensions["A"].width == 10
    assert ws.column_dimensions["E"].width == 8
    csv_text = to_csv(sheet).decode("utf-8-sig").splitlines()
    assert csv_text[1] == "660301,40.4%,是,2025-09-01,4"


def test_a_cell_may_carry_its_own_kind() -> None:
    # An indicator sheet: one row's value is a share, the next a count of schools.
    sheet = Sheet("规划指标", [Column("name", "指标"), Column("value", "当前值")], [
        ["双师型教师占比", Cell(17 / 52, "pct")],
        ["产教融合实训基地", Cell(3.4, "int")],
    ])  # fmt: skip
    ws = load_workbook(io.BytesIO(to_xlsx([sheet]))).worksheets[0]
    assert (ws["B2"].number_format, ws["B3"].number_format) == ("0.0%", "0")
    assert ws["B3"].value == 3
    assert ws.column_dimensions["B"].width == 8  # "32.7%" is 5 wide, the label 8: the minimum
    assert to_csv(sheet).decode("utf-8-sig").splitlines()[1:] == [
        "双师型教师占比,32.7%",
        "产教融合实训基地,3",  # whole things, as the XLSX format shows them
    ]


def test_template_holds_headers_example_and_notes() -> None:
    columns = [Column("code", "专业代码", required=True, note="6 位代码", example="660301")]
    wb = load_workbook(io.BytesIO(template([Sheet("开设专业", columns)], ["每次最多 2000 行"])))
    assert wb.sheetnames == ["开设专业", "说明"]
    assert [[c.value for c in r] for r in wb["开设专业"].iter_rows()] == [["专业代码"], ["660301"]]
    notes = [[c.value for c in r] for r in wb["说明"].iter_rows()]
    assert notes[1] == ["开设专业", "专业代码", "是", "6 位代码", "660301"]
    assert notes[2][3] == "每次最多 2000 行"
