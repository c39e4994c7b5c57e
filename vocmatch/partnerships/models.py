"""Greater Bay Area partners, agreements and activities (the five commons and more)."""

from __future__ import annotations

import datetime as dt
from datetime import date
from typing import Any

from sqlalchemy import Column, Date, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column

from vocmatch.kit.columns import Timestamped
from vocmatch.kit.db import Base

activity_partner = Table(
    "activity_partner",
    Base.metadata,
    Column("activity_id", ForeignKey("activity.id", ondelete="CASCADE"), primary_key=True),
    Column("partner_id", ForeignKey("partner.id", ondelete="CASCADE"), primary_key=True),
)


class Partner(Timestamped, Base):
    """A college, enterprise, alliance, group or government body the schools work with."""

    __tablename__ = "partner"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(
        String(20)
    )  # college | enterprise | alliance | group | government
    region: Mapped[str] = mapped_column(String(20))  # bay_area | ganzhou | jiangxi | other
    city: Mapped[str] = mapped_column(String(100), default="")
    enterprise_id: Mapped[int | None] = mapped_column(ForeignKey("enterprise.id"), default=None)
    website: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class Agreement(Timestamped, Base):
    """A signed agreement between a school and a partner, covering some programmes."""

    __tablename__ = "agreement"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60), unique=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"), index=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(300))
    signed_on: Mapped[date | None] = mapped_column(Date, default=None)
    valid_until: Mapped[date | None] = mapped_column(Date, default=None)
    programmes: Mapped[list[Any]] = mapped_column(default=list)
    notes: Mapped[str] = mapped_column(Text, default="")


class Activity(Timestamped, Base):
    """A dated partnership activity: one of the five commons, practice, teaching, visits…"""

    __tablename__ = "activity"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60), unique=True)
    date: Mapped[date] = mapped_column(Date, index=True)
    # Last day of a multi-day activity (practice, internship); None for one-day events.
    end_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    type: Mapped[str] = mapped_column(String(40), index=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    programmes: Mapped[list[Any]] = mapped_column(default=list)
    status: Mapped[str] = mapped_column(String(20), default="done")  # planned | done
    title: Mapped[str] = mapped_column(String(300))
    people: Mapped[list[Any]] = mapped_column(default=list)
    teacher_id: Mapped[int | None] = mapped_column(ForeignKey("teacher.id"), default=None)
    enterprise_id: Mapped[int | None] = mapped_column(ForeignKey("enterprise.id"), default=None)
    days: Mapped[int | None] = mapped_column(Integer, default=None)
    hours: Mapped[int | None] = mapped_column(Integer, default=None)
    students: Mapped[int | None] = mapped_column(Integer, default=None)
    course: Mapped[str] = mapped_column(String(200), default="")
    evidence_url: Mapped[str] = mapped_column(String(500), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class Evidence(Timestamped, Base):
    """A file uploaded as evidence of an activity, stored outside the web root by hash."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activity.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    # The blob lives at ``upload_dir/<sha256[:2]>/<sha256>``; equal files share one blob.
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    uploaded_by: Mapped[str] = mapped_column(String(100), default="")
