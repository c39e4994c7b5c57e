"""Teachers and the dated facts the dual-qualified (双师型) rules are evaluated on."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
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
    # Salted hash (for matching re-imports) and a mask like 36**************34 (for people).
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
    # 实习指导教师 (practice instructor): evaluated by the instructor route of the rule set.
    practice_instructor: Mapped[bool] = mapped_column(default=False)
    # 固定岗 (fixed) | 流动岗 (flexible) | "" (not recorded) — plan item 30.
    post_type: Mapped[str] = mapped_column(String(20), default="")


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


class TeacherRecognition(Timestamped, Base):
    """A recognition (认定) of dual-qualified status granted by an education authority.

    This is the status itself; what the rules compute from the other records is eligibility.
    """

    __tablename__ = "teacher_recognition"

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(
        ForeignKey("teacher.id", ondelete="CASCADE"), index=True
    )
    level: Mapped[str] = mapped_column(String(20))  # junior | intermediate | senior
    recognised_on: Mapped[date] = mapped_column(Date)
    issuer: Mapped[str] = mapped_column(String(200))
    document_no: Mapped[str] = mapped_column(String(100))
    evidence: Mapped[str] = mapped_column(String(500), default="")
    # Invented records of the sample deployment say so on every page that shows them.
    is_sample: Mapped[bool] = mapped_column(default=False)


class TeacherVerification(Timestamped, Base):
    """The school's check of a requirement the records cannot show (师德师风, in-field work …)."""

    __tablename__ = "teacher_verification"
    __table_args__ = (UniqueConstraint("teacher_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(
        ForeignKey("teacher.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[str] = mapped_column(String(40))
    verified_on: Mapped[date] = mapped_column(Date)
    verified_by: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class TeacherAppointment(Timestamped, Base):
    """A mutual appointment (校企互聘): enterprise staff at the school, or a teacher in an enterprise."""

    __tablename__ = "teacher_appointment"

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(
        ForeignKey("teacher.id", ondelete="CASCADE"), index=True
    )
    # enterprise_to_school: enterprise staff appointed at the school (a part-time teacher);
    # school_to_enterprise: a school teacher appointed in an enterprise.
    direction: Mapped[str] = mapped_column(String(30))
    enterprise_id: Mapped[int | None] = mapped_column(ForeignKey("enterprise.id"), default=None)
    enterprise_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date, default=None)
    # 支持"粤港澳大湾区"企业技术骨干到学校从教 (plan item 30).
    bay_area_technical_staff: Mapped[bool] = mapped_column(default=False)
    document_no: Mapped[str] = mapped_column(String(100), default="")
    is_sample: Mapped[bool] = mapped_column(default=False)
