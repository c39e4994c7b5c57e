"""Who am I, and the admin API for users and API keys."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, status
from sqlalchemy import select

from vocmatch.accounts import service
from vocmatch.accounts.models import ApiKey, User
from vocmatch.accounts.schemas import IssuedKeyOut, KeyCreate, KeyOut, Me, UserCreate, UserOut
from vocmatch.kit.deps import AdminDep, AuthenticatedDep, SessionDep
from vocmatch.kit.openapi import document_security
from vocmatch.kit.responses import errors
from vocmatch.schools.models import School

router = APIRouter(prefix="/api/v1", tags=["auth"])
Username = Annotated[str, Path(max_length=100)]


def _key_out(key: ApiKey, user: User) -> KeyOut:
    return KeyOut(
        id=key.id,
        prefix=key.prefix,
        name=key.name,
        username=user.username,
        expires_at=key.expires_at,
        revoked_at=key.revoked_at,
        last_used_at=key.last_used_at,
        rate_limit_per_minute=key.rate_limit_per_minute,
    )


@router.get("/me", response_model=Me, responses=errors(401, 429))
def me(session: SessionDep, principal: AuthenticatedDep) -> Me:
    """The caller: role, scope (schools or enterprise) and how it authenticated."""
    user = session.get(User, principal.user_id)
    codes = (
        sorted(session.scalars(select(School.code).where(School.id.in_(principal.school_ids))))
        if principal.school_ids
        else []
    )
    return Me(
        username=principal.username,
        display_name=user.display_name if user else principal.username,
        role=principal.role,
        school_codes=codes,
        enterprise_id=principal.enterprise_id,
        via=principal.via,
    )


@router.get("/admin/users", response_model=list[UserOut], responses=errors(401, 403, 429))
def list_users(session: SessionDep, principal: AdminDep) -> list[UserOut]:
    """Every user (admins)."""
    return [UserOut.model_validate(u) for u in service.list_users(session)]


@router.post(
    "/admin/users",
    response_model=UserOut,
    status_code=status.HTTP_201_CREATED,
    responses=errors(401, 403, 409, 422, 429),
)
def create_user(data: UserCreate, session: SessionDep, principal: AdminDep) -> UserOut:
    """Create a user (admins). Planners need schools, enterprise users an enterprise."""
    user = service.create_user(session, **data.model_dump(), actor=principal.audit_name())
    return UserOut.model_validate(user)


@router.post(
    "/admin/users/{username}/revoke",
    response_model=UserOut,
    responses=errors(401, 403, 404, 429),
)
def revoke_user(username: Username, session: SessionDep, principal: AdminDep) -> UserOut:
    """Deactivate a user: their keys and sessions stop working at once (admins)."""
    return UserOut.model_validate(
        service.revoke_user(session, username=username, actor=principal.audit_name())
    )


@router.get("/admin/keys", response_model=list[KeyOut], responses=errors(401, 403, 429))
def list_keys(session: SessionDep, principal: AdminDep) -> list[KeyOut]:
    """Every API key: prefix, owner, expiry, state — never the secret (admins)."""
    return [_key_out(k, u) for k, u in service.list_keys(session)]


@router.post(
    "/admin/keys",
    response_model=IssuedKeyOut,
    status_code=status.HTTP_201_CREATED,
    responses=errors(401, 403, 404, 422, 429),
)
def create_key(data: KeyCreate, session: SessionDep, principal: AdminDep) -> IssuedKeyOut:
    """Issue an API key; the secret is in this response only (admins)."""
    issued = service.create_key(session, **data.model_dump(), actor=principal.audit_name())
    user = service.get_user(session, username=data.username)
    return IssuedKeyOut(**_key_out(issued.key, user).model_dump(), secret=issued.secret)


@router.post(
    "/admin/keys/{prefix}/revoke",
    response_model=KeyOut,
    responses=errors(401, 403, 404, 429),
)
def revoke_key(
    prefix: Annotated[str, Path(pattern=r"^[0-9a-f]{12}$")],
    session: SessionDep,
    principal: AdminDep,
) -> KeyOut:
    """Revoke an API key at once (admins)."""
    key = service.revoke_key(
        session, prefix=prefix, actor=principal.audit_name(), current_key_id=principal.key_id
    )
    user = session.get(User, key.user_id)
    assert user is not None
    return _key_out(key, user)


document_security(router)
