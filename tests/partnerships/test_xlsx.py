"""The year's report as XLSX: round trip through import, formula neutralisation, row errors."""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

from fastapi.testclient import TestClient
from openpyxl import Workbook, load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.partnerships.helpers import AuditLog, make_activity, partner, school
from vocmatch.audit.models import AuditEntry
from vocmatch.kit.spreadsheet import neutralise, restore
from vocmatch.partnerships.models import Activity

API = "/api/v1/partnerships"


def _download(client: TestClient, headers: dict[str, Any], path: str, year: int) -> Any:
    r = client.get(f"{API}/{path}", params={"year": year}, headers=headers)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
    return r


def _report(client: TestClient, headers: dict[str, Any], year: int = 2025) -> Any:
    r = _download(client, headers, "report.xlsx", year)
    assert r.headers["content-disposition"].startswith(
        f'attachment; filename="partnership-report-{year}.xlsx"'
    )
    return r.content


def _import_format(client: TestClient, headers: dict[str, Any], year: int = 2025) -> Any:
    r = _download(client, headers, "workbook.xlsx", year)
    assert r.headers["content-disposition"].startswith(
        f'attachment; filename="partnership-import-{year}.xlsx"'
    )
    return r.content


def _rows(content: bytes, sheet: str) -> list[dict[str, Any]]:
    ws = load_workbook(io.BytesIO(content))[sheet]
    values = list(ws.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=False)) for row in values[1:]]


def test_report_for_people_has_the_years_activities_matrix_and_gaps_in_words(
    client: TestClient, db: Session, planner: dict[str, Any]
) -> None:
    content = _report(client, planner, 2025)
    wb = load_workbook(io.BytesIO(content))
    assert wb.sheetnames == [
        "五个共同",
        "特色专业缺项",
        "活动统计",
        "合作活动",
        "合作协议",
        "合作方",
        "湾区企业实践",
    ]
    acts = _rows(content, "合作活动")
    assert [a["编号"] for a in acts] == ["ACT-1", "ACT-2", "ACT-4"]  # ACT-3 is dated 2027
    first = acts[0]
    assert first["日期"] == datetime(2025, 3, 10) and first["活动类型"] == "共同制定人才培养方案"
    assert first["状态"] == "已完成" and first["学校"] == "赣县中等专业学校"
    assert first["合作方"] == "深圳职业技术大学" and first["专业"] == "数控技术应用（660103）"
    assert acts[1]["教师"] == "李测试" and acts[1]["实践天数"] == 60
    matrix = {r["专业代码"]: r for r in _rows(content, "五个共同")}
    assert matrix["660103"]["共同制定人才培养方案"] == "已完成"
    assert matrix["660303"]["共同建设专业课程体系"] == "缺"
    assert matrix["660103"]["学校"] == "赣县中等专业学校" and matrix["660103"]["完成数"] == 1
    missing = {r["专业代码"]: r["缺项"] for r in _rows(content, "特色专业缺项")}
    assert missing["630501"] == "五个共同未完成；无湾区合作方；无龙头企业合作"
    counts = {r["类型"]: r["已完成"] for r in _rows(content, "活动统计")}
    assert counts == {
        "共同制定人才培养方案": 1,
        "教师赴湾区企业实践": 1,
        "企业技术骨干来校任教": 1,
    }
    (agreement, *_) = _rows(content, "合作协议")
    assert (
        agreement["协议类型"] in {"对口帮扶", "中高职贯通"}
        and agreement["学校"] == "赣县中等专业学校"
    )
    partners = {r["名称"]: r for r in _rows(content, "合作方")}
    assert "编号" not in next(iter(partners.values()))  # partner keys are the import's
    assert (
        partners["深圳职业技术大学"]["类别"] == "职业院校"
        and partners["深圳职业技术大学"]["地区"] == "大湾区"
    )
    assert _rows(content, "湾区企业实践") == [
        {"教师": "李测试", "学校": "赣县中等专业学校", "天数": 60, "次数": 1}
    ]
    # For people: a frozen header, a filter and widths on every sheet; dates as dates.
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref, ws.title
        assert ws.column_dimensions["A"].width >= 8, ws.title
    assert wb["合作活动"]["A2"].number_format == "yyyy-mm-dd"
    audit = db.scalars(
        select(AuditEntry).where(AuditEntry.entity_type == "partnership_report")
    ).all()
    assert audit[-1].action == "export" and audit[-1].entity_id == "2025"


def test_report_in_english(client: TestClient, planner: dict[str, Any]) -> None:
    r = client.get(f"{API}/report.xlsx", params={"year": 2025, "lang": "en"}, headers=planner)
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames[0] == "Five commons"
    header = next(wb["Five commons"].iter_rows(values_only=True))
    assert header[:3] == ("School", "Code", "Programme")


def test_import_format_round_trip_changes_nothing(
    client: TestClient, db: Session, planner: dict[str, Any]
) -> None:
    content = _import_format(client, planner, 2025)
    assert load_workbook(io.BytesIO(content)).sheetnames == ["activities", "agreements", "partners"]
    acts = _rows(content, "activities")
    assert [a["key"] for a in acts] == ["ACT-1", "ACT-2", "ACT-4"]
    assert acts[1]["teacher_staff_no"] == "GXZZ-T002" and acts[1]["days"] == 60
    assert acts[0]["type"] == "five_commons_plan" and acts[0]["school_code"] == "GXZZ"
    r = client.post(f"{API}/import", files={"file": ("r.xlsx", content)}, headers=planner)
    assert r.status_code == 200, r.text
    result = r.json()
    assert result["created"] == {} and result["updated"] == {}
    assert result["unchanged"] == {"partners": 3, "agreements": 2, "activities": 3}
    audit = db.scalars(
        select(AuditEntry).where(AuditEntry.entity_type == "partnership_workbook")
    ).all()
    assert [(a.action, a.entity_id) for a in audit[-2:]] == [("export", "2025"), ("import", "")]


