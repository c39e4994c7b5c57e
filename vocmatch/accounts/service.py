"""Users, API keys and browser sessions: create, authenticate, list and revoke."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vocmatch.accounts.models import ROLES, ApiKey, User, WebSession, user_school
from vocmatch.accounts.passwords import check_password
from vocmatch.audit.service import record
from vocmatch.enterprises.models import Enterprise
from vocmatch.kit import shared
from vocmatch.kit.config import get_settings
from vocmatch.kit.db import utcnow
from vocmatch.kit.deps import Authenticator, Denial
from vocmatch.kit.errors import Conflict, Invalid, NotFound
from vocmatch.kit.principal import Principal
from vocmatch.kit.secrets import (
    hash_password,
    new_api_key,
    new_token,
    split_api_key,
    token_hash,
    verify_password,
)
from vocmatch.kit.ttlcache import TTLCache
from vocmatch.schools.models import School


def create_user(
    session: Session,
    *,
    username: str,
    role: str,
    password: str | None = None,
    display_name: str = "",
    school_codes: list[str] | None = None,
    enterprise_name: str | None = None,
    actor: str = "system",
) -> User:
    """Create a user; planners need schools, enterprise users an enterprise."""
    if role not in ROLES:
        raise Invalid(f"role must be one of {', '.join(ROLES)}", errors=[{"field": "role"}])
    if session.scalar(select(User).where(User.username == username)):
        raise Conflict(f"user {username!r} already exists")
    if password is not None:
        check_password(password, username=username)
    enterprise_id = None
    if role == "enterprise":
        ent = session.scalar(select(Enterprise).where(Enterprise.name == (enterprise_name or "")))
        if ent is None:
            raise Invalid(
                f"unknown enterprise {enterprise_name!r}", errors=[{"field": "enterprise"}]
            )
        enterprise_id = ent.id
    user = User(
        username=username,
        role=role,
        display_name=display_name or username,
        password_hash=hash_password(password) if password else "",
        enterprise_id=enterprise_id,
    )
    session.add(user)
    session.flush()
    if role == "planner":
        codes = school_codes or []
        if not codes:
            raise Invalid("a planner needs at least one school", errors=[{"field": "schools"}])
        set_user_schools(session, user=user, school_codes=codes)
    record(
        session,
        actor=actor,
        action="create",
        entity_type="user",
        entity_id=user.id,
        detail={"username": username, "role": role},
    )
    return user


def set_user_schools(session: Session, *, user: User, school_codes: list[str]) -> None:
    """Replace the schools a planner is scoped to."""
    schools = list(session.scalars(select(School).where(School.code.in_(school_codes))))
    unknown = set(school_codes) - {s.code for s in schools}
    if unknown:
        raise Invalid(
            f"unknown school(s): {', '.join(sorted(unknown))}", errors=[{"field": "schools"}]
        )
    session.execute(user_school.delete().where(user_school.c.user_id == user.id))
    for s in schools:
        session.execute(user_school.insert().values(user_id=user.id, school_id=s.id))


def get_user(session: Session, *, username: str) -> User:
    """Return the user called ``username`` or raise NotFound."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound(f"no user {username!r}")
    return user


def list_users(session: Session) -> list[User]:
    """Return every user ordered by name."""
    return list(session.scalars(select(User).order_by(User.username)))


def revoke_user(session: Session, *, username: str, actor: str = "system") -> User:
    """Deactivate a user; their keys and sessions stop working at once.

    Nobody revokes themselves, and the last active administrator stays (409): either would lock
    the operators out of the admin pages.
    """
    user = get_user(session, username=username)
    if user.username == actor:
        raise Conflict("you cannot revoke your own account; ask another administrator")
    if user.role == "admin" and user.active:
        admins = session.scalar(
            select(func.count()).select_from(User).where(User.role == "admin", User.active)
        )
        if (admins or 0) <= 1:
            raise Conflict("this is the last active administrator; create another one first")
    user.active = False
    user.revoked_at = utcnow()
    for ws in session.scalars(select(WebSession).where(WebSession.user_id == user.id)):
        session.delete(ws)
    record(session, actor=actor, action="revoke", entity_type="user", entity_id=user.id)
    return user


