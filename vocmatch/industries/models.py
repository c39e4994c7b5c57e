"""The four industrial chains, their segments and skill terms (loaded from industries.yaml)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from vocmatch.kit.db import Base


class Chain(Base):
    """One of the plan's four chains (稀土, 钨, 新能源, 智能装备)."""

    __tablename__ = "chain"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    name_zh: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(200))
    description_zh: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")


class Segment(Base):
    """A step of a chain from upstream to downstream, with what it makes and who it employs."""

    __tablename__ = "segment"
    __table_args__ = (UniqueConstraint("chain_key", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    chain_key: Mapped[str] = mapped_column(ForeignKey("chain.key", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(60))
    position: Mapped[int] = mapped_column(Integer)
    stage: Mapped[str] = mapped_column(String(20))
    name_zh: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(200))
    description_zh: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    products: Mapped[list[Any]] = mapped_column(default=list)
    occupation_codes: Mapped[list[Any]] = mapped_column(default=list)
    programme_codes: Mapped[list[Any]] = mapped_column(default=list)
    enterprise_names: Mapped[list[Any]] = mapped_column(default=list)


class SkillTerm(Base):
    """A skill term of a segment with its English name and the synonyms job ads use."""

    __tablename__ = "skill_term"

    id: Mapped[int] = mapped_column(primary_key=True)
    chain_key: Mapped[str] = mapped_column(ForeignKey("chain.key", ondelete="CASCADE"), index=True)
    segment_id: Mapped[int] = mapped_column(
        ForeignKey("segment.id", ondelete="CASCADE"), index=True
    )
    zh: Mapped[str] = mapped_column(String(100))
    en: Mapped[str] = mapped_column(String(200), default="")
    synonyms: Mapped[list[Any]] = mapped_column(default=list)


class ProgrammeChain(Base):
    """A programme's mapping to a chain/segment: from the model, or a planner's override."""

    __tablename__ = "programme_chain"
    __table_args__ = (UniqueConstraint("programme_code", "chain_key", "source"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_code: Mapped[str] = mapped_column(
        ForeignKey("programme.code", ondelete="CASCADE"), index=True
    )
    chain_key: Mapped[str] = mapped_column(String(40))  # a chain key or "none"
    segment_key: Mapped[str | None] = mapped_column(String(60), default=None)
    score: Mapped[float] = mapped_column(default=0.0)
    evidence: Mapped[dict[str, Any]] = mapped_column(default=dict)
    source: Mapped[str] = mapped_column(String(20), default="model")  # model | override
    model_version: Mapped[str | None] = mapped_column(String(80), default=None)
    decided_by: Mapped[str] = mapped_column(String(100), default="")
