"""Demand postings: jobs, internships, order classes and apprenticeships."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from vocmatch.kit.columns import Timestamped
from vocmatch.kit.db import Base, UTCDateTime, utcnow


class Posting(Timestamped, Base):
    """One demand posting and the match stored when it was written."""

    __tablename__ = "posting"
    __table_args__ = (
        # An enterprise's postings live in its own namespace: another tenant's external_id (or
        # the same file imported by another firm) can never address them.
        UniqueConstraint("source", "namespace", "external_id"),
        # The sync feed pages by (updated_at, id).
        Index("ix_posting_updated_at_id", "updated_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprise.id"), index=True)
    source: Mapped[str] = mapped_column(String(20))  # portal | api | import | sample
    # "" for the HR platform's and administrators' writes; "enterprise:<id>" for an enterprise's.
    namespace: Mapped[str] = mapped_column(String(24), default="", server_default="")
    external_id: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    skills: Mapped[list[Any]] = mapped_column(default=list)
    headcount: Mapped[int] = mapped_column(Integer, default=1)
    education: Mapped[str] = mapped_column(String(20), default="不限")
    # hire | internship | order_class | apprenticeship
    type: Mapped[str] = mapped_column(String(20), default="hire", index=True)
    location: Mapped[str] = mapped_column(String(100), default="")
    salary_min: Mapped[int | None] = mapped_column(Integer, default=None)
    salary_max: Mapped[int | None] = mapped_column(Integer, default=None)
    valid_from: Mapped[date | None] = mapped_column(Date, default=None)
    valid_until: Mapped[date | None] = mapped_column(Date, default=None)
    # open | filled | closed | expired
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    # The stored match (written by the matcher when the posting is written).
    chain: Mapped[str | None] = mapped_column(String(40), default=None, index=True)
    chain_score: Mapped[float | None] = mapped_column(Float, default=None)
    match: Mapped[dict[str, Any]] = mapped_column(default=dict)
    model_version: Mapped[str | None] = mapped_column(String(80), default=None)
    matched_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    # A person's correction wins over the model.
    chain_override: Mapped[str | None] = mapped_column(String(40), default=None)
    occupation_override: Mapped[str | None] = mapped_column(String(10), default=None)


class PostingProgramme(Base):
    """An open posting's programme (its top matches), with what demand reports need copied in.

    Only live postings (open, not deleted) are indexed, so "demand per programme" and "what an
    enterprise needs" are index-only scans instead of joins over every posting ever written.
    """

    __tablename__ = "posting_programme"
    __table_args__ = (
        Index(
            "ix_posting_programme_demand",
            "programme_code",
            "chain",
            "type",
            "headcount",
            "valid_until",
        ),
        Index("ix_posting_programme_top", "programme_code", "score"),
        Index(
            "ix_posting_programme_enterprise",
            "enterprise_id",
            "programme_code",
            "score",
            "headcount",
        ),
    )

    posting_id: Mapped[int] = mapped_column(
        ForeignKey("posting.id", ondelete="CASCADE"), primary_key=True
    )
    programme_code: Mapped[str] = mapped_column(String(6), primary_key=True)
    rank: Mapped[int] = mapped_column(Integer)
    score: Mapped[float] = mapped_column(Float)
    # Copies of the posting's fields (kept in step on every write of the posting).
    enterprise_id: Mapped[int] = mapped_column(Integer)
    headcount: Mapped[int] = mapped_column(Integer)
    chain: Mapped[str] = mapped_column(String(40))  # effective chain, "unmatched" when none
    type: Mapped[str] = mapped_column(String(20))
    valid_until: Mapped[date | None] = mapped_column(Date, default=None)


class IdempotencyKey(Base):
    """A client's Idempotency-Key with the response it produced (kept at least 24 h).

    The unique (user, key) pair means two processes can never both record the same key; the row is
    written in the same transaction as the work, so a crash leaves neither.
    """

    __tablename__ = "idempotency_key"
    __table_args__ = (UniqueConstraint("user_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(200))
    method: Mapped[str] = mapped_column(String(10))
    path: Mapped[str] = mapped_column(String(200))
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    response: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class RematchJob(Base):
    """A re-match of stored postings after a retrain, with its progress."""

    __tablename__ = "rematch_job"

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(20), default="queued")  # queued|running|done|failed
    scope: Mapped[str] = mapped_column(String(20), default="stale")  # stale | all
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    model_version: Mapped[str | None] = mapped_column(String(80), default=None)
    started_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    error: Mapped[str] = mapped_column(Text, default="")
    # Resuming after the worker died (kit.jobs redelivers): the last posting id committed, how
    # many times a worker took the job, and which one (host:pid) has it now.
    cursor: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    worker: Mapped[str] = mapped_column(String(100), default="", server_default="")