def principal_for(
    session: Session, user: User, *, via: str, key_id: int | None = None, csrf_token: str = ""
) -> Principal:
    """Build the Principal (with school scope) for an authenticated user."""
    school_ids = frozenset(
        session.scalars(select(user_school.c.school_id).where(user_school.c.user_id == user.id))
    )
    pending = False
    if user.enterprise_id is not None:
        status = session.scalar(
            select(Enterprise.status).where(Enterprise.id == user.enterprise_id)
        )
        pending = status != "active"
    return Principal(
        user_id=user.id,
        username=user.username,
        role=user.role,
        school_ids=school_ids,
        enterprise_id=user.enterprise_id,
        via=via,
        key_id=key_id,
        csrf_token=csrf_token,
        pending=pending,
    )


@dataclass
class IssuedKey:
    """A freshly created API key: ``secret`` is shown once and never stored."""

    key: ApiKey
    secret: str


def create_key(
    session: Session,
    *,
    username: str,
    name: str,
    expires_in_days: int | None = 365,
    rate_limit_per_minute: int | None = None,
    actor: str = "system",
) -> IssuedKey:
    """Create an API key for ``username``; return it with its one-time secret."""
    if expires_in_days is not None and expires_in_days < 1:
        raise Invalid(
            "expires_in_days must be at least 1 (or none for a key that never expires)",
            errors=[{"field": "expires_in_days", "message": "must be at least 1"}],
        )
    user = get_user(session, username=username)
    prefix, secret = new_api_key()
    key = ApiKey(
        user_id=user.id,
        name=name,
        prefix=prefix,
        key_hash=token_hash(secret),
        expires_at=utcnow() + timedelta(days=expires_in_days) if expires_in_days else None,
        rate_limit_per_minute=rate_limit_per_minute,
    )
    session.add(key)
    session.flush()
    record(
        session,
        actor=actor,
        action="create",
        entity_type="api_key",
        entity_id=key.id,
        detail={"user": username, "name": name, "prefix": prefix},
    )
    return IssuedKey(key=key, secret=secret)


def list_keys(session: Session) -> list[tuple[ApiKey, User]]:
    """Return every key with its user."""
    rows = session.execute(
        select(ApiKey, User).join(User, User.id == ApiKey.user_id).order_by(ApiKey.id)
    )
    return [(k, u) for k, u in rows]


def get_key(session: Session, *, prefix: str) -> tuple[ApiKey, User]:
    """Return the key with ``prefix`` and its user, or raise NotFound."""
    row = session.execute(
        select(ApiKey, User).join(User, User.id == ApiKey.user_id).where(ApiKey.prefix == prefix)
    ).first()
    if row is None:
        raise NotFound(f"no API key {prefix!r}")
    return row[0], row[1]


def revoke_key(
    session: Session, *, prefix: str, actor: str = "system", current_key_id: int | None = None
) -> ApiKey:
    """Revoke the key with ``prefix`` (409 for the key the request itself is made with)."""
    key = session.scalar(select(ApiKey).where(ApiKey.prefix == prefix))
    if key is None:
        raise NotFound(f"no API key with prefix {prefix!r}")
    if current_key_id is not None and key.id == current_key_id:
        raise Conflict("this request is made with that key; revoke it with another key or the CLI")
    key.revoked_at = key.revoked_at or utcnow()
    record(session, actor=actor, action="revoke", entity_type="api_key", entity_id=key.id)
    return key


def authenticate_key(session: Session, presented: str) -> tuple[User, ApiKey] | None:
    """Return the user and key for a presented API key when valid, active and unexpired."""
    prefix = split_api_key(presented)
    if prefix is None:
        return None
    key = session.scalar(select(ApiKey).where(ApiKey.prefix == prefix))
    if key is None or key.key_hash != token_hash(presented.strip()):
        return None
    now = utcnow()
    if key.revoked_at is not None or (key.expires_at is not None and key.expires_at <= now):
        return None
    user = session.get(User, key.user_id)
    if user is None or not user.active:
        return None
    return user, key


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    # Checked when there is no usable hash, so an unknown user costs as much as a wrong password.
    return hash_password(new_token())


