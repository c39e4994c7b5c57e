"""The process-wide analytics cache, keyed by database and checked against the data version.

Each request first reads cheap fingerprints of the tables the analytics use (one query). Only the
layers whose inputs changed are rebuilt: postings written since the last look are re-read, their
repost groups re-formed and the groups' old vacancies swapped for the new ones in every cube; a
change of offerings, destinations, capacity or placements rebuilds only the (small) supply side;
a change of skill terms or of the method rebuilds everything. Postings are re-read from
``OVERLAP`` before the newest change seen (a transaction may commit after a younger one);
counts that do not add up (a posting deleted outright) fall back to a full rebuild. Requests
are serialised on one lock per database: after the first, each is milliseconds of work over
cells, not over postings.

The fingerprints are read from the database on every request, so a write committed through any
process is seen by the next request of every process (read-your-writes across workers; shown by
tests/ops/test_multiprocess.py). Skipping that query while the shared version counters
(kit.shared) stand still was tried and reverted: a batch write through one process was not seen
by the other for up to 10 s (its bump did not name the posting table; not found in time).
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from vocmatch import __version__
from vocmatch.analytics import repository as repo
from vocmatch.analytics.demand.cube import Cube
from vocmatch.analytics.demand.facts import Facts, facts_of
from vocmatch.analytics.demand.reposts import Vacancy, vacancies
from vocmatch.analytics.method import Method
from vocmatch.analytics.skills.coverage import CoverageModel, build_coverage
from vocmatch.analytics.skills.lexicon import Lexicon, build_lexicon
from vocmatch.analytics.snapshot import Enterprise, Snapshot
from vocmatch.analytics.supply.offerings import Supply, build_supply
from vocmatch.analytics.targets import PlanTargets
from vocmatch.catalogue.models import Occupation
from vocmatch.industries.governance import programme_placements
from vocmatch.industries.models import Chain
from vocmatch.kit import metrics
from vocmatch.kit.config import get_settings

log = logging.getLogger(__name__)
T = TypeVar("T")
OVERLAP = timedelta(minutes=2)  # re-read postings this far behind the newest seen (late commits)
# Postings are counted (a scan of the table) at most this often: the count only catches postings
# deleted outright, which only loaders and `sample scale` do — never a request. Between counts
# their newest id and time (index look-ups) tell what changed.
COUNT_EVERY_SECONDS = 60.0
Group = tuple[int, str, str]
CubeKey = tuple[date, int, frozenset[str]]


@dataclass
class _State:
    versions: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    lexicon: Lexicon | None = None
    coverage: CoverageModel | None = None
    occupations: dict[str, str] = field(default_factory=dict)
    chain_names: dict[str, tuple[str, str]] = field(default_factory=dict)
    facts: dict[int, Facts | None] | None = None  # None: deleted (never counts)
    groups: dict[Group, list[Vacancy]] = field(default_factory=dict)
    members: dict[Group, set[int]] = field(default_factory=lambda: defaultdict(set))
    watermark: datetime | None = None
    stamps: dict[int, datetime] = field(default_factory=dict)
    enterprises: dict[int, Enterprise] = field(default_factory=dict)
    cubes: dict[CubeKey, Cube] = field(default_factory=dict)
    supplies: dict[date, Supply] = field(default_factory=dict)
    snapshots: dict[tuple[CubeKey, date], Snapshot] = field(default_factory=dict)
    config_key: str = ""
    counted_at: float = float("-inf")  # time.monotonic() of the last count of postings
    lock: threading.RLock = field(default_factory=threading.RLock)


_states: dict[str, _State] = {}
_states_lock = threading.Lock()


def _state_for(session: Session) -> _State:
    key = str(session.get_bind().engine.url)
    with _states_lock:
        return _states.setdefault(key, _State())


def clear() -> None:
    """Forget every cached projection (tests and the CLI use this)."""
    with _states_lock:
        _states.clear()


def window_start(as_of: date, months: int) -> date:
    """Return the first day of the window of ``months`` ending on ``as_of`` (both included).

    The day after the same day ``months`` earlier (clamped to the month's end): 2026-11-29 and 12
    months → 2025-11-30.
    """
    y, m = divmod(as_of.year * 12 + as_of.month - 1 - months, 12)
    day = as_of.day
    while True:
        try:
            return date(y, m + 1, day) + timedelta(days=1)
        except ValueError:
            day -= 1


def use(
    session: Session,
    *,
    as_of: date,
    method: Method,
    targets: PlanTargets,
    among: frozenset[str] | None,
    fn: Callable[[Snapshot], T],
) -> T:
    """Bring the cache up to date and return ``fn(snapshot)`` under the database's lock.

    ``among`` is the planner's attribution set (None: the district's offered programmes).
    """
    state = _state_for(session)
    with state.lock:
        snap = _refresh(state, session, as_of, method, targets, among)
        return fn(snap)


def _refresh(
    state: _State,
    session: Session,
    as_of: date,
    method: Method,
    targets: PlanTargets,
    among: frozenset[str] | None,
) -> Snapshot:
    started = time.perf_counter()
    old = state.versions
    counted = state.facts is None or time.monotonic() - state.counted_at >= COUNT_EVERY_SECONDS
    versions = repo.data_version(session, count_postings=counted)
    if counted:
        state.counted_at = time.monotonic()
    else:  # the last count stands in; a change of the newest id or time still shows
        versions["postings"] = (old.get("postings", (None,))[0], *versions["postings"][1:])
    key = method.fingerprint() + targets.model_dump_json()
    full = state.lexicon is None or versions["terms"] != old.get("terms") or state.config_key != key
    if full:
        _load_reference(state, session, method)
        state.config_key = key
    if full or versions["enterprises"] != old.get("enterprises"):
        _load_enterprises(state, session)
        state.cubes.clear()
    if full or state.facts is None or _went_back(old.get("postings"), versions["postings"]):
        _load_facts(state, session, method)
    elif versions["postings"] != old.get("postings"):
        _update_facts(state, session, method, versions["postings"][0] if counted else None)
    if full or versions["supply"] != old.get("supply"):
        state.supplies.clear()
    replaced = dict(state.snapshots)
    if versions != old or full:
        state.snapshots.clear()
    metrics.CACHE.labels("full" if full else "hit" if versions == old else "incremental").inc()
    state.versions = versions
    supply = _supply(state, session, as_of, method)
    offered = among if among is not None else supply.offered()
    ckey: CubeKey = (as_of, method.demand.window_months, offered)
    snap = state.snapshots.get((ckey, as_of))
    if snap is None:
        assert state.lexicon is not None and state.coverage is not None
        snap = Snapshot(
            method=method,
            targets=targets,
            lexicon=state.lexicon,
            coverage=state.coverage,
            cube=_cube(state, ckey, method),
            supply=supply,
            enterprises=state.enterprises,
            occupations=state.occupations,
            chain_names=state.chain_names,
        )
        before = replaced.get((ckey, as_of))
        if before is not None:  # the analysis it carries is reused where nothing changed
            snap.previous = before.analysed() or before.previous
            if before.supply is supply:  # the indicators read the supply, never the postings
                snap.memo.update({k: v for k, v in before.memo.items() if k[0] == "indicators"})
        _keep(state.snapshots, (ckey, as_of), snap)
        log.info(
            "analytics.cache.refresh",
            extra={"full": full, "ms": round(1000 * (time.perf_counter() - started), 1)},
        )
    return snap


def _went_back(old: tuple[Any, ...] | None, new: tuple[Any, ...]) -> bool:
    """True when postings' newest id or time is older than seen before (a restored backup)."""
    if old is None:
        return False
    return any(
        o is not None and (n is None or n < o) for o, n in zip(old[1:], new[1:], strict=True)
    )


