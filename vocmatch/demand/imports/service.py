"""Import postings from the file an HR clerk exports: CSV (UTF-8, UTF-8 with BOM, GB18030) or XLSX.

Columns are recognised by their usual Chinese or English names (岗位名称, 招聘人数, …). A dry run
reports every row's problems and writes nothing. A real import writes nothing unless every row is
valid, or — only when asked explicitly with ``mode="valid_only"`` — writes the valid rows and lists
the skipped ones. Rows are upserted by (source ``import``, the writer's namespace, external_id):
an enterprise's ids address only its own postings. A file without an id column gets a stable id
per row content and enterprise, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime
from typing import IO, Any, Literal

from sqlalchemy.orm import Session

from vocmatch.audit.service import record
from vocmatch.demand.platform_batch.service import resolve_enterprises, upsert_batch, validate_items
from vocmatch.demand.schemas import ImportOut
from vocmatch.enterprises.lookup import load_index
from vocmatch.enterprises.models import Enterprise
from vocmatch.kit import tables
from vocmatch.kit.errors import Forbidden, Invalid
from vocmatch.kit.principal import Principal
from vocmatch.kit.tables import (
    Column,
    Row,
    RowError,
    Sheet,
    Table,
    error_message,
    preview_rows,
    read_table,
)

SOURCE = "import"
MAX_ROWS = 20_000
WRITE_CHUNK = 1000

COLUMNS = [
    Column("external_id", "岗位编号", aliases=("职位编号", "编号", "外部编号", "需求编号"),
           note="企业自己的岗位编号；同一编号再次导入即更新该岗位。不填时按企业、岗位名称、地点、开始日期生成", example="HR-2027-001"),
    Column("enterprise_name", "企业名称", aliases=("enterprise", "单位名称", "公司名称", "企业", "用人单位"),
           note="用人单位全称；企业用户导入时一律记为本企业。系统中没有的企业将新建为待审核", example="赣州稀土集团有限公司"),
    Column("enterprise_credit_code", "统一社会信用代码", aliases=("credit_code", "信用代码"),
           note="18 位，可不填；填写时优先按代码识别企业", example=""),
    Column("title", "岗位名称", required=True, aliases=("职位名称", "岗位", "职位", "工种"),
           note="必填，如 稀土萃取工", example="稀土萃取工"),
    Column("description", "岗位描述", aliases=("岗位职责", "职位描述", "工作内容", "岗位要求"),
           note="岗位职责与要求，用于匹配专业", example="萃取槽操作与巡检"),
    Column("skills", "技能要求", aliases=("技能", "关键技能", "专业技能"),
           note="多项用 ；、，/ 分隔", example="萃取；分离"),
    Column("headcount", "招聘人数", kind="int", aliases=("需求人数", "人数", "招聘数量"),
           note="正整数", example=5),
    Column("education", "学历要求", aliases=("学历", "最低学历"),
           note="中职（中专、技校）| 大专（专科、高职）| 本科 | 不限", example="中职"),
    Column("type", "需求类型", aliases=("用工类型", "类型", "招聘类型"),
           note="招聘 | 顶岗实习（实习）| 订单班 | 现代学徒制（学徒）", example="招聘"),
    Column("location", "工作地点", aliases=("地点", "工作地址"), note="如 赣州高新区", example="赣州高新区"),
    Column("salary", "薪资范围", aliases=("薪资", "月薪", "工资"),
           note="月薪，如 4000-6500 或 4k-6k", example="4000-6500"),
    Column("salary_min", "最低薪资", aliases=("薪资下限", "最低月薪"), note="月薪（元），可代替薪资范围"),
    Column("salary_max", "最高薪资", aliases=("薪资上限", "最高月薪"), note="月薪（元）"),
    Column("valid_from", "开始日期", kind="date", aliases=("发布日期", "有效期起", "起始日期"),
           note="日期，如 2027-01-01 或 2027年1月1日", example=date(2027, 1, 1)),
    Column("valid_until", "截止日期", kind="date", aliases=("有效期至", "结束日期", "截止时间"),
           note="日期，不早于开始日期", example=date(2027, 3, 31)),
    Column("status", "状态", aliases=("招聘状态",), note="招聘中（默认）| 已招满 | 已关闭", example="招聘中"),
]  # fmt: skip
LABELS = {c.key: c.label for c in COLUMNS}
NOTES = [
    f"每次最多导入 {MAX_ROWS} 行；CSV 可用 UTF-8、UTF-8 BOM 或 GB18030 编码。",
    "先“预览检查”：逐行列出错误（行、列、原因）；“全部导入”只在没有错误时写入，一行有错则一行也不写。",
    "列的顺序不限；列名也可用常见别名（如 职位名称、需求人数）；表中其他列会被忽略。",
]
TYPE_WORDS = {
    "招聘": "hire", "全职": "hire", "社会招聘": "hire", "校园招聘": "hire", "hire": "hire",
    "顶岗实习": "internship", "实习": "internship", "岗位实习": "internship", "internship": "internship",
    "订单班": "order_class", "订单培养": "order_class", "order_class": "order_class",
    "现代学徒制": "apprenticeship", "学徒": "apprenticeship", "学徒制": "apprenticeship",
    "apprenticeship": "apprenticeship",
}  # fmt: skip
STATUS_WORDS = {
    "招聘中": "open", "开放": "open", "open": "open", "有效": "open",
    "已招满": "filled", "已满": "filled", "filled": "filled",
    "已关闭": "closed", "关闭": "closed", "closed": "closed", "停止招聘": "closed",
}  # fmt: skip


def _label(field_path: str) -> str:
    """The column a batch-item field came from (its label), for people."""
    key = field_path.split(".")[0]
    return LABELS.get(key, "薪资范围" if key.startswith("salary") else key)


def template() -> bytes:
    """The import template: the columns (Chinese), an example row, and what each column means."""
    return tables.template([Sheet("用工需求", COLUMNS)], NOTES)


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, datetime):
        return v.date().isoformat()
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _salary(text: str) -> tuple[str, str]:
    nums = [n.replace(",", "") for n in re.findall(r"\d[\d,]*", text)]
    if "k" in text.lower() or "千" in text:
        nums = [str(int(n) * 1000) for n in nums]
    if len(nums) >= 2:
        return nums[0], nums[1]
    if len(nums) == 1:
        return nums[0], nums[0]
    return "", ""


def _date(text: str) -> str:
    m = re.match(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$", text)
    return f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}" if m else text


def to_item(cells: dict[str, str], *, owner: Enterprise | None = None) -> dict[str, Any]:
    """Return the batch-item dict for one row (values normalised, blanks dropped); an enterprise
    user's rows are its own whatever the file says."""
    out: dict[str, Any] = {}
    for f, v in cells.items():
        if not v:
            continue
        if f == "salary":
            lo, hi = _salary(v)
            if lo:
                out.setdefault("salary_min", lo)
                out.setdefault("salary_max", hi)
        elif f == "skills":
            out[f] = [s for s in re.split(r"[;；,，、/]", v) if s.strip()]
        elif f == "type":
            out[f] = TYPE_WORDS.get(v, v)
        elif f == "status":
            out[f] = STATUS_WORDS.get(v, v)
        elif f in ("valid_from", "valid_until"):
            out[f] = _date(v)
        elif f in ("salary_min", "salary_max"):
            out[f] = _salary(v)[0] or v
        elif f == "education":
            out[f] = {"中专": "中职", "技校": "中职", "专科": "大专", "高职": "大专"}.get(v, v)
        else:
            out[f] = v
    if owner is not None:
        out.pop("enterprise_credit_code", None)
        out["enterprise_name"] = owner.name
    if not out.get("external_id"):
        # A stable id per row content and enterprise: the same file imported twice changes
        # nothing, and two firms importing "电工 / 赣州高新区" get two postings.
        key = "|".join(
            str(out.get(k, ""))
            for k in (
                "enterprise_name",
                "enterprise_credit_code",
                "title",
                "location",
                "valid_from",
            )
        )
        out["external_id"] = "imp-" + hashlib.sha256(key.encode()).hexdigest()[:16]
    return out


