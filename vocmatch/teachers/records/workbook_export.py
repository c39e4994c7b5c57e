"""Export a school's roster as XLSX (ID numbers masked, status computed, audited) and the template."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from sqlalchemy.orm import Session

from vocmatch.audit.service import record
from vocmatch.kit.principal import Principal
from vocmatch.kit.spreadsheet import neutralise
from vocmatch.kit.tables import display_width
from vocmatch.teachers import repository as repo
from vocmatch.teachers.dual_qualified.rules import describe, load_rules
from vocmatch.teachers.models import TeacherQualification
from vocmatch.teachers.records.workbook_format import (
    EXPERIENCE,
    EXPERIENCE_COLUMNS,
    KIND_NAMES,
    LEVEL_NAMES,
    POST_TYPE_NAMES,
    PRACTICE,
    PRACTICE_COLUMNS,
    QUALIFICATION_COLUMNS,
    QUALIFICATIONS,
    README,
    RECOGNITION_COLUMNS,
    RECOGNITIONS,
    STATUS_COLUMNS,
    TEACHER_COLUMNS,
    TEACHERS,
    TITLE_LEVEL_NAMES,
)
from vocmatch.teachers.roster.service import pending_label, roster_school, rule_label
from vocmatch.teachers.shares.service import evaluate_roster


def _sheet(wb: Workbook, title: str, header: list[str], rows: list[list[Any]]) -> None:
    ws = wb.create_sheet(title)
    ws.append([neutralise(h) for h in header])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DCE6F1")
    for r in rows:
        ws.append([neutralise(v) for v in r])
    for i, h in enumerate(header, start=1):
        shown = [display_width(str(r[i - 1])) for r in rows[:200] if i - 1 < len(r)]
        width = max([display_width(h), *shown]) + 2
        ws.column_dimensions[ws.cell(1, i).column_letter].width = min(max(10, width), 60)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(1, ws.max_row)}"


def _level(q: TeacherQualification) -> str:
    """A qualification's level as the HR office writes it (a title rank in words)."""
    if q.kind == "skill_certificate":
        return q.level
    return TITLE_LEVEL_NAMES.get(q.level.strip(), q.level)


def export_roster(
    session: Session, *, principal: Principal, school_code: str, as_of: date
) -> bytes:
    """Return a school's roster as XLSX (ID numbers masked, status as of ``as_of``); audited."""
    school = roster_school(session, principal, school_code)
    roster = evaluate_roster(session, as_of=as_of, school_ids=[school.id])
    labels = describe(roster.rules)
    names = repo.programme_names(session)
    teachers = [e.teacher for e in roster.items]
    ids = [t.id for t in teachers]
    staff = {t.id: t.staff_no for t in teachers}
    sources = repo.enterprise_names(session)
    wb = Workbook()
    wb.remove(wb.active)
    rows = []
    for e in roster.items:
        t, s = e.teacher, e.status
        rows.append(
            [
                t.staff_no, t.name, t.gender, t.birth_year, t.id_card_mask, t.programme_code or "",
                names.get(t.programme_code or "", ""), t.subject_area,
                "专任" if t.employment == "full_time" else "兼职",
                sources.get(t.source_enterprise_id or 0, ""), t.hired_on, t.left_on,
                "有" if t.has_teacher_certificate else "无", t.teacher_certificate_no,
                t.teacher_certificate_on, POST_TYPE_NAMES.get(t.post_type, t.post_type),
                "是" if t.practice_instructor else "否", LEVEL_NAMES.get(s.level or "", "否"),
                (f"{s.rule_id}：{'；'.join(rule_label(labels, i).zh for i in s.met)}"
                 if s.qualified else ""),
                (f"{LEVEL_NAMES.get(s.pending_level or '', '')}："
                 f"{'；'.join(pending_label(labels, i) for i in s.pending_items)}"
                 if s.pending else ""),
                "是" if s.counted else "否",
            ]
        )  # fmt: skip
    _sheet(wb, TEACHERS, TEACHER_COLUMNS + STATUS_COLUMNS, rows)
    _sheet(wb, QUALIFICATIONS, QUALIFICATION_COLUMNS, [
        [staff[q.teacher_id], KIND_NAMES.get(q.kind, q.kind), q.name, _level(q), q.issuer,
         q.issued_on, q.field]
        for q in repo.qualifications(session, ids)
    ])  # fmt: skip
    _sheet(wb, EXPERIENCE, EXPERIENCE_COLUMNS, [
        [staff[x.teacher_id], x.employer, x.role, x.start_date, x.end_date]
        for x in repo.experience(session, ids)
    ])  # fmt: skip
    _sheet(wb, PRACTICE, PRACTICE_COLUMNS, [
        [staff[p.teacher_id], p.enterprise_name, p.start_date, p.end_date, p.days,
         "是" if p.bay_area else "否", p.content]
        for p in repo.practice(session, ids)
    ])  # fmt: skip
    _sheet(wb, RECOGNITIONS, RECOGNITION_COLUMNS, [
        [staff[r.teacher_id], LEVEL_NAMES.get(r.level, r.level), r.recognised_on, r.issuer,
         r.document_no, r.evidence + ("（样例数据）" if r.is_sample else "")]
        for r in repo.recognitions(session, ids)
    ])  # fmt: skip
    _readme(wb, school.name, as_of, roster.rules.version)
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, date):
                    cell.number_format = "yyyy-mm-dd"
    buf = io.BytesIO()
    wb.save(buf)
    record(
        session,
        actor=principal.audit_name(),
        action="export",
        entity_type="teacher_roster",
        entity_id=school.code,
        detail={"rows": len(rows), "as_of": as_of.isoformat(), "format": "xlsx"},
    )
    return buf.getvalue()


