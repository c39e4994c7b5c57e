"""Roster XLSX: export (masked, audited), preview with per-row errors, all-or-nothing import."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from fastapi.testclient import TestClient
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.factories import api_key_headers, make_user
from tests.teachers.conftest import AS_OF, Roster
from vocmatch.audit.models import AuditEntry
from vocmatch.teachers.models import Teacher, TeacherPractice, TeacherQualification

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CLEAR_ID = "360721198001011237"

TEACHER_HEADER = [
    "工号",
    "姓名",
    "性别",
    "出生年份",
    "身份证号",
    "专业代码",
    "专业",
    "任教学科",
    "用工类型",
    "来源企业",
    "入职日期",
    "离职日期",
    "教师资格证",
    "教师资格证号",
    "教师资格证取得日期",
]

RECOGNITION_HEADER = ["工号", "认定等级", "认定日期", "认定机构", "认定文号", "佐证材料"]


def workbook(
    teachers: list[list[Any]],
    quals: list[list[Any]] = (),
    exp: list[list[Any]] = (),
    prac: list[list[Any]] = (),
    recs: list[list[Any]] | None = None,
) -> bytes:  # type: ignore[assignment]
    wb = Workbook()
    ws = wb.active
    ws.title = "教师名册"
    ws.append(TEACHER_HEADER)
    for row in teachers:
        ws.append(row)
    for title, header, rows in (
        ("证书与职称", ["工号", "类别", "名称", "等级", "发证机构", "取得日期", "相关领域"], quals),
        ("企业工作经历", ["工号", "单位", "岗位", "开始日期", "结束日期"], exp),
        ("企业实践", ["工号", "企业", "开始日期", "结束日期", "天数", "大湾区", "内容"], prac),
        *([("认定记录", RECOGNITION_HEADER, recs)] if recs is not None else []),
    ):
        sheet = wb.create_sheet(title)
        sheet.append(header)
        for row in rows:
            sheet.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def teacher_row(staff_no: str, name: str, **kw: Any) -> list[Any]:
    values = {
        "工号": staff_no, "姓名": name, "性别": "女", "出生年份": 1990, "身份证号": "", "专业代码": "660103",
        "专业": "数控技术应用", "任教学科": "数控", "用工类型": "专任", "来源企业": "", "入职日期": date(2018, 9, 1),
        "离职日期": None, "教师资格证": "有", "教师资格证号": "", "教师资格证取得日期": None,
    }  # fmt: skip
    values.update(kw)
    return [values[h] for h in TEACHER_HEADER]


def post(
    client: TestClient,
    headers: dict[str, str],
    content: bytes,
    *,
    school: str = "DQS",
    dry_run: bool = True,
) -> Any:
    return client.post(
        "/api/v1/teachers/import",
        params={"school": school, "dry_run": str(dry_run).lower()},
        files={"file": ("roster.xlsx", content, XLSX)},
        headers=headers,
    )


def count(db: Session, model: Any) -> int:
    return db.scalar(select(func.count()).select_from(model)) or 0


def test_errors_are_listed_per_row_and_nothing_is_written(
    client: TestClient, db: Session, roster: Roster
) -> None:
    headers = api_key_headers(db, make_user(db, "planner", schools=["DQS"]))
    content = workbook(
        [
            teacher_row("DQS-N1", "新甲", 身份证号=CLEAR_ID),
            teacher_row("DQS-N2", "", 身份证号="360721198001011238"),  # no name; wrong check digit
            teacher_row("DQS-N3", "新丙", 入职日期="2018/13/40"),
            teacher_row("DQS-N1", "新丁"),  # duplicate staff number
            teacher_row("GXZZ-T001", "抢工号"),  # another school's teacher
            teacher_row("DQS-N5", "新戊", 专业代码="999999"),
        ],
        quals=[
            ["DQS-N1", "职业技能等级证书", "数控车工证书", "4", "", date(2020, 1, 1), "数控车工"],
            ["DQS-N1", "荣誉称号", "优秀教师", "", "", None, ""],
            ["DQS-N1", "职业技能等级证书", "证书", "很高", "", None, ""],
            ["DQS-ZZ", "行业职称", "工程师", "", "", None, "机械制造"],
        ],
        prac=[["DQS-N1", "企业", date(2025, 7, 1), date(2025, 7, 10), 30, "否", ""]],
    )
    before = (count(db, Teacher), count(db, TeacherQualification), count(db, TeacherPractice))
    r = post(client, headers, content, dry_run=False)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["written"] is False
    errors = {(e["sheet"], e["row"], e["column"]) for e in body["errors"]}
    assert errors == {
        ("教师名册", 3, "姓名"),
        ("教师名册", 4, "入职日期"),
        ("教师名册", 5, "工号"),
        ("教师名册", 6, "工号"),
        ("教师名册", 7, "专业代码"),
        ("证书与职称", 3, "类别"),
        ("证书与职称", 4, "等级"),
        ("证书与职称", 5, "工号"),
        ("企业实践", 2, "天数"),
    }
    assert all(e["message"] for e in body["errors"])
    assert (
        count(db, Teacher),
        count(db, TeacherQualification),
        count(db, TeacherPractice),
    ) == before


def test_a_wrong_id_number_is_a_row_error(client: TestClient, db: Session, roster: Roster) -> None:
    headers = api_key_headers(db, make_user(db, "planner", schools=["DQS"]))
    r = post(
        client, headers, workbook([teacher_row("DQS-N1", "新甲", 身份证号="360721198001011238")])
    )
    assert [(e["row"], e["column"]) for e in r.json()["errors"]] == [(2, "身份证号")]
    assert "check digit" in r.json()["errors"][0]["message"]


def test_preview_then_import_then_reimport_changes_nothing(
    client: TestClient, db: Session, roster: Roster
) -> None:
    headers = api_key_headers(db, make_user(db, "planner", schools=["DQS"]))
    content = workbook(
        [
            teacher_row("DQS-N1", "新甲", 身份证号=CLEAR_ID, 入职日期="2018-09-01"),
            teacher_row("DQS-B", "教师B", 入职日期=date(2020, 9, 1)),
        ],
        quals=[
            [
                "DQS-N1",
                "职业技能等级证书",
                "数控车工证书",
                "四级/中级工",
                "人社局",
                date(2020, 1, 1),
                "数控车工",
            ]
        ],
        exp=[["DQS-N1", "澳克泰", "车工", date(2010, 7, 1), date(2012, 6, 30)]],
        prac=[["DQS-B", "湾区企业", date(2026, 4, 6), date(2026, 5, 5), 30, "是", "跟岗"]],
    )
    teachers_before = count(db, Teacher)
    preview = post(client, headers, content).json()
    assert preview["written"] is False and preview["errors"] == []
    assert preview["teachers_created"] == ["DQS-N1"] and preview["teachers_updated"] == ["DQS-B"]
    assert preview["records"] == {
        "qualifications": 1,
        "experience": 1,
        "practice": 1,
        "recognitions": 0,
    }
    assert count(db, Teacher) == teachers_before  # a preview writes nothing

    done = post(client, headers, content, dry_run=False).json()
    assert done["written"] is True
    new = db.scalar(select(Teacher).where(Teacher.staff_no == "DQS-N1"))
    assert (
        new is not None
        and new.id_card_mask == "36**************37"
        and new.hired_on == date(2018, 9, 1)
    )
    b = roster.t["B"]
    db.refresh(b)
    # B's practice now equals the workbook's: the two old periods are gone, the new one is Bay Area.
    practice = db.scalars(select(TeacherPractice).where(TeacherPractice.teacher_id == b.id)).all()
    assert [(p.enterprise_name, p.days, p.bay_area) for p in practice] == [("湾区企业", 30, True)]
    entry = db.scalars(select(AuditEntry).where(AuditEntry.action == "import")).all()[-1]
    assert entry.entity_id == "DQS" and entry.detail["created"] == ["DQS-N1"]

    again = post(client, headers, content).json()
    assert again["teachers_unchanged"] == ["DQS-N1", "DQS-B"] and again["teachers_updated"] == []


def test_export_masks_id_numbers_and_is_audited(
    client: TestClient, db: Session, roster: Roster
) -> None:
    planner = make_user(db, "planner", schools=["DQS"])
    headers = api_key_headers(db, planner)
    client.patch(
        f"/api/v1/teachers/{roster.t['A'].id}", json={"id_card": CLEAR_ID}, headers=headers
    )
    r = client.get(
        "/api/v1/teachers/export.xlsx",
        params={"school": "DQS", "as_of": str(AS_OF)},
        headers=headers,
    )
    assert r.status_code == 200 and r.headers["content-type"] == XLSX
    assert "attachment" in r.headers["content-disposition"]
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == [
        "教师名册",
        "证书与职称",
        "企业工作经历",
        "企业实践",
        "认定记录",
        "说明",
    ]
    rows = list(wb["教师名册"].iter_rows(values_only=True))
    header = list(rows[0])
    assert header[:15] == TEACHER_HEADER and header[15:17] == ["岗位类型", "实习指导教师"]
    # The computed columns say eligibility (符合认定条件), never 认定依据.
    assert header[17:] == ["符合认定条件等级", "符合条件依据", "待核实", "计入占比"]
    assert "认定依据" not in header
    by_staff = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert by_staff["DQS-A"]["身份证号"] == "36**************37"
    assert by_staff["DQS-A"]["符合认定条件等级"] == "初级"
    assert by_staff["DQS-B"]["符合认定条件等级"] == "否"
    # The recognitions granted by the authority are their own sheet.
    recs = list(wb["认定记录"].iter_rows(values_only=True))
    assert recs[0] == ("工号", "认定等级", "认定日期", "认定机构", "认定文号", "佐证材料")
    assert sorted((r[0], r[1], r[3]) for r in recs[1:]) == [
        ("DQS-A", "初级", "赣州市教育局"),
        ("DQS-C", "初级", "赣州市教育局"),
    ]
    assert by_staff["DQS-E"]["计入占比"] == "否"
    every_cell = " ".join(
        str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row
    )
    assert CLEAR_ID not in every_cell
    entry = db.scalars(select(AuditEntry).where(AuditEntry.action == "export")).all()[-1]
    assert (entry.entity_type, entry.entity_id, entry.actor) == (
        "teacher_roster",
        "DQS",
        planner.username,
    )
    assert entry.detail["rows"] == 9

    # The export imports back unchanged; the masked ID keeps the number on file.
    back = post(client, headers, r.content).json()
    assert (
        back["errors"] == []
        and back["teachers_updated"] == []
        and len(back["teachers_unchanged"]) == 9
    )


def test_a_file_that_is_not_a_workbook(client: TestClient, db: Session, roster: Roster) -> None:
    headers = api_key_headers(db, make_user(db, "planner", schools=["DQS"]))
    r = post(client, headers, b"name,staff_no\n")
    assert r.status_code == 422 and r.json()["errors"][0] == {
        "field": "file",
        "message": "not an .xlsx workbook",
    }
    template = client.get("/api/v1/teachers/template.xlsx", headers=headers)
    assert load_workbook(io.BytesIO(template.content)).sheetnames[:4] == [
        "教师名册",
        "证书与职称",
        "企业工作经历",
        "企业实践",
    ]


def test_export_neutralises_formula_like_text(
    client: TestClient, db: Session, roster: Roster
) -> None:
    planner = make_user(db, "planner", schools=["DQS"])
    headers = api_key_headers(db, planner)
    r = client.patch(
        f"/api/v1/teachers/{roster.t['A'].id}",
        json={"subject_area": '=HYPERLINK("http://evil.example","x")'},
        headers=headers,
    )
    assert r.status_code == 200, r.text
    r = client.get("/api/v1/teachers/export.xlsx", params={"school": "DQS"}, headers=headers)
    wb = load_workbook(io.BytesIO(r.content))
    cells = [c for row in wb["教师名册"].iter_rows(values_only=True) for c in row]
    assert '\'=HYPERLINK("http://evil.example","x")' in cells
    assert not any(isinstance(c, str) and c.startswith("=") for c in cells)


def test_title_ranks_export_in_words_and_import_back_unchanged(
    client: TestClient, db: Session
) -> None:
    # GXZZ-T001 holds 讲师 with the rank stored as the rules' key "intermediate": the HR office
    # reads 中级, and the workbook imported back changes nothing.
    headers = api_key_headers(db, make_user(db, "planner", schools=["GXZZ"]))
    r = client.get("/api/v1/teachers/export.xlsx", params={"school": "GXZZ"}, headers=headers)
    rows = list(load_workbook(io.BytesIO(r.content))["证书与职称"].iter_rows(values_only=True))
    by_name = {(row[0], row[2]): dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert by_name[("GXZZ-T001", "讲师")]["等级"] == "中级"
    assert by_name[("GXZZ-T001", "车工职业技能等级证书")]["等级"] == "3"
    # What is still to verify is said in the rule's words, not its item ids (J-ETHICS, J-TEACH).
    sheet = list(load_workbook(io.BytesIO(r.content))["教师名册"].iter_rows(values_only=True))
    t001 = next(dict(zip(sheet[0], row, strict=True)) for row in sheet[1:] if row[0] == "GXZZ-T001")
    assert t001["待核实"] == "初级：师德师风与思想政治素质；能够胜任理论教学和实践教学"
    back = post(client, headers, r.content, school="GXZZ").json()
    assert back["errors"] == [] and "GXZZ-T001" in back["teachers_unchanged"]
