"""The roster as an XLSX workbook in a school HR office's format: export, preview and import.

One workbook per school, one sheet per record type, Chinese headers (``*`` = required):

``教师名册`` — one row per teacher
    工号*, 姓名*, 性别, 出生年份, 身份证号, 专业代码, 专业, 任教学科, 用工类型 (专任 | 兼职),
    来源企业, 入职日期, 离职日期, 教师资格证 (有 | 无), 教师资格证号, 教师资格证取得日期;
    the export adds 双师型等级, 认定依据, 计入占比 (computed, ignored on import).
``证书与职称`` — 工号*, 类别* (职业技能等级证书 | 职业资格证书 | 教师职称 | 行业职称), 名称*, 等级,
    发证机构, 取得日期, 相关领域
``企业工作经历`` — 工号*, 单位*, 岗位, 开始日期*, 结束日期
``企业实践`` — 工号*, 企业*, 开始日期*, 结束日期*, 天数*, 大湾区 (是 | 否), 内容
``说明`` — this description and the rule-set version (export only).

Import: every row of every sheet is checked first; any error (sheet, row, column, message) stops
the import and nothing is written. Teachers are matched by 工号; the dated records of each
imported teacher are made equal to the workbook's (practice recorded as a partnership activity is
kept). Teachers absent from the workbook are left alone. A masked ID number (from an export) keeps
the stored one. Exported ID numbers are always masked.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from pydantic import ValidationError
from sqlalchemy.orm import Session

from vocmatch.audit.service import record
from vocmatch.auth.principal import Principal
from vocmatch.errors import Invalid
from vocmatch.teachers import repository as repo
from vocmatch.teachers.identity import id_card_hash, id_card_mask
from vocmatch.teachers.models import (
    Teacher,
    TeacherExperience,
    TeacherPractice,
    TeacherQualification,
)
from vocmatch.teachers.records import check_practice, check_qualification
from vocmatch.teachers.roster import roster_school
from vocmatch.teachers.rules import load_rules
from vocmatch.teachers.schemas import (
    ExperienceIn,
    ImportPreview,
    ImportRowError,
    PracticeIn,
    QualificationIn,
    TeacherIn,
)
from vocmatch.teachers.service import evaluate_roster

TEACHERS = "教师名册"
QUALIFICATIONS = "证书与职称"
EXPERIENCE = "企业工作经历"
PRACTICE = "企业实践"
README = "说明"

TEACHER_COLUMNS = [
    "工号", "姓名", "性别", "出生年份", "身份证号", "专业代码", "专业", "任教学科", "用工类型", "来源企业",
    "入职日期", "离职日期", "教师资格证", "教师资格证号", "教师资格证取得日期",
]  # fmt: skip
STATUS_COLUMNS = ["双师型等级", "认定依据", "计入占比"]
QUALIFICATION_COLUMNS = ["工号", "类别", "名称", "等级", "发证机构", "取得日期", "相关领域"]
EXPERIENCE_COLUMNS = ["工号", "单位", "岗位", "开始日期", "结束日期"]
PRACTICE_COLUMNS = ["工号", "企业", "开始日期", "结束日期", "天数", "大湾区", "内容"]
REQUIRED = {
    TEACHERS: ["工号", "姓名"],
    QUALIFICATIONS: ["工号", "类别", "名称"],
    EXPERIENCE: ["工号", "单位", "开始日期"],
    PRACTICE: ["工号", "企业", "开始日期", "结束日期", "天数"],
}
KINDS = {
    "职业技能等级证书": "skill_certificate",
    "职业资格证书": "skill_certificate",
    "技能证书": "skill_certificate",
    "skill_certificate": "skill_certificate",
    "教师职称": "professional_title",
    "专业技术职务": "professional_title",
    "professional_title": "professional_title",
    "行业职称": "industry_title",
    "industry_title": "industry_title",
}
KIND_NAMES = {
    "skill_certificate": "职业技能等级证书",
    "professional_title": "教师职称",
    "industry_title": "行业职称",
}
EMPLOYMENT = {
    "专任": "full_time", "全职": "full_time", "专任教师": "full_time", "full_time": "full_time",
    "兼职": "part_time", "兼职教师": "part_time", "产业导师": "part_time", "part_time": "part_time",
}  # fmt: skip
LEVEL_NAMES = {"junior": "初级", "intermediate": "中级", "senior": "高级"}
YES = {"是", "有", "1", "y", "yes", "true", "√"}
NO = {"否", "无", "0", "n", "no", "false", ""}
MAX_ROWS = 5000


# --- cells ---------------------------------------------------------------------------------------
def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _date(v: Any) -> date | None:
    if v is None or v == "":
        return None
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    s = _text(v)
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", s) or re.fullmatch(
        r"(\d{4})(\d{2})(\d{2})", s
    )
    if not m:
        raise ValueError(f"not a date: {s!r} (use 2024-07-01)")
    return date(int(m[1]), int(m[2]), int(m[3]))


def _flag(v: Any) -> bool:
    s = _text(v).lower()
    if s in YES:
        return True
    if s in NO:
        return False
    raise ValueError(f"expected 是/否 (or 有/无), got {s!r}")


@dataclass
class _Sheet:
    name: str
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


@dataclass
class _Parsed:
    teachers: list[tuple[int, TeacherIn]] = field(default_factory=list)
    masked: set[str] = field(default_factory=set)  # staff numbers whose ID cell was a mask
    qualifications: list[tuple[int, str, QualificationIn]] = field(default_factory=list)
    experience: list[tuple[int, str, ExperienceIn]] = field(default_factory=list)
    practice: list[tuple[int, str, PracticeIn]] = field(default_factory=list)
    errors: list[ImportRowError] = field(default_factory=list)

    def error(self, sheet: str, row: int, column: str, message: str) -> None:
        self.errors.append(ImportRowError(sheet=sheet, row=row, column=column, message=message))


def _read_sheets(content: bytes, parsed: _Parsed) -> dict[str, _Sheet]:
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:
        parsed.error("", 0, "", "not an .xlsx workbook")
        return {}
    sheets: dict[str, _Sheet] = {}
    for name in (TEACHERS, QUALIFICATIONS, EXPERIENCE, PRACTICE):
        if name not in wb.sheetnames:
            if name == TEACHERS:
                parsed.error(name, 0, "", f"sheet {name!r} is missing")
            continue
        ws = wb[name]
        rows = ws.iter_rows(values_only=True)
        header = [_text(h) for h in next(rows, ())]
        missing = [c for c in REQUIRED[name] if c not in header]
        if missing:
            parsed.error(name, 1, ", ".join(missing), "missing column(s)")
            continue
        sheet = _Sheet(name)
        for i, values in enumerate(rows, start=2):
            if i > MAX_ROWS:
                parsed.error(name, i, "", f"more than {MAX_ROWS} rows")
                break
            cells = dict(zip(header, values, strict=False))
            if all(_text(v) == "" for v in cells.values()):
                continue
            sheet.rows.append((i, cells))
        sheets[name] = sheet
    wb.close()
    return sheets


def _first_error(exc: ValidationError, columns: dict[str, str]) -> tuple[str, str]:
    err = exc.errors()[0]
    key = str(err["loc"][0]) if err.get("loc") else ""
    return columns.get(key, key), err.get("msg", "invalid").removeprefix("Value error, ")


_TEACHER_FIELDS = {
    "staff_no": "工号", "name": "姓名", "gender": "性别", "birth_year": "出生年份", "id_card": "身份证号",
    "programme_code": "专业代码", "subject_area": "任教学科", "employment": "用工类型",
    "source_enterprise": "来源企业", "hired_on": "入职日期", "left_on": "离职日期",
    "has_teacher_certificate": "教师资格证", "teacher_certificate_no": "教师资格证号",
    "teacher_certificate_on": "教师资格证取得日期",
}  # fmt: skip


def _programme(cells: dict[str, Any], names: dict[str, str]) -> str | None:
    code = _text(cells.get("专业代码"))
    if code:
        return code
    text = _text(cells.get("专业"))
    if not text:
        return None
    m = re.match(r"^(\d{6})", text)
    if m:
        return m[1]
    by_name = {n: c for c, n in names.items()}
    if text in by_name:
        return by_name[text]
    raise ValueError(f"unknown programme {text!r}: give the 6-digit code in 专业代码")


def _parse_teachers(
    sheet: _Sheet, school_code: str, names: dict[str, str], parsed: _Parsed
) -> None:
    for row, cells in sheet.rows:
        column = ""
        try:
            column = "专业"
            programme = _programme(cells, names)
            column = "用工类型"
            emp_text = _text(cells.get("用工类型")) or "专任"
            if emp_text not in EMPLOYMENT:
                raise ValueError(f"expected 专任 or 兼职, got {emp_text!r}")
            column = "身份证号"
            id_text = _text(cells.get("身份证号")).upper()
            masked = "*" in id_text
            dates = {}
            for key in ("hired_on", "left_on", "teacher_certificate_on"):
                column = _TEACHER_FIELDS[key]
                dates[key] = _date(cells.get(column))
            column = "教师资格证"
            has_cert = _flag(cells.get("教师资格证"))
            column = "出生年份"
            birth = _text(cells.get("出生年份"))
            if birth and not birth.isdigit():
                raise ValueError(f"expected a year such as 1985, got {birth!r}")
            column = ""
            data = TeacherIn(
                school_code=school_code,
                staff_no=_text(cells.get("工号")),
                name=_text(cells.get("姓名")),
                gender=_text(cells.get("性别")),
                birth_year=int(birth) if birth else None,
                id_card="" if masked else id_text,
                programme_code=programme,
                subject_area=_text(cells.get("任教学科")),
                employment=EMPLOYMENT[emp_text],  # type: ignore[arg-type]
                source_enterprise=_text(cells.get("来源企业")),
                has_teacher_certificate=has_cert,
                teacher_certificate_no=_text(cells.get("教师资格证号")),
                **dates,
            )
        except ValidationError as exc:
            col, msg = _first_error(exc, _TEACHER_FIELDS)
            parsed.error(sheet.name, row, col, msg)
            continue
        except ValueError as exc:
            parsed.error(sheet.name, row, column, str(exc))
            continue
        if masked:
            parsed.masked.add(data.staff_no)
        parsed.teachers.append((row, data))


def _parse_details(sheets: dict[str, _Sheet], parsed: _Parsed) -> None:
    rules = load_rules()
    for row, cells in sheets.get(QUALIFICATIONS, _Sheet(QUALIFICATIONS)).rows:
        kind = KINDS.get(_text(cells.get("类别")))
        if kind is None:
            parsed.error(
                QUALIFICATIONS,
                row,
                "类别",
                "expected 职业技能等级证书, 职业资格证书, 教师职称 or 行业职称",
            )
            continue
        try:
            q = QualificationIn(
                kind=kind,  # type: ignore[arg-type]
                name=_text(cells.get("名称")),
                level=_text(cells.get("等级")),
                issuer=_text(cells.get("发证机构")),
                issued_on=_date(cells.get("取得日期")),
                field=_text(cells.get("相关领域")),
            )
        except (ValidationError, ValueError) as exc:
            col, msg = _detail_error(
                exc,
                {"name": "名称", "level": "等级", "issuer": "发证机构", "field": "相关领域"},
                "取得日期",
            )
            parsed.error(QUALIFICATIONS, row, col, msg)
            continue
        problem = check_qualification(q, rules)
        if problem:
            parsed.error(QUALIFICATIONS, row, "等级", problem)
            continue
        parsed.qualifications.append((row, _text(cells.get("工号")), q))
    for row, cells in sheets.get(EXPERIENCE, _Sheet(EXPERIENCE)).rows:
        try:
            start = _date(cells.get("开始日期"))
            x = ExperienceIn(
                employer=_text(cells.get("单位")),
                role=_text(cells.get("岗位")),
                start_date=start,  # type: ignore[arg-type]
                end_date=_date(cells.get("结束日期")),
            )
        except (ValidationError, ValueError) as exc:
            col, msg = _detail_error(
                exc,
                {
                    "employer": "单位",
                    "role": "岗位",
                    "start_date": "开始日期",
                    "end_date": "结束日期",
                },
                "开始日期/结束日期",
            )
            parsed.error(EXPERIENCE, row, col, msg)
            continue
        if x.end_date is not None and x.end_date < x.start_date:
            parsed.error(EXPERIENCE, row, "结束日期", "end date is before the start date")
            continue
        parsed.experience.append((row, _text(cells.get("工号")), x))
    for row, cells in sheets.get(PRACTICE, _Sheet(PRACTICE)).rows:
        try:
            bay = _text(cells.get("大湾区"))
            p = PracticeIn(
                enterprise_name=_text(cells.get("企业")),
                start_date=_date(cells.get("开始日期")),  # type: ignore[arg-type]
                end_date=_date(cells.get("结束日期")),  # type: ignore[arg-type]
                days=_text(cells.get("天数")) or 0,  # type: ignore[arg-type]
                bay_area=_flag(bay) if bay else None,
                content=_text(cells.get("内容")),
            )
        except (ValidationError, ValueError) as exc:
            col, msg = _detail_error(
                exc,
                {
                    "enterprise_name": "企业",
                    "start_date": "开始日期",
                    "end_date": "结束日期",
                    "days": "天数",
                    "content": "内容",
                },
                "开始日期/结束日期/大湾区",
            )
            parsed.error(PRACTICE, row, col, msg)
            continue
        problem = check_practice(p)
        if problem:
            parsed.error(PRACTICE, row, "天数" if "fit" in problem else "结束日期", problem)
            continue
        parsed.practice.append((row, _text(cells.get("工号")), p))


def _detail_error(exc: Exception, columns: dict[str, str], date_columns: str) -> tuple[str, str]:
    if isinstance(exc, ValidationError):
        return _first_error(exc, columns)
    return date_columns, str(exc)


# --- preview and import --------------------------------------------------------------------------
def import_roster(
    session: Session, *, principal: Principal, school_code: str, content: bytes, commit: bool
) -> ImportPreview:
    """Check a roster workbook for a school; when ``commit`` and it has no errors, write it.

    Nothing is written when any row has an error (or when ``commit`` is false: the preview).
    """
    school = roster_school(session, principal, school_code)
    parsed = _Parsed()
    sheets = _read_sheets(content, parsed)
    names = repo.programme_names(session)
    if TEACHERS in sheets:
        _parse_teachers(sheets[TEACHERS], school.code, names, parsed)
    _parse_details(sheets, parsed)
    staff_rows: dict[str, int] = {}
    for row, t in parsed.teachers:
        if t.staff_no in staff_rows:
            parsed.error(
                TEACHERS, row, "工号", f"{t.staff_no} is also on row {staff_rows[t.staff_no]}"
            )
        staff_rows.setdefault(t.staff_no, row)
        if t.programme_code and t.programme_code not in names:
            parsed.error(
                TEACHERS,
                row,
                "专业代码",
                f"{t.programme_code} is not a 中职 programme of the catalogue",
            )
    existing = repo.teacher_by_staff_no(session, list(staff_rows))
    for row, t in parsed.teachers:
        found = existing.get(t.staff_no)
        if found is not None and found.school_id != school.id:
            parsed.error(TEACHERS, row, "工号", f"{t.staff_no} belongs to another school")
        if t.staff_no in parsed.masked and (found is None or not found.id_card_hash):
            parsed.error(
                TEACHERS, row, "身份证号", "a masked number can only keep a number already on file"
            )
    for sheet, rows in (
        (QUALIFICATIONS, parsed.qualifications),
        (EXPERIENCE, parsed.experience),
        (PRACTICE, parsed.practice),
    ):
        for row, staff_no, _ in rows:
            if staff_no not in staff_rows:
                parsed.error(
                    sheet, row, "工号", f"{staff_no or '(empty)'} is not on the {TEACHERS} sheet"
                )
    parsed.errors.sort(
        key=lambda e: (
            [TEACHERS, QUALIFICATIONS, EXPERIENCE, PRACTICE, ""].index(e.sheet)
            if e.sheet in (TEACHERS, QUALIFICATIONS, EXPERIENCE, PRACTICE)
            else 9,
            e.row,
        )
    )
    created = [t.staff_no for _, t in parsed.teachers if t.staff_no not in existing]
    known = [t for _, t in parsed.teachers if t.staff_no in existing]
    counts = {
        "qualifications": len(parsed.qualifications),
        "experience": len(parsed.experience),
        "practice": len(parsed.practice),
    }
    if parsed.errors or not commit:
        updated, unchanged = _would_update(session, known, existing, parsed)
        return ImportPreview(
            school_code=school.code,
            written=False,
            teachers_created=created,
            teachers_updated=updated,
            teachers_unchanged=unchanged,
            records=counts,
            errors=parsed.errors,
        )
    updated, unchanged = _write(session, school.id, parsed, existing)
    record(
        session,
        actor=principal.audit_name(),
        action="import",
        entity_type="teacher_roster",
        entity_id=school.code,
        detail={"created": created, "updated": updated, "records": counts},
    )
    return ImportPreview(
        school_code=school.code,
        written=True,
        teachers_created=created,
        teachers_updated=updated,
        teachers_unchanged=unchanged,
        records=counts,
        errors=[],
    )


_SCALARS = (
    "name", "gender", "birth_year", "programme_code", "subject_area", "employment", "hired_on",
    "left_on", "has_teacher_certificate", "teacher_certificate_no", "teacher_certificate_on",
)  # fmt: skip


def _teacher_changes(t: Teacher, data: TeacherIn, masked: bool) -> dict[str, Any]:
    changes = {k: getattr(data, k) for k in _SCALARS if getattr(t, k) != getattr(data, k)}
    if not masked:
        new_hash = id_card_hash(data.id_card) if data.id_card else ""
        if new_hash != t.id_card_hash:
            changes["id_card_hash"] = new_hash
            changes["id_card_mask"] = id_card_mask(data.id_card) if data.id_card else ""
    return changes


def _q_key(q: TeacherQualification | QualificationIn) -> tuple[Any, ...]:
    return (q.kind, q.name, q.level, q.issuer, q.issued_on, q.field)


def _x_key(x: TeacherExperience | ExperienceIn) -> tuple[Any, ...]:
    return (x.employer, x.role, x.start_date, x.end_date)


def _p_key(p: TeacherPractice | PracticeIn) -> tuple[Any, ...]:
    return (p.enterprise_name, p.start_date, p.end_date, p.days)


def _mine(counts: Counter[Any], teacher_id: int) -> Counter[Any]:
    return Counter({k: v for k, v in counts.items() if k[0] == teacher_id})


def _would_update(
    session: Session, known: list[TeacherIn], existing: dict[str, Teacher], parsed: _Parsed
) -> tuple[list[str], list[str]]:
    updated: list[str] = []
    unchanged: list[str] = []
    ids = [existing[t.staff_no].id for t in known]
    have_q = Counter((q.teacher_id, _q_key(q)) for q in repo.qualifications(session, ids))
    have_x = Counter((x.teacher_id, _x_key(x)) for x in repo.experience(session, ids))
    have_p = Counter(
        (p.teacher_id, _p_key(p)) for p in repo.practice(session, ids) if p.activity_id is None
    )
    linked = Counter(
        (p.teacher_id, _p_key(p)) for p in repo.practice(session, ids) if p.activity_id is not None
    )
    for data in known:
        t = existing[data.staff_no]
        want_q = Counter(
            (t.id, _q_key(q)) for _, s, q in parsed.qualifications if s == data.staff_no
        )
        want_x = Counter((t.id, _x_key(x)) for _, s, x in parsed.experience if s == data.staff_no)
        want_p = Counter((t.id, _p_key(p)) for _, s, p in parsed.practice if s == data.staff_no)
        same = (
            not _teacher_changes(t, data, data.staff_no in parsed.masked)
            and _mine(have_q, t.id) == want_q
            and _mine(have_x, t.id) == want_x
            and _mine(have_p, t.id) == want_p - _mine(linked, t.id)
        )
        (unchanged if same else updated).append(data.staff_no)
    return updated, unchanged


def _write(
    session: Session, school_id: int, parsed: _Parsed, existing: dict[str, Teacher]
) -> tuple[list[str], list[str]]:
    updated, unchanged = _would_update(
        session, [t for _, t in parsed.teachers if t.staff_no in existing], existing, parsed
    )
    ids: dict[str, int] = {}
    for _, data in parsed.teachers:
        t = existing.get(data.staff_no)
        source = (
            repo.enterprise_by_name(session, data.source_enterprise)
            if data.source_enterprise
            else None
        )
        if t is None:
            t = Teacher(
                school_id=school_id,
                staff_no=data.staff_no,
                id_card_hash=id_card_hash(data.id_card) if data.id_card else "",
                id_card_mask=id_card_mask(data.id_card) if data.id_card else "",
                **{k: getattr(data, k) for k in _SCALARS},
            )
            session.add(t)
        else:
            for k, v in _teacher_changes(t, data, data.staff_no in parsed.masked).items():
                setattr(t, k, v)
        t.source_enterprise_id = source.id if source else None
        session.flush()
        ids[data.staff_no] = t.id
    tids = list(ids.values())
    _sync(
        session,
        repo.qualifications(session, tids),
        [(ids[s], q) for _, s, q in parsed.qualifications],
        _q_key,
        lambda tid, q: TeacherQualification(teacher_id=tid, **q.model_dump()),
    )
    _sync(
        session,
        repo.experience(session, tids),
        [(ids[s], x) for _, s, x in parsed.experience],
        _x_key,
        lambda tid, x: TeacherExperience(teacher_id=tid, **x.model_dump()),
    )
    _sync(
        session,
        repo.practice(session, tids),
        [(ids[s], p) for _, s, p in parsed.practice],
        _p_key,
        lambda tid, p: _practice_row(session, tid, p),
    )
    session.flush()
    return updated, unchanged


def _practice_row(session: Session, teacher_id: int, p: PracticeIn) -> TeacherPractice:
    ent = repo.enterprise_by_name(session, p.enterprise_name)
    return TeacherPractice(
        teacher_id=teacher_id,
        enterprise_id=ent.id if ent else None,
        enterprise_name=p.enterprise_name,
        start_date=p.start_date,
        end_date=p.end_date,
        days=p.days,
        bay_area=p.bay_area
        if p.bay_area is not None
        else bool(ent and ent.location_kind == "bay_area"),
        content=p.content,
    )


def _sync(
    session: Session, have: list[Any], want: list[tuple[int, Any]], key: Any, make: Any
) -> None:
    """Make each teacher's rows equal to ``want`` by key (rows linked to an activity stay)."""
    pool: dict[tuple[Any, ...], list[Any]] = {}
    for row in have:
        pool.setdefault((row.teacher_id, key(row)), []).append(row)
    for tid, item in want:
        rows = pool.get((tid, key(item)))
        if rows:
            kept = rows.pop(0)
            if isinstance(kept, TeacherPractice):
                kept.content = item.content or kept.content
                if item.bay_area is not None:
                    kept.bay_area = item.bay_area
            continue
        session.add(make(tid, item))
    for rows in pool.values():
        for row in rows:
            if not getattr(row, "activity_id", None):
                session.delete(row)


