"""Who sees what: planners their schools (others' objects are 404), enterprises their own
activities without people or files, the HR platform nothing, anonymous callers 401."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.factories import api_key_headers, make_enterprise, make_user
from tests.partnerships.helpers import make_activity, make_agreement, partner, school

API = "/api/v1/partnerships"


def test_other_schools_objects_are_404(
    client: TestClient, db: Session, planner: dict[str, Any], other_planner: dict[str, Any]
) -> None:
    mine = make_activity(db, school(db, "GXZZ"), [partner(db, "szpt")], programmes=["660103"])
    ag = make_agreement(db, school(db, "GXZZ"), partner(db, "szpt"))
    for path in (f"/activities/{mine.id}", f"/agreements/{ag.id}"):
        assert client.get(API + path, headers=planner).status_code == 200
        assert client.get(API + path, headers=other_planner).status_code == 404
        assert (
            client.patch(API + path, json={"title": "改"}, headers=other_planner).status_code == 404
        )
        assert client.delete(API + path, headers=other_planner).status_code == 404
    assert client.get(API + f"/activities/{mine.id}", headers=planner).json()["title"] == "测试活动"
    theirs = [a["id"] for a in client.get(f"{API}/activities", headers=other_planner).json()]
    assert mine.id not in theirs
    assert client.get(f"{API}/agreements", headers=other_planner).json() == []
    # Nor may they record for a school that is not theirs.
    r = client.post(
        f"{API}/activities",
        json={
            "date": "2026-01-01",
            "type": "exchange_visit",
            "school_id": school(db, "GXZZ").id,
            "partner_ids": [partner(db, "szpt").id],
        },
        headers=other_planner,
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "school_id"


def test_matrix_lists_only_the_callers_offerings(
    client: TestClient,
    planner: dict[str, Any],
    other_planner: dict[str, Any],
    admin: dict[str, Any],
) -> None:
    def schools_in(headers: dict[str, Any]) -> set[str]:
        rows = client.get(f"{API}/matrix", headers=headers).json()["rows"]
        return {r["school_code"] for r in rows}

    assert schools_in(planner) == {"GXZZ"}
    assert schools_in(other_planner) == {"TESTPRIV"}
    assert schools_in(admin) == {"GXZZ", "TESTPRIV"}


def test_enterprise_users_see_only_their_activities_without_people(
    client: TestClient, db: Session
) -> None:
    firm = make_enterprise(db, location_kind="bay_area")
    other = make_enterprise(db, location_kind="bay_area")
    gx = school(db, "GXZZ")
    at_firm = make_activity(
        db,
        gx,
        type="student_internship",
        enterprise_id=firm.id,
        students=12,
        people=["带队 张老师"],
    )
    elsewhere = make_activity(db, gx, type="student_internship", enterprise_id=other.id, students=3)
    headers = api_key_headers(db, make_user(db, "enterprise", enterprise=firm))
    listed = client.get(f"{API}/activities", headers=headers).json()
    assert [a["id"] for a in listed] == [at_firm.id]
    assert listed[0]["people"] == [] and listed[0]["evidence"] == []
    assert client.get(f"{API}/activities/{elsewhere.id}", headers=headers).status_code == 404
    # Read-only, and nothing else of the partnership.
    assert (
        client.patch(
            f"{API}/activities/{at_firm.id}", json={"students": 1}, headers=headers
        ).status_code
        == 403
    )
    for path in ("/partners", "/agreements", "/matrix", "/indicators", "/report.xlsx"):
        assert client.get(API + path, headers=headers).status_code == 403, path


def test_enterprise_sees_activities_through_its_partner_record(
    client: TestClient, db: Session
) -> None:
    sz = partner(db, "sz-test")  # the partner record of 深圳测试智能装备有限公司
    act = make_activity(db, school(db, "GXZZ"), [sz], type="exchange_visit", date=date(2026, 4, 2))
    assert sz.enterprise_id is not None
    from vocmatch.enterprises.models import Enterprise

    firm = db.get(Enterprise, sz.enterprise_id)
    assert firm is not None
    headers = api_key_headers(db, make_user(db, "enterprise", enterprise=firm))
    ids = [a["id"] for a in client.get(f"{API}/activities", headers=headers).json()]
    assert act.id in ids


def test_platform_and_anonymous_callers(client: TestClient, db: Session) -> None:
    platform = api_key_headers(db, make_user(db, "platform"))
    assert client.get(f"{API}/activities", headers=platform).status_code == 403
    assert client.get(f"{API}/partners", headers=platform).status_code == 403
    r = client.get(f"{API}/activities")
    assert r.status_code == 401 and r.headers["content-type"] == "application/problem+json"


def test_cookie_writes_need_the_csrf_token(client: TestClient, db: Session) -> None:
    from tests.factories import login

    user = make_user(db, "planner", schools=["GXZZ"])
    token = login(client, user.username)
    body = {"name": "某学院", "kind": "college", "region": "bay_area"}
    assert client.post(f"{API}/partners", json=body).status_code == 403
    assert (
        client.post(f"{API}/partners", json=body, headers={"X-CSRF-Token": token}).status_code
        == 201
    )
