"""Demo accounts for the sample deployment (development only): one per role."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from vocmatch.accounts import service
from vocmatch.accounts.models import ApiKey, User
from vocmatch.enterprises.models import Enterprise
from vocmatch.kit.errors import Forbidden
from vocmatch.schools.models import School

DEMO_PASSWORD = "vocmatch-demo-2026"
PLANNER_SCHOOL = "GXZZ"


@dataclass
class DemoAccount:
    """A demo login (or API key) to print for the developer."""

    username: str
    role: str
    note: str
    created: bool
    api_key: str = ""


def _user(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username))


def ensure_demo_users(session: Session, *, environment: str) -> list[DemoAccount]:
    """Create the demo admin, planner, enterprise user and platform client when missing."""
    if environment == "production":
        raise Forbidden("demo users are for development only; not created in production")
    out: list[DemoAccount] = []
    school = session.scalar(select(School).where(School.code == PLANNER_SCHOOL)) or session.scalar(
        select(School).order_by(School.code)
    )
    enterprise = session.scalar(
        select(Enterprise).where(Enterprise.status == "active").order_by(Enterprise.id)
    )
    wanted: list[tuple[str, str, dict[str, object], str]] = [
        ("admin", "admin", {}, "administrator"),
    ]
    if school is not None:
        wanted.append(
            ("planner", "planner", {"school_codes": [school.code]}, f"planner for {school.name}")
        )
    if enterprise is not None:
        wanted.append(
            ("enterprise", "enterprise", {"enterprise_name": enterprise.name}, enterprise.name)
        )
    for username, role, extra, note in wanted:
        exists = _user(session, username) is not None
        if not exists:
            service.create_user(
                session,
                username=username,
                role=role,
                password=DEMO_PASSWORD,
                display_name=note,
                actor="cli:demo-users",
                **extra,  # type: ignore[arg-type]
            )
        out.append(DemoAccount(username, role, note, created=not exists))
    platform = _user(session, "hr-platform")
    if platform is None:
        platform = service.create_user(
            session,
            username="hr-platform",
            role="platform",
            password=None,
            display_name="High-tech Zone HR platform",
            actor="cli:demo-users",
        )
    has_key = session.scalar(
        select(ApiKey.id).where(ApiKey.user_id == platform.id, ApiKey.revoked_at.is_(None))
    )
    secret = ""
    if has_key is None:
        secret = service.create_key(
            session, username="hr-platform", name="demo", actor="cli:demo-users"
        ).secret
    out.append(DemoAccount("hr-platform", "platform", "API key only", has_key is None, secret))
    return out
