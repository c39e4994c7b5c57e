"""Plan periods, commitments with the plan's words, designation records and milestones (issue 15)."""

from __future__ import annotations

import html
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories import api_key_headers, login, make_user
from tests.partnerships.helpers import PDF
from vocmatch.analytics import targets
from vocmatch.audit.models import AuditEntry
from vocmatch.kit.config import get_settings
from vocmatch.schools.models import School

ROOT = Path(__file__).resolve().parents[2]
SEED = Path("/work/shared/seeds/ganxian-14th-fyp-education-plan.zh.txt")
HTML = {"Accept": "text/html"}

NEXT_PLAN = """
version: 2
plan:
  name_zh: 赣县区“十五五”教育事业发展规划（测试）
  name_en: Ganxian 15th plan (test)
  start: 2026-01-01
  deadline: 2030-12-31
indicators:
  - key: secondary_vocational_enrolment
    name_zh: 中等职业教育在校生
    name_en: Secondary vocational students
    clause: 表2
    quote: 中等职业教育在校生1.5万人
    nature: expected
    unit: 人
    baseline: 13000
    baseline_year: 2025
    target: 15000
    compare: at_least
    source: computed
milestones:
  - key: new_campus
    name_zh: 新校区
    name_en: New campus
    clause: 专栏4
    quote: 建设职教新校区
    nature: unstated
"""


# A municipal training base designated to GXZZ (the tests add the school, a programme, a file).
BASE = {
    "kind": "industry_education_training_base",
    "level": "municipal",
    "title": "赣州市产教融合型实训基地（数控）",
    "issuing_body": "赣州市发展和改革委员会",
    "document_number": "赣市发改字〔2025〕88号",
    "issued_on": "2025-10-15",
}


def _every_school_planner(client: TestClient, db: Session) -> str:
    codes = list(db.scalars(select(School.code)))
    return login(client, make_user(db, "planner", schools=codes).username)


def _all_commitments(path: Path) -> list[dict]:  # type: ignore[type-arg]
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return list(raw["indicators"]) + list(raw["milestones"])