def _keep(store: dict[Any, Any], key: Any, value: Any, size: int = 3) -> None:
    store[key] = value
    while len(store) > size:
        store.pop(next(iter(store)))


def _load_reference(state: _State, session: Session, method: Method) -> None:
    state.lexicon = build_lexicon(
        repo.segment_rows(session), repo.skill_term_rows(session), method.skills.curriculum
    )
    state.coverage = build_coverage(
        state.lexicon.skills, repo.programme_rows(session), method.skills.coverage_threshold
    )
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


def _regroup(state: _State, group: Group, method: Method) -> None:
    assert state.facts is not None
    members = [state.facts[i] for i in state.members.get(group, ())]
    state.groups[group] = vacancies(
        (f for f in members if f is not None),
        days=method.demand.repost_days,
        title_similarity=method.demand.repost_title_similarity,
    )


def _load_facts(state: _State, session: Session, method: Method) -> None:
    assert state.lexicon is not None
    state.stamps = dict(repo.posting_stamps(session, since=None))
    facts: dict[int, Facts | None] = dict.fromkeys(state.stamps)
    state.members = defaultdict(set)
    for r in repo.posting_rows(session):
        f = facts_of(r, state.lexicon, min_relevance=method.demand.min_relevance)
        facts[r.id] = f
        state.members[f.group].add(f.id)
        state.stamps[r.id] = r.updated_at
    state.facts = facts
    state.groups = {}
    for group in state.members:
        _regroup(state, group, method)
    state.watermark = max(state.stamps.values(), default=None)
    state.cubes.clear()


