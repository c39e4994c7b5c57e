"""The planner pages render what the services compute, in Chinese first and in English."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.analytics.conftest import A
from tests.factories import login, make_user


def _login(client: TestClient, db: Session, schools: list[str]) -> str:
    user = make_user(db, "planner", schools=schools)
    return login(client, user.username)


def test_dashboard_programme_chain_pages(client: TestClient, db: Session, world: dict) -> None:
    _login(client, db, [world["school"].code])
    page = client.get("/planner")
    assert page.status_code == 200
    html = page.text
    assert "专业供需匹配表" in html and 'data-testid="fit-table"' in html
    assert "<svg" in html and "四大产业链供需对比" in html
    assert 'data-testid="indicator-secondary_vocational_enrolment"' in html
    prog = client.get(f"/planner/programmes/{A}")
    assert prog.status_code == 200 and "钕铁硼压制" in prog.text and "萃取分离" in prog.text
    chain = client.get("/planner/chains/rare_earth")
    assert chain.status_code == 200 and "缺口最大的技能" in chain.text
    en = client.get("/planner?lang=en")
    assert "Programme fit table" in en.text
    assert client.get("/planner/report").status_code == 200


def test_what_if_form_and_indicator_entry(client: TestClient, db: Session, world: dict) -> None:
    csrf = _login(client, db, [world["school"].code])
    rec = client.get("/planner/recommendations")
    assert rec.status_code == 200 and "扩大招生" in rec.text
    r = client.post(
        "/planner/what-if",
        data={
            "csrf_token": csrf,
            "school_code": [world["school"].code, world["school"].code],
            "programme_code": [A, ""],
            "intake_plan": ["24", ""],
        },
    )
    assert r.status_code == 200, r.text
    assert 'data-testid="whatif-result"' in r.text and "过剩" in r.text
    bad = client.post(
        "/planner/what-if",
        data={
            "csrf_token": csrf,
            "school_code": ["GXZZ"],
            "programme_code": [A],
            "intake_plan": ["5"],
        },
    )
    assert bad.status_code == 422 and "whatif-error" in bad.text
    forged = client.post("/planner/what-if", data={"csrf_token": "nope", "school_code": ["x"]})
    assert forged.status_code == 403
    saved = client.post(
        "/planner/indicators",
        data={
            "csrf_token": csrf,
            "indicator": "vocational_education_group",
            "value": "1",
            "as_of": "2025-06-30",
            "evidence": "赣县区职教集团章程",
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303
    assert "已保存" in client.get(saved.headers["location"]).text


def test_pages_need_a_planner(client: TestClient, db: Session) -> None:
    r = client.get("/planner", headers={"accept": "text/html"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")


def test_method_page_states_the_formula_with_configured_values(
    client: TestClient, db: Session
) -> None:
    _login(client, db, ["GXZZ"])
    zh = client.get("/planner/method")
    assert zh.status_code == 200 and "a<sub>pc</sub> = h<sub>p</sub>" in zh.text
    assert "0.3" in zh.text and "匹配度 = 100" in zh.text
    en = client.get("/planner/method?lang=en")
    assert "fit = 100" in en.text and "never counted twice" in en.text