# --- export --------------------------------------------------------------------------------------
def _sheet(wb: Workbook, title: str, header: list[str], rows: list[list[Any]]) -> None:
    ws = wb.create_sheet(title)
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DCE6F1")
    for r in rows:
        ws.append(r)
    for i, h in enumerate(header, start=1):
        ws.column_dimensions[ws.cell(1, i).column_letter].width = max(10, 2 * len(h) + 4)
    ws.freeze_panes = "A2"


def export_roster(
    session: Session, *, principal: Principal, school_code: str, as_of: date
) -> bytes:
    """Return a school's roster as XLSX (ID numbers masked, status as of ``as_of``); audited."""
    school = roster_school(session, principal, school_code)
    roster = evaluate_roster(session, as_of=as_of, school_ids=[school.id])
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
                t.teacher_certificate_on, LEVEL_NAMES.get(s.level or "", "否"),
                f"{s.rule_id}: {', '.join(s.met)}" if s.qualified else "",
                "是" if s.counted else "否",
            ]
        )  # fmt: skip
    _sheet(wb, TEACHERS, TEACHER_COLUMNS + STATUS_COLUMNS, rows)
    _sheet(wb, QUALIFICATIONS, QUALIFICATION_COLUMNS, [
        [staff[q.teacher_id], KIND_NAMES.get(q.kind, q.kind), q.name, q.level, q.issuer, q.issued_on, q.field]
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
    _readme(wb, "", None, load_rules().version)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _readme(wb: Workbook, school: str, as_of: date | None, version: str) -> None:
    ws = wb.create_sheet(README)
    lines = [
        f"学校：{school}" if school else "教师名册导入模板",
        f"状态日期：{as_of}" if as_of else "",
        f"双师型认定规则版本：{version}",
        "工作表：教师名册（每位教师一行）、证书与职称、企业工作经历、企业实践；以“工号”关联。",
        "必填列：教师名册 工号、姓名；证书与职称 工号、类别、名称；企业工作经历 工号、单位、开始日期；企业实践 工号、企业、开始日期、结束日期、天数。",
        "类别：职业技能等级证书 | 职业资格证书 | 教师职称 | 行业职称。证书等级写 5…1（五级/初级工 … 一级/高级技师）；职称等级写 初级/中级/副高级/正高级（或 junior/intermediate/senior/full_senior）。",
        "用工类型：专任 | 兼职；教师资格证、大湾区：是/否（有/无）。日期：2024-07-01。",
        "身份证号只保存加密摘要与掩码；导出时一律掩码，导入掩码号码时保留系统中已有号码。",
        "双师型等级、认定依据、计入占比 三列为系统计算结果，导入时忽略。",
        "导入前会逐行检查，任何一行有错误都不会写入。",
    ]
    for line in lines:
        if line:
            ws.append([line])
    ws.column_dimensions["A"].width = 120


def read_upload(content: bytes, limit: int) -> bytes:
    """Refuse an empty or oversized upload with a clear message."""
    if not content:
        raise Invalid("file: the upload is empty", errors=[{"field": "file", "message": "empty"}])
    if len(content) > limit:
        raise Invalid(
            f"file: larger than {limit} bytes", errors=[{"field": "file", "message": "too large"}]
        )
    return content
