"""A programme's chains as the API and pages show them: decided placements, proposals, decisions.

The rules are in ``governance.py``; this module reads and writes them for one programme and lists
a chain's programmes. Accepting a proposal and deciding a programme's chain are audited.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from vocmatch.audit.service import record
from vocmatch.catalogue.models import Programme
from vocmatch.industries import governance as gov
from vocmatch.industries.models import Chain, ProgrammeChain, Segment
from vocmatch.industries.schemas import CHAIN_KEYS, NONE_KEY
from vocmatch.kit.errors import Invalid, NotFound


class MappingRow(BaseModel):
    """One programme → chain (and segment) row: curated, accepted, a planner's, or the model's."""

    chain_key: str
    segment_key: str | None
    score: float
    evidence: dict[str, Any]
    source: str = Field(description="curated | accepted | override | model")
    model_version: str | None = None
    decided_by: str = ""


class ProgrammeChains(BaseModel):
    """A programme's decided chains, the model's proposals, and the planner's decision if any."""

    programme_code: str
    programme_name: str
    chains: list[MappingRow] = Field(
        description="Decided placements (curated lists + accepted proposals, or the override); "
        "empty = off the four chains"
    )
    proposals: list[MappingRow] = Field(
        description="Model rows for chains not decided yet: they count nowhere until accepted"
    )
    model: list[MappingRow]
    override: MappingRow | None


class OverrideIn(BaseModel):
    """A planner's decision for a programme's chain (replaces the curated placements)."""

    chain_key: str = Field(examples=["rare_earth"])
    segment_key: str | None = Field(default=None, examples=["smelting_separation"])
    note: str = Field(default="", max_length=1000)


class AcceptIn(BaseModel):
    """A planner accepts one of the model's proposals (optionally naming the segment)."""

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


def _programme(session: Session, code: str) -> Programme:
    prog = session.get(Programme, code)
    if prog is None:
        raise NotFound(f"no 中职 programme with code {code!r}")
    return prog


def get_programme_chains(session: Session, *, code: str) -> ProgrammeChains:
    """Return programme ``code``'s decided placements and the model's open proposals."""
    prog = _programme(session, code)
    rows = list(
        session.scalars(
            select(ProgrammeChain)
            .where(ProgrammeChain.programme_code == code)
            .order_by(ProgrammeChain.score.desc(), ProgrammeChain.id)
        )
    )
    curated = [r for r in gov.curated_rows(session) if r[0] == code]
    decisions = [(code, r.chain_key, r.segment_key, r.source) for r in rows]
    placed = gov.place(curated, decisions).get(code, [])
    names = dict(session.execute(select(Segment.key, Segment.name_zh)).all())
    by_key = {(r.source, r.chain_key, r.segment_key): r for r in rows}
    chains = []
    for p in placed:
        stored = by_key.get((p.source, p.chain, p.segment))
        chains.append(
            _row(stored)
            if stored is not None
            else MappingRow(
                chain_key=p.chain,
                segment_key=p.segment,
                score=1.0,
                evidence={"listed_in": [names.get(p.segment or "", p.segment or "")]},
                source=p.source,
                decided_by="industries.yaml",
            )
        )
    model = [_row(r) for r in rows if r.source == gov.MODEL]
    decided = {p.chain for p in placed}
    overrides = [_row(r) for r in rows if r.source == gov.OVERRIDE]
    open_ = [] if overrides else [m for m in model if m.chain_key in CHAIN_KEYS]
    return ProgrammeChains(
        programme_code=code,
        programme_name=prog.name,
        chains=chains,
        proposals=[m for m in open_ if m.chain_key not in decided],
        model=model,
        override=overrides[0] if overrides else None,
    )


def _check_keys(session: Session, chain_key: str, segment_key: str | None) -> None:
    keys = (*CHAIN_KEYS, NONE_KEY)
    if chain_key not in keys:
        raise Invalid(
            f"chain_key must be one of {', '.join(keys)}",
            errors=[{"field": "chain_key", "message": f"unknown chain {chain_key!r}"}],
        )
    if chain_key == NONE_KEY and segment_key:
        raise Invalid(
            "a programme outside the chains has no segment",
            errors=[{"field": "segment_key", "message": "must be empty when chain_key is none"}],
        )
    if segment_key:
        found = session.scalar(
            select(Segment.id).where(Segment.chain_key == chain_key, Segment.key == segment_key)
        )
        if found is None:
            raise Invalid(
                f"chain {chain_key} has no segment {segment_key!r}",
                errors=[{"field": "segment_key", "message": "unknown segment of this chain"}],
            )
    if chain_key != NONE_KEY and session.get(Chain, chain_key) is None:
        raise Invalid(
            f"chain {chain_key} is not loaded: run `vocmatch load reference`",
            errors=[{"field": "chain_key", "message": "chain not loaded"}],
        )


