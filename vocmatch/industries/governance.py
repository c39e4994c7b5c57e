"""Which chains a programme feeds: the curated lists decide, the model only proposes.

A programme is placed in a chain segment when

* ``data/industries.yaml`` lists it under the segment's ``programmes:`` (source ``curated``), or
* a planner accepted one of the model's proposals for it (source ``accepted``, audited).

A planner's decision for a programme (source ``override``, audited) replaces both: it is how a
planner moves a programme or takes it out of the chains (``none``). The model's rows
(``source = model``, written by ``vocmatch map-programmes``) are never used on their own: they
are shown as proposals until a planner accepts one.

Every view that names a programme's chain — the catalogue page, the chain pages, the teachers'
shares by chain, the planner's fit table, chain views and indicators — reads
:func:`programme_placements`, so they agree programme by programme.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from vocmatch.industries.models import ProgrammeChain, Segment
from vocmatch.industries.schemas import CHAIN_KEYS, NONE_KEY

CURATED = "curated"
ACCEPTED = "accepted"
OVERRIDE = "override"
MODEL = "model"
DECISIONS = (ACCEPTED, OVERRIDE)


@dataclass(frozen=True)
class Placement:
    """One (chain, segment) a programme feeds and who decided it."""

    chain: str
    segment: str | None  # None: the chain as a whole (no segment named)
    source: str  # curated | accepted | override


def place(
    curated: Iterable[tuple[str, str, str]],
    decisions: Iterable[tuple[str, str, str | None, str]],
) -> dict[str, list[Placement]]:
    """Return each programme's placements from the curated lists and the planners' decisions.

    ``curated`` holds (programme, chain, segment) from industries.yaml; ``decisions`` holds
    (programme, chain, segment, source) rows with source ``accepted`` or ``override``. An override
    for a programme replaces everything else (an override to ``none`` leaves it off the chains);
    otherwise the curated placements come first, then the accepted ones not already listed.
    A programme with no placement is off the chains (``none``) and is absent from the result.
    """
    out: dict[str, list[Placement]] = defaultdict(list)
    overrides: dict[str, list[Placement]] = defaultdict(list)
    accepted: dict[str, list[Placement]] = defaultdict(list)
    for code, chain, segment, source in decisions:
        if source == OVERRIDE:
            if chain in CHAIN_KEYS:
                overrides[code].append(Placement(chain, segment or None, OVERRIDE))
            else:
                overrides.setdefault(code, [])
        elif source == ACCEPTED and chain in CHAIN_KEYS:
            accepted[code].append(Placement(chain, segment or None, ACCEPTED))
    for code, chain, segment in curated:
        if code not in overrides:
            out[code].append(Placement(chain, segment, CURATED))
    for code, rows in accepted.items():
        if code in overrides:
            continue
        have = {(p.chain, p.segment) for p in out[code]}
        chains = {p.chain for p in out[code]}
        for p in rows:
            # An accepted chain-level proposal adds nothing when the chain is already curated.
            if (p.chain, p.segment) in have or (p.segment is None and p.chain in chains):
                continue
            out[code].append(p)
            have.add((p.chain, p.segment))
    for code, rows in overrides.items():
        if rows:
            out[code] = rows
    return {code: rows for code, rows in out.items() if rows}


def curated_rows(session: Session) -> list[tuple[str, str, str]]:
    """Return (programme, chain, segment) of every ``programmes:`` entry of industries.yaml."""
    rows = session.execute(
        select(Segment.chain_key, Segment.key, Segment.programme_codes).order_by(
            Segment.chain_key, Segment.position
        )
    )
    return [(str(code), chain, seg) for chain, seg, codes in rows for code in codes or ()]


def decision_rows(session: Session) -> list[tuple[str, str, str | None, str]]:
    """Return (programme, chain, segment, source) of the planners' decisions."""
    stmt = (
        select(
            ProgrammeChain.programme_code,
            ProgrammeChain.chain_key,
            ProgrammeChain.segment_key,
            ProgrammeChain.source,
        )
        .where(ProgrammeChain.source.in_(DECISIONS))
        .order_by(ProgrammeChain.programme_code, ProgrammeChain.id)
    )
    return [(c, k, s, src) for c, k, s, src in session.execute(stmt)]


def programme_placements(session: Session) -> dict[str, list[Placement]]:
    """Return every programme's placements (curated + accepted, or the override)."""
    return place(curated_rows(session), decision_rows(session))


def programme_chain_keys(placements: list[Placement]) -> list[str]:
    """Return the chains of a programme's placements in plan order (``["none"]`` when none)."""
    keys = {p.chain for p in placements}
    return [k for k in CHAIN_KEYS if k in keys] or [NONE_KEY]
