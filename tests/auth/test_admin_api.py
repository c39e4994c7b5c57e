"""Users and API keys over the admin API; who am I; cookie writes need the CSRF header."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.demand.helpers import item
from tests.factories import api_key_headers, login, make_enterprise, make_user
from vocmatch.accounts.models import ApiKey


def test_admin_issues_key_shown_once_then_revokes_it(client, db: Session) -> None:
    admin = api_key_headers(db, make_user(db, "admin"))
    r = client.post(
        "/api/v1/admin/users", json={"username": "hr-platform-2", "role": "platform"}, headers=admin
    )
    assert r.status_code == 201
    r = client.post(
        "/api/v1/admin/keys",
        json={"username": "hr-platform-2", "name": "prod", "rate_limit_per_minute": 5},
        headers=admin,
    )
    assert r.status_code == 201
    secret, prefix = r.json()["secret"], r.json()["prefix"]
    stored = db.scalar(select(ApiKey).where(ApiKey.prefix == prefix))
    assert stored is not None and secret not in stored.key_hash
    assert all("secret" not in k for k in client.get("/api/v1/admin/keys", headers=admin).json())
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.json()["role"] == "platform" and me.json()["via"] == "key"
    assert client.post(f"/api/v1/admin/keys/{prefix}/revoke", headers=admin).status_code == 200
    assert (
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    )


def test_per_key_rate_limit_on_batch(client, db: Session) -> None:
    admin = api_key_headers(db, make_user(db, "admin"))
    make_user(db, "platform", username="limited-platform")
    secret = client.post(
        "/api/v1/admin/keys",
        json={"username": "limited-platform", "rate_limit_per_minute": 2},
        headers=admin,
    ).json()["secret"]
    h = {"Authorization": f"Bearer {secret}"}
    codes = [
        client.put(
            "/api/v1/postings/batch", json={"items": [item(f"RL-{i}")]}, headers=h
        ).status_code
        for i in range(3)
    ]
    assert codes[:2] == [200, 200] and codes[2] == 429
    other = api_key_headers(db, make_user(db, "platform"))
    assert client.get("/api/v1/postings", headers=other).status_code == 200


def test_oversized_batch_is_413(client, db: Session) -> None:
    h = api_key_headers(db, make_user(db, "platform"))
    big = {"items": [item(f"BIG-{i}", description="长" * 4000) for i in range(500)]}
    assert client.put("/api/v1/postings/batch", json=big, headers=h).status_code == 413


def test_cookie_session_api_write_needs_csrf_header(client, db: Session) -> None:
    ent = make_enterprise(db)
    make_user(db, "enterprise", enterprise=ent, username="cookie-ent")
    csrf = login(client, "cookie-ent")
    assert client.post("/api/v1/postings", json={"title": "焊工"}).status_code == 403
    r = client.post("/api/v1/postings", json={"title": "焊工"}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 201


def test_session_cookie_flags(client, db: Session) -> None:
    make_user(db, "admin", username="cookie-admin")
    page = client.get("/login")
    token = client.cookies.get("vocmatch_login_csrf")
    r = client.post(
        "/login",
        data={
            "username": "cookie-admin",
            "password": "correct-horse-battery",
            "csrf_token": token,
            "next": "/",
        },
        follow_redirects=False,
    )
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert page.status_code == 200
