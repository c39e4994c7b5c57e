"""Indicator values entered by people (with evidence) where the data cannot compute them.

Below the domains that report them (partnerships, analytics) so both read the same entries.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Float, String, Text, UniqueConstraint
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
