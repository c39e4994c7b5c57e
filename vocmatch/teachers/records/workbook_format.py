"""The roster workbook format (a school HR office's): sheets, Chinese headers, cell values.

One workbook per school, one sheet per record type, Chinese headers (``*`` = required):

``教师名册`` — one row per teacher
    工号*, 姓名*, 性别, 出生年份, 身份证号, 专业代码, 专业, 任教学科, 用工类型 (专任 | 兼职),
    来源企业, 入职日期, 离职日期, 教师资格证 (有 | 无), 教师资格证号, 教师资格证取得日期,
    岗位类型 (固定岗 | 流动岗), 实习指导教师 (是 | 否); the export adds 符合认定条件等级, 符合条件依据,
    待核实, 计入占比 (computed eligibility — never recognition —, ignored on import).
``证书与职称`` — 工号*, 类别* (职业技能等级证书 | 职业资格证书 | 教师职称 | 行业职称), 名称*, 等级,
    发证机构, 取得日期, 相关领域
``企业工作经历`` — 工号*, 单位*, 岗位, 开始日期*, 结束日期
``企业实践`` — 工号*, 企业*, 开始日期*, 结束日期*, 天数*, 大湾区 (是 | 否), 内容
``认定记录`` — 工号*, 认定等级* (初级 | 中级 | 高级), 认定日期*, 认定机构*, 认定文号*, 佐证材料:
    the recognitions granted by the education authority. Optional sheet: when it is absent the
    recognitions on file are left alone; when present, each imported teacher's are made equal to it.
``说明`` — this description and the rule-set version (export only).

Import: every row of every sheet is checked first; any error (sheet, row, column, message) stops
the import and nothing is written. Teachers are matched by 工号; the dated records of each
imported teacher are made equal to the workbook's (practice recorded as a partnership activity is
kept). Teachers absent from the workbook are left alone. A masked ID number (from an export) keeps
the stored one. Exported ID numbers are always masked.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from vocmatch.kit.spreadsheet import restore

TEACHERS = "教师名册"
QUALIFICATIONS = "证书与职称"
EXPERIENCE = "企业工作经历"
PRACTICE = "企业实践"
RECOGNITIONS = "认定记录"
README = "说明"

TEACHER_COLUMNS = [
    "工号", "姓名", "性别", "出生年份", "身份证号", "专业代码", "专业", "任教学科", "用工类型", "来源企业",
    "入职日期", "离职日期", "教师资格证", "教师资格证号", "教师资格证取得日期", "岗位类型", "实习指导教师",
]  # fmt: skip
# Computed by the rules from the records: eligibility (符合认定条件), never recognition (认定).
STATUS_COLUMNS = ["符合认定条件等级", "符合条件依据", "待核实", "计入占比"]
RECOGNITION_COLUMNS = ["工号", "认定等级", "认定日期", "认定机构", "认定文号", "佐证材料"]
QUALIFICATION_COLUMNS = ["工号", "类别", "名称", "等级", "发证机构", "取得日期", "相关领域"]
EXPERIENCE_COLUMNS = ["工号", "单位", "岗位", "开始日期", "结束日期"]
PRACTICE_COLUMNS = ["工号", "企业", "开始日期", "结束日期", "天数", "大湾区", "内容"]
REQUIRED = {
    TEACHERS: ["工号", "姓名"],
    QUALIFICATIONS: ["工号", "类别", "名称"],
    EXPERIENCE: ["工号", "单位", "开始日期"],
    PRACTICE: ["工号", "企业", "开始日期", "结束日期", "天数"],
    RECOGNITIONS: ["工号", "认定等级", "认定日期", "认定机构", "认定文号"],
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
LEVELS_BY_NAME = {v: k for k, v in LEVEL_NAMES.items()} | {k: k for k in LEVEL_NAMES}
# Title ranks (职称等级) a record may hold as the rules' English keys, written in words; an
# import compares them by rank word, so an exported "中级" is the stored "intermediate".
TITLE_LEVEL_NAMES = {"junior": "初级", "intermediate": "中级", "senior": "副高级",
                     "full_senior": "正高级"}  # fmt: skip
TITLE_LEVELS_BY_NAME = {v: k for k, v in TITLE_LEVEL_NAMES.items()} | {"高级": "senior"}
POST_TYPE_NAMES = {"fixed": "固定岗", "flexible": "流动岗", "": ""}
POST_TYPES = {v: k for k, v in POST_TYPE_NAMES.items()} | {"fixed": "fixed", "flexible": "flexible"}
YES = {"是", "有", "1", "y", "yes", "true", "√"}
NO = {"否", "无", "0", "n", "no", "false", ""}
MAX_ROWS = 5000


def text(v: Any) -> str:
    """Return a cell as text, without the apostrophe our exports put before formula-like text."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(restore(str(v).strip()))


def parse_date(v: Any) -> date | None:
    if v is None or v == "":
        return None
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    s = text(v)
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", s) or re.fullmatch(
        r"(\d{4})(\d{2})(\d{2})", s
    )
    if not m:
        raise ValueError(f"not a date: {s!r} (use 2024-07-01)")
    return date(int(m[1]), int(m[2]), int(m[3]))


def parse_flag(v: Any) -> bool:
    s = text(v).lower()
    if s in YES:
        return True
    if s in NO:
        return False
    raise ValueError(f"expected 是/否 (or 有/无), got {s!r}")