def run_import(
    session: Session,
    *,
    principal: Principal,
    data: bytes | IO[bytes],
    filename: str,
    dry_run: bool = True,
    mode: Literal["all", "valid_only"] = "all",
) -> ImportOut:
    """Check (and unless ``dry_run``, write) the postings of an exported file."""
    if principal.role not in ("admin", "platform", "enterprise"):
        raise Forbidden("planners read postings; they do not import them")
    table: Table[Any] = read_table(data, COLUMNS, None, MAX_ROWS, filename=filename)
    own: Enterprise | None = None
    if principal.role == "enterprise":
        own = session.get(Enterprise, principal.enterprise_id or -1)
        if own is None or own.status != "active":
            raise Forbidden(
                "your enterprise is awaiting approval by an administrator", key="problem.pending"
            )
    items: list[dict[str, Any]] = []
    lines: list[int] = []
    for row in table.rows:
        named = {k: _cell(v) for k, v in row.cells.items()}
        items.append(to_item(named, owner=own))
        lines.append(row.number)
    parsed, errors = validate_items(items, error_message)
    refs = resolve_enterprises(session, parsed, load_index(session))
    errors += refs.errors
    found = [
        RowError(table.sheet, lines[e["index"]], _label(e["field"]), e["message"]) for e in errors
    ]
    row_errors = [
        {**r.as_field(), "row": r.row, "field": e["field"], "column": r.column}
        for r, e in zip(found, errors, strict=True)
    ]
    bad = {e["index"] for e in errors}
    shown: list[Row[Any]] = [Row(n, it) for n, it in zip(lines, items, strict=True)]
    report = ImportOut(
        dry_run=dry_run,
        filename=filename,
        format=table.format,
        encoding=table.encoding,
        rows=len(items),
        valid=len(items) - len(bad),
        errors=sorted(row_errors, key=lambda e: (e["row"], e["field"])),
        columns=table.columns,
        ignored_columns=table.ignored,
        pending_enterprises=sorted(
            {refs.new[k][0] for i, k in refs.new_of.items() if i not in bad}
        ),
        preview=preview_rows(shown, found, COLUMNS),
    )
    if dry_run:
        return report
    if bad and mode != "valid_only":
        raise Invalid(
            f"{len(items)} 行中有 {len(bad)} 行有错误，没有导入任何数据"
            "（请改正后重新导入，或明确选择“仅导入有效行”）",
            errors=report.errors,
        )
    keep = [it for i, it in enumerate(items) if i not in bad]
    report.skipped_rows = sorted(lines[i] for i in bad)
    # The write below is one transaction (the caller's): all chunks land together or none do.
    for start in range(0, len(keep), WRITE_CHUNK):
        out = upsert_batch(
            session,
            principal=principal,
            raw_items=keep[start : start + WRITE_CHUNK],
            source=SOURCE,
            roles=("admin", "platform", "enterprise"),
        )
        report.created += out.created
        report.updated += out.updated
        report.unchanged += out.unchanged
    report.written = True
    record(
        session,
        actor=principal.audit_name(),
        action="import",
        entity_type="posting",
        detail={
            "filename": filename,
            "rows": report.rows,
            "created": report.created,
            "updated": report.updated,
            "skipped_rows": report.skipped_rows,
            "mode": mode,
        },
    )
    return report
