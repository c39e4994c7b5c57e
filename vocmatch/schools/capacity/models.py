"""What a school can hold in a year, as it reports it (教育事业统计 or its own plan)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from vocmatch.kit.columns import Timestamped
from vocmatch.kit.db import Base


class SchoolCapacity(Timestamped, Base):
    """Places (学位), full-time teachers (专任教师) and training stations (实训工位) of a year."""

    __tablename__ = "school_capacity"
    __table_args__ = (UniqueConstraint("school_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    places: Mapped[int] = mapped_column(Integer)  # students the buildings hold
    teachers: Mapped[int] = mapped_column(Integer)  # full-time teachers
    training_stations: Mapped[int] = mapped_column(Integer)  # 实训工位
    source: Mapped[str] = mapped_column(String(200), default="")