def template() -> bytes:
    """Return an empty roster workbook with the headers and the format description."""
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, TEACHERS, TEACHER_COLUMNS, [])
    _sheet(wb, QUALIFICATIONS, QUALIFICATION_COLUMNS, [])
    _sheet(wb, EXPERIENCE, EXPERIENCE_COLUMNS, [])
    _sheet(wb, PRACTICE, PRACTICE_COLUMNS, [])
    _sheet(wb, RECOGNITIONS, RECOGNITION_COLUMNS, [])
    _readme(wb, "", None, load_rules().version)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _readme(wb: Workbook, school: str, as_of: date | None, version: str) -> None:
    ws = wb.create_sheet(README)
    lines = [
        f"学校：{school}" if school else "教师名册导入模板",
        f"状态日期：{as_of}" if as_of else "",
        f"双师型条件规则版本（计算符合认定条件，不是认定）：{version}",
        "工作表：教师名册（每位教师一行）、证书与职称、企业工作经历、企业实践、认定记录；以“工号”关联。",
        "认定记录：教育行政部门颁发的“双师型”教师认定（认定等级 初级/中级/高级、认定日期、认定机构、认定文号必填）。“双师型”教师占比只计已认定的教师。没有“认定记录”工作表时，系统中已有的认定记录保持不变。",
        "必填列：教师名册 工号、姓名；证书与职称 工号、类别、名称；企业工作经历 工号、单位、开始日期；企业实践 工号、企业、开始日期、结束日期、天数。",
        "类别：职业技能等级证书 | 职业资格证书 | 教师职称 | 行业职称。证书等级写 5…1（五级/初级工 … 一级/高级技师）；职称等级写 初级/中级/副高级/正高级。",
        "用工类型：专任 | 兼职；岗位类型：固定岗 | 流动岗（可空）；教师资格证、大湾区、实习指导教师：是/否（有/无）。日期：2024-07-01。",
        "身份证号只保存加密摘要与掩码；导出时一律掩码，导入掩码号码时保留系统中已有号码。",
        "符合认定条件等级、符合条件依据、待核实、计入占比 四列为系统按规则从记录计算的结果（符合认定条件 / 可申报，不是认定），导入时忽略。",
        "导入前会逐行检查，任何一行有错误都不会写入。",
    ]
    for line in lines:
        if line:
            ws.append([line])
    ws.column_dimensions["A"].width = 120
