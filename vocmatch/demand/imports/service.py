"""Import postings from the file an HR clerk exports: CSV (UTF-8, UTF-8 with BOM, GB18030) or XLSX.

Columns are recognised by their usual Chinese or English names (岗位名称, 招聘人数, …). A dry run
reports every row's problems and writes nothing. A real import writes nothing unless every row is
valid, or — only when asked explicitly with ``mode="valid_only"`` — writes the valid rows and lists
the skipped ones. Rows are upserted by (source ``import``, the writer's namespace, external_id):
an enterprise's ids address only its own postings. A file without an id column gets a stable id
per row content and enterprise, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from openpyxl import load_workbook
from sqlalchemy.orm import Session

from vocmatch.audit.service import record
from vocmatch.demand.platform_batch.service import resolve_enterprises, upsert_batch, validate_items
from vocmatch.enterprises.lookup import load_index
from vocmatch.enterprises.models import Enterprise
from vocmatch.kit.errors import Forbidden, Invalid
from vocmatch.kit.principal import Principal

SOURCE = "import"
MAX_ROWS = 20_000
WRITE_CHUNK = 1000

ALIASES: dict[str, tuple[str, ...]] = {
    "external_id": ("external_id", "岗位编号", "职位编号", "编号", "外部编号", "需求编号"),
    "enterprise_name": (
        "enterprise_name",
        "enterprise",
        "企业名称",
        "单位名称",
        "公司名称",
        "企业",
        "用人单位",
    ),
    "enterprise_credit_code": (
        "enterprise_credit_code",
        "credit_code",
        "统一社会信用代码",
        "信用代码",
    ),
    "title": ("title", "岗位名称", "职位名称", "岗位", "职位", "工种"),
    "description": ("description", "岗位描述", "岗位职责", "职位描述", "工作内容", "岗位要求"),
    "skills": ("skills", "技能要求", "技能", "关键技能", "专业技能"),
    "headcount": ("headcount", "招聘人数", "需求人数", "人数", "招聘数量"),
    "education": ("education", "学历要求", "学历", "最低学历"),
    "type": ("type", "需求类型", "用工类型", "类型", "招聘类型"),
    "location": ("location", "工作地点", "地点", "工作地址"),
    "salary": ("薪资范围", "薪资", "月薪", "工资"),
    "salary_min": ("salary_min", "最低薪资", "薪资下限", "最低月薪"),
    "salary_max": ("salary_max", "最高薪资", "薪资上限", "最高月薪"),
    "valid_from": ("valid_from", "开始日期", "发布日期", "有效期起", "起始日期"),
    "valid_until": ("valid_until", "截止日期", "有效期至", "结束日期", "截止时间"),
    "status": ("status", "状态", "招聘状态"),
}
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
_HEADER_INDEX = {alias.lower(): f for f, names in ALIASES.items() for alias in names}


@dataclass
class ImportReport:
    """What an import found (dry run) or did."""

    filename: str
    format: str  # csv | xlsx
    encoding: str | None
    rows: int
    valid: int
    errors: list[dict[str, Any]]
    columns: dict[str, str]  # file header -> field
    ignored_columns: list[str]
    pending_enterprises: list[str]
    preview: list[dict[str, Any]] = field(default_factory=list)
    written: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped_rows: list[int] = field(default_factory=list)


def decode_csv(data: bytes) -> tuple[str, str]:
    """Return the text of a CSV file and the encoding detected (UTF-8 with/without BOM, GB18030)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise Invalid(
            "the file is neither UTF-8 nor GB18030 text; save it as CSV (UTF-8) or XLSX",
            errors=[{"field": "file", "message": "unknown text encoding"}],
        ) from None


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


def read_table(
    data: bytes, filename: str
) -> tuple[str, str | None, list[str], list[tuple[int, list[str]]]]:
    """Return (format, encoding, header, [(line, cells)]) of a CSV or XLSX file."""
    if data[:4] == b"PK\x03\x04" or filename.lower().endswith(".xlsx"):
        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for a broken file
            raise Invalid(
                f"cannot read {filename} as XLSX: {type(exc).__name__}",
                errors=[{"field": "file", "message": "not a readable XLSX workbook"}],
            ) from None
        ws = wb.worksheets[0]
        rows = [
            (n, [_cell(c) for c in r])
            for n, r in enumerate(ws.iter_rows(values_only=True), start=1)
        ]
        wb.close()
        fmt, encoding = "xlsx", None
    else:
        text, encoding = decode_csv(data)
        rows = [
            (n, [c.strip() for c in r])
            for n, r in enumerate(csv.reader(io.StringIO(text)), start=1)
        ]
        fmt = "csv"
    rows = [(n, r) for n, r in rows if any(r)]
    if not rows:
        raise Invalid(f"{filename} is empty", errors=[{"field": "file", "message": "empty"}])
    (_, header), body = rows[0], rows[1:]
    if len(body) > MAX_ROWS:
        raise Invalid(
            f"{filename} has {len(body)} rows; import at most {MAX_ROWS} at a time",
            errors=[{"field": "file", "message": f"at most {MAX_ROWS} rows"}],
        )
    return fmt, encoding, header, body


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
    data: bytes,
    filename: str,
    dry_run: bool = True,
    mode: Literal["all", "valid_only"] = "all",
) -> ImportReport:
    """Check (and unless ``dry_run``, write) the postings of an exported file."""
    if principal.role not in ("admin", "platform", "enterprise"):
        raise Forbidden("planners read postings; they do not import them")
    fmt, encoding, header, body = read_table(data, filename)
    columns = {h: _HEADER_INDEX[h.lower()] for h in header if h.lower() in _HEADER_INDEX}
    ignored = [h for h in header if h and h not in columns]
    if "title" not in columns.values():
        raise Invalid(
            f"{filename}: no title column (岗位名称 / title) in the header",
            errors=[{"field": "file", "message": "missing column 岗位名称 (title)", "row": 1}],
        )
    own: Enterprise | None = None
    if principal.role == "enterprise":
        own = session.get(Enterprise, principal.enterprise_id or -1)
        if own is None or own.status != "active":
            raise Forbidden(
                "your enterprise is awaiting approval by an administrator", key="problem.pending"
            )
    items: list[dict[str, Any]] = []
    lines: list[int] = []
    for line, cells in body:
        named = {columns[h]: v for h, v in zip(header, cells, strict=False) if h in columns}
        items.append(to_item(named, owner=own))
        lines.append(line)
    parsed, errors = validate_items(items)
    refs = resolve_enterprises(session, parsed, load_index(session))
    errors += refs.errors
    row_errors = [
        {"row": lines[e["index"]], "field": e["field"], "message": e["message"]} for e in errors
    ]
    bad = {e["index"] for e in errors}
    report = ImportReport(
        filename=filename,
        format=fmt,
        encoding=encoding,
        rows=len(items),
        valid=len(items) - len(bad),
        errors=sorted(row_errors, key=lambda e: (e["row"], e["field"])),
        columns=columns,
        ignored_columns=ignored,
        pending_enterprises=sorted(
            {refs.new[k][0] for i, k in refs.new_of.items() if i not in bad}
        ),
        preview=[it for i, it in enumerate(items) if i not in bad][:20],
    )
    if dry_run:
        return report
    if bad and mode != "valid_only":
        raise Invalid(
            f"{len(bad)} of {len(items)} rows are invalid; nothing was imported "
            "(fix them, or import only the valid rows explicitly)",
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
