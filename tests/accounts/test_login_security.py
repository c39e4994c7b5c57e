"""Password logins: back-off per user and per address, one cost for every failure, audited
failures and logouts, and the password policy."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories import PASSWORD, login, make_user
from vocmatch.accounts import service as auth
from vocmatch.accounts.login import ADDRESS_FREE_FAILURES, USER_FREE_FAILURES
from vocmatch.accounts.passwords import password_problem
from vocmatch.audit.models import AuditEntry
from vocmatch.kit.errors import Invalid
from vocmatch.kit.ratelimit import backoff_seconds, login_failures


class FakeClock:
    """A monotonic clock the test moves by hand (no sleeps)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(login_failures, "clock", fake)
    return fake


def _attempt(client: TestClient, username: str, password: str) -> int:
    client.get("/login")
    token = client.cookies.get("vocmatch_login_csrf")
    r = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token},
        follow_redirects=False,
    )
    return r.status_code


def test_fifty_wrong_passwords_are_throttled_and_the_right_one_waits_too(
    client: TestClient, db: Session, clock: FakeClock
) -> None:
    user = make_user(db, "planner")
    codes = [_attempt(client, user.username, f"wrong-{i}") for i in range(50)]
    # 5 free failures answer 401; the 6th comes less than 1 s after the 5th and must wait.
    assert codes[:USER_FREE_FAILURES] == [401] * USER_FREE_FAILURES
    assert codes[USER_FREE_FAILURES:] == [429] * (50 - USER_FREE_FAILURES)
    assert _attempt(client, user.username, PASSWORD) == 429
    # After 5 failures the wait is 2^(5-5) = 1 s.
    clock.now += 1.5
    assert _attempt(client, user.username, PASSWORD) == 303


def test_the_back_off_doubles_and_is_capped() -> None:
    assert [backoff_seconds(n, free=5, cap=900) for n in (0, 4, 5, 6, 7, 14, 40)] == [
        0,
        0,
        1,
        2,
        4,
        512,
        900,
    ]


def test_a_throttled_page_says_when_to_retry_and_is_audited(
    client: TestClient, db: Session, clock: FakeClock
) -> None:
    user = make_user(db, "admin")
    for i in range(USER_FREE_FAILURES):
        _attempt(client, user.username, f"wrong-{i}")
    client.get("/login")
    r = client.post(
        "/login",
        data={
            "username": user.username,
            "password": PASSWORD,
            "csrf_token": client.cookies.get("vocmatch_login_csrf"),
        },
    )
    assert r.status_code == 429 and r.headers["retry-after"] == "1"
    assert "登录失败次数过多，请 1 秒后再试" in r.text
    actions = db.scalars(select(AuditEntry.action).where(AuditEntry.actor == user.username)).all()
    assert actions.count("login.failed") == USER_FREE_FAILURES
    assert actions.count("login.throttled") == 1


def test_one_address_trying_many_users_is_throttled(
    client: TestClient, db: Session, clock: FakeClock
) -> None:
    codes = [_attempt(client, f"nobody-{i}", "wrong-password") for i in range(30)]
    assert codes[:ADDRESS_FREE_FAILURES] == [401] * ADDRESS_FREE_FAILURES
    assert set(codes[ADDRESS_FREE_FAILURES:]) == {429}


def test_a_forged_form_learns_nothing_about_the_password(client: TestClient, db: Session) -> None:
    user = make_user(db, "admin")
    client.get("/login")
    right = client.post(
        "/login", data={"username": user.username, "password": PASSWORD, "csrf_token": "forged"}
    )
    wrong = client.post(
        "/login", data={"username": user.username, "password": "nope", "csrf_token": "forged"}
    )
    assert right.status_code == wrong.status_code == 400
    assert client.cookies.get("vocmatch_session") is None


def test_unknown_and_known_users_cost_one_password_check_each(db: Session) -> None:
    user = make_user(db, "admin")
    auth.authenticate_password(db, username="warm-up", password="x")  # the dummy hash, once

    def cost(username: str) -> float:
        start = time.process_time()
        for _ in range(3):
            assert auth.authenticate_password(db, username=username, password="wrong") is None
        return time.process_time() - start

    known, unknown = cost(user.username), cost("no-such-user")
    # Both run argon2 (tens of ms of CPU each); skipping it (the old path) costs well under 1 ms.
    assert unknown > 0.4 * known
    assert known > 0.4 * unknown


def test_logout_is_audited(client: TestClient, db: Session) -> None:
    user = make_user(db, "admin")
    token = login(client, user.username)
    client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    actions = db.scalars(select(AuditEntry.action).where(AuditEntry.actor == user.username)).all()
    assert "logout" in actions


@pytest.mark.parametrize(
    "password",
    ["1234567890", "password12", " " * 10, "aaaaaaaaaaaa", "Password2026!", "qwertyuiop"],
)
def test_common_or_monotonous_passwords_are_refused(db: Session, password: str) -> None:
    assert password_problem(password) is not None
    with pytest.raises(Invalid) as exc:
        auth.create_user(db, username="newplanner", role="admin", password=password)
    assert exc.value.errors[0]["field"] == "password"


def test_a_password_holding_the_username_is_refused() -> None:
    assert password_problem("zhangwei-2026-gx", username="zhangwei") is not None
    assert password_problem("correct-horse-battery", username="zhangwei") is None


def test_the_registration_form_applies_the_policy(client: TestClient, db: Session) -> None:
    client.get("/portal/register")
    r = client.post(
        "/portal/register",
        data={
            "csrf_token": client.cookies.get("vocmatch_login_csrf"),
            "enterprise_name": "赣州新注册测试企业有限公司",
            "location_kind": "high_tech_zone",
            "username": "newfirm",
            "password": "password12",
        },
    )
    assert r.status_code == 422 and "最常见的密码" in r.text


def test_denials_are_audited(client: TestClient, db: Session) -> None:
    from tests.factories import api_key_headers

    planner = make_user(db, "planner")
    headers = api_key_headers(db, planner)
    assert client.get("/api/v1/admin/users", headers=headers).status_code == 403
    bad = {"Authorization": "Bearer vm_000000000000_made-up"}
    assert client.get("/api/v1/programmes", headers=bad).status_code == 401
    assert client.get("/api/v1/admin/users").status_code == 401  # nobody presented anything
    rows = db.scalars(select(AuditEntry).where(AuditEntry.action == "denied")).all()
    seen = {(r.actor, r.entity_id, r.detail["status"]) for r in rows}
    assert (planner.username, "GET /api/v1/admin/users", 403) in seen
    assert ("anonymous", "GET /api/v1/programmes", 401) in seen
    assert not any(
        r.entity_id == "GET /api/v1/admin/users" and r.actor == "anonymous" for r in rows
    )