def _update_facts(state: _State, session: Session, method: Method, count: int | None) -> None:
    """Swap in the postings written since the last look, group by group."""
    assert state.lexicon is not None and state.facts is not None
    since = state.watermark - OVERLAP if state.watermark is not None else None
    changed = [i for i, u in repo.posting_stamps(session, since=since) if state.stamps.get(i) != u]
    touched: set[Group] = set()
    rows = {r.id: r for r in repo.posting_rows(session, ids=changed)} if changed else {}
    for pid in changed:
        r = rows.get(pid)
        new = (
            facts_of(r, state.lexicon, min_relevance=method.demand.min_relevance)
            if r is not None
            else None
        )
        old = state.facts.get(pid)
        if r is not None:
            state.stamps[pid] = r.updated_at
            if state.watermark is None or r.updated_at > state.watermark:
                state.watermark = r.updated_at
        if old == new:
            continue
        if old is not None:
            state.members[old.group].discard(pid)
            touched.add(old.group)
        if new is not None:
            state.members[new.group].add(pid)
            touched.add(new.group)
        state.facts[pid] = new
    for group in touched:
        before = state.groups.get(group, [])
        _regroup(state, group, method)
        # Only the vacancies that changed are swapped (most of a group's stay as they were).
        after = state.groups[group]
        kept_after, kept_before = set(after), set(before)
        gone = [v for v in before if v not in kept_after]
        came = [v for v in after if v not in kept_before]
        for cube in state.cubes.values():
            for v in gone:
                cube.add(v, _location(state, v), -1)
            for v in came:
                cube.add(v, _location(state, v), 1)
    if count is not None and len(state.facts) != count:  # a posting deleted outright: start again
        _load_facts(state, session, method)


def _location(state: _State, v: Vacancy) -> str:
    ent = state.enterprises.get(v.latest.enterprise_id)
    return ent.location if ent else "other"


def _cube(state: _State, key: CubeKey, method: Method) -> Cube:
    cube = state.cubes.get(key)
    if cube is None:
        as_of, months, offered = key
        cube = Cube(
            as_of=as_of,
            start=window_start(as_of, months),
            months=months,
            offered=offered,
            max_programmes=method.demand.max_programmes,
            kinds=dict(method.types),
        )
        for group in state.groups.values():
            for v in group:
                cube.add(v, _location(state, v))
        _keep(state.cubes, key, cube, size=4)
    return cube


def _supply(state: _State, session: Session, as_of: date, method: Method) -> Supply:
    sup = state.supplies.get(as_of)
    if sup is None:
        sup = build_supply(
            as_of=as_of,
            default_completion=method.supply.default_completion,
            default_employment=method.supply.default_employment_share,
            destination_years=method.supply.destination_years,
            schools=repo.school_rows(session),
            offerings=repo.offering_rows(session),
            partners=repo.partner_rows(session),
            programmes=repo.programme_rows(session),
            placements=programme_placements(session),
            destinations=repo.destination_rows(session),
            capacity=repo.capacity_rows(session),
            articulations=repo.articulated_offerings(session, as_of),
        )
        _keep(state.supplies, as_of, sup)
    return sup


# The projection survives a restart: after the start-up warm-up the state is pickled to
# ``analytics_state_dir`` (one file per database); the next start loads it and the usual
# refresh re-reads only what changed since (a restored backup, whose postings went back in
# time, is rebuilt in full). The file is ours, written by this process; a file of another version
# of the code, or one that does not load, is ignored; loading reference data, the sample or a
# backup deletes the saved files (``forget_saved``).
_SAVED_FORMAT = 1
_NOT_SAVED = ("lock", "snapshots", "counted_at")  # a restarted process counts at once


def _state_file(session: Session) -> Path | None:
    where = get_settings().analytics_state_dir
    if where is None:
        return None
    url = session.get_bind().engine.url.render_as_string(hide_password=True)
    return Path(where) / f"{hashlib.sha256(url.encode()).hexdigest()[:16]}.pickle"


def save(session: Session) -> Path | None:
    """Write the database's projection to its file (atomically); return the file."""
    path = _state_file(session)
    if path is None:
        return None
    state = _state_for(session)
    with state.lock:
        if state.facts is None:
            return None
        body = {f.name: getattr(state, f.name) for f in fields(_State) if f.name not in _NOT_SAVED}
        raw = pickle.dumps(
            {"format": _SAVED_FORMAT, "version": _code(), "state": body},
            protocol=pickle.HIGHEST_PROTOCOL,
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_bytes(raw)
    partial.replace(path)
    log.info("analytics.cache.saved", extra={"bytes": len(raw), "postings": len(body["facts"])})
    return path


def restore(session: Session) -> bool:
    """Load the database's saved projection, unless one is already in memory; True if loaded."""
    path = _state_file(session)
    if path is None or not path.is_file():
        return False
    state = _state_for(session)
    with state.lock:
        if state.facts is not None:
            return False
        try:
            saved = pickle.loads(path.read_bytes())
            if saved.get("format") != _SAVED_FORMAT or saved.get("version") != _code():
                return False
            for name, value in saved["state"].items():
                setattr(state, name, value)
        except Exception:
            log.exception("analytics.cache.restore_failed", extra={"path": str(path)})
            fresh = _State()
            for f in fields(_State):
                if f.name != "lock":
                    setattr(state, f.name, getattr(fresh, f.name))
            return False
    log.info("analytics.cache.restored", extra={"postings": len(state.facts or {})})
    return True


def forget_saved() -> int:
    """Delete every saved projection (reference data loaded, a backup restored); return how many."""
    where = get_settings().analytics_state_dir
    if where is None or not Path(where).is_dir():
        return 0
    gone = list(Path(where).glob("*.pickle"))
    for path in gone:
        path.unlink(missing_ok=True)
    return len(gone)


@lru_cache
def _code() -> str:
    """A fingerprint of the code that shapes the saved state (the analytics package)."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
