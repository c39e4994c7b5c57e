"""The process-wide analytics cache, keyed by database and checked against the data version.

Each request first reads cheap fingerprints of the tables the analytics use (one query). Only
the layers whose inputs changed are rebuilt: postings written since the last look are re-read and
their old contribution swapped for the new one; a change of offerings rebuilds only the (small)
supply side; a change of skill terms rebuilds everything. Postings are re-read from ``OVERLAP`` before the
newest change seen (a transaction may commit after a younger one), comparing each one's
``updated_at`` so only changed rows are parsed again; counts that do not add up (a posting deleted
outright) fall back to a full rebuild. Requests are serialised on one lock per database: after
the first, each is milliseconds of work over the cells, not over postings.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from vocmatch.analytics import repository as repo
from vocmatch.analytics.analysis import (
    Analysis,
    chain_gaps,
    complete_offerings,
    programme_fits,
)
from vocmatch.analytics.config import AnalyticsConfig
from vocmatch.analytics.projection import Cube, Facts, Lexicon, build_lexicon, dormant, facts_of
from vocmatch.analytics.supply import Supply, build_supply
from vocmatch.catalogue.models import Occupation
from vocmatch.industries.models import Chain

log = logging.getLogger(__name__)
T = TypeVar("T")
OVERLAP = timedelta(minutes=2)  # re-read postings this far behind the newest seen (late commits)


@dataclass
class Enterprise:
    id: int
    name: str
    location: str
    is_leading: bool
    chains: tuple[str, ...]


@dataclass
class Snapshot:
    """What one request reads: the cube and supply of its day, and the shared reference data."""

    as_of: date
    config: AnalyticsConfig
    lexicon: Lexicon
    cube: Cube
    supply: Supply
    enterprises: dict[int, Enterprise]
    occupations: dict[str, str]
    chain_names: dict[str, tuple[str, str]]
    _analysis: Analysis | None = None
    memo: dict[str, Any] = field(default_factory=dict)  # other results computed once per snapshot

    def labels(self) -> dict[str, dict[Any, str]]:
        """Return display names for occupation codes, enterprise ids and skill terms."""
        return {
            "occ": {k: f"{k} {v}" for k, v in self.occupations.items()},
            "ent": {e.id: e.name for e in self.enterprises.values()},
        }

    def analyse(self, supply: Supply | None = None, *, detail: bool = True) -> Analysis:
        """Return the analysis of this snapshot (of ``supply`` instead, for a what-if)."""
        if supply is None and self._analysis is not None:
            return self._analysis
        sup = supply or self.supply
        programmes, offerings, states = programme_fits(
            self.cube, sup, self.config, self.lexicon, detail=detail
        )
        complete_offerings(offerings, programmes, states, sup, self.config)
        chains = chain_gaps(
            self.cube,
            sup,
            states,
            self.lexicon,
            self.chain_names,
            self.labels(),
            self.config.planning.top_n,
            detail=detail,
        )
        result = Analysis(sup.year, programmes, offerings, chains, states)
        if supply is None:
            self._analysis = result
        return result


@dataclass
class _State:
    versions: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    lexicon: Lexicon | None = None
    occupations: dict[str, str] = field(default_factory=dict)
    chain_names: dict[str, tuple[str, str]] = field(default_factory=dict)
    facts: dict[int, Facts] | None = None
    watermark: datetime | None = None
    stamps: dict[int, datetime] = field(default_factory=dict)
    enterprises: dict[int, Enterprise] = field(default_factory=dict)
    cubes: dict[date, Cube] = field(default_factory=dict)
    supplies: dict[date, Supply] = field(default_factory=dict)
    snapshots: dict[date, Snapshot] = field(default_factory=dict)
    config_key: str = ""
    lock: threading.RLock = field(default_factory=threading.RLock)


_states: dict[str, _State] = {}
_states_lock = threading.Lock()


def _state_for(session: Session) -> _State:
    bind = session.get_bind()
    key = str(bind.engine.url)
    with _states_lock:
        return _states.setdefault(key, _State())


def clear() -> None:
    """Forget every cached projection (tests and the CLI use this)."""
    with _states_lock:
        _states.clear()


def use(session: Session, as_of: date, config: AnalyticsConfig, fn: Callable[[Snapshot], T]) -> T:
    """Bring the cache up to date for ``as_of`` and return ``fn(snapshot)``, under the lock."""
    state = _state_for(session)
    with state.lock:
        snap = _refresh(state, session, as_of, config)
        return fn(snap)


def _refresh(state: _State, session: Session, as_of: date, cfg: AnalyticsConfig) -> Snapshot:
    started = time.perf_counter()
    versions = repo.data_version(session)
    old = state.versions
    full = (
        state.lexicon is None
        or versions["terms"] != old.get("terms")
        or state.config_key != cfg.fingerprint()
    )
    if full:
        _load_reference(state, session)
        state.config_key = cfg.fingerprint()
    if full or versions["enterprises"] != old.get("enterprises"):
        _load_enterprises(state, session)
        state.cubes.clear()
    if full or state.facts is None:
        _load_facts(state, session, cfg)
    elif versions["postings"] != old.get("postings"):
        _update_facts(state, session, cfg, int(versions["postings"][0] or 0))
    if full or versions["supply"] != old.get("supply"):
        state.supplies.clear()
    if versions != old or full:
        state.snapshots.clear()
    state.versions = versions
    snap = state.snapshots.get(as_of)
    if snap is None:
        assert state.lexicon is not None
        snap = Snapshot(
            as_of=as_of,
            config=cfg,
            lexicon=state.lexicon,
            cube=_cube(state, as_of, cfg),
            supply=_supply(state, session, as_of),
            enterprises=state.enterprises,
            occupations=state.occupations,
            chain_names=state.chain_names,
        )
        _keep(state.snapshots, as_of, snap)
        log.info(
            "analytics.cache.refresh",
            extra={"full": full, "ms": round(1000 * (time.perf_counter() - started), 1)},
        )
    return snap


def _keep(store: dict[date, Any], key: date, value: Any, size: int = 3) -> None:
    store[key] = value
    while len(store) > size:
        store.pop(next(iter(store)))


def _load_reference(state: _State, session: Session) -> None:
    state.lexicon = build_lexicon(repo.segment_rows(session), repo.skill_term_rows(session))
    state.occupations = {c: n for c, n in session.execute(select(Occupation.code, Occupation.name))}
    state.chain_names = {c.key: (c.name_zh, c.name_en) for c in session.scalars(select(Chain))}
    state.chain_names.setdefault("none", ("不属于四大产业链", "None of the four chains"))
    state.facts = None
    state.cubes.clear()
    state.supplies.clear()


def _load_enterprises(state: _State, session: Session) -> None:
    state.enterprises = {
        r.id: Enterprise(r.id, r.name, r.location_kind, bool(r.is_leading), tuple(r.chains or ()))
        for r in repo.enterprise_rows(session)
    }


def _load_facts(state: _State, session: Session, cfg: AnalyticsConfig) -> None:
    assert state.lexicon is not None
    # Closed, filled or deleted postings never count: they get a placeholder (no parsing) and are
    # read in full only if they change again.
    state.stamps = dict(repo.posting_stamps(session, since=None))
    state.facts = {i: dormant(i) for i in state.stamps}
    for r in repo.posting_rows(session):
        state.facts[r.id] = facts_of(
            r,
            state.lexicon,
            min_relevance=cfg.fit.min_relevance,
            max_programmes=cfg.fit.max_programmes,
        )
        state.stamps[r.id] = r.updated_at
    state.watermark = max(state.stamps.values(), default=None)
    state.cubes.clear()


def _update_facts(state: _State, session: Session, cfg: AnalyticsConfig, count: int) -> None:
    """Swap in the postings written since the last look (ids first, full rows only if changed)."""
    assert state.lexicon is not None and state.facts is not None
    since = state.watermark - OVERLAP if state.watermark is not None else None
    changed = [i for i, u in repo.posting_stamps(session, since=since) if state.stamps.get(i) != u]
    facts = state.facts
    for r in repo.posting_rows(session, ids=changed) if changed else []:
        new = facts_of(
            r,
            state.lexicon,
            min_relevance=cfg.fit.min_relevance,
            max_programmes=cfg.fit.max_programmes,
        )
        old = facts.get(r.id)
        state.stamps[r.id] = r.updated_at
        if state.watermark is None or r.updated_at > state.watermark:
            state.watermark = r.updated_at
        if old == new:
            continue
        for cube in state.cubes.values():
            if old is not None:
                cube.add(old, _location(state, old), -1)
            cube.add(new, _location(state, new), 1)
        facts[r.id] = new
    if len(facts) != count:  # a posting was deleted outright: start again
        _load_facts(state, session, cfg)


def _location(state: _State, f: Facts) -> str:
    ent = state.enterprises.get(f.enterprise_id)
    return ent.location if ent else "other"


def _cube(state: _State, as_of: date, cfg: AnalyticsConfig) -> Cube:
    cube = state.cubes.get(as_of)
    if cube is None:
        cube = Cube(as_of=as_of, type_weights=dict(cfg.fit.type_weights))
        for f in (state.facts or {}).values():
            cube.add(f, _location(state, f))
        _keep(state.cubes, as_of, cube, size=2)
    return cube


def _supply(state: _State, session: Session, as_of: date) -> Supply:
    sup = state.supplies.get(as_of)
    if sup is None:
        assert state.lexicon is not None
        sup = build_supply(
            as_of=as_of,
            lexicon=state.lexicon,
            schools=repo.school_rows(session),
            offerings=repo.offering_rows(session),
            partners=repo.partner_rows(session),
            programmes=repo.programme_rows(session),
            mappings=repo.programme_chain_rows(session),
        )
        _keep(state.supplies, as_of, sup)
    return sup
