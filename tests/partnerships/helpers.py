"""Small builders for partnership tests (on top of tests/factories.py)."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vocmatch.audit.models import AuditEntry
from vocmatch.partnerships.models import Activity, Agreement, Partner, activity_partner
from vocmatch.schools.models import School
from vocmatch.teachers.models import Teacher

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def docx_bytes() -> bytes:
    """A minimal file that is a DOCX by its parts."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<document/>")
    return buf.getvalue()


def school(session: Session, code: str) -> School:
    found = session.scalar(select(School).where(School.code == code))
    assert found is not None
    return found


def partner(session: Session, key: str) -> Partner:
    found = session.scalar(select(Partner).where(Partner.key == key))
    assert found is not None
    return found


def teacher(session: Session, staff_no: str) -> Teacher:
    found = session.scalar(select(Teacher).where(Teacher.staff_no == staff_no))
    assert found is not None
    return found


def make_partner(session: Session, **kw: Any) -> Partner:
    """Create a partner (a Bay Area college unless told otherwise)."""
    n = session.scalar(select(Partner.id).order_by(Partner.id.desc()).limit(1)) or 0
    p = Partner(
        key=kw.pop("key", f"tp-{n + 1}"),
        name=kw.pop("name", f"测试湾区学院{n + 1}"),
        kind=kw.pop("kind", "college"),
        region=kw.pop("region", "bay_area"),
        **kw,
    )
    session.add(p)
    session.flush()
    return p


def make_agreement(session: Session, school: School, partner: Partner, **kw: Any) -> Agreement:
    """Create an agreement in force since 2024."""
    n = session.scalar(select(Agreement.id).order_by(Agreement.id.desc()).limit(1)) or 0
    ag = Agreement(
        key=kw.pop("key", f"TAG-{n + 1}"),
        partner_id=partner.id,
        school_id=school.id,
        type=kw.pop("type", "pairing"),
        title=kw.pop("title", "测试协议"),
        signed_on=kw.pop("signed_on", date(2024, 1, 1)),
        **kw,
    )
    session.add(ag)
    session.flush()
    return ag


def make_activity(
    session: Session, school: School, partners: list[Partner] | None = None, **kw: Any
) -> Activity:
    """Create an activity directly (no service rules), linked to ``partners``."""
    n = session.scalar(select(Activity.id).order_by(Activity.id.desc()).limit(1)) or 0
    act = Activity(
        key=kw.pop("key", f"TACT-{n + 1}"),
        date=kw.pop("date", date(2026, 5, 1)),
        type=kw.pop("type", "five_commons_plan"),
        school_id=school.id,
        status=kw.pop("status", "done"),
        title=kw.pop("title", "测试活动"),
        **kw,
    )
    session.add(act)
    session.flush()
    for p in partners or []:
        session.execute(activity_partner.insert().values(activity_id=act.id, partner_id=p.id))
    return act


class AuditLog:
    """The audit entries written since it was created (ids of deleted rows can come back)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.start = session.scalar(select(func.max(AuditEntry.id))) or 0

    def __call__(self, entity_type: str, entity_id: int | str) -> list[AuditEntry]:
        """Return one object's entries, oldest first."""
        return list(
            self.session.scalars(
                select(AuditEntry)
                .where(
                    AuditEntry.id > self.start,
                    AuditEntry.entity_type == entity_type,
                    AuditEntry.entity_id == str(entity_id),
                )
                .order_by(AuditEntry.id)
            )
        )
