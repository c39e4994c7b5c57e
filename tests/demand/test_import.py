"""Importing an HR clerk's export: encodings, Chinese headers, dry run, all-or-nothing."""

from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.demand.helpers import platform_headers
from vocmatch.demand.imports.service import COLUMNS
from vocmatch.demand.models import Posting

HEADER = "岗位编号,企业名称,岗位名称,岗位描述,技能要求,招聘人数,学历要求,需求类型,工作地点,薪资范围,截止日期\n"
GOOD = (
    "IMP-1,赣州稀土集团有限公司,稀土萃取工,萃取槽操作,萃取；分离,5,中专,招聘,赣州高新区,4000-6500,2027年3月31日\n"
    "IMP-2,金力永磁,钕铁硼压制工,压型,压型,8,中职,顶岗实习,赣州高新区,,2027-03-31\n"
)
BAD = "IMP-3,赣州稀土集团有限公司,,没有岗位名称,,0,博士,招聘,,,\n"


def _post(client, headers, data: bytes, name: str, **params):  # type: ignore[no-untyped-def]
    return client.post(
        "/api/v1/postings/import",
        params=params,
        files={"file": (name, data, "application/octet-stream")},
        headers=headers,
    )


def _imported(db: Session) -> int:
    return (
        db.scalar(
            select(func.count())
            .select_from(Posting)
            .where(Posting.source == "import", Posting.external_id.startswith("IMP-"))
        )
        or 0
    )


def test_gb18030_csv_dry_run_previews_and_writes_nothing(client, db: Session) -> None:
    h = platform_headers(db)
    r = _post(client, h, (HEADER + GOOD).encode("gb18030"), "导出.csv")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["encoding"] == "gb18030" and body["rows"] == 2 and body["valid"] == 2
    assert body["columns"]["岗位名称"] == "title"
    assert body["preview"][0]["values"]["最低薪资"] == "4000"
    assert body["preview"][1]["values"]["需求类型"] == "internship"
    assert _imported(db) == 0


def test_bad_row_blocks_the_whole_file_unless_valid_only_is_chosen(client, db: Session) -> None:
    h = platform_headers(db)
    data = ("\ufeff" + HEADER + GOOD + BAD).encode("utf-8")
    dry = _post(client, h, data, "export.csv")
    assert dry.json()["encoding"] == "utf-8-sig"
    rows = {(e["row"], e["field"]) for e in dry.json()["errors"]}
    assert {(4, "title"), (4, "headcount"), (4, "education")} <= rows
    r = _post(client, h, data, "export.csv", dry_run="false")
    assert r.status_code == 422
    assert _imported(db) == 0
    r = _post(client, h, data, "export.csv", dry_run="false", mode="valid_only")
    assert r.status_code == 200, r.text
    assert r.json()["created"] == 2 and r.json()["skipped_rows"] == [4]
    assert _imported(db) == 2
    again = _post(client, h, data, "export.csv", dry_run="false", mode="valid_only")
    assert again.json()["unchanged"] == 2 and _imported(db) == 2


def test_xlsx_import(client, db: Session) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["企业名称", "岗位名称", "招聘人数", "需求类型"])
    ws.append(["赣州海盛硬质合金有限公司", "数控车工", 6, "订单班"])
    buf = io.BytesIO()
    wb.save(buf)
    r = _post(client, platform_headers(db), buf.getvalue(), "postings.xlsx", dry_run="false")
    assert r.status_code == 200, r.text
    assert r.json()["format"] == "xlsx" and r.json()["created"] == 1


def test_template_columns_are_the_importers_and_its_example_imports_cleanly(
    client, db: Session
) -> None:
    h = platform_headers(db)
    r = client.get("/api/v1/postings/import/template.xlsx", headers=h)
    assert r.status_code == 200
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["用工需求", "说明"]
    rows = list(wb["用工需求"].iter_rows(values_only=True))
    assert list(rows[0]) == [c.label for c in COLUMNS]
    notes = {row[1]: row for row in wb["说明"].iter_rows(min_row=2, values_only=True)}
    assert notes["岗位名称"][2] == "是" and "招聘 | 顶岗实习" in notes["需求类型"][3]
    dry = _post(client, h, r.content, "template.xlsx").json()
    assert (dry["rows"], dry["valid"], dry["errors"]) == (1, 1, [])
    assert dry["ignored_columns"] == []
    assert dry["preview"][0]["values"]["招聘人数"] == "5"
    assert dry["preview"][0]["values"]["截止日期"] == "2027-03-31"


def test_formula_guard_is_undone_on_import(client, db: Session) -> None:
    data = "岗位编号,岗位名称,招聘人数\nIMP-9,'=电工,2\n".encode()
    body = _post(client, platform_headers(db), data, "a.csv").json()
    assert body["preview"][0]["values"]["岗位名称"] == "=电工"


def test_row_limit_is_a_413_naming_it(client, db: Session, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("vocmatch.demand.imports.service.MAX_ROWS", 2)
    data = ("岗位名称,招聘人数\n" + "电工,1\n" * 3).encode()
    r = _post(client, platform_headers(db), data, "a.csv")
    assert r.status_code == 413 and "最多导入 2 行" in r.json()["detail"]