def set_override(session: Session, *, code: str, body: OverrideIn, actor: str) -> ProgrammeChains:
    """Store a planner's decision for programme ``code`` (replaces its placements), audited."""
    _programme(session, code)
    _check_keys(session, body.chain_key, body.segment_key)
    previous = session.scalars(
        select(ProgrammeChain).where(
            ProgrammeChain.programme_code == code, ProgrammeChain.source == gov.OVERRIDE
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
            source=gov.OVERRIDE,
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


def accept_proposal(session: Session, *, code: str, body: AcceptIn, actor: str) -> ProgrammeChains:
    """Accept the model's proposal of ``body.chain_key`` for programme ``code``, audited.

    Only a chain the model proposes can be accepted (422 otherwise; a planner who disagrees with
    the model decides with :func:`set_override`). Accepting twice changes nothing.
    """
    _programme(session, code)
    _check_keys(session, body.chain_key, body.segment_key)
    proposal = session.scalar(
        select(ProgrammeChain).where(
            ProgrammeChain.programme_code == code,
            ProgrammeChain.source == gov.MODEL,
            ProgrammeChain.chain_key == body.chain_key,
        )
    )
    if proposal is None or body.chain_key == NONE_KEY:
        raise Invalid(
            f"the model does not propose {body.chain_key} for {code}",
            errors=[{"field": "chain_key", "message": "no such proposal (decide with PUT)"}],
        )
    segment = body.segment_key or proposal.segment_key
    session.execute(
        delete(ProgrammeChain).where(
            ProgrammeChain.programme_code == code,
            ProgrammeChain.source == gov.ACCEPTED,
            ProgrammeChain.chain_key == body.chain_key,
        )
    )
    session.add(
        ProgrammeChain(
            programme_code=code,
            chain_key=body.chain_key,
            segment_key=segment,
            score=proposal.score,
            evidence={**proposal.evidence, "note": body.note},
            source=gov.ACCEPTED,
            model_version=proposal.model_version,
            decided_by=actor,
        )
    )
    record(
        session,
        actor=actor,
        action="accept",
        entity_type="programme_chain",
        entity_id=code,
        detail={
            "chain_key": body.chain_key,
            "segment_key": segment,
            "score": proposal.score,
            "model_version": proposal.model_version,
            "note": body.note,
        },
    )
    session.flush()
    return get_programme_chains(session, code=code)


def withdraw(session: Session, *, code: str, chain_key: str, actor: str) -> ProgrammeChains:
    """Withdraw a planner's acceptance or decision of ``chain_key`` for ``code``, audited."""
    _programme(session, code)
    rows = session.scalars(
        select(ProgrammeChain).where(
            ProgrammeChain.programme_code == code,
            ProgrammeChain.source.in_(gov.DECISIONS),
            ProgrammeChain.chain_key == chain_key,
        )
    ).all()
    if not rows:
        raise NotFound(f"no planner decision of {chain_key} for programme {code}")
    for r in rows:
        session.delete(r)
    record(
        session,
        actor=actor,
        action="withdraw",
        entity_type="programme_chain",
        entity_id=code,
        detail={"chain_key": chain_key, "sources": sorted({r.source for r in rows})},
    )
    session.flush()
    return get_programme_chains(session, code=code)


class ChainProgramme(BaseModel):
    """A programme placed in a chain (for the chain's browsable list)."""

    code: str
    name: str
    segment_key: str | None
    score: float
    source: str


def programmes_of_chain(session: Session, *, chain_key: str) -> list[ChainProgramme]:
    """Return the programmes placed in ``chain_key`` (``none``: those placed nowhere)."""
    if chain_key not in (*CHAIN_KEYS, NONE_KEY):
        raise NotFound(f"no chain {chain_key!r}; chains are {', '.join(CHAIN_KEYS)} and none")
    placed = gov.programme_placements(session)
    names = dict(session.execute(select(Programme.code, Programme.name)).all())
    if chain_key == NONE_KEY:
        return [
            ChainProgramme(code=c, name=n, segment_key=None, score=1.0, source=gov.CURATED)
            for c, n in sorted(names.items())
            if c not in placed
        ]
    out: list[ChainProgramme] = []
    for code in sorted(placed):
        rows = [p for p in placed[code] if p.chain == chain_key]
        if rows:
            out.append(
                ChainProgramme(
                    code=code,
                    name=names.get(code, code),
                    segment_key=rows[0].segment,
                    score=1.0,
                    source=rows[0].source,
                )
            )
    return out
