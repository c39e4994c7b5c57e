"""Read a roster workbook into validated rows, collecting every error with its sheet, row and column."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from openpyxl import load_workbook
from pydantic import ValidationError

from vocmatch.kit.errors import Invalid
from vocmatch.teachers.dual_qualified.rules import load_rules
from vocmatch.teachers.records.service import (
    check_practice,
    check_qualification,
    check_recognition,
)
from vocmatch.teachers.records.workbook_format import (
    EMPLOYMENT,
    EXPERIENCE,
    KINDS,
    LEVELS_BY_NAME,
    MAX_ROWS,
    POST_TYPES,
    PRACTICE,
    QUALIFICATIONS,
    RECOGNITIONS,
    REQUIRED,
    TEACHERS,
    parse_date,
    parse_flag,
    text,
)
from vocmatch.teachers.schemas import (
    ExperienceIn,
    ImportRowError,
    PracticeIn,
    QualificationIn,
    RecognitionIn,
    TeacherIn,
)


@dataclass
class _Sheet:
    name: str
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


@dataclass
class Parsed:
    """The rows of a workbook and the errors found in them."""

    teachers: list[tuple[int, TeacherIn]] = field(default_factory=list)
    masked: set[str] = field(default_factory=set)  # staff numbers whose ID cell was a mask
    qualifications: list[tuple[int, str, QualificationIn]] = field(default_factory=list)
    experience: list[tuple[int, str, ExperienceIn]] = field(default_factory=list)
    practice: list[tuple[int, str, PracticeIn]] = field(default_factory=list)
    # None: the workbook has no 认定记录 sheet (recognitions on file stay as they are).
    recognitions: list[tuple[int, str, RecognitionIn]] | None = None
    errors: list[ImportRowError] = field(default_factory=list)

    def error(self, sheet: str, row: int, column: str, message: str) -> None:
        self.errors.append(ImportRowError(sheet=sheet, row=row, column=column, message=message))


def _read_sheets(content: bytes, parsed: Parsed) -> dict[str, _Sheet]:
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:
        # Not a workbook at all: the request is wrong, not a row (issue 12: this answered 200).
        raise Invalid(
            "the file is not an .xlsx workbook",
            errors=[{"field": "file", "message": "not an .xlsx workbook"}],
        ) from None
    sheets: dict[str, _Sheet] = {}
    for name in (TEACHERS, QUALIFICATIONS, EXPERIENCE, PRACTICE, RECOGNITIONS):
        if name not in wb.sheetnames:
            if name == TEACHERS:
                parsed.error(name, 0, "", f"sheet {name!r} is missing")
            continue
        ws = wb[name]
        rows = ws.iter_rows(values_only=True)
        header = [text(h) for h in next(rows, ())]
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
            if all(text(v) == "" for v in cells.values()):
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
    "teacher_certificate_on": "教师资格证取得日期", "post_type": "岗位类型",
    "practice_instructor": "实习指导教师",
}  # fmt: skip


def _programme(cells: dict[str, Any], names: dict[str, str]) -> str | None:
    code = text(cells.get("专业代码"))
    if code:
        return code
    value = text(cells.get("专业"))
    if not value:
        return None
    m = re.match(r"^(\d{6})", value)
    if m:
        return m[1]
    by_name = {n: c for c, n in names.items()}
    if value in by_name:
        return by_name[value]
    raise ValueError(f"unknown programme {value!r}: give the 6-digit code in 专业代码")


def _parse_teachers(sheet: _Sheet, school_code: str, names: dict[str, str], parsed: Parsed) -> None:
    for row, cells in sheet.rows:
        column = ""
        try:
            column = "专业"
            programme = _programme(cells, names)
            column = "用工类型"
            emp_text = text(cells.get("用工类型")) or "专任"
            if emp_text not in EMPLOYMENT:
                raise ValueError(f"expected 专任 or 兼职, got {emp_text!r}")
            column = "身份证号"
            id_text = text(cells.get("身份证号")).upper()
            masked = "*" in id_text
            dates = {}
            for key in ("hired_on", "left_on", "teacher_certificate_on"):
                column = _TEACHER_FIELDS[key]
                dates[key] = parse_date(cells.get(column))
            column = "教师资格证"
            has_cert = parse_flag(cells.get("教师资格证"))
            column = "实习指导教师"
            instructor = parse_flag(cells.get("实习指导教师"))
            column = "岗位类型"
            post = text(cells.get("岗位类型"))
            if post not in POST_TYPES:
                raise ValueError(f"expected 固定岗 or 流动岗 (or empty), got {post!r}")
            column = "出生年份"
            birth = text(cells.get("出生年份"))
            if birth and not birth.isdigit():
                raise ValueError(f"expected a year such as 1985, got {birth!r}")
            column = ""
            data = TeacherIn(
                school_code=school_code,
                staff_no=text(cells.get("工号")),
                name=text(cells.get("姓名")),
                gender=text(cells.get("性别")),
                birth_year=int(birth) if birth else None,
                id_card="" if masked else id_text,
                programme_code=programme,
                subject_area=text(cells.get("任教学科")),
                employment=EMPLOYMENT[emp_text],  # type: ignore[arg-type]
                source_enterprise=text(cells.get("来源企业")),
                has_teacher_certificate=has_cert,
                teacher_certificate_no=text(cells.get("教师资格证号")),
                practice_instructor=instructor,
                post_type=POST_TYPES[post],  # type: ignore[arg-type]
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


def _parse_details(sheets: dict[str, _Sheet], parsed: Parsed) -> None:
    rules = load_rules()
    for row, cells in sheets.get(QUALIFICATIONS, _Sheet(QUALIFICATIONS)).rows:
        kind = KINDS.get(text(cells.get("类别")))
        if kind is None:
            parsed.error(
                QUALIFICATIONS,
                row,
                "类别",
                "expected 职业技能等级证书, 职业资格证书, 教师职称 or 行业职称",
            )
            continue
        q = _read(QualificationIn, cells, _QUALIFICATION, "取得日期", parsed, row, kind=kind)
        if q is None:
            continue
        problem = check_qualification(q, rules)
        if problem:
            parsed.error(QUALIFICATIONS, row, "等级", problem)
            continue
        parsed.qualifications.append((row, text(cells.get("工号")), q))
    for row, cells in sheets.get(EXPERIENCE, _Sheet(EXPERIENCE)).rows:
        x = _read(ExperienceIn, cells, _EXPERIENCE, "开始日期/结束日期", parsed, row)
        if x is None:
            continue
        if x.end_date is not None and x.end_date < x.start_date:
            parsed.error(EXPERIENCE, row, "结束日期", "end date is before the start date")
            continue
        parsed.experience.append((row, text(cells.get("工号")), x))
    for row, cells in sheets.get(PRACTICE, _Sheet(PRACTICE)).rows:
        p = _read(PracticeIn, cells, _PRACTICE, "开始日期/结束日期/大湾区", parsed, row)
        if p is None:
            continue
        problem = check_practice(p)
        if problem:
            parsed.error(PRACTICE, row, "天数" if "fit" in problem else "结束日期", problem)
            continue
        parsed.practice.append((row, text(cells.get("工号")), p))


def _parse_recognitions(sheet: _Sheet, parsed: Parsed) -> None:
    parsed.recognitions = []
    seen: dict[tuple[str, str, str], int] = {}  # (工号, 等级, 文号) → first row
    for row, cells in sheet.rows:
        level = text(cells.get("认定等级"))
        if level not in LEVELS_BY_NAME:
            parsed.error(RECOGNITIONS, row, "认定等级", "expected 初级, 中级 or 高级")
            continue
        r = _read(
            RecognitionIn, cells, _RECOGNITION, "认定日期", parsed, row, level=LEVELS_BY_NAME[level]
        )
        if r is None:
            continue
        problem = check_recognition(r, date.today())
        if problem:
            parsed.error(RECOGNITIONS, row, "认定日期", problem)
            continue
        staff_no = text(cells.get("工号"))
        key = (staff_no, r.level, r.document_no)
        if key in seen:
            parsed.error(
                RECOGNITIONS, row, "认定文号", f"the same recognition is on row {seen[key]}"
            )
            continue
        seen[key] = row
        parsed.recognitions.append((row, staff_no, r))


def _flag_or_none(v: Any) -> bool | None:
    return parse_flag(v) if text(v) else None


def _days(v: Any) -> Any:
    return text(v) or 0


# The columns of the record sheets: field → (the column's header, how its cell is read).
_Columns = dict[str, tuple[str, Callable[[Any], Any]]]
_QUALIFICATION: _Columns = {
    "name": ("名称", text), "level": ("等级", text), "issuer": ("发证机构", text),
    "issued_on": ("取得日期", parse_date), "field": ("相关领域", text),
}  # fmt: skip
_EXPERIENCE: _Columns = {
    "employer": ("单位", text), "role": ("岗位", text),
    "start_date": ("开始日期", parse_date), "end_date": ("结束日期", parse_date),
}  # fmt: skip
_PRACTICE: _Columns = {
    "enterprise_name": ("企业", text), "start_date": ("开始日期", parse_date),
    "end_date": ("结束日期", parse_date), "days": ("天数", _days),
    "bay_area": ("大湾区", _flag_or_none), "content": ("内容", text),
}  # fmt: skip
_RECOGNITION: _Columns = {
    "recognised_on": ("认定日期", parse_date), "issuer": ("认定机构", text),
    "document_no": ("认定文号", text), "evidence": ("佐证材料", text),
}  # fmt: skip
_R = TypeVar("_R", QualificationIn, ExperienceIn, PracticeIn, RecognitionIn)
_SHEET_OF: dict[type[Any], str] = {
    QualificationIn: QUALIFICATIONS,
    ExperienceIn: EXPERIENCE,
    PracticeIn: PRACTICE,
    RecognitionIn: RECOGNITIONS,
}


def _read(
    model: type[_R],
    cells: dict[str, Any],
    columns: _Columns,
    unreadable: str,
    parsed: Parsed,
    row: int,
    **given: Any,
) -> _R | None:
    """Return the row of a record sheet as ``model`` (``columns`` read from ``cells``, the
    ``given`` values as they are), or None with the error recorded on the column it names (a
    cell that cannot be read at all, such as a date, on the ``unreadable`` columns)."""
    try:
        return model(**given, **{f: read(cells.get(head)) for f, (head, read) in columns.items()})
    except ValidationError as exc:
        col, msg = _first_error(exc, {f: head for f, (head, _) in columns.items()})
    except ValueError as exc:
        col, msg = unreadable, str(exc)
    parsed.error(_SHEET_OF[model], row, col, msg)
    return None


def parse_workbook(content: bytes, school_code: str, names: dict[str, str]) -> Parsed:
    """Return the workbook's rows, parsed and checked one by one (errors collected, not raised)."""
    parsed = Parsed()
    sheets = _read_sheets(content, parsed)
    if TEACHERS in sheets:
        _parse_teachers(sheets[TEACHERS], school_code, names, parsed)
    _parse_details(sheets, parsed)
    if RECOGNITIONS in sheets:
        _parse_recognitions(sheets[RECOGNITIONS], parsed)
    return parsed