def test_formulas_are_neutralised_and_restored(
    client: TestClient, db: Session, planner: dict[str, Any]
) -> None:
    evil = '=HYPERLINK("http://evil.example","click")'
    act = make_activity(
        db,
        school(db, "GXZZ"),
        [partner(db, "szpt")],
        programmes=["660103"],
        date=date(2025, 12, 1),
        title=evil,
        people=["@SUM(1+1)", "-2+3", "+cmd"],
        notes="\t=1+1",
    )
    content = _import_format(client, planner, 2025)
    ws = load_workbook(io.BytesIO(content))["activities"]
    header = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == act.key)
    cells = dict(zip(header, row, strict=False))
    assert cells["title"].value == "'" + evil and cells["title"].data_type == "s"
    assert cells["people"].value == "'@SUM(1+1);-2+3;+cmd"
    assert cells["notes"].value == "'\t=1+1"
    assert not any(c.data_type == "f" for r in ws.iter_rows() for c in r)
    # Importing it back restores the text exactly (and so changes nothing).
    r = client.post(f"{API}/import", files={"file": ("r.xlsx", content)}, headers=planner)
    assert r.status_code == 200 and r.json()["updated"] == {}
    db.expire_all()
    again = db.get(Activity, act.id)
    assert again is not None and again.title == evil and again.notes == "\t=1+1"
    assert again.people == ["@SUM(1+1)", "-2+3", "+cmd"]


def test_neutralise_restore_pairs() -> None:
    for text in ("=1", "+1", "-1", "@x", "\tx", "\rx", "plain", "'quoted", "'=kept", "''-2"):
        assert restore(neutralise(text)) == text
    assert neutralise(-5) == -5 and neutralise("5-1") == "5-1"


def _workbook(sheet: str, header: list[str], *rows: list[Any]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    ws.append(header)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


ACT_HEADER = [
    "key",
    "date",
    "type",
    "school_code",
    "programmes",
    "partner_keys",
    "status",
    "title",
    "people",
]


def test_import_creates_and_updates_by_key(
    client: TestClient, db: Session, audit_log: AuditLog, planner: dict[str, Any]
) -> None:
    content = _workbook(
        "activities",
        ACT_HEADER,
        [
            "X-1",
            date(2026, 3, 3),
            "five_commons_syllabus",
            "GXZZ",
            "660103;660303",
            "szpt",
            "done",
            "共同制定教学大纲",
            "张测试",
        ],
        [
            "ACT-1",
            "2025-03-10",
            "five_commons_plan",
            "GXZZ",
            "660103",
            "szpt",
            "done",
            "改名后的方案",
            "张测试;陈专家",
        ],
    )
    r = client.post(f"{API}/import", files={"file": ("a.xlsx", content)}, headers=planner)
    assert r.status_code == 200, r.text
    assert r.json()["created"] == {"activities": 1} and r.json()["updated"] == {"activities": 1}
    new = db.scalar(select(Activity).where(Activity.key == "X-1"))
    assert new is not None and new.programmes == ["660103", "660303"]
    entries = audit_log("activity", new.id)
    assert entries[0].detail["source"] == "xlsx"


def test_import_errors_name_sheet_row_and_field_and_write_nothing(
    client: TestClient, db: Session, planner: dict[str, Any], other_planner: dict[str, Any]
) -> None:
    good = ["X-2", "2026-03-03", "exchange_visit", "GXZZ", "", "szpt", "done", "互访", ""]

    def post(headers: dict[str, Any], *rows: list[Any]) -> Any:
        return client.post(
            f"{API}/import",
            files={"file": ("a.xlsx", _workbook("activities", ACT_HEADER, *rows))},
            headers=headers,
        )

    r = post(
        planner,
        good,
        ["X-3", "2026-13-01", "exchange_visit", "GXZZ", "", "szpt", "done", "互访", ""],
    )
    assert r.status_code == 422
    assert r.json()["detail"].startswith("sheet 'activities', row 3, field 'date'")
    r = post(
        planner,
        good,
        ["X-3", "2026-03-03", "exchange_visit", "GXZZ", "", "nobody", "done", "互访", ""],
    )
    assert "row 3, field 'partner_keys': unknown partner 'nobody'" in r.json()["detail"]
    r = post(
        planner,
        good,
        ["X-3", "2026-03-03", "five_commons_plan", "GXZZ", "", "szpt", "done", "x", ""],
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "activities[3].programmes"
    r = post(other_planner, good)
    assert "field 'school_code': unknown school, or not one of yours" in r.json()["detail"]
    # Another school's activity is not taken over by naming its key.
    theirs = ["ACT-1", "2026-03-03", "exchange_visit", "TESTPRIV", "", "szpt", "done", "互访", ""]
    r = post(other_planner, theirs)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "activities[2].key"
    assert (
        r.json()["detail"] == "sheet 'activities', row 2: key: belongs to another school's activity"
    )
    assert db.scalar(select(Activity).where(Activity.key == "X-2")) is None
    r = client.post(f"{API}/import", files={"file": ("a.xlsx", b"not a workbook")}, headers=planner)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "file"
