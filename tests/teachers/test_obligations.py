"""Practice obligations: exact date arithmetic of the rolling window (hand-computed), and the list's
scope, privacy and audit through the API."""

from __future__ import annotations

import io
from datetime import date

from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy.orm import Session

from tests.factories import api_key_headers, login, make_enterprise, make_user
from tests.teachers.conftest import AS_OF, Roster
from tests.teachers.test_api import _audit
from vocmatch.teachers.district import Obligation
from vocmatch.teachers.dual_qualified.facts import PracticeFact
from vocmatch.teachers.prose import Prose
from vocmatch.teachers.roster.obligations import check, drop_day

NATIONAL = Obligation(
    key="national", name="n", min_days=180, window_years=5, source=Prose(zh="s"), set_by="standard"
)


def p(end: date, days: int, pid: int = 1) -> PracticeFact:
    return PracticeFact(pid, "企业", end, end, days)


def test_met_lapses_when_the_record_completing_the_days_leaves_the_window() -> None:
    recs = [p(date(2022, 3, 31), 120, 1), p(date(2024, 6, 30), 90, 2)]
    c = check(recs, hired_on=date(2010, 9, 1), rule=NATIONAL, as_of=date(2026, 11, 29),
              due_within_days=365)  # fmt: skip
    # Latest first: 90 (2024-06-30) + 120 (2022-03-31) = 210 ≥ 180 → lapses 2027-03-31.
    assert (c.status, c.days, c.due_on) == ("due_soon", 210, date(2027, 3, 31))
    far = check(recs, hired_on=date(2010, 9, 1), rule=NATIONAL, as_of=date(2026, 3, 30),
                due_within_days=365)  # fmt: skip
    assert far.status == "ok"  # 366 days before 2027-03-31


def test_overdue_since_the_day_the_window_lost_the_days() -> None:
    recs = [p(date(2020, 5, 31), 200)]
    c = check(recs, hired_on=date(2010, 9, 1), rule=NATIONAL, as_of=date(2026, 11, 29),
              due_within_days=365)  # fmt: skip
    assert (c.status, c.short, c.overdue_since) == ("overdue", 180, date(2025, 5, 31))
    # On 2025-05-30 the record still counts.
    assert check(recs, hired_on=date(2010, 9, 1), rule=NATIONAL, as_of=date(2025, 5, 30),
                 due_within_days=365).status == "due_soon"  # fmt: skip


def test_a_new_teacher_has_the_first_window_and_29_february_drops_on_1_march() -> None:
    c = check([], hired_on=date(2024, 2, 29), rule=NATIONAL, as_of=date(2026, 11, 29),
              due_within_days=365)  # fmt: skip
    assert (c.status, c.due_on) == ("first_period", date(2029, 3, 1))
    assert drop_day(date(2024, 2, 29), 5) == date(2029, 3, 1)
    late = check([], hired_on=date(2024, 2, 29), rule=NATIONAL, as_of=date(2029, 3, 1),
                 due_within_days=365)  # fmt: skip
    assert (late.status, late.overdue_since) == ("overdue", date(2029, 3, 1))


# --- the list through the API: scope, privacy, audit (the roster fixture, hand-checked) ----------
# DQS, on 2026-04-30: A B C G H I hired 2020-09-01, D on 2026-02-01. The national rule (180 days
# in 5 years) has its first window end on 2025-09-01 for the six: none has 180 days (B: 60 ended
# 2025-08-29 + 90 ended 2026-04-04 = 150, so 30 short) → overdue since 2025-09-01. The Bay Area
# rule (30 days in 3 years, Bay Area practice only; none is) took effect on 2021-01-01 (the plan's
# first day, `effective_from`), so their first window ends 2024-01-01 → overdue since then. D is in
# the first window of both (due 2031-02-01 and 2029-02-01, beyond a year): not listed.
OBLIGED = {(f"DQS-{k}", rule) for k in "ABCGHI" for rule in ("national", "bay_area")}


