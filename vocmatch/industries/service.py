"""The chains and their segments, as planners and the matcher read them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from vocmatch.industries.models import Chain, Segment, SkillTerm
from vocmatch.industries.schemas import ChainOut, SegmentOut, SkillOut
from vocmatch.kit.errors import NotFound


def _segment_out(seg: Segment, skills: list[SkillTerm]) -> SegmentOut:
    return SegmentOut(
        chain=seg.chain_key,
        key=seg.key,
        stage=seg.stage,
        name_zh=seg.name_zh,
        name_en=seg.name_en,
        description_zh=seg.description_zh,
        description_en=seg.description_en,
        products=seg.products,
        occupations=seg.occupation_codes,
        programmes=seg.programme_codes,
        enterprises=seg.enterprise_names,
        skills=[SkillOut(zh=s.zh, en=s.en, synonyms=s.synonyms) for s in skills],
    )


def list_chains(session: Session) -> list[ChainOut]:
    """Return the four chains in plan order, each with its segments."""
    chains = list(session.scalars(select(Chain).order_by(Chain.position)))
    segments = list(session.scalars(select(Segment).order_by(Segment.chain_key, Segment.position)))
    skills: dict[int, list[SkillTerm]] = {}
    for t in session.scalars(select(SkillTerm).order_by(SkillTerm.id)):
        skills.setdefault(t.segment_id, []).append(t)
    out = []
    for c in chains:
        segs = [_segment_out(s, skills.get(s.id, [])) for s in segments if s.chain_key == c.key]
        out.append(
            ChainOut(
                key=c.key,
                name_zh=c.name_zh,
                name_en=c.name_en,
                description_zh=c.description_zh,
                description_en=c.description_en,
                segments=segs,
            )
        )
    return out


def get_chain(session: Session, *, key: str) -> ChainOut:
    """Return one chain with its segments, or raise NotFound."""
    for chain in list_chains(session):
        if chain.key == key:
            return chain
    raise NotFound(
        f"no chain {key!r}; chains are rare_earth, tungsten, new_energy, intelligent_equipment"
    )


def list_segments(session: Session, *, chain: str | None = None) -> list[SegmentOut]:
    """Return every segment (optionally of one chain), upstream first."""
    return [s for c in list_chains(session) if chain in (None, c.key) for s in c.segments]
