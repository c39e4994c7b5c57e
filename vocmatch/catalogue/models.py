"""The national reference catalogue: 中职 programmes and 2022 occupations."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vocmatch.kit.db import Base


class Programme(Base):
    """A 中职 programme of the national catalogue (专业), with its 2022 profile."""

    __tablename__ = "programme"

    code: Mapped[str] = mapped_column(String(6), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    dalei_code: Mapped[str] = mapped_column(String(2))
    dalei_name: Mapped[str] = mapped_column(String(50))
    class_code: Mapped[str] = mapped_column(String(4), index=True)
    class_name: Mapped[str] = mapped_column(String(50))
    years: Mapped[str] = mapped_column(String(60), default="")
    occupations_text: Mapped[str] = mapped_column(Text, default="")
    goal: Mapped[str] = mapped_column(Text, default="")
    abilities: Mapped[str] = mapped_column(Text, default="")
    courses: Mapped[str] = mapped_column(Text, default="")
    certificates: Mapped[str] = mapped_column(Text, default="")
    progression: Mapped[str] = mapped_column(Text, default="")
    added_2025: Mapped[bool] = mapped_column(default=False)
    has_profile: Mapped[bool] = mapped_column(default=True)


class OccupationGroup(Base):
    """Levels 1–3 of the 2022 classification (大类, 中类, 小类)."""

    __tablename__ = "occupation_group"

    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    level: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))


class Occupation(Base):
    """A detailed (level-4) occupation of the 2022 classification, e.g. 6-18-01-01 车工."""

    __tablename__ = "occupation"

    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    major_code: Mapped[str] = mapped_column(String(10), index=True)
    middle_code: Mapped[str] = mapped_column(String(10), index=True)
    minor_code: Mapped[str] = mapped_column(String(10), index=True)
    digital: Mapped[bool] = mapped_column(default=False)
    green: Mapped[bool] = mapped_column(default=False)
    definition: Mapped[str] = mapped_column(Text, default="")
    tasks: Mapped[str] = mapped_column(Text, default="")
    work_types: Mapped[str] = mapped_column(Text, default="")
    work_types_suspect: Mapped[str] = mapped_column(Text, default="")
    market_titles: Mapped[str] = mapped_column(Text, default="")


class LinkSource(StrEnum):
    """Where a programme → occupation link comes from."""

    profile = "profile"  # the 2022 programme profile's 职业面向
    crosswalk = "crosswalk"  # MOHRSS 2023 programme ↔ occupation guidance (中职 sheet)
    planner = "planner"  # added by a planner in the app (kept when reference data reloads)


class ProgrammeOccupation(Base):
    """A programme → occupation (or group) link with its provenance (``source``)."""

    __tablename__ = "programme_occupation"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_code: Mapped[str] = mapped_column(
        ForeignKey("programme.code", ondelete="CASCADE"), index=True
    )
    phrase: Mapped[str] = mapped_column(String(200))
    occupation_code: Mapped[str] = mapped_column(String(10), default="", index=True)
    how: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(
        String(20), default=LinkSource.profile, server_default=LinkSource.profile, index=True
    )
    note: Mapped[str] = mapped_column(String(300), default="", server_default="")