def test_the_schools_planner_sees_its_overdue_teachers_by_name_audited(
    client: TestClient, db: Session, roster: Roster
) -> None:
    planner = make_user(db, "planner", schools=["DQS"])
    headers = api_key_headers(db, planner)
    r = client.get("/api/v1/teachers/obligations", params={"as_of": str(AS_OF)}, headers=headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["counts"]["national"] == {"ok": 0, "due_soon": 0, "overdue": 6, "first_period": 1}
    rows = {(x["staff_no"], x["rule"]): x for x in body["items"]}
    assert set(rows) == OBLIGED  # the planner's scope is DQS alone: no GXZZ or TESTPRIV teacher
    b = rows["DQS-B", "national"]
    assert (b["name"], b["days_in_window"], b["days_short"], b["overdue_since"]) == (
        "教师B",
        150,
        30,
        "2025-09-01",
    )
    assert rows["DQS-B", "bay_area"]["overdue_since"] == "2024-01-01"
    assert "id_card" not in r.text  # the list never carries ID numbers, masked or not
    view = _audit(db, "view", "teacher_roster")[-1]
    assert (view.actor, view.entity_id) == (planner.username, "*")
    assert view.detail["page"] == "obligations" and view.detail["rows"] == 12
    x = client.get(
        "/api/v1/teachers/obligations.xlsx",
        params={"school": "DQS", "as_of": str(AS_OF)},
        headers=headers,
    )
    assert x.status_code == 200
    sheet = load_workbook(io.BytesIO(x.content))["企业实践义务"]
    assert sheet.max_row == 1 + 12 and "教师B" in {c.value for c in sheet["B"]}
    export = _audit(db, "export", "teacher_obligations")[-1]
    assert (export.actor, export.entity_id, export.detail["rows"]) == (planner.username, "DQS", 12)


def test_another_schools_planner_and_other_roles_never_see_the_teachers(
    client: TestClient, db: Session, roster: Roster
) -> None:
    names = {t.name for t in roster.t.values()}
    other = make_user(db, "planner", schools=["GXZZ"])
    headers = api_key_headers(db, other)
    exports = len(_audit(db, "export", "teacher_obligations"))
    for path in ("/api/v1/teachers/obligations", "/api/v1/teachers/obligations.xlsx"):
        r = client.get(path, params={"school": "DQS", "as_of": str(AS_OF)}, headers=headers)
        assert r.status_code == 404, path
        assert not any(n in r.text for n in names)
    own = client.get("/api/v1/teachers/obligations", params={"as_of": str(AS_OF)}, headers=headers)
    assert own.status_code == 200
    assert {x["school_code"] for x in own.json()["items"]} <= {"GXZZ"}
    assert not any(n in own.text for n in names)
    assert len(_audit(db, "export", "teacher_obligations")) == exports  # refused: no export
    firm = make_user(db, "enterprise", enterprise=make_enterprise(db))
    for user in (make_user(db, "platform"), firm):
        r = client.get("/api/v1/teachers/obligations", headers=api_key_headers(db, user))
        assert r.status_code == 403, user.role
    assert client.get("/api/v1/teachers/obligations").status_code == 401
    # The page too: another school's list is a 404 page without a name.
    login(client, other.username)
    page = client.get(
        "/teachers/obligations", params={"school": "DQS"}, headers={"Accept": "text/html"}
    )
    assert page.status_code == 404 and not any(n in page.text for n in names)


def test_an_admin_sees_every_school(client: TestClient, db: Session, roster: Roster) -> None:
    headers = api_key_headers(db, make_user(db, "admin"))
    r = client.get(
        "/api/v1/teachers/obligations",
        params={"school": "DQS", "as_of": str(AS_OF)},
        headers=headers,
    )
    assert {(x["staff_no"], x["rule"]) for x in r.json()["items"]} == OBLIGED
    every = client.get(
        "/api/v1/teachers/obligations", params={"as_of": str(AS_OF)}, headers=headers
    )
    assert {x["school_code"] for x in every.json()["items"]} > {"DQS"}


def test_an_obligation_counts_from_the_day_it_took_effect_for_earlier_hires() -> None:
    bay = Obligation(
        key="bay_area", name="b", min_days=30, window_years=3, bay_area_only=True,
        source=Prose(zh="规划第30条"), set_by="district", effective_from=date(2021, 1, 1),
    )  # fmt: skip
    # Hired 2005: the first 3-year window runs from 2021-01-01, so overdue since 2024-01-01 —
    # not since 2008-09-01 (three years after hiring, before the plan existed).
    old = check([], hired_on=date(2005, 9, 1), rule=bay, as_of=date(2026, 11, 29),
                due_within_days=365)  # fmt: skip
    assert (old.status, old.overdue_since) == ("overdue", date(2024, 1, 1))
    # Hired after the plan began: from the hiring date as before (2023-03-01 + 3 years).
    new = check([], hired_on=date(2023, 3, 1), rule=bay, as_of=date(2026, 11, 29),
                due_within_days=365)  # fmt: skip
    assert (new.status, new.overdue_since) == ("overdue", date(2026, 3, 1))