def authenticate_password(session: Session, *, username: str, password: str) -> User | None:
    """Return the active user when the password matches (one argon2 check whoever asks)."""
    user = session.scalar(select(User).where(User.username == username))
    stored = user.password_hash if user is not None and user.password_hash else _dummy_hash()
    matches = verify_password(stored, password)
    if user is None or not user.password_hash or not user.active or not matches:
        return None
    return user


def start_web_session(session: Session, *, user: User, hours: int) -> tuple[str, WebSession]:
    """Create a browser session; return the cookie token (only its hash is stored)."""
    token = new_token()
    now = utcnow()
    ws = WebSession(
        token_hash=token_hash(token),
        user_id=user.id,
        csrf_token=new_token(),
        created_at=now,
        expires_at=now + timedelta(hours=hours),
    )
    session.add(ws)
    record(session, actor=user.username, action="login", entity_type="user", entity_id=user.id)
    return token, ws


def resolve_web_session(session: Session, token: str) -> tuple[User, WebSession] | None:
    """Return the user and session for a cookie token when valid and unexpired."""
    ws = session.scalar(select(WebSession).where(WebSession.token_hash == token_hash(token)))
    if ws is None or ws.expires_at <= utcnow():
        return None
    user = session.get(User, ws.user_id)
    if user is None or not user.active:
        return None
    return user, ws


# Verified keys, by the digest of the whole presented key, for VOCMATCH_KEY_CACHE_SECONDS (5 s):
# a busy client's key is checked against the database once per period, not on every request.
# An entry carries the shared versions of the key and user tables (kit.shared), so revoking a
# key, deactivating a user or changing their role or schools through any process is seen by
# every process's next request when Redis is configured; without Redis, by this process at once
# and by the others within the period. A key's expiry also ends its entry.
_KEY_TABLES = ("api_key", "app_user")
_verified: TTLCache[tuple[Principal, int | None]] = TTLCache(
    size=get_settings().key_cache_size, ttl=get_settings().key_cache_seconds
)


def principal_from_key(session: Session, presented: str) -> tuple[Principal, int | None] | None:
    """Return the caller of a presented API key and the key's own rate limit, or None."""
    digest = token_hash(presented.strip())
    version = shared.versions(_KEY_TABLES)
    if version is not None:
        hit = _verified.get(digest, version)
        if hit is not None:
            return hit
    found = authenticate_key(session, presented)
    if found is None:
        return None
    user, key = found
    principal = principal_for(session, user, via="key", key_id=key.id)
    answer = (principal, key.rate_limit_per_minute)
    if version is not None:
        left = (key.expires_at - utcnow()).total_seconds() if key.expires_at else None
        _verified.put(digest, answer, version, ttl=left)
    return answer


def principal_from_session(session: Session, token: str) -> Principal | None:
    """Return the caller of a browser session cookie, or None when it is not valid."""
    resolved = resolve_web_session(session, token)
    if resolved is None:
        return None
    user, ws = resolved
    return principal_for(session, user, via="session", csrf_token=ws.csrf_token)


def record_denied(session: Session, principal: Principal, denial: Denial) -> None:
    """Write a refused request (who, what, why, from where) to the audit log."""
    record(
        session,
        actor=principal.audit_name(),
        action="denied",
        entity_type="request",
        entity_id=f"{denial.method} {denial.path}"[:100],
        detail={
            "status": denial.status,
            "reason": denial.reason,
            "address": denial.address,
            "via": principal.via,
        },
    )


AUTHENTICATOR = Authenticator(
    by_key=principal_from_key, by_session=principal_from_session, on_denied=record_denied
)


def end_web_session(session: Session, token: str, *, actor: str = "system") -> None:
    """Delete the browser session for ``token`` (logout, audited)."""
    ws = session.scalar(select(WebSession).where(WebSession.token_hash == token_hash(token)))
    if ws is not None:
        record(session, actor=actor, action="logout", entity_type="user", entity_id=ws.user_id)
        session.delete(ws)


def key_state(key: ApiKey) -> str:
    """Return ``revoked``, ``expired`` or ``active``."""
    if key.revoked_at is not None:
        return "revoked"
    if key.expires_at is not None and key.expires_at <= utcnow():
        return "expired"
    return "active"
