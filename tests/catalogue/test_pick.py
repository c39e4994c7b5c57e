"""Pickers: a person names a programme or an occupation by its name or its code; the catalogue
service resolves it, and says in Chinese what it did not find or which candidates fit."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories import api_key_headers, login, make_enterprise, make_posting, make_user
from vocmatch.catalogue.service import resolve_occupation, resolve_programme
from vocmatch.kit.errors import Invalid
from vocmatch.kit.messages import translate_errors
from vocmatch.schools.models import Offering, School


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("630501", "630501"),  # the code
        ("有色金属冶炼技术", "630501"),  # the exact name
        (" 有色金属冶炼技术 ", "630501"),
        ("冶炼", "630501"),  # a part only one programme has
        ("有色金属冶炼技术（630501）", "630501"),  # a datalist entry with its code
    ],
)
def test_programme_by_name_or_code(db: Session, typed: str, code: str) -> None:
    assert resolve_programme(db, text=typed) == code


def test_occupation_by_name_or_code(db: Session) -> None:
    assert resolve_occupation(db, text="电工") == "6-31-01-03"  # exact, though others contain it
    assert resolve_occupation(db, text="6-18-01-01") == "6-18-01-01"


def _error(exc: pytest.ExceptionInfo[Invalid], lang: str = "zh") -> str:
    return str(translate_errors(exc.value.errors, lang)[0]["message"])


def test_ambiguous_and_unknown_names_say_so_in_chinese(db: Session) -> None:
    with pytest.raises(Invalid) as many:
        resolve_programme(db, text="技术应用", field="changes.0.programme_code")
    assert many.value.errors[0]["field"] == "changes.0.programme_code"
    assert _error(many) == (
        "调整 · 第 1 项 · 专业：“技术应用”对应多个专业：数控技术应用（660103）、"
        "机电技术应用（660301）、工业机器人技术应用（660303）。请输入完整名称或代码"
    )
    with pytest.raises(Invalid) as none:
        resolve_occupation(db, text="宇航员")
    assert _error(none).startswith("职业：找不到名称或代码为“宇航员”的职业")
    assert "no occupation" in _error(none, "en")
    with pytest.raises(Invalid) as code:
        resolve_programme(db, text="999999")  # a code that is not in the catalogue
    assert "“999999”" in _error(code)


def test_what_if_api_takes_a_name(client: TestClient, db: Session) -> None:
    h = api_key_headers(db, make_user(db, "admin"))
    change = {"school_code": "GXZZ", "programme_code": "金属压力加工", "intake_plan": 20}
    by_name = client.post("/api/v1/analytics/what-if", json={"changes": [change]}, headers=h)
    by_code = client.post(
        "/api/v1/analytics/what-if",
        json={"changes": [{**change, "programme_code": "630502"}]},
        headers=h,
    )
    assert by_name.status_code == 200, by_name.text
    assert by_name.json() == by_code.json()
    unknown = client.post(
        "/api/v1/analytics/what-if",
        json={"changes": [{**change, "programme_code": "宇航"}]},
        headers={**h, "Accept-Language": "zh-CN"},
    )
    assert unknown.status_code == 422
    [error] = unknown.json()["errors"]
    assert error["field"] == "changes.0.programme_code"
    assert "找不到名称或代码为“宇航”的中职专业" in error["message"]


def test_what_if_page_by_name_and_its_chinese_error(client: TestClient, db: Session) -> None:
    csrf = login(client, make_user(db, "planner", schools=["GXZZ"]).username)
    form = {"csrf_token": csrf, "school_code": ["GXZZ"], "intake_plan": ["20"]}
    ok = client.post("/planner/what-if", data={**form, "programme_code": ["金属压力加工"]})
    assert ok.status_code == 200, ok.text
    assert 'data-testid="whatif-programme-630502"' in ok.text
    bad = client.post("/planner/what-if", data={**form, "programme_code": ["技术应用"]})
    assert bad.status_code == 422
    assert "“技术应用”对应多个专业：数控技术应用（660103）" in bad.text
    assert 'value="技术应用"' in bad.text  # what was typed stays in the form
    assert 'pattern="' not in bad.text.split('data-testid="whatif-form"')[1].split("</form>")[0]


def test_correction_page_by_occupation_name(client: TestClient, db: Session) -> None:
    posting = make_posting(db, make_enterprise(db), title="维修工")
    csrf = login(client, make_user(db, "planner").username)
    url = f"/postings/{posting.id}/correction"
    saved = client.post(
        url, data={"csrf_token": csrf, "occupation_code": "电工"}, follow_redirects=False
    )
    assert saved.status_code == 303 and saved.headers["location"].endswith("?saved=1")
    db.refresh(posting)
    assert posting.occupation_override == "6-31-01-03"
    page = client.get(f"/postings/{posting.id}")
    assert 'value="电工（6-31-01-03）"' in page.text  # the correction by its name and code
    assert 'data-pick="occupations"' in page.text
    bad = client.post(url, data={"csrf_token": csrf, "occupation_code": "宇航员", "note": "试"})
    assert bad.status_code == 422
    assert "职业：找不到名称或代码为“宇航员”的职业" in bad.text
    assert 'value="宇航员"' in bad.text and 'value="试"' in bad.text
    db.refresh(posting)
    assert posting.occupation_override == "6-31-01-03"  # nothing changed


def test_offering_form_by_programme_name(client: TestClient, db: Session) -> None:
    csrf = login(client, make_user(db, "planner", schools=["GXZZ"]).username)
    r = client.post(
        "/schools/GXZZ/offerings",
        data={"csrf_token": csrf, "programme_code": "化学工艺", "year": "2031"},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    school = db.scalar(select(School).where(School.code == "GXZZ"))
    assert school is not None
    added = db.scalar(
        select(Offering).where(Offering.school_id == school.id, Offering.year == 2031)
    )
    assert added is not None and added.programme_code == "670201"
    bad = client.post(
        "/schools/GXZZ/offerings",
        data={"csrf_token": csrf, "programme_code": "宇航", "year": "2031"},
    )
    assert bad.status_code == 422 and "找不到名称或代码为“宇航”的中职专业" in bad.text


def test_destination_form_by_programme_name(client: TestClient, db: Session) -> None:
    csrf = login(client, make_user(db, "planner", schools=["GXZZ"]).username)
    form = {"csrf_token": csrf, "school_code": "GXZZ", "year": "2031", "graduates": "0"}
    saved = client.post(
        "/destinations",
        data={**form, "programme_code": "物流服务与管理"},
        follow_redirects=False,
    )
    assert saved.status_code == 303, saved.text
    listed = client.get("/api/v1/destinations", headers={"X-CSRF-Token": csrf}).json()
    assert any(r["programme_code"] == "730801" and r["year"] == 2031 for r in listed)
    bad = client.post("/destinations", data={**form, "programme_code": "物流管理学"})
    assert bad.status_code == 422
    assert "专业：找不到名称或代码为“物流管理学”的中职专业" in bad.text
    assert 'value="物流管理学"' in bad.text
