"""Programme → chain and segment: computed by the matcher, confirmed or overridden by planners.

The model rows are computed in ``vocmatch.matching.programme_chains`` (the matcher sits above this
domain); here they are read, and a planner's override (one per programme) wins over them and is
audited.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from vocmatch.audit.service import record
from vocmatch.catalogue.models import Programme
from vocmatch.industries.models import Chain, ProgrammeChain, Segment
from vocmatch.industries.schemas import CHAIN_KEYS, NONE_KEY
from vocmatch.kit.errors import Invalid, NotFound


def is_current(session: Session, *, version: str) -> bool:
    """Return True when the stored model rows come from model ``version`` (or there is nothing
    to map: no programmes loaded)."""
    if session.scalar(select(Programme.code).limit(1)) is None:
        return True
    stored = session.scalar(
        select(ProgrammeChain.model_version).where(ProgrammeChain.source == "model").limit(1)
    )
    return stored == version


class MappingRow(BaseModel):
    """One programme → chain (and segment) row, from the model or a planner."""

    chain_key: str
    segment_key: str | None
    score: float
    evidence: dict[str, Any]
    source: str
    model_version: str | None
    decided_by: str


class ProgrammeChains(BaseModel):
    """A programme's chains: the effective mapping (override first), the model's, the override."""

    programme_code: str
    programme_name: str
    chains: list[MappingRow]
    model: list[MappingRow]
    override: MappingRow | None


class OverrideIn(BaseModel):
    """A planner's decision for a programme's chain."""

    chain_key: str = Field(examples=["rare_earth"])
    segment_key: str | None = Field(default=None, examples=["smelting_separation"])
    note: str = Field(default="", max_length=1000)


def _row(r: ProgrammeChain) -> MappingRow:
    return MappingRow(
        chain_key=r.chain_key,
        segment_key=r.segment_key,
        score=r.score,
        evidence=r.evidence,
        source=r.source,
        model_version=r.model_version,
        decided_by=r.decided_by,
    )


def get_programme_chains(session: Session, *, code: str) -> ProgrammeChains:
    """Return the chains of programme ``code`` (the override, when there is one, wins)."""
    prog = session.get(Programme, code)
    if prog is None:
        raise NotFound(f"no 中职 programme with code {code!r}")
    rows = list(
        session.scalars(
            select(ProgrammeChain)
            .where(ProgrammeChain.programme_code == code)
            .order_by(ProgrammeChain.score.desc(), ProgrammeChain.id)
        )
    )
    model = [_row(r) for r in rows if r.source == "model"]
    overrides = [_row(r) for r in rows if r.source == "override"]
    override = overrides[0] if overrides else None
    return ProgrammeChains(
        programme_code=code,
        programme_name=prog.name,
        chains=[override] if override else model,
        model=model,
        override=override,
    )


def set_override(session: Session, *, code: str, body: OverrideIn, actor: str) -> ProgrammeChains:
    """Store a planner's chain (and segment) for programme ``code``, audited; return the result."""
    if session.get(Programme, code) is None:
        raise NotFound(f"no 中职 programme with code {code!r}")
    keys = (*CHAIN_KEYS, NONE_KEY)
    if body.chain_key not in keys:
        raise Invalid(
            f"chain_key must be one of {', '.join(keys)}",
            errors=[{"field": "chain_key", "message": f"unknown chain {body.chain_key!r}"}],
        )
    if body.chain_key == NONE_KEY and body.segment_key:
        raise Invalid(
            "a programme outside the chains has no segment",
            errors=[{"field": "segment_key", "message": "must be empty when chain_key is none"}],
        )
    if body.segment_key:
        found = session.scalar(
            select(Segment.id).where(
                Segment.chain_key == body.chain_key, Segment.key == body.segment_key
            )
        )
        if found is None:
            raise Invalid(
                f"chain {body.chain_key} has no segment {body.segment_key!r}",
                errors=[{"field": "segment_key", "message": "unknown segment of this chain"}],
            )
    if body.chain_key != NONE_KEY and session.get(Chain, body.chain_key) is None:
        raise Invalid(
            f"chain {body.chain_key} is not loaded: run `vocmatch load reference`",
            errors=[{"field": "chain_key", "message": "chain not loaded"}],
        )
    previous = session.scalars(
        select(ProgrammeChain).where(
            ProgrammeChain.programme_code == code, ProgrammeChain.source == "override"
        )
    ).all()
    before = [{"chain_key": p.chain_key, "segment_key": p.segment_key} for p in previous]
    for p in previous:
        session.delete(p)
    session.flush()
    session.add(
        ProgrammeChain(
            programme_code=code,
            chain_key=body.chain_key,
            segment_key=body.segment_key or None,
            score=1.0,
            evidence={"note": body.note},
            source="override",
            model_version=None,
            decided_by=actor,
        )
    )
    record(
        session,
        actor=actor,
        action="override",
        entity_type="programme_chain",
        entity_id=code,
        detail={
            "chain_key": body.chain_key,
            "segment_key": body.segment_key,
            "note": body.note,
            "previous": before,
        },
    )
    session.flush()
    return get_programme_chains(session, code=code)


class ChainProgramme(BaseModel):
    """A programme mapped to a chain (for the chain's browsable list)."""

    code: str
    name: str
    segment_key: str | None
    score: float
    source: str


def programmes_of_chain(session: Session, *, chain_key: str) -> list[ChainProgramme]:
    """Return the programmes whose effective mapping includes ``chain_key``, best first."""
    if chain_key not in (*CHAIN_KEYS, NONE_KEY):
        raise NotFound(f"no chain {chain_key!r}; chains are {', '.join(CHAIN_KEYS)} and none")
    rows = session.execute(
        select(ProgrammeChain, Programme.name)
        .join(Programme, Programme.code == ProgrammeChain.programme_code)
        .order_by(ProgrammeChain.score.desc(), ProgrammeChain.programme_code)
    ).all()
    overridden = {r.programme_code for r, _ in rows if r.source == "override"}
    out = []
    for r, name in rows:
        effective = r.source == "override" or r.programme_code not in overridden
        if effective and r.chain_key == chain_key:
            out.append(
                ChainProgramme(
                    code=r.programme_code,
                    name=name,
                    segment_key=r.segment_key,
                    score=r.score,
                    source=r.source,
                )
            )
    return out
