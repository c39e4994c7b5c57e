"""Vocational schools and the programmes they offer."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from vocmatch.kit.columns import Timestamped
from vocmatch.kit.db import Base


class School(Timestamped, Base):
    """A secondary vocational school of the district."""

    __tablename__ = "school"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    short_name: Mapped[str] = mapped_column(String(100), default="")
    kind: Mapped[str] = mapped_column(String(20))  # public | private
    address: Mapped[str] = mapped_column(String(300), default="")
    founded_year: Mapped[int | None] = mapped_column(Integer, default=None)
    website: Mapped[str] = mapped_column(String(300), default="")


class Offering(Timestamped, Base):
    """A school's programme in a year: intake plan, enrolment, graduates and featured flags."""

    __tablename__ = "offering"
    __table_args__ = (UniqueConstraint("school_id", "programme_code", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    programme_code: Mapped[str] = mapped_column(ForeignKey("programme.code"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    intake_plan: Mapped[int] = mapped_column(Integer, default=0)
    enrolled: Mapped[int] = mapped_column(Integer, default=0)
    graduates_per_year: Mapped[int] = mapped_column(Integer, default=0)
    key_demonstration: Mapped[bool] = mapped_column(default=False)
    characteristic: Mapped[bool] = mapped_column(default=False)
    provincial_quality: Mapped[bool] = mapped_column(default=False)
    since_year: Mapped[int | None] = mapped_column(Integer, default=None)
    # The school's own courses and specialisation (校本课程, 专业方向), one per line: they count
    # as taught skills beside the national profile's courses.
    school_courses: Mapped[str] = mapped_column(Text, default="", server_default="")


class OfferingPartner(Timestamped, Base):
    """An enterprise cooperating with an offered programme, and how (order class, base, …)."""

    __tablename__ = "offering_partner"
    __table_args__ = (UniqueConstraint("offering_id", "enterprise_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    offering_id: Mapped[int] = mapped_column(
        ForeignKey("offering.id", ondelete="CASCADE"), index=True
    )
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprise.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    since_year: Mapped[int | None] = mapped_column(Integer, default=None)
    notes: Mapped[str] = mapped_column(String(500), default="")


class EnrolmentHistory(Base):
    """A school's total enrolment (在校生) in a year, for the indicator trend."""

    __tablename__ = "enrolment_history"
    __table_args__ = (UniqueConstraint("school_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    enrolled: Mapped[int] = mapped_column(Integer)
