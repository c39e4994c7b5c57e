"""Enterprises: the demand side and partners of schools."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vocmatch.kit.columns import Timestamped
from vocmatch.kit.db import Base, UTCDateTime, utcnow


class Enterprise(Timestamped, Base):
    """A registered (or pending) enterprise with its credit code, chains and location."""

    __tablename__ = "enterprise"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    short_names: Mapped[list[Any]] = mapped_column(default=list)
    credit_code: Mapped[str | None] = mapped_column(String(18), unique=True, default=None)
    # high_tech_zone | ganzhou | bay_area | other
    location_kind: Mapped[str] = mapped_column(String(20), default="other", index=True)
    city: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    size: Mapped[str] = mapped_column(String(20), default="")  # micro | small | medium | large
    is_leading: Mapped[bool] = mapped_column(default=False)
    chains: Mapped[list[Any]] = mapped_column(default=list)
    segments: Mapped[list[Any]] = mapped_column(default=list)
    contact_name: Mapped[str] = mapped_column(String(100), default="")
    contact_phone: Mapped[str] = mapped_column(String(50), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    source_url: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # active | pending (self-registered or auto-created from an unknown name) | rejected
    status: Mapped[str] = mapped_column(String(20), default="active", index=True)


class EnterpriseChange(Base):
    """A requested change of an enterprise's identity fields (name, short names, credit code,
    location kind), applied only when an administrator approves it."""

    __tablename__ = "enterprise_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(
        ForeignKey("enterprise.id", ondelete="CASCADE"), index=True
    )
    changes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # pending | approved | rejected
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    requested_by: Mapped[str] = mapped_column(String(100))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_by: Mapped[str] = mapped_column(String(100), default="")
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    note: Mapped[str] = mapped_column(Text, default="")
