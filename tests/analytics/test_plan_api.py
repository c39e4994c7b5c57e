"""Recommendations and the what-if through the API: per-school actions within each offering's
intake, kept offerings never cut, an effect on every indicator, warnings, the same model."""

from __future__ import annotations

import math

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.analytics.conftest import A
from tests.factories import api_key_headers, make_user

Q = "?as_of=2026-11-29"


def _admin(db: Session) -> dict[str, str]:
    return api_key_headers(db, make_user(db, "admin"))


def test_recommendations_are_per_school_and_never_larger_than_the_intake(
    client: TestClient, db: Session, world: dict
) -> None:
    r = client.get("/api/v1/analytics/recommendations" + Q, headers=_admin(db))
    assert r.status_code == 200, r.text
    plan = r.json()
    assert plan["status"] == "optimal" and plan["plan_year"] == 2027
    intakes = {(o["school_code"], o["programme_code"]): o for o in _offerings(client, db)}
    indicators = {
        i["key"] for i in client.get("/api/v1/analytics/indicators" + Q, headers=_admin(db)).json()
    }
    assert plan["actions"]
    for a in plan["actions"]:
        x0 = intakes[(a["school_code"], a["programme_code"])]["intake_plan"]
        assert abs(a["places"]) <= math.floor(0.3 * x0) <= x0
        assert a["intake_after"] == x0 + a["places"]
        assert {e["key"] for e in a["effects"]} == indicators  # every indicator, each action
    # Featured fixture offerings (GXZZ 660103, 630501, 660303) are kept: never cut.
    kept = {(k["school_code"], k["programme_code"]) for k in plan["kept"]}
    assert {("GXZZ", "660103"), ("GXZZ", "630501"), ("GXZZ", "660303")} <= kept
    for a in plan["actions"]:
        if (a["school_code"], a["programme_code"]) in kept:
            assert a["places"] >= 0
    # The fixture district (1,360 students) is far below the path to 13,000: the trajectory
    # check reports the shortfall, and intake still never falls.
    checks = {c["key"]: c for c in plan["checks"]}
    assert checks["trajectory"]["ok"] is False and checks["not_falling"]["ok"] is True
    assert plan["intake_after"] >= plan["intake_before"]


def _offerings(client: TestClient, db: Session) -> list[dict]:
    return client.get("/api/v1/analytics/fit" + Q, headers=_admin(db)).json()["offerings"]


def test_a_planner_plans_only_their_schools(client: TestClient, db: Session, world: dict) -> None:
    school = world["school"].code
    mine = api_key_headers(db, make_user(db, "planner", schools=[school]))
    plan = client.get("/api/v1/analytics/recommendations" + Q, headers=mine).json()
    assert plan["scope"] == [school]
    assert {a["school_code"] for a in plan["actions"]} <= {school}
    other = client.get("/api/v1/analytics/recommendations" + Q + "&school=GXZZ", headers=mine)
    assert other.status_code == 404
    one = client.get(
        "/api/v1/analytics/recommendations" + Q + "&school=GXZZ&max_change=0.1", headers=_admin(db)
    ).json()
    assert one["scope"] == ["GXZZ"] and one["max_change"] == 0.1
    for a in one["actions"]:
        assert abs(a["places"]) <= math.floor(0.1 * a["intake_before"])


def test_what_if_scores_with_the_same_model(client: TestClient, db: Session, world: dict) -> None:
    admin = _admin(db)
    school = world["school"].code
    change = {"school_code": school, "programme_code": A, "intake_plan": 15}
    r = client.post("/api/v1/analytics/what-if" + Q, json={"changes": [change]}, headers=admin)
    assert r.status_code == 200, r.text
    body = r.json()
    p = body["programmes"][0]
    # k = completion 10/12 × share 0.5 = 0.4167 a place: supply 0.4167 × 15 = 6.25 → 6;
    # graduates 10 + 0.833 × 3 = 12.5 → 13; r = 6/20 = 0.3 → still a shortage.
    assert (p["supply_before"], p["supply_after"], p["graduates_after"]) == (5, 6, 13)
    assert (p["ratio_after"], p["band_after"]) == (0.3, "shortage")
    assert body["changes"][0]["places"] == 3 and body["changes"][0]["warnings"] == []
    checks = {c["key"]: c["ok"] for c in body["checks"]}
    assert checks["not_falling"] is True and "max_change" not in checks
    plan = client.get("/api/v1/analytics/recommendations" + Q, headers=admin).json()
    assert body["objective_recommended"] == plan["objective_after"]
    # A cut beyond ±30 % is flagged, and it moves enrolment away from its target: a warning.
    cut = {"school_code": school, "programme_code": A, "intake_plan": 8}
    r = client.post("/api/v1/analytics/what-if" + Q, json={"changes": [cut]}, headers=admin)
    body = r.json()
    bad = [c for c in body["checks"] if not c["ok"]]
    assert {"max_change", "not_falling"} <= {c["key"] for c in bad}
    enrolment = next(e for e in body["effects"] if e["key"] == "secondary_vocational_enrolment")
    # −4 places × 3 years × completion 0.833 = −10 students at steady state.
    assert enrolment["delta"] == -10 and enrolment["warning"] is True
    assert "secondary_vocational_enrolment" in body["changes"][0]["warnings"]


def test_what_if_validation(client: TestClient, db: Session, world: dict) -> None:
    admin = _admin(db)
    bad = client.post("/api/v1/analytics/what-if", json={"changes": []}, headers=admin)
    assert bad.status_code == 422 and bad.headers["content-type"] == "application/problem+json"
    unknown = client.post(
        "/api/v1/analytics/what-if" + Q,
        json={"changes": [{"school_code": "NOPE", "programme_code": "999999", "intake_plan": 5}]},
        headers=admin,
    )
    assert unknown.status_code == 422
    assert {e["field"] for e in unknown.json()["errors"]} == {
        "changes.0.school_code",
        "changes.0.programme_code",
    }


def test_the_method_is_published(client: TestClient, db: Session) -> None:
    body = client.get("/api/v1/analytics/method", headers=_admin(db)).json()
    assert body["demand"]["window_months"] == 12 and body["planning"]["max_change"] == 0.3
    assert {s["key"] for s in body["sources"]} >= {"api", "import", "portal"}
