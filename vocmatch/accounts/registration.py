"""Portal self-registration: a pending enterprise and its first user, usable after admin approval."""

from __future__ import annotations

from pydantic import ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError
from sqlalchemy.orm import Session

from vocmatch.accounts import service as auth
from vocmatch.accounts.models import User
from vocmatch.accounts.passwords import password_problem_kind
from vocmatch.audit.service import record
from vocmatch.enterprises.lookup import find_duplicates
from vocmatch.enterprises.models import Enterprise
from vocmatch.enterprises.schemas import LocationKind, _credit
from vocmatch.kit.errors import Conflict
from vocmatch.kit.principal import Principal
from vocmatch.kit.schema import Input


class Registration(Input):
    """What an enterprise gives when it registers on the portal."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    enterprise_name: str = Field(min_length=2, max_length=200)
    credit_code: str | None = None
    location_kind: LocationKind = "high_tech_zone"
    contact_name: str = Field(default="", max_length=100)
    contact_phone: str = Field(default="", max_length=50)
    username: str = Field(min_length=3, max_length=100, pattern=r"^[A-Za-z0-9_.@-]+$")
    password: str = Field(min_length=10, max_length=200)
    # The registrant's answer to "a very similar name is registered: is this another firm?"
    confirm_distinct: bool = False

    @field_validator("credit_code")
    @classmethod
    def _check_credit_code(cls, v: str | None) -> str | None:
        return _credit(v)

    @field_validator("password")
    @classmethod
    def _check_password(cls, v: str, info: ValidationInfo) -> str:
        problem = password_problem_kind(v, username=str(info.data.get("username", "")))
        if problem is not None:
            raise PydanticCustomError(*problem)
        return v


def register(session: Session, *, data: Registration) -> tuple[Enterprise, User]:
    """Create a pending enterprise and its user; 409 when it (or one like it) exists already.

    The refusal names no other enterprise: the registration page is open to anyone, so it must
    not tell a visitor which firms are registered, under which codes or with which names.
    """
    dups = find_duplicates(session, name=data.enterprise_name, credit_code=data.credit_code)
    # Only a merely similar name (the resolver's guess) may be declared another firm; the same
    # code, name, short name or name apart from its legal form is the same firm.
    hard = [d for d in dups if d.how != "resolver"]
    if hard:
        raise Conflict(
            "an enterprise with this name or credit code (or a very similar one) is already "
            "registered; if it is yours, ask the administrator for an account",
            errors=[{"field": "enterprise_name", "message": "already registered"}],
            key="portal.register.duplicate",
        )
    if dups and not data.confirm_distinct:
        raise Conflict(
            "an enterprise with a very similar name is already registered; if this is another "
            "enterprise, confirm it (confirm_distinct) and send the form again",
            errors=[{"field": "confirm_distinct", "message": "a very similar name is registered"}],
            key="portal.register.similar",
        )
    ent = Enterprise(
        name=data.enterprise_name,
        credit_code=data.credit_code,
        location_kind=data.location_kind,
        contact_name=data.contact_name,
        contact_phone=data.contact_phone,
        status="pending",
    )
    session.add(ent)
    session.flush()
    user = auth.create_user(
        session,
        username=data.username,
        role="enterprise",
        password=data.password,
        display_name=data.contact_name or data.username,
        enterprise_name=ent.name,
        actor=f"portal:{data.username}",
    )
    record(
        session,
        actor=f"portal:{data.username}",
        action="register",
        entity_type="enterprise",
        entity_id=ent.id,
        detail={
            "name": ent.name,
            "status": "pending",
            "user": user.username,
            **({"confirmed_distinct": True} if dups else {}),
        },
    )
    return ent, user


def is_approved(session: Session, principal: Principal) -> bool:
    """Return True when the enterprise user's enterprise is active."""
    ent = session.get(Enterprise, principal.enterprise_id or -1)
    return ent is not None and ent.status == "active"
