"""Every page in Chinese shows Chinese: no internal key, no English sentence (issue 17, item 1).

The walk enumerates the app's HTML GET routes (so a new page is walked without being listed here),
fills path parameters from the fixture data, and reads every page as an administrator, a planner
and an enterprise user. The detector flags, in the visible text (not in code, ids or attributes):
- an internal key: a snake_case word, a ``chain/segment`` key, a vocabulary value of the code
  (statuses, kinds, levels…) or one of the words issue 17 found on the pages;
- an English sentence: a run of three or more English words, minus a short allow-list.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from fastapi.routing import APIRoute
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories import login, make_user
from vocmatch.accounts import service as auth
from vocmatch.audit.pages import entity_label, label, readable, value_label
from vocmatch.demand.models import Posting
from vocmatch.enterprises.models import Enterprise
from vocmatch.indicators.models import Designation
from vocmatch.industries.schemas import CHAIN_KEYS
from vocmatch.kit.messages import error_text, translate_errors
from vocmatch.partnerships.models import Activity, Agreement, Evidence, Partner
from vocmatch.teachers.models import Teacher, TeacherQualification

HTML = {"Accept": "text/html"}
SKIP_TAGS = {"script", "style", "code", "pre", "kbd", "samp", "textarea"}
# Words of the code's vocabularies that must never be shown as they are (issue 17's list and the
# enums behind it); whole words, case-sensitive.
INTERNAL = {
    *CHAIN_KEYS,
    "none",
    "programme:",
    "linked occupation",
    "segment:",
    "alias",
    "work type",
    "(model)",
    "senior",
    "intermediate",
    "junior",
    "done",
    "prefix",
    "expires",
    "revoked",
    "pending",
    "active",
    "rejected",
    "hire",
    "internship",
    "apprenticeship",
    "full_time",
    "part_time",
    "None",
    "True",
    "False",
    "null",
}
SINGLE_LETTERS = {"M", "F"}  # a cell that is only the gender code
# Runs of three or more English words that are names, not sentences.
ALLOWED_RUNS = {"Greater Bay Area", "Guangdong Hong Kong Macao"}
DOTTED_KEY = re.compile(r"\b[a-z]+(?:\.[a-z_]+)+\b")
# Pages allowed to show English sentences: none (the teacher pages' rule interpretations and
# citations are written {zh, en} in the data files since issue 15). Listed so none joins silently.
KNOWN_ENGLISH_PAGES: set[str] = set()
SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
SEGMENT_KEY = re.compile(r"\b[a-z]+(?:_[a-z]+)*/[a-z]+(?:_[a-z]+)*\b")
ENGLISH_RUN = re.compile(r"\b[A-Za-z][a-z']+(?:[ ,\-]+[A-Za-z][a-z']+){2,}\b")


class _Text(HTMLParser):
    """Collects the visible text of a page (outside scripts, styles and code)."""

    def __init__(self) -> None:
        super().__init__()
        self.skip = 0
        self.chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in SKIP_TAGS:
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS and self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip and data.strip():
            self.chunks.append(data.strip())


def visible_text(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return parser.chunks


def faults(chunks: list[str]) -> list[str]:
    """Return what a Chinese reader would trip over in ``chunks`` (empty when the page is clean)."""
    found: list[str] = []
    for chunk in chunks:
        if chunk in SINGLE_LETTERS:
            found.append(f"code {chunk!r}")
        for m in SNAKE.finditer(chunk):
            found.append(f"key {m.group()!r} in {chunk[:80]!r}")
        for m in DOTTED_KEY.finditer(chunk):
            found.append(f"key {m.group()!r} in {chunk[:80]!r}")
        for m in SEGMENT_KEY.finditer(chunk):
            if m.group().startswith("data/"):  # a file path the planner edits (data/plans/…)
                continue
            found.append(f"key {m.group()!r} in {chunk[:80]!r}")
        for word in INTERNAL:
            if re.search(rf"(?<![\w/]){re.escape(word)}(?![\w/])", chunk):
                found.append(f"internal {word!r} in {chunk[:80]!r}")
        for m in ENGLISH_RUN.finditer(chunk):
            if not any(m.group() in ok for ok in ALLOWED_RUNS):
                found.append(f"english {m.group()!r} in {chunk[:80]!r}")
    return found


def test_the_detector_finds_what_issue_17_found() -> None:
    # Hand-made lines from the issue's screenshots, and lines a Chinese page may show.
    assert faults(["证据：programme: 数控技术应用"])
    assert faults(["新能源 new_energy/hydrometallurgy"])
    assert faults(["Input should be a valid integer"])
    assert faults(["M"])
    assert faults(["重新匹配 done"])
    assert not faults(
        ["数控技术应用（660103）", "API", "ChatGPT 之类 AI 工具", "中职 · 2026-09-01"]
    )


def test_validation_errors_are_translated_with_labels() -> None:
    # A pydantic error as FastAPI reports it: type and ctx decide the sentence.
    error = {
        "type": "int_parsing",
        "loc": ("body", "headcount"),
        "msg": "Input should be a valid integer, unable to parse string as an integer",
        "input": "十",
    }
    (zh,) = translate_errors([error], "zh")
    assert zh["message"] == "招聘人数：请填写整数" and zh["field"] == "headcount"
    (en,) = translate_errors([error], "en")
    assert en["message"].startswith("headcount: Input should be a valid integer")
    nested = {"type": "missing", "loc": ("body", "changes", 0, "programme_code"), "msg": "x"}
    assert translate_errors([nested], "zh")[0]["message"] == "调整 · 第 1 项 · 专业：必须填写"
    ranged = {"type": "less_than_equal", "loc": ("top_k",), "msg": "x", "ctx": {"le": 50}}
    assert error_text(ranged, "zh") == "不能大于 50"


def get_routes(app: Any) -> list[APIRoute]:
    """Return every GET route of the app (through the routers it includes)."""
    found: list[APIRoute] = []

    def walk(routes: Any) -> None:
        for r in routes:
            if hasattr(r, "original_router"):
                walk(r.original_router.routes)
            elif isinstance(r, APIRoute) and "GET" in r.methods:
                found.append(r)

    walk(app.routes)
    return found


def _page_routes(app: Any) -> list[str]:
    return sorted(
        {
            r.path
            for r in get_routes(app)
            if not r.include_in_schema and not r.path.startswith(("/api/", "/docs", "/openapi"))
        }
    )


def _ids(db: Session, enterprise: Enterprise) -> dict[str, str]:
    posting = db.scalar(select(Posting.id).where(Posting.enterprise_id == enterprise.id).limit(1))
    platform = make_user(db, "platform")
    issued = auth.create_key(db, username=platform.username, name="平台")
    return {
        "prefix": issued.key.prefix,
        "period_id": "1",
        "username": platform.username,
        "code": "660103",
        "key": "rare_earth",
        "posting_id": str(posting),
        "teacher_id": str(db.scalar(select(Teacher.id).order_by(Teacher.id).limit(1))),
        "activity_id": str(db.scalar(select(Activity.id).order_by(Activity.id).limit(1))),
        "partner_id": str(db.scalar(select(Partner.id).order_by(Partner.id).limit(1))),
        "agreement_id": str(db.scalar(select(Agreement.id).order_by(Agreement.id).limit(1))),
        "kind": "qualifications",
        "record_id": str(
            db.scalar(select(TeacherQualification.id).order_by(TeacherQualification.id).limit(1))
        ),
        "evidence_id": str(db.scalar(select(Evidence.id).order_by(Evidence.id).limit(1)) or 1),
        "designation_id": str(
            db.scalar(select(Designation.id).order_by(Designation.id).limit(1)) or 1
        ),
    }


def _fill(path: str, ids: dict[str, str]) -> str:
    def sub(m: re.Match[str]) -> str:
        name = m.group(1).split(":")[0]
        if name == "code" and path.startswith(("/schools", "/occupations")):
            return "GXZZ" if path.startswith("/schools") else "6-18-01-01"
        return ids[name]

    return re.sub(r"\{([^}]+)\}", sub, path)


def test_audit_details_read_in_the_page_language() -> None:
    # Whatever a service records (filters with nulls, status words, vocabulary values, counts,
    # flags), the audit page shows labels and words, not the code's own keys.
    rows = readable(
        {
            "filters": {"programme": None, "status": "pending", "q": None},
            "type": "five_commons_syllabus",
            "evidence_files": 2,
            "confirmed": True,
        }
    )
    assert rows == [
        ("筛选条件", "状态：待审核", None),
        ("类型", "教学大纲", None),
        ("佐证文件数", "2", None),
        ("已确认", "是", None),
    ]
    assert readable({"before": "pending", "after": "active"}) == [("状态", "待审核", "已审核")]
    assert readable({"before": "pending", "after": "active"}, lang="en") == [
        ("status", "Pending", "Active")
    ]
    # An update's one diff shape (audit.service.record_changes), and a partnership row of before.
    assert readable({"key": "P-1", "changes": {"status": ["pending", "active"]}}) == [
        ("状态", "待审核", "已审核"),
        ("标识", "P-1", None),
    ]
    assert readable({"changed": {"status": ["pending", "active"]}}) == [
        ("状态", "待审核", "已审核")
    ]
    # A refused request keeps the error's English message; the page names the refusal instead.
    denied = {"status": 401, "reason": "invalid, expired or revoked API key"}
    assert readable(denied)[1] == ("原因", "需要登录", None)
    assert readable(denied, lang="en")[1][1] == "invalid, expired or revoked API key"


_RECORD_ARGS = {None, "actor", "action", "entity_type", "entity_id", "changes"}


def test_every_audit_detail_key_a_service_records_has_a_label() -> None:
    # The keys are read from the code (every ``detail={...}`` literal and the context keywords of
    # ``record_changes``/``add_created``/``delete_recorded``), so a new one needs a label.
    import ast
    from pathlib import Path

    import vocmatch

    keys: set[str] = set()
    words: set[str] = set()  # the constant words recorded as values (a page name, a reason)
    for path in Path(vocmatch.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                for kw in node.keywords:
                    if kw.arg == "detail" and isinstance(kw.value, ast.Dict):
                        # Nested and spread dicts too: ``**({"confirmed_distinct": True} if …)``.
                        for inner in ast.walk(kw.value):
                            if isinstance(inner, ast.Dict):
                                keys |= {k.value for k in inner.keys if isinstance(k, ast.Constant)}
                        for v in kw.value.values:
                            parts = [v.body, v.orelse] if isinstance(v, ast.IfExp) else [v]
                            words |= {
                                p.value
                                for p in parts
                                if isinstance(p, ast.Constant) and isinstance(p.value, str)
                            }
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                if name in (
                    "record_changes",
                    "add_created",
                    "delete_recorded",
                ):  # detail as keywords
                    context = [kw for kw in node.keywords if kw.arg not in _RECORD_ARGS]
                    keys |= {str(kw.arg) for kw in context}
                    for kw in context:
                        v = kw.value
                        parts = [v.body, v.orelse] if isinstance(v, ast.IfExp) else [v]
                        words |= {
                            p.value
                            for p in parts
                            if isinstance(p, ast.Constant) and isinstance(p.value, str)
                        }
    assert len(keys) > 30 and len(words) > 5
    assert not sorted(k for k in keys if label(k) == k)
    assert not sorted(w for w in words if value_label(w) == w)


def test_every_kind_of_audited_thing_has_a_name() -> None:
    # What an entry is about: every table (add_created/delete_recorded record the table name),
    # every constant ``entity_type=`` in the code and the composed ones (a teacher's dated
    # records, analytics exports, evidence files) read as words in both languages.
    import ast
    import typing
    from pathlib import Path

    import vocmatch
    from vocmatch.analytics import router as analytics_router
    from vocmatch.kit.db import Base
    from vocmatch.teachers.records.service import RECORD_MODELS

    kinds = set(Base.metadata.tables)
    for path in Path(vocmatch.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.keyword)
                and node.arg == "entity_type"
                and isinstance(node.value, ast.Constant)
            ):
                kinds.add(str(node.value.value))
    kinds |= {m.__tablename__ for m in RECORD_MODELS.values()}  # teacher_<kind>
    export_kinds = typing.get_args(
        typing.get_type_hints(analytics_router.export, include_extras=False)["kind"]
    )
    assert export_kinds, "the export kinds are read from the route's Literal"
    kinds |= {f"analytics.{k}" for k in export_kinds}
    kinds |= {"milestone_record.evidence", "designation.evidence"}
    assert {"teacher_verification", "teacher_obligations", "analytics.fit"} <= kinds and len(
        kinds
    ) > 40
    unnamed = sorted(
        k for k in kinds if entity_label(k) == k or re.search(r"[a-z]{3}", entity_label(k))
    )
    assert not unnamed
    assert entity_label("designation.evidence") == "认定与挂牌 · 佐证材料"
    assert entity_label("teacher_verification", "en") == "dual-qualified verification"


@pytest.mark.parametrize("role", ["admin", "planner", "enterprise"])
def test_every_page_in_chinese_has_no_internal_word_or_english_sentence(
    client, db: Session, app, role: str
) -> None:
    enterprise = db.scalar(select(Enterprise).where(Enterprise.name == "赣州稀土集团有限公司"))
    assert enterprise is not None
    user = make_user(db, role, enterprise=enterprise if role == "enterprise" else None)
    login(client, user.username)
    ids = _ids(db, enterprise)
    problems: dict[str, list[str]] = {}
    walked = 0
    for route in _page_routes(app):
        if route in KNOWN_ENGLISH_PAGES:
            continue
        path = _fill(route, ids)
        r = client.get(path, headers=HTML)
        assert r.status_code < 500, (path, r.status_code)  # a 500 answers problem+json, not HTML
        if r.status_code in (401, 403, 404) or "text/html" not in r.headers.get("content-type", ""):
            continue  # not this role's page (its refusal page is walked below), or an export
        assert r.status_code == 200, (path, r.status_code)
        walked += 1
        found = faults(visible_text(r.text))
        if found:
            problems[path] = found
    # The refusal and not-found pages a person can reach.
    # A domain 404/403 whose message has no i18n key (its English is for logs and API clients).
    refusals = ("/no-such-page", "/schools/capacity", "/teachers/999999")
    for path in (*refusals, "/admin/keys" if role != "admin" else "/portal"):
        r = client.get(path, headers=HTML)
        found = faults(visible_text(r.text))
        if found:
            problems[path] = found
    assert walked >= 10, walked
    assert not problems, "\n".join(f"{p}: {f[:6]}" for p, f in problems.items())
