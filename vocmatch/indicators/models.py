"""Indicator values entered by people (with evidence) where the data cannot compute them.

Below the domains that report them (partnerships, analytics) so both read the same entries.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from vocmatch.kit.columns import Timestamped
from vocmatch.kit.db import Base


class IndicatorValue(Timestamped, Base):
    """An entered value of a plan indicator on a date, with its evidence."""

    __tablename__ = "indicator_value"
    __table_args__ = (UniqueConstraint("indicator", "as_of"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator: Mapped[str] = mapped_column(String(60), index=True)
    value: Mapped[float] = mapped_column(Float)
    as_of: Mapped[date] = mapped_column(Date)
    evidence: Mapped[str] = mapped_column(Text, default="")
    entered_by: Mapped[str] = mapped_column(String(100), default="")


class Designation(Timestamped, Base):
    """An official designation (认定, 授牌, 评估结果): the only record that counts toward the plan's
    designation indicators (groups, training bases, quality programmes and schools…).

    Held by a school (``school_id``), one of its programmes (``programme_code``), or a named body
    (``holder``: a group, a base run with enterprises). ``sample`` rows come from the sample
    deployment and say so wherever they are shown.
    """

    __tablename__ = "designation"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    level: Mapped[str] = mapped_column(String(20))  # district | municipal | provincial | national
    title: Mapped[str] = mapped_column(String(300))
    issuing_body: Mapped[str] = mapped_column(String(200))
    document_number: Mapped[str] = mapped_column(String(100))
    issued_on: Mapped[date] = mapped_column(Date, index=True)
    school_id: Mapped[int | None] = mapped_column(
        ForeignKey("school.id", ondelete="CASCADE"), default=None, index=True
    )
    programme_code: Mapped[str] = mapped_column(String(12), default="")
    holder: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    sample: Mapped[bool] = mapped_column(Boolean, default=False)
    evidence_filename: Mapped[str] = mapped_column(String(255), default="")
    evidence_content_type: Mapped[str] = mapped_column(String(100), default="")
    evidence_size: Mapped[int | None] = mapped_column(Integer, default=None)
    # The evidence blob lives in the upload store by hash (partnerships' evidence machinery).
    evidence_sha256: Mapped[str] = mapped_column(String(64), default="", index=True)
    entered_by: Mapped[str] = mapped_column(String(100), default="")


class MilestoneRecord(Timestamped, Base):
    """The recorded status of a plan milestone on a date, with its evidence (latest wins)."""

    __tablename__ = "milestone_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(60), index=True)
    milestone: Mapped[str] = mapped_column(String(60), index=True)
    status: Mapped[str] = mapped_column(String(20))  # not_started | in_progress | done
    as_of: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    evidence_filename: Mapped[str] = mapped_column(String(255), default="")
    evidence_content_type: Mapped[str] = mapped_column(String(100), default="")
    evidence_size: Mapped[int | None] = mapped_column(Integer, default=None)
    evidence_sha256: Mapped[str] = mapped_column(String(64), default="", index=True)
    entered_by: Mapped[str] = mapped_column(String(100), default="")
