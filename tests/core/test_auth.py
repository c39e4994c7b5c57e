"""API keys, browser logins, CSRF, rate limits and body limits."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories import PASSWORD, api_key_headers, login, make_user
from vocmatch.accounts import service as auth
from vocmatch.accounts.models import ApiKey
from vocmatch.audit.models import AuditEntry
from vocmatch.kit.db import utcnow
from vocmatch.kit.errors import RateLimited
from vocmatch.kit.ratelimit import RateLimiter


def test_api_key_is_stored_hashed_and_shown_once(db: Session) -> None:
    user = make_user(db, "platform")
    issued = auth.create_key(db, username=user.username, name="hr platform")
    stored = db.scalar(select(ApiKey).where(ApiKey.id == issued.key.id))
    assert stored is not None
    assert issued.secret not in (stored.key_hash, stored.prefix)
    assert issued.secret.startswith(f"vm_{stored.prefix}_")
    assert auth.authenticate_key(db, issued.secret) is not None
    assert auth.authenticate_key(db, issued.secret[:-1] + "x") is None


def test_revoked_or_expired_key_is_refused(client: TestClient, db: Session) -> None:
    user = make_user(db, "platform")
    headers = api_key_headers(db, user)
    assert client.get("/api/v1/programmes", headers=headers).status_code == 200
    key = db.scalars(select(ApiKey).where(ApiKey.user_id == user.id)).one()
    key.expires_at = utcnow() - timedelta(seconds=1)
    db.flush()
    r = client.get("/api/v1/programmes", headers=headers)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    key.expires_at = None
    auth.revoke_key(db, prefix=key.prefix)
    db.flush()
    assert client.get("/api/v1/programmes", headers=headers).status_code == 401


def test_revoking_a_user_stops_their_keys(client: TestClient, db: Session) -> None:
    user = make_user(db, "platform")
    headers = api_key_headers(db, user)
    auth.revoke_user(db, username=user.username)
    db.flush()
    assert client.get("/api/v1/programmes", headers=headers).status_code == 401


def test_rate_limit_answers_429_with_retry_after(client: TestClient, db: Session) -> None:
    user = make_user(db, "platform")
    issued = auth.create_key(db, username=user.username, name="tight", rate_limit_per_minute=3)
    headers = {"Authorization": f"Bearer {issued.secret}"}
    codes = [client.get("/api/v1/chains", headers=headers).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    r = client.get("/api/v1/chains", headers=headers)
    assert int(r.headers["retry-after"]) >= 1
    assert r.headers["content-type"].startswith("application/problem+json")


def test_rate_limiter_window_slides() -> None:
    limiter = RateLimiter(window_seconds=0.05)
    limiter.hit("k", 1)
    try:
        limiter.hit("k", 1)
        raise AssertionError("second call inside the window must be refused")
    except RateLimited:
        pass
    import time

    time.sleep(0.06)
    limiter.hit("k", 1)


def test_login_logout_and_csrf(client: TestClient, db: Session) -> None:
    user = make_user(db, "admin")
    token = login(client, user.username)
    assert user.username in client.get("/").text
    r = client.post("/logout", data={"csrf_token": "wrong"})
    assert r.status_code == 403
    r = client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    assert user.username not in client.get("/").text
    actions = db.scalars(select(AuditEntry.action).where(AuditEntry.actor == user.username)).all()
    assert "login" in actions


def test_wrong_password_and_forged_login_form(client: TestClient, db: Session) -> None:
    user = make_user(db, "admin")
    client.get("/login")
    token = client.cookies.get("vocmatch_login_csrf")
    r = client.post(
        "/login", data={"username": user.username, "password": "nope", "csrf_token": token}
    )
    assert r.status_code == 401 and "用户名或密码不正确" in r.text
    r = client.post(
        "/login", data={"username": user.username, "password": PASSWORD, "csrf_token": "forged"}
    )
    assert r.status_code == 400
    assert client.cookies.get("vocmatch_session") is None


def test_login_redirect_is_local_only(client: TestClient, db: Session) -> None:
    user = make_user(db, "admin")
    client.get("/login")
    token = client.cookies.get("vocmatch_login_csrf")
    r = client.post(
        "/login",
        data={
            "username": user.username,
            "password": PASSWORD,
            "csrf_token": token,
            "next": "//evil.example/",
        },
        follow_redirects=False,
    )
    assert r.headers["location"] == "/"


def test_oversized_body_is_413(client: TestClient) -> None:
    r = client.post(
        "/login",
        content=b"x" * (6 * 1024 * 1024),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert r.status_code == 413
    assert "exceeds the limit" in r.json()["detail"]
