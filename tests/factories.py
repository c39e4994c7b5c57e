"""Small typed factories: each test builds what it needs on top of the fixture data."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vocmatch.accounts import service as auth
from vocmatch.accounts.models import User
from vocmatch.demand.models import Posting
from vocmatch.enterprises.models import Enterprise
from vocmatch.schools.models import Offering, School

_seq = itertools.count(1)
PASSWORD = "correct-horse-battery"


def make_school(session: Session, **kw: Any) -> School:
    """Create a school with a unique code."""
    n = next(_seq)
    school = School(
        code=kw.pop("code", f"S{n:04d}"),
        name=kw.pop("name", f"测试学校{n}"),
        kind=kw.pop("kind", "public"),
        **kw,
    )
    session.add(school)
    session.flush()
    return school


def make_offering(
    session: Session, school: School, programme_code: str = "660103", **kw: Any
) -> Offering:
    """Create an offering of ``programme_code`` at ``school`` for 2026."""
    offering = Offering(
        school_id=school.id,
        programme_code=programme_code,
        year=kw.pop("year", 2026),
        intake_plan=kw.pop("intake_plan", 50),
        enrolled=kw.pop("enrolled", 140),
        graduates_per_year=kw.pop("graduates_per_year", 45),
        **kw,
    )
    session.add(offering)
    session.flush()
    return offering


def make_enterprise(session: Session, **kw: Any) -> Enterprise:
    """Create an active enterprise with a unique name."""
    n = next(_seq)
    ent = Enterprise(
        name=kw.pop("name", f"测试企业{n}有限公司"),
        location_kind=kw.pop("location_kind", "high_tech_zone"),
        status=kw.pop("status", "active"),
        **kw,
    )
    session.add(ent)
    session.flush()
    return ent


def make_posting(session: Session, enterprise: Enterprise, **kw: Any) -> Posting:
    """Create an open posting for ``enterprise``."""
    n = next(_seq)
    posting = Posting(
        enterprise_id=enterprise.id,
        source=kw.pop("source", "portal"),
        external_id=kw.pop("external_id", f"F-{n:06d}"),
        title=kw.pop("title", "数控车工"),
        description=kw.pop("description", ""),
        headcount=kw.pop("headcount", 3),
        type=kw.pop("type", "hire"),
        status=kw.pop("status", "open"),
        valid_from=kw.pop("valid_from", date(2026, 9, 1)),
        valid_until=kw.pop("valid_until", date(2027, 3, 31)),
        **kw,
    )
    session.add(posting)
    session.flush()
    return posting


def make_user(
    session: Session,
    role: str,
    *,
    schools: list[str] | None = None,
    enterprise: Enterprise | None = None,
    username: str | None = None,
) -> User:
    """Create a user with the shared test password (planners default to the GXZZ school)."""
    name = username or f"{role}{next(_seq)}"
    if role == "planner" and schools is None:
        schools = ["GXZZ"]
    return auth.create_user(
        session,
        username=name,
        role=role,
        password=PASSWORD,
        school_codes=schools,
        enterprise_name=enterprise.name if enterprise else None,
    )


def api_key_headers(session: Session, user: User) -> dict[str, str]:
    """Return headers authenticating as ``user`` with a fresh API key."""
    issued = auth.create_key(session, username=user.username, name="test")
    return {"Authorization": f"Bearer {issued.secret}"}


def login(client: Any, username: str, password: str = PASSWORD) -> str:
    """Log ``client`` in through the form; return the session's CSRF token."""
    page = client.get("/login")
    token = page.cookies.get("vocmatch_login_csrf") or client.cookies.get("vocmatch_login_csrf")
    r = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    session_cookie = client.cookies.get("vocmatch_session")
    assert session_cookie
    return csrf_of(client)


def csrf_of(client: Any) -> str:
    """Return the CSRF token of the client's current browser session (read from a page)."""
    import re

    html = client.get("/").text
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m, "no CSRF token on the page: not logged in?"
    return m.group(1)


def school_id(session: Session, code: str) -> int:
    """Return the id of the school with ``code``."""
    sid = session.scalar(select(School.id).where(School.code == code))
    assert sid is not None
    return sid
