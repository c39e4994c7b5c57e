"""Portal self-registration: a pending enterprise and its first user, usable after admin approval."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy.orm import Session

from vocmatch.accounts import service as auth
from vocmatch.accounts.models import User
from vocmatch.audit.service import record
from vocmatch.enterprises.lookup import find_duplicates
from vocmatch.enterprises.models import Enterprise
from vocmatch.enterprises.schemas import LocationKind, _credit
from vocmatch.enterprises.service import duplicate_conflict
from vocmatch.kit.principal import Principal


class Registration(BaseModel):
    """What an enterprise gives when it registers on the portal."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    enterprise_name: str = Field(min_length=2, max_length=200)
    credit_code: str | None = None
    location_kind: LocationKind = "high_tech_zone"
    contact_name: str = Field(default="", max_length=100)
    contact_phone: str = Field(default="", max_length=50)
    username: str = Field(min_length=3, max_length=100, pattern=r"^[A-Za-z0-9_.@-]+$")
    password: str = Field(min_length=10, max_length=200)

    @field_validator("credit_code")
    @classmethod
    def _check_credit_code(cls, v: str | None) -> str | None:
        return _credit(v)


def register(session: Session, *, data: Registration) -> tuple[Enterprise, User]:
    """Create a pending enterprise and its user; 409 naming the enterprise when it exists already."""
    dups = find_duplicates(session, name=data.enterprise_name, credit_code=data.credit_code)
    if dups:
        raise duplicate_conflict(dups, data.enterprise_name)
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
        detail={"name": ent.name, "status": "pending", "user": user.username},
    )
    return ent, user


def is_approved(session: Session, principal: Principal) -> bool:
    """Return True when the enterprise user's enterprise is active."""
    ent = session.get(Enterprise, principal.enterprise_id or -1)
    return ent is not None and ent.status == "active"
