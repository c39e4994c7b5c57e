"""The dual-qualified pages as a planner uses them (server-rendered HTML)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories import login, make_user
from tests.teachers.conftest import AS_OF, Roster
from tests.teachers.test_xlsx import CLEAR_ID, XLSX, teacher_row, workbook
from vocmatch.audit.models import AuditEntry
from vocmatch.teachers.models import Teacher, TeacherQualification

HTML = {"accept": "text/html"}


def _planner(client: TestClient, db: Session, school: str = "DQS") -> str:
    user = make_user(db, "planner", schools=[school])
    return login(client, user.username)


def test_dashboard_shows_share_trend_and_when_50_percent_is_reached(
    client: TestClient, db: Session, roster: Roster
) -> None:
    _planner(client, db)
    page = client.get(
        "/teachers", params={"as_of": str(AS_OF), "chosen_date": "2026-06-30"}, headers=HTML
    )
    assert page.status_code == 200
    html = page.text
    assert "双师测试学校" in html  # the planner's own school by default
    # The share counts recognitions (A, C); eligibility is the pipeline beside it (H).
    assert re.search(r'data-testid="share-value">\s*28\.6%', html)
    assert "2 / 7 名专业课专任教师已获认定" in html
    assert re.search(r'data-testid="pipeline-value">\s*1<', html)
    assert "符合认定条件 3 人，其中 1 人尚未认定" in html
    assert "未达成：2025-12-31 当日占比 16.7%" in html
    assert "预计 2026-10 达到 50.0%" in html
    assert "还需 2 名教师获得双师型认定，即每月约 1.0 名" in html
    assert "<svg" in html and 'stroke-dasharray="6 4"' in html  # projection dashed, 50 % line
    assert "教师A" not in html  # the dashboard is aggregates only
    english = client.get("/teachers", params={"as_of": str(AS_OF), "lang": "en"}, headers=HTML).text
    assert "Dual-qualified share (recognised)" in english
    assert "Missed: 16.7% on 2025-12-31" in english


def test_teacher_page_explains_the_status_and_is_audited(
    client: TestClient, db: Session, roster: Roster
) -> None:
    _planner(client, db)
    b = roster.t["B"]
    html = client.get(f"/teachers/{b.id}", params={"as_of": str(AS_OF)}, headers=HTML).text
    assert "教师B" in html and "DQ2022-J" in html
    assert "统计窗口内企业实践 150 天，需 180 天（还差 30 天）" in html
    assert "接近符合条件" in html and "认定依据" not in html
    entry = db.scalars(select(AuditEntry).where(AuditEntry.entity_type == "teacher")).all()[-1]
    assert entry.action == "view" and entry.entity_id == str(b.id)
    c = client.get(f"/teachers/{roster.t['C'].id}", params={"as_of": str(AS_OF)}, headers=HTML).text
    assert "初级“双师型”教师" in c and "J-WORK" in c
    # Eligibility, recognition and pipeline are shown apart.
    assert "符合初级认定条件（可申报）" in c and "已认定：初级" in c
    h = client.get(f"/teachers/{roster.t['H'].id}", params={"as_of": str(AS_OF)}, headers=HTML).text
    assert "符合初级认定条件（可申报）" in h and "未认定" in h
    assert "是：符合认定条件、尚未认定，可申报" in h
    e = client.get(f"/teachers/{roster.t['E'].id}", headers=HTML).text
    assert "兼职教师（产业导师）不计入双师型占比" in e


def test_another_schools_planner_gets_404(client: TestClient, db: Session, roster: Roster) -> None:
    _planner(client, db, school="GXZZ")
    r = client.get(f"/teachers/{roster.t['B'].id}", headers=HTML)
    assert r.status_code == 404 and "教师B" not in r.text
    assert client.get("/teachers/list", params={"school": "DQS"}, headers=HTML).status_code == 404
    assert (
        client.get("/teachers/actions", params={"school": "DQS"}, headers=HTML).status_code == 404
    )


def test_roster_and_action_pages(client: TestClient, db: Session, roster: Roster) -> None:
    _planner(client, db)
    listing = client.get(
        "/teachers/list", params={"status": "near", "as_of": str(AS_OF)}, headers=HTML
    ).text
    assert (
        "共 2 名教师" in listing
        and "教师B" in listing
        and "教师D" in listing
        and "教师A" not in listing
    )
    by_name = client.get(
        "/teachers/list", params={"programme": "数控技术应用", "as_of": str(AS_OF)}, headers=HTML
    ).text
    by_code = client.get(
        "/teachers/list", params={"programme": "660103", "as_of": str(AS_OF)}, headers=HTML
    ).text
    count = re.compile(r'data-testid="teacher-count">([^<]+)<')
    assert count.findall(by_name) == count.findall(by_code) != count.findall(listing)
    assert "filter-error" not in by_name
    unknown = client.get("/teachers/list", params={"programme": "技术应用"}, headers=HTML).text
    assert "“技术应用”对应多个专业" in unknown
    actions = client.get("/teachers/actions", params={"as_of": str(AS_OF)}, headers=HTML).text
    assert "共 2 人，合计约 30 天" in actions
    assert "尚无教师资格证" in actions  # D's gap


def test_forms_create_edit_and_add_records(client: TestClient, db: Session, roster: Roster) -> None:
    csrf = _planner(client, db)
    form = {
        "csrf_token": csrf,
        "school_code": "DQS",
        "staff_no": "DQS-P1",
        "name": "表单教师",
        "id_card": CLEAR_ID,
        "programme_code": "660103",
        "employment": "full_time",
        "has_teacher_certificate": "1",
        "hired_on": "2022-09-01",
    }
    bad = client.post("/teachers/new", data={**form, "programme_code": "999999"}, headers=HTML)
    assert bad.status_code == 422 and "专业：找不到名称或代码为“999999”的中职专业" in bad.text
    # The programme by its name, as a person knows it.
    by_name = {**form, "programme_code": "数控技术应用"}
    r = client.post("/teachers/new", data=by_name, headers=HTML, follow_redirects=False)
    assert r.status_code == 303
    teacher = db.scalar(select(Teacher).where(Teacher.staff_no == "DQS-P1"))
    assert teacher is not None and teacher.id_card_mask == "36**************37"
    assert teacher.programme_code == "660103"
    r = client.post(
        f"/teachers/{teacher.id}/records/qualifications",
        data={
            "csrf_token": csrf,
            "kind": "skill_certificate",
            "name": "数控车工证书",
            "level": "3",
            "field": "数控车工",
            "issued_on": "2024-06-01",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    html = client.get(f"/teachers/{teacher.id}", headers=HTML).text
    # The records meet the junior level, but the school has not verified J-ETHICS and J-TEACH:
    # eligible pending verification, and no level is shown.
    assert "DQ2022-J" in html and "符合条件待核实" in html
    assert "符合初级认定条件" not in html
    for item in ("J-ETHICS", "J-TEACH"):
        r = client.post(
            f"/teachers/{teacher.id}/records/verifications",
            data={"csrf_token": csrf, "item_id": item, "verified_on": "2024-06-02"},
            follow_redirects=False,
        )
        assert r.status_code == 303 and "error" not in r.headers["location"]
    html = client.get(f"/teachers/{teacher.id}", headers=HTML).text
    assert "符合初级认定条件（可申报）" in html and "符合条件待核实" not in html
    r = client.post(
        f"/teachers/{teacher.id}/records/recognitions",
        data={
            "csrf_token": csrf,
            "level": "junior",
            "recognised_on": "2024-12-01",
            "issuer": "赣州市教育局",
            "document_no": "赣市教字〔2024〕9号",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303 and "error" not in r.headers["location"]
    html = client.get(f"/teachers/{teacher.id}", headers=HTML).text
    assert "已认定：初级" in html and "赣市教字〔2024〕9号" in html
    edit = client.post(
        f"/teachers/{teacher.id}/edit",
        data={**form, "name": "改名教师", "id_card": ""},
        follow_redirects=False,
    )
    assert edit.status_code == 303
    db.refresh(teacher)
    assert (
        teacher.name == "改名教师" and teacher.id_card_mask == "36**************37"
    )  # empty box keeps it
    q = db.scalar(select(TeacherQualification).where(TeacherQualification.teacher_id == teacher.id))
    assert q is not None
    # Deleting a record or the teacher asks first, on a page of its own (no script needed).
    record = f"/teachers/{teacher.id}/records/qualifications/{q.id}/delete"
    assert f'href="{record}"' in client.get(f"/teachers/{teacher.id}", headers=HTML).text
    assert "删除这条“证书与职称”记录？" in client.get(record, headers=HTML).text
    unasked = client.post(record, data={"csrf_token": csrf}, follow_redirects=False)
    assert unasked.headers["location"] == record and db.get(TeacherQualification, q.id)
    client.post(record, data={"csrf_token": csrf, "confirmed": "1"})
    assert db.get(TeacherQualification, q.id) is None
    question = client.get(f"/teachers/{teacher.id}/delete", headers=HTML).text
    assert "删除教师 DQS-P1 的全部档案？" in question and "离职日期" in question
    no_csrf = client.post(f"/teachers/{teacher.id}/delete", data={}, headers=HTML)
    assert no_csrf.status_code == 403
    client.post(f"/teachers/{teacher.id}/delete", data={"csrf_token": csrf})
    assert db.get(Teacher, teacher.id) is not None  # not from the question: nothing happens
    client.post(f"/teachers/{teacher.id}/delete", data={"csrf_token": csrf, "confirmed": "1"})
    assert db.get(Teacher, teacher.id) is None


def test_import_page_previews_then_imports(client: TestClient, db: Session, roster: Roster) -> None:
    csrf = _planner(client, db)
    broken = workbook([teacher_row("DQS-Q1", "")])
    page = client.post(
        "/teachers/import",
        data={"csrf_token": csrf, "school": "DQS"},
        files={"file": ("r.xlsx", broken, XLSX)},
        headers=HTML,
    )
    assert "发现 1 处错误，未写入任何数据" in page.text and "姓名" in page.text
    good = workbook([teacher_row("DQS-Q1", "导入教师")])
    page = client.post(
        "/teachers/import",
        data={"csrf_token": csrf, "school": "DQS"},
        files={"file": ("r.xlsx", good, XLSX)},
        headers=HTML,
    )
    assert "检查通过：新增 1 人" in page.text
    assert db.scalar(select(Teacher).where(Teacher.staff_no == "DQS-Q1")) is None
    payload = re.search(r'name="payload" value="([^"]+)"', page.text)
    assert payload
    done = client.post(
        "/teachers/import",
        data={"csrf_token": csrf, "school": "DQS", "payload": payload.group(1), "confirm": "1"},
        headers=HTML,
    )
    assert "已导入" in done.text
    assert db.scalar(select(Teacher).where(Teacher.staff_no == "DQS-Q1")) is not None
