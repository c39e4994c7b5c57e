"""The partnership pages through the test client: what a planner sees and submits."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories import login, make_user
from tests.partnerships.helpers import PDF, partner, school
from vocmatch.partnerships.models import Activity, Agreement, Evidence

HTML = {"Accept": "text/html"}


def _planner(client: TestClient, db: Session) -> str:
    return login(client, make_user(db, "planner", schools=["GXZZ"]).username)


def test_overview_shows_matrix_gaps_indicators_and_charts(client: TestClient, db: Session) -> None:
    _planner(client, db)
    html = client.get("/partnerships", headers=HTML).text
    assert 'data-testid="cell-GXZZ-660103-five_commons_plan" data-state="done"' in html
    assert 'data-testid="cell-GXZZ-660103-five_commons_textbook" data-state="planned"' in html
    assert 'data-testid="cell-GXZZ-660303-five_commons_plan" data-state="missing"' in html
    assert "TESTPRIV" not in html  # another school's offerings
    gap = re.search(r'data-testid="gap-GXZZ-630501">(.*?)</tr>', html, re.S)
    assert gap and "无湾区合作方" in gap.group(1) and "无龙头企业合作" in gap.group(1)
    # One pairing (GXZZ × 深圳职业技术大学 × 660103) with one common done: 0 of 1 complete, and
    # no target; the group has no designation record: unknown.
    five = re.search(r'data-testid="indicator-five_commons_coverage">(.*?)</div>', html, re.S)
    assert five and "0 <small>/ 1</small>" in five.group(1) and "规划未设数字目标" in five.group(1)
    assert 'data-testid="unknown-vocational_education_group">未知（无认定记录）' in html
    assert html.count("<svg") >= 2  # timeline and counts charts
    assert "深圳职业技术大学" in html  # a timeline lane
    # A missing cell links to the form prefilled for that programme and common.
    assert "/partnerships/activities/new?type=five_commons_curriculum&amp;programme=660303" in html


def test_nav_and_roles(client: TestClient, db: Session) -> None:
    r = client.get("/partnerships", headers=HTML, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login?next=/partnerships"
    from tests.factories import make_enterprise

    login(client, make_user(db, "enterprise", enterprise=make_enterprise(db)).username)
    assert 'href="/partnerships"' not in client.get("/", headers=HTML).text
    assert client.get("/partnerships", headers=HTML).status_code == 403
    login(client, make_user(db, "admin").username)
    assert 'href="/partnerships"' in client.get("/", headers=HTML).text
    assert "TESTPRIV" in client.get("/partnerships", headers=HTML).text  # admins see every school


def test_record_activity_with_evidence_through_the_form(client: TestClient, db: Session) -> None:
    token = _planner(client, db)
    form = client.get(
        "/partnerships/activities/new?type=five_commons_curriculum&programme=660303", headers=HTML
    ).text
    assert 'value="five_commons_curriculum" selected' in form
    assert 'value="660303" checked' in form
    r = client.post(
        "/partnerships/activities/new",
        data={
            "csrf_token": token,
            "type": "five_commons_curriculum",
            "status": "done",
            "date": "2026-11-20",
            "school_id": str(school(db, "GXZZ").id),
            "programmes": ["660303"],
            "partner_ids": [str(partner(db, "szpt").id)],
            "title": "",
            "people": "李测试、深职大 王老师",
        },
        files=[("files", ("会议纪要.pdf", PDF, "application/pdf"))],
        headers=HTML,
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    act = db.scalar(select(Activity).order_by(Activity.id.desc()).limit(1))
    assert act is not None and act.people == ["李测试", "深职大 王老师"]
    assert act.title == "共同建设专业课程体系 · 工业机器人技术应用"
    assert [
        e.filename for e in db.scalars(select(Evidence).where(Evidence.activity_id == act.id))
    ] == ["会议纪要.pdf"]
    page = client.get(r.headers["location"], headers=HTML).text
    assert 'data-testid="recorded-notice"' in page
    assert 'data-testid="cell-GXZZ-660303-five_commons_curriculum" data-state="done"' in page
    detail = client.get(f"/partnerships/activities/{act.id}", headers=HTML).text
    assert "会议纪要.pdf" in detail


def test_form_errors_come_back_beside_the_fields(client: TestClient, db: Session) -> None:
    token = _planner(client, db)
    r = client.post(
        "/partnerships/activities/new",
        data={
            "csrf_token": token,
            "type": "teacher_practice",
            "date": "2026-11-20",
            "school_id": str(school(db, "GXZZ").id),
            "days": "many",
            "title": "教师实践",
        },
        headers=HTML,
    )
    assert r.status_code == 422
    assert 'data-testid="error-days"' in r.text
    r = client.post(
        "/partnerships/activities/new",
        data={
            "csrf_token": token,
            "type": "teacher_practice",
            "date": "2026-11-20",
            "school_id": str(school(db, "GXZZ").id),
            "title": "教师实践",
        },
        headers=HTML,
    )
    assert r.status_code == 422
    for field in ("teacher_id", "enterprise_id", "days"):
        assert f'data-testid="error-{field}"' in r.text
    assert 'value="教师实践"' in r.text  # what was typed is kept
    # A refused file: nothing is recorded.
    before = db.scalar(select(Activity.id).order_by(Activity.id.desc()).limit(1))
    r = client.post(
        "/partnerships/activities/new",
        data={
            "csrf_token": token,
            "type": "exchange_visit",
            "date": "2026-11-20",
            "school_id": str(school(db, "GXZZ").id),
            "partner_ids": [str(partner(db, "szpt").id)],
        },
        files=[("files", ("x.exe", b"MZ", "application/octet-stream"))],
        headers=HTML,
    )
    assert r.status_code == 422 and 'data-testid="error-file"' in r.text
    assert db.scalar(select(Activity.id).order_by(Activity.id.desc()).limit(1)) == before


def test_form_posts_need_the_csrf_token(client: TestClient, db: Session) -> None:
    _planner(client, db)
    r = client.post(
        "/partnerships/partners",
        data={"name": "某学院", "kind": "college", "region": "bay_area"},
        headers=HTML,
    )
    assert r.status_code == 403


def test_partner_and_agreement_pages(client: TestClient, db: Session) -> None:
    token = _planner(client, db)
    r = client.post(
        "/partnerships/partners",
        data={
            "csrf_token": token,
            "name": "东莞测试职业技术学院",
            "kind": "college",
            "region": "bay_area",
            "city": "东莞市",
        },
        headers=HTML,
        follow_redirects=False,
    )
    assert r.status_code == 303
    page = client.get(r.headers["location"], headers=HTML).text
    assert "东莞测试职业技术学院" in page
    sz = partner(db, "szpt")
    page = client.get(f"/partnerships/partners/{sz.id}", headers=HTML).text
    assert 'data-testid="partner-timeline"' in page and "<svg" in page
    r = client.post(
        "/partnerships/agreements",
        data={
            "csrf_token": token,
            "partner_id": str(sz.id),
            "school_id": str(school(db, "GXZZ").id),
            "type": "pairing",
            "title": "对口帮扶协议",
            "signed_on": "2026-09-01",
            "valid_until": "2026-01-01",
        },
        headers=HTML,
    )
    assert r.status_code == 422 and 'data-testid="error-valid_until"' in r.text
    listing = client.get("/partnerships/agreements", headers=HTML).text
    assert "数控技术3+2贯通培养" in listing


def test_practice_page_is_an_audited_roster_view(client: TestClient, db: Session) -> None:
    from vocmatch.audit.models import AuditEntry

    _planner(client, db)
    page = client.get("/partnerships/practice", headers=HTML).text
    assert "李测试" in page and ">60<" in page
    entry = db.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1))
    assert entry is not None and (entry.action, entry.entity_type) == ("view", "teacher_practice")


def test_import_page(client: TestClient, db: Session) -> None:
    token = _planner(client, db)
    assert "/partnerships/workbook.xlsx" in client.get("/partnerships", headers=HTML).text
    report = client.get("/partnerships/workbook.xlsx?year=2025", headers=HTML)
    assert report.status_code == 200
    r = client.post(
        "/partnerships/import",
        data={"csrf_token": token},
        files={"file": ("r.xlsx", report.content)},
        headers=HTML,
    )
    assert r.status_code == 200 and 'data-testid="import-result"' in r.text
    r = client.post(
        "/partnerships/import",
        data={"csrf_token": token},
        files={"file": ("r.xlsx", b"junk")},
        headers=HTML,
    )
    assert r.status_code == 422 and "XLSX" in r.text


def test_deleting_asks_first_and_says_what_goes_with_it(client: TestClient, db: Session) -> None:
    token = _planner(client, db)
    act = db.scalar(
        select(Activity).where(Activity.school_id == school(db, "GXZZ").id).order_by(Activity.id)
    )
    assert act is not None
    url = f"/partnerships/activities/{act.id}/delete"
    assert f'href="{url}"' in client.get(f"/partnerships/activities/{act.id}", headers=HTML).text
    question = client.get(url, headers=HTML).text
    assert f"删除活动“{act.title}”？" in question and "教师企业实践会一并删除" in question
    unasked = client.post(url, data={"csrf_token": token}, follow_redirects=False)
    assert unasked.headers["location"] == url and db.get(Activity, act.id) is not None
    done = client.post(url, data={"csrf_token": token, "confirmed": "1"}, follow_redirects=False)
    assert done.headers["location"] == "/partnerships/activities"
    assert db.get(Activity, act.id) is None
    agreement = db.scalar(select(Agreement).where(Agreement.title == "数控技术3+2贯通培养"))
    assert agreement is not None
    ask = client.get(f"/partnerships/agreements/{agreement.id}/delete", headers=HTML).text
    assert "删除合作协议“数控技术3+2贯通培养”？" in ask

    # A partner still named elsewhere is kept, and the administrator reads why in Chinese.
    login(client, make_user(db, "admin").username)
    sz = partner(db, "szpt")
    question = client.get(f"/partnerships/partners/{sz.id}/delete", headers=HTML).text
    assert f"删除合作方“{sz.name}”？" in question
    kept = client.post(
        f"/partnerships/partners/{sz.id}/delete",
        data={"csrf_token": _token(question), "confirmed": "1"},
        headers=HTML,
    )
    assert kept.status_code == 409 and f"合作方“{sz.name}”仍被" in kept.text


def _token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found
    return found.group(1)
