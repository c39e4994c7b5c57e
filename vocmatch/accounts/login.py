"""Password login with back-off per user and per address, a constant-time failure path and an
audit row for every failure.

Every failure costs the same: an unknown or revoked user is checked against a dummy argon2 hash,
so the time to fail says nothing about who exists. After ``USER_FREE_FAILURES`` wrong passwords for
one username (or ``ADDRESS_FREE_FAILURES`` from one address) within 15 minutes, each further
attempt must wait 1, 2, 4, … seconds (at most 15 minutes) and is refused with 429 before any
password is checked — the right password included.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from vocmatch.accounts.models import User
from vocmatch.accounts.service import authenticate_password
from vocmatch.audit.service import record
from vocmatch.kit.errors import RateLimited, Unauthorized
from vocmatch.kit.ratelimit import check_backoff, login_failures

USER_FREE_FAILURES = 5
ADDRESS_FREE_FAILURES = 20
BACKOFF_CAP_SECONDS = 900.0


def _keys(username: str, address: str) -> tuple[str, str]:
    return f"login:user:{username.strip().lower()}", f"login:address:{address}"


def log_in(session: Session, *, username: str, password: str, address: str) -> User:
    """Return the user whose password matches; 429 while backing off, 401 for a wrong password.

    The failure (or the refusal) is written to the audit log in ``session``: the caller must
    commit it even though the login failed.
    """
    user_key, address_key = _keys(username, address)
    actor = username.strip()[:100] or "anonymous"
    try:
        check_backoff(login_failures, user_key, free=USER_FREE_FAILURES, cap=BACKOFF_CAP_SECONDS)
        check_backoff(
            login_failures, address_key, free=ADDRESS_FREE_FAILURES, cap=BACKOFF_CAP_SECONDS
        )
    except RateLimited as exc:
        record(
            session,
            actor=actor,
            action="login.throttled",
            entity_type="user",
            detail={"address": address, "retry_after": exc.headers.get("Retry-After", "")},
        )
        raise
    user = authenticate_password(session, username=username, password=password)
    if user is None:
        login_failures.fail(user_key)
        login_failures.fail(address_key)
        record(
            session,
            actor=actor,
            action="login.failed",
            entity_type="user",
            detail={"address": address},
        )
        raise Unauthorized("wrong username or password")
    login_failures.clear(user_key)
    return user
