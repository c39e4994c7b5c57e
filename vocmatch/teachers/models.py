"""Teachers and the dated facts the dual-qualified (双师型) rules are evaluated on."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vocmatch.kit.columns import Timestamped
from vocmatch.kit.db import Base


class Teacher(Timestamped, Base):
    """A vocational teacher (full-time, or part-time from industry). ID numbers are never kept."""

    __tablename__ = "teacher"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    staff_no: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    gender: Mapped[str] = mapped_column(String(10), default="")
    birth_year: Mapped[int | None] = mapped_column(Integer, default=None)
    # Salted hash (for matching re-imports) and a mask like 3607**********1234 (for people).
    id_card_hash: Mapped[str] = mapped_column(String(128), default="")
    id_card_mask: Mapped[str] = mapped_column(String(32), default="")
    programme_code: Mapped[str | None] = mapped_column(ForeignKey("programme.code"), default=None)
    subject_area: Mapped[str] = mapped_column(String(100), default="")
    employment: Mapped[str] = mapped_column(
        String(20), default="full_time"
    )  # full_time | part_time
    source_enterprise_id: Mapped[int | None] = mapped_column(
        ForeignKey("enterprise.id"), default=None
    )
    hired_on: Mapped[date | None] = mapped_column(Date, default=None)
    # Left the school (retired, moved): the teacher stays in the history up to this date.
    left_on: Mapped[date | None] = mapped_column(Date, default=None)
    has_teacher_certificate: Mapped[bool] = mapped_column(default=False)
    teacher_certificate_no: Mapped[str] = mapped_column(String(60), default="")
    # When the teacher certificate was granted; unknown (None) counts from ``hired_on``.
    teacher_certificate_on: Mapped[date | None] = mapped_column(Date, default=None)


class TeacherQualification(Base):
    """A skill certificate, professional title or industry title held from ``issued_on``."""

    __tablename__ = "teacher_qualification"

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(
        ForeignKey("teacher.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(
        String(30)
    )  # skill_certificate | professional_title | industry_title
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(30), default="")
    issuer: Mapped[str] = mapped_column(String(200), default="")
    issued_on: Mapped[date | None] = mapped_column(Date, default=None)
    field: Mapped[str] = mapped_column(String(100), default="")


class TeacherExperience(Base):
    """Enterprise work experience before (or beside) teaching."""

    __tablename__ = "teacher_experience"

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(
        ForeignKey("teacher.id", ondelete="CASCADE"), index=True
    )
    employer: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date, default=None)


class TeacherPractice(Base):
    """An enterprise practice (企业实践) period; Bay Area ones also count for the partnership."""

    __tablename__ = "teacher_practice"

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(
        ForeignKey("teacher.id", ondelete="CASCADE"), index=True
    )
    enterprise_id: Mapped[int | None] = mapped_column(ForeignKey("enterprise.id"), default=None)
    enterprise_name: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    days: Mapped[int] = mapped_column(Integer)
    bay_area: Mapped[bool] = mapped_column(default=False)
    content: Mapped[str] = mapped_column(Text, default="")
    # Set when the practice was recorded as a Bay Area partnership activity (one fact, two views).
    activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("activity.id", ondelete="SET NULL"), default=None, index=True
    )
