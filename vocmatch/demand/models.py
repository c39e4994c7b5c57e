"""Demand postings: jobs, internships, order classes and apprenticeships."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from vocmatch.common.columns import Timestamped
from vocmatch.db import Base, UTCDateTime


class Posting(Timestamped, Base):
    """One demand posting and the match stored when it was written."""

    __tablename__ = "posting"
    __table_args__ = (UniqueConstraint("source", "external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprise.id"), index=True)
    source: Mapped[str] = mapped_column(String(20))  # portal | api | import | sample
    external_id: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    skills: Mapped[list[Any]] = mapped_column(default=list)
    headcount: Mapped[int] = mapped_column(Integer, default=1)
    education: Mapped[str] = mapped_column(String(20), default="不限")
    # hire | internship | order_class | apprenticeship
    type: Mapped[str] = mapped_column(String(20), default="hire", index=True)
    location: Mapped[str] = mapped_column(String(100), default="")
    salary_min: Mapped[int | None] = mapped_column(Integer, default=None)
    salary_max: Mapped[int | None] = mapped_column(Integer, default=None)
    valid_from: Mapped[date | None] = mapped_column(Date, default=None)
    valid_until: Mapped[date | None] = mapped_column(Date, default=None)
    # open | filled | closed | expired
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    # The stored match (written by the matcher when the posting is written).
    chain: Mapped[str | None] = mapped_column(String(40), default=None, index=True)
    chain_score: Mapped[float | None] = mapped_column(Float, default=None)
    match: Mapped[dict[str, Any]] = mapped_column(default=dict)
    model_version: Mapped[str | None] = mapped_column(String(80), default=None)
    matched_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    # A person's correction wins over the model.
    chain_override: Mapped[str | None] = mapped_column(String(40), default=None)
    occupation_override: Mapped[str | None] = mapped_column(String(10), default=None)
