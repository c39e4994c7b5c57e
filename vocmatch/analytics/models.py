"""Indicator values entered by people (with evidence) where the data cannot compute them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Float, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from vocmatch.common.columns import Timestamped
from vocmatch.db import Base
from vocmatch.demand.models import Posting


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


# The analytics cache asks "what is the newest posting change?" on every request; this index makes
# that O(log n) instead of a scan of every posting (see analytics/cache.py). It lives here, on the
# demand domain's table, because only the analytics need it.
posting_updated_at = Index("ix_posting_analytics_updated_at", Posting.__table__.c.updated_at)
