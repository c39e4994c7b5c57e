"""Where a school's graduates of a programme went in a year (就业去向), as the school reports it."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from vocmatch.kit.columns import Timestamped
from vocmatch.kit.db import Base

# The destination columns, in the order of the form, the sheet and the API. Their sum is the
# record's graduates (checked on every write).
EMPLOYED = ("employed_high_tech_zone", "employed_ganxian", "employed_ganzhou", "employed_elsewhere")
STUDY = ("study_articulation", "study_higher")
DESTINATIONS = (*EMPLOYED, *STUDY, "other")


class GraduateDestination(Timestamped, Base):
    """One (school, programme, graduation year): graduates and where they went."""

    __tablename__ = "graduate_destination"
    __table_args__ = (UniqueConstraint("school_id", "programme_code", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    programme_code: Mapped[str] = mapped_column(ForeignKey("programme.code"), index=True)
    year: Mapped[int] = mapped_column(Integer)  # year of graduation
    graduates: Mapped[int] = mapped_column(Integer)
    employed_high_tech_zone: Mapped[int] = mapped_column(Integer, default=0)  # 赣州高新区
    employed_ganxian: Mapped[int] = mapped_column(Integer, default=0)  # rest of 赣县区
    employed_ganzhou: Mapped[int] = mapped_column(Integer, default=0)  # rest of 赣州市
    employed_elsewhere: Mapped[int] = mapped_column(Integer, default=0)  # Bay Area, elsewhere
    study_articulation: Mapped[int] = mapped_column(Integer, default=0)  # 3+2 / 中高职贯通
    study_higher: Mapped[int] = mapped_column(Integer, default=0)  # 高职 by 三校生 exams etc.
    other: Mapped[int] = mapped_column(Integer, default=0)  # army, not working, unknown
    source: Mapped[str] = mapped_column(String(200), default="")  # e.g. 毕业生就业质量年度报告
    note: Mapped[str] = mapped_column(String(500), default="")