@pytest.fixture
def plans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A plans directory of our own holding the 14th plan (tests add files to it)."""
    folder = tmp_path / "plans"
    shutil.copytree(get_settings().data_dir / "plans", folder)
    monkeypatch.setattr(targets, "plans_dir", lambda: folder)
    return folder


@pytest.fixture
def uploads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(get_settings(), "upload_dir", tmp_path / "uploads")
    return tmp_path / "uploads"


def test_every_quote_is_the_plans_own_words() -> None:
    seed = SEED.read_text(encoding="utf-8")
    # The repository's copy is the published text, unchanged; the fixture is the shipped file.
    assert (ROOT / "data/plans/sources/ganxian-14th.zh.txt").read_text(encoding="utf-8") == seed
    shipped = ROOT / "data/plans/ganxian-14th.yaml"
    assert (ROOT / "tests/data/plans/ganxian-14th.yaml").read_text() == shipped.read_text()
    items = _all_commitments(shipped)
    assert len(items) == 33
    for item in items:
        for c in [item, *item.get("also", [])]:
            assert c["quote"] in seed, (item["key"], c["quote"])
        if item.get("interpreted"):
            assert item["note_zh"] and item["note_en"], item["key"]
    refs = {i["key"]: (i["clause"], i["nature"]) for i in items}
    # The references the issue found wrong.
    assert refs["dual_qualified_share"] == ("专栏4", "unstated")
    assert refs["leading_enterprise_cooperation"][0] == "三(五)16"
    assert refs["vocational_education_group"][0] == "三(五)15"
    assert refs["secondary_vocational_enrolment"] == ("表2", "expected")
    lead = next(i for i in items if i["key"] == "leading_enterprise_cooperation")
    assert "优势特色专业" in lead["quote"]
    five = next(i for i in items if i["key"] == "five_commons_coverage")
    assert "target" not in five  # item 30 states a principle, no number


def test_every_commitment_is_on_the_indicators_page_with_clause_and_quote(
    client: TestClient, db: Session
) -> None:
    _every_school_planner(client, db)
    page = client.get("/planner/indicators", headers=HTML)
    assert page.status_code == 200
    text = html.unescape(page.text)
    for item in _all_commitments(get_settings().data_dir / "plans/ganxian-14th.yaml"):
        key = item["key"]
        row = re.search(rf'data-testid="(?:indicator|milestone)-{key}"(.*?)</tr>', text, re.S)
        assert row, key
        assert f'data-testid="clause">{item["clause"]}<' in row.group(1), key
        assert " ".join(item["quote"].split()) in row.group(1), key
    assert "预期性" in text and "规划未标属性" in text and "本系统解读" in text


def test_a_bad_plan_file_is_refused_naming_file_and_field(plans: Path) -> None:
    good = (plans / "ganxian-14th.yaml").read_text(encoding="utf-8")
    bad = good.replace("建设省级优质专业5个以上", "建设省级优质专业6个以上")
    with pytest.raises(targets.Invalid) as exc:
        targets.store_period("ganxian-14th-bis.yaml", bad.encode())
    assert exc.value.message.startswith("ganxian-14th-bis.yaml, field 'indicators.2.quote'")
    wrong = good.replace("nature: expected", "nature: binding-ish", 1)
    with pytest.raises(targets.Invalid) as exc:
        targets.store_period("x-plan.yaml", wrong.encode())
    assert "field 'indicators.0.nature'" in exc.value.message
    assert not (plans / "x-plan.yaml").exists() and not (plans / "ganxian-14th-bis.yaml").exists()


def test_a_next_plan_file_becomes_current_and_the_14th_is_finished(
    client: TestClient, db: Session, plans: Path
) -> None:
    today = date(2026, 12, 5)
    assert targets.plan_targets(today).id == "ganxian-14th"  # finished, still the latest
    assert targets.plan_targets(today).status(today) == "finished"
    csrf = _every_school_planner(client, db)
    # Uploaded through the page: validated, stored, audited — no code.
    r = client.post(
        "/planner/periods",
        data={"csrf_token": csrf},
        files={"file": ("ganxian-15th.yaml", NEXT_PLAN.encode(), "application/x-yaml")},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    assert (plans / "ganxian-15th.yaml").is_file()
    assert targets.plan_targets(today).id == "ganxian-15th"
    audit = db.scalars(select(AuditEntry).where(AuditEntry.entity_type == "plan_period")).all()
    assert audit and audit[-1].detail["id"] == "ganxian-15th"
    listing = client.get("/planner/periods", headers=HTML).text
    row14 = re.search(r'data-testid="period-ganxian-14th">(.*?)</tr>', listing, re.S)
    row15 = re.search(r'data-testid="period-ganxian-15th">(.*?)</tr>', listing, re.S)
    assert row14 and "已结束" in row14.group(1) and "期末报告" in row14.group(1)
    assert row15 and "进行中" in row15.group(1) and 'data-testid="current"' in row15.group(1)
    dash = client.get("/planner/indicators", headers=HTML).text
    assert "赣县区“十五五”教育事业发展规划（测试）" in dash and "中等职业教育在校生1.5万人" in dash
    # The 14th keeps its final report: judged at 2025-12-31.
    final = client.get("/planner/periods/ganxian-14th", headers=HTML)
    assert final.status_code == 200
    assert 'data-testid="period-status">已结束' in final.text
    enrol = re.search(
        r'data-testid="final-secondary_vocational_enrolment">(.*?)</tr>', final.text, re.S
    )
    # Fixture enrolment of 2025 is 1350 < 13000: missed at the deadline.
    assert enrol and ">1350<" in enrol.group(1) and "未达标" in enrol.group(1)
    # The same file again is a conflict; a broken one a 422 naming file and field.
    again = client.post(
        "/planner/periods",
        data={"csrf_token": csrf},
        files={"file": ("ganxian-15th.yaml", NEXT_PLAN.encode(), "application/x-yaml")},
    )
    assert again.status_code == 409
    broken = NEXT_PLAN.replace("deadline: 2030-12-31", "deadline: 2020-12-31")
    r = client.post(
        "/planner/periods",
        data={"csrf_token": csrf},
        files={"file": ("ganxian-16th.yaml", broken.encode(), "application/x-yaml")},
    )
    assert r.status_code == 422 and "ganxian-16th.yaml, field &#39;plan&#39;" in r.text


def test_a_designation_record_turns_unknown_into_a_count(
    client: TestClient, db: Session, uploads: Path
) -> None:
    codes = list(db.scalars(select(School.code)))
    headers = api_key_headers(db, make_user(db, "planner", schools=codes))
    before = {
        i["key"]: i for i in client.get("/api/v1/analytics/indicators", headers=headers).json()
    }
    base = before["industry_education_training_base"]
    assert (base["value"], base["source"], base["met_now"]) == (None, "unknown", None)
    form = {**BASE, "school_code": "GXZZ"}
    # Without its evidence file the record is refused, naming the field.
    r = client.post("/api/v1/plan/designations", data=form, headers=headers)
    assert r.status_code == 422
    r = client.post(
        "/api/v1/plan/designations",
        data=form,
        files={"file": ("认定文件.pdf", PDF, "application/pdf")},
        headers=headers,
    )
    assert r.status_code == 201, r.text
    created = r.json()
    assert created["evidence"]["filename"] == "认定文件.pdf"
    after = {
        i["key"]: i for i in client.get("/api/v1/analytics/indicators", headers=headers).json()
    }
    base = after["industry_education_training_base"]
    assert (base["value"], base["source"], base["met_now"]) == (1, "designations", True)
    # Issued before the deadline: met at the deadline too.
    assert (base["at_deadline"], base["met_at_deadline"]) == (1, True)
    assert after["vocational_education_group"]["source"] == "unknown"
    file = client.get(created["evidence"]["url"], headers=headers)
    assert file.status_code == 200 and file.content == PDF
    assert file.headers["content-disposition"].startswith("attachment")
    kinds = {
        a.entity_type
        for a in db.scalars(select(AuditEntry).where(AuditEntry.entity_id == str(created["id"])))
    }
    assert {"designation", "designation.evidence"} <= kinds


def test_a_milestone_status_is_recorded_and_judged_at_the_deadline(
    client: TestClient, db: Session, uploads: Path
) -> None:
    codes = list(db.scalars(select(School.code)))
    headers = api_key_headers(db, make_user(db, "planner", schools=codes))
    url = "/api/v1/plan/periods/ganxian-14th/milestones/a_grade_standard/records"
    r = client.post(
        url,
        data={"status": "done", "as_of": "2025-11-20", "note": "A档设施设备验收"},
        files={"file": ("验收.pdf", PDF, "application/pdf")},
        headers=headers,
    )
    assert r.status_code == 201, r.text
    assert (r.json()["status"], r.json()["evidence"]["filename"]) == ("done", "验收.pdf")
    late = {"status": "done", "as_of": "2026-03-01", "note": "新校区建成"}
    r = client.post(
        url.replace("a_grade_standard", "new_public_school"), data=late, headers=headers
    )
    assert r.status_code == 201
    report = client.get("/api/v1/plan/periods/ganxian-14th/report", headers=headers).json()
    ms = {m["key"]: m for m in report["milestones"]}
    assert ms["a_grade_standard"]["status"] == "done"
    # Done after the deadline: at the deadline there was no record.
    assert ms["new_public_school"]["status"] == "unknown"
    assert ms["private_school_capacity"]["status"] == "unknown"
    assert report["period"]["status"] == "finished"
    bad = client.post(
        url, data={"status": "finished", "as_of": "2025-11-20", "note": "x"}, headers=headers
    )
    assert bad.status_code == 422
    one = api_key_headers(db, make_user(db, "planner", schools=["GXZZ"]))
    assert client.post(url, data=late, headers=one).status_code == 403


def test_the_designation_form_names_a_programme_and_deleting_asks_first(
    client: TestClient, db: Session, uploads: Path
) -> None:
    csrf = _every_school_planner(client, db)
    form = {
        **BASE,
        "csrf_token": csrf,
        "title": "页面测试实训基地",
        "programme_code": "数控技术应用",
    }
    form["document_number"] = "赣市发改字〔2025〕99号"
    # In Chinese: a programme needs its school, and the record its evidence file.
    no_school = client.post("/planner/designations", data=form)
    assert no_school.status_code == 422
    assert "填写专业时必须选择学校" in no_school.text
    assert 'value="数控技术应用"' in no_school.text
    no_file = client.post("/planner/designations", data={**form, "school_code": "GXZZ"})
    assert no_file.status_code == 422 and "认定记录必须附上认定文件" in no_file.text
    saved = client.post(
        "/planner/designations",
        data={**form, "school_code": "GXZZ"},
        files={"file": ("认定文件.pdf", PDF, "application/pdf")},
        follow_redirects=False,
    )
    assert saved.status_code == 303, saved.text
    rid = saved.headers["location"].split("saved=")[1]
    listed = client.get("/planner/designations").text
    assert "660103" in listed  # the name was resolved to its code

    question = client.get(f"/planner/designations/{rid}/delete")
    assert "删除认定记录“页面测试实训基地”？" in question.text
    assert "赣市发改字〔2025〕99号" in question.text and 'name="confirmed"' in question.text
    # A post that did not come from the question goes back to it; nothing is deleted.
    unasked = client.post(
        f"/planner/designations/{rid}/delete", data={"csrf_token": csrf}, follow_redirects=False
    )
    assert unasked.headers["location"] == f"/planner/designations/{rid}/delete"
    assert f'data-testid="designation-{rid}"' in client.get("/planner/designations").text
    done = client.post(
        f"/planner/designations/{rid}/delete", data={"csrf_token": csrf, "confirmed": "1"}
    )
    assert done.status_code == 200 and "认定记录已删除" in done.text
    assert f'data-testid="designation-{rid}"' not in done.text
