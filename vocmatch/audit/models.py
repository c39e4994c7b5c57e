"""The audit log: who created, changed, corrected, viewed, exported or deleted what, and when."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from vocmatch.kit.db import Base, UTCDateTime, utcnow


class AuditEntry(Base):
    """One audited action."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(100))  # username, or "system"/"cli:<user>"
    action: Mapped[str] = mapped_column(
        String(40), index=True
    )  # create|update|correct|delete|view|export|login…
    entity_type: Mapped[str] = mapped_column(String(40), index=True)
    entity_id: Mapped[str] = mapped_column(String(100), default="")
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
