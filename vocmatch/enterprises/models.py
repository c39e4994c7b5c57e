"""Enterprises: the demand side and partners of schools."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vocmatch.kit.columns import Timestamped
from vocmatch.kit.db import Base


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
