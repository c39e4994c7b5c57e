"""Operators cannot lock themselves out, keys are never born expired, and registration names no
other enterprise."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories import PASSWORD, api_key_headers, login, make_enterprise, make_user
from vocmatch.accounts import service as auth
from vocmatch.accounts.models import ApiKey, User
from vocmatch.kit.db import utcnow
from vocmatch.kit.errors import Invalid


def test_an_admin_cannot_revoke_itself(client: TestClient, db: Session) -> None:
    admin = make_user(db, "admin")
    make_user(db, "admin")  # not the last admin: only the self-revoke is refused
    headers = api_key_headers(db, admin)
    r = client.post(f"/api/v1/admin/users/{admin.username}/revoke", headers=headers)
    assert r.status_code == 409 and "your own account" in r.json()["detail"]
    db.refresh(admin)
    assert admin.active


def test_the_last_active_admin_stays(db: Session) -> None:
    for other in db.scalars(select(User).where(User.role == "admin", User.active)):
        other.active = False
    last = make_user(db, "admin")
    with pytest.raises(Exception, match="last active administrator"):
        auth.revoke_user(db, username=last.username, actor="cli")


def test_a_key_cannot_revoke_itself(client: TestClient, db: Session) -> None:
    admin = make_user(db, "admin")
    headers = api_key_headers(db, admin)
    prefix = headers["Authorization"].split("_")[1]
    r = client.post(f"/api/v1/admin/keys/{prefix}/revoke", headers=headers)
    assert r.status_code == 409
    assert client.get("/api/v1/me", headers=headers).status_code == 200


def test_keys_are_never_created_expired_and_expired_ones_say_so(db: Session) -> None:
    user = make_user(db, "platform")
    with pytest.raises(Invalid) as exc:
        auth.create_key(db, username=user.username, name="old", expires_in_days=-3)
    assert exc.value.errors[0]["field"] == "expires_in_days"
    issued = auth.create_key(db, username=user.username, name="soon", expires_in_days=1)
    assert auth.key_state(issued.key) == "active"
    issued.key.expires_at = utcnow() - timedelta(minutes=1)
    assert auth.key_state(issued.key) == "expired"
    auth.revoke_key(db, prefix=issued.key.prefix)
    assert auth.key_state(db.scalars(select(ApiKey).where(ApiKey.id == issued.key.id)).one()) == (
        "revoked"
    )


def test_registration_refuses_a_duplicate_without_naming_anyone(
    client: TestClient, db: Session
) -> None:
    existing = make_enterprise(
        db, name="赣州保密测试稀土有限公司", credit_code="91360700MA35XXXX0A"
    )
    client.get("/portal/register")
    base = {
        "location_kind": "high_tech_zone",
        "username": "copycat",
        "password": PASSWORD,
    }
    for name, code in (
        ("赣州保密测试稀土有限公司", ""),  # the same name
        ("赣州保密测试稀土公司", ""),  # the same name with another legal form
    ):
        r = client.post(
            "/portal/register",
            data={
                **base,
                "enterprise_name": name,
                "credit_code": code,
                "csrf_token": client.cookies.get("vocmatch_login_csrf"),
            },
        )
        assert r.status_code == 409
        assert "已经登记过" in r.text
        # The page shows back what was typed, and nothing of the registered enterprise.
        assert existing.name not in r.text.replace(name, "")
        assert "did you mean" not in r.text


def test_revoking_a_key_on_the_admin_page_asks_first(client: TestClient, db: Session) -> None:
    admin = make_user(db, "admin")
    issued = auth.create_key(db, username=make_user(db, "platform").username, name="hr")
    csrf = login(client, admin.username)
    question = f"/admin/keys/{issued.key.prefix}/revoke"
    page = client.get(question)
    assert page.status_code == 200 and f'action="{question}"' in page.text
    # Posted without the confirmation: back to the question, the key still works.
    back = client.post(question, data={"csrf_token": csrf}, follow_redirects=False)
    assert back.status_code == 303 and back.headers["location"] == question
    assert auth.key_state(issued.key) == "active"
    done = client.post(
        question, data={"csrf_token": csrf, "confirmed": "1"}, follow_redirects=False
    )
    assert done.status_code == 303 and done.headers["location"] == "/admin/keys?revoked=1"
    db.refresh(issued.key)
    assert auth.key_state(issued.key) == "revoked"
