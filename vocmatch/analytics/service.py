"""Planner analytics use cases, scoped by role.

Who sees what (the API, the pages and the CLI call these same functions):

* admin — everything;
* planner — district aggregates (programmes, chains, indicators) and, in detail, only their own
  schools' offerings, recommendations and what-ifs;
* platform (the HR platform's machine client) — read-only aggregates: programmes, chains,
  indicators; no offering detail, recommendations or what-if;
* enterprise — nothing here (403).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from vocmatch.analytics import cache, exports, repository
from vocmatch.analytics.demand.cube import COHORT, GRADUATE, PLACEMENTS
from vocmatch.analytics.fit.formula import formula_text
from vocmatch.analytics.fit.programmes import segment_coverage
from vocmatch.analytics.indicators import registry
from vocmatch.analytics.method import get_method
from vocmatch.analytics.people import people
from vocmatch.analytics.schemas import (
    Amount,
    ChainGap,
    FitTable,
    Indicator,
    IndicatorEntry,
    IndicatorValueOut,
    MatchedPosting,
    OfferingFit,
    Overview,
    ProgrammeDetail,
    SourceOut,
)
from vocmatch.analytics.snapshot import Snapshot
from vocmatch.analytics.supply.offerings import Supply
from vocmatch.analytics.targets import PlanTargets, plan_targets
from vocmatch.audit.service import record
from vocmatch.indicators.models import IndicatorValue
from vocmatch.kit import shared
from vocmatch.kit.config import get_settings
from vocmatch.kit.db import session_factory
from vocmatch.kit.errors import Forbidden, Invalid, NotFound
from vocmatch.kit.principal import Principal

log = logging.getLogger(__name__)
T = TypeVar("T")

DETAIL_ROLES = ("admin", "planner")
READ_ROLES = ("admin", "planner", "platform")


def today() -> date:
    """Return the day analytics are computed for by default."""
    return date.today()


def check(principal: Principal, roles: tuple[str, ...]) -> None:
    """Refuse callers without one of ``roles``."""
    if principal.role not in roles:
        raise Forbidden(f"planner analytics need one of the roles: {', '.join(roles)}")


def use(
    session: Session,
    as_of: date | None,
    fn: Callable[[Snapshot], T],
    among: list[str] | None = None,
) -> T:
    """Run ``fn`` on the up-to-date snapshot of ``as_of`` (``among``: the attribution set)."""
    if among is not None and not among:
        raise Invalid(
            "the attribution set is empty",
            errors=[{"field": "among", "message": "name at least one programme code"}],
        )
    chosen = frozenset(among) if among else None
    return cache.use(
        session,
        as_of=as_of or today(),
        method=get_method(),
        targets=plan_targets(as_of or today()),
        among=chosen,
        fn=fn,
    )


def _visible(principal: Principal, rows: list[OfferingFit], supply: Supply) -> list[OfferingFit]:
    if principal.role not in DETAIL_ROLES:
        return []
    ids = {s.code: s.id for s in supply.schools.values()}
    return [r for r in rows if principal.can_see_school(ids.get(r.school_code, -1))]


def overview(snap: Snapshot) -> Overview:
    """Return the headline figures of a snapshot (whole people a year)."""
    a = snap.analyse()
    cube = snap.cube
    f = cube.per_year

    def total(cells: Any, kind: str) -> int:
        return people(f * sum(n for (k, _c, _s), n in cells.items() if k == kind))

    demand = total(cube.total, GRADUATE)
    sources: dict[str, int] = {}
    for p in cube.programmes.values():
        for s, n in p.sources.items():
            sources[s] = sources.get(s, 0) + max(n, 0)
    return Overview(
        as_of=cube.as_of,
        window_start=cube.start,
        window_months=cube.months,
        year=a.year,
        attribution=sorted(cube.offered),
        postings=cube.postings,
        vacancies=cube.vacancies,
        demand=demand,
        placements=total(cube.total, PLACEMENTS),
        cohort=total(cube.total, COHORT),
        attributed=demand - total(cube.unserved, GRADUATE) - total(cube.unmatched, GRADUATE),
        unserved=total(cube.unserved, GRADUATE),
        unmatched=total(cube.unmatched, GRADUATE),
        not_matched_postings=cube.not_matched[0],
        graduates=sum(o.graduates for o in snap.supply.offerings),
        employed=sum(o.employed for o in snap.supply.offerings),
        bands=a.bands(),
        sources=[
            SourceOut(
                key=s.key,
                name_zh=s.name_zh,
                name_en=s.name_en,
                covers=s.covers,
                postings=sources.get(s.key, 0),
            )
            for s in snap.method.sources
        ],
    )


def _fit(
    snap: Snapshot,
    principal: Principal,
    band: str | None = None,
    chain: str | None = None,
    offered: bool | None = None,
) -> FitTable:
    a = snap.analyse()
    programmes = [
        p
        for p in a.programmes.values()
        if (band is None or p.band == band)
        and (chain is None or chain in p.chains)
        and (offered is None or p.offered == offered)
    ]
    codes = {p.code for p in programmes}
    offerings = [
        o for o in _visible(principal, a.offerings, snap.supply) if o.programme_code in codes
    ]
    return FitTable(
        overview=overview(snap),
        programmes=sorted(
            programmes, key=lambda p: (not p.offered, -p.demand, -p.unserved, p.code)
        ),
        offerings=offerings,
        formula=formula_text(snap.method),
    )


def fit_table(
    session: Session,
    *,
    principal: Principal,
    as_of: date | None = None,
    band: str | None = None,
    chain: str | None = None,
    offered: bool | None = None,
    among: list[str] | None = None,
) -> FitTable:
    """Return the fit of every programme with demand or offerings, and the visible offerings."""
    check(principal, READ_ROLES)
    return use(session, as_of, lambda snap: _fit(snap, principal, band, chain, offered), among)


def programme_detail(
    session: Session,
    *,
    principal: Principal,
    code: str,
    as_of: date | None = None,
    among: list[str] | None = None,
    limit: int = 40,
) -> ProgrammeDetail:
    """Return one programme's fit, offerings, postings, enterprises, chains and coverage."""
    check(principal, READ_ROLES)

    def run(snap: Snapshot) -> tuple[Any, ...]:
        a = snap.analyse()
        fit = a.programmes.get(code)
        if fit is None:
            if code not in snap.supply.names:
                raise NotFound(f"no 中职 programme with code {code!r}")
            raise NotFound(
                f"programme {code} is neither offered nor fitted by demand in the window"
            )
        source = snap.cube.programmes if fit.offered else snap.cube.unserved_programmes
        p = source.get(code)
        postings = dict(
            sorted((p.postings.items() if p else ()), key=lambda kv: (-kv[1][1], kv[0]))[:limit]
        )
        names = snap.labels()["ent"]
        f = snap.cube.per_year
        ents: dict[Any, int] = {}
        chains: dict[str, int] = {}
        for (kind, chain, key), n in p.detail.items() if p else ():
            if kind == "ent":
                ents[key] = ents.get(key, 0) + n
                chains[chain] = chains.get(chain, 0) + n
        offerings = [
            o for o in _visible(principal, a.offerings, snap.supply) if o.programme_code == code
        ]
        visible = {o.offering_id for o in offerings}
        schools = {s.id: s.code for s in snap.supply.schools.values()}
        partners = [
            {
                "school_code": schools.get(o.school_id, ""),
                "enterprise": pt.enterprise_name,
                "kind": pt.kind,
                "is_leading": pt.is_leading,
                "since_year": pt.since_year,
            }
            for o in snap.supply.offerings
            if o.id in visible
            for pt in o.partners
        ]
        coverage = segment_coverage(
            snap.supply.placements.get(code, []), a.states[code].covered, snap.lexicon
        )
        return (
            fit,
            offerings,
            postings,
            [
                Amount(key=str(e), label=names.get(e, str(e)), demand=people(n * f))
                for e, n in sorted(ents.items(), key=lambda kv: -kv[1])
                if n > 0
            ][:20],
            [
                Amount(key=k, label=snap.chain_names.get(k, (k, k))[0], demand=people(n * f))
                for k, n in sorted(chains.items(), key=lambda kv: -kv[1])
                if n > 0
            ],
            coverage,
            partners,
        )

    fit, offerings, shares, enterprises, chains, coverage, partners = use(
        session, as_of, run, among
    )
    postings = []
    for row in repository.postings_by_id(session, list(shares)):
        kind, attributed, relevance = shares[row.id]
        prog: dict[str, Any] = next(
            (x for x in (row.match or {}).get("programmes", []) if x.get("code") == code), {}
        )
        postings.append(
            MatchedPosting(
                id=row.id,
                title=row.title,
                enterprise_id=row.enterprise_id,
                enterprise_name=row.enterprise_name,
                location=row.location_kind,
                type=row.type,
                kind=kind,
                headcount=row.headcount,
                relevance=round(relevance, 3),
                attributed=attributed,
                evidence=[str(e) for e in (prog.get("evidence") or [])][:6],
            )
        )
    postings.sort(key=lambda x: (-x.attributed, x.id))
    return ProgrammeDetail(
        fit=fit,
        offerings=offerings,
        postings=postings,
        enterprises=enterprises,
        demand_chains=chains,
        coverage=coverage,
        partners=partners,
    )


def chain_gaps(
    session: Session,
    *,
    principal: Principal,
    as_of: date | None = None,
    among: list[str] | None = None,
) -> list[ChainGap]:
    """Return the gap of each chain (and 'none'), with segments and the top unmet lists."""
    check(principal, READ_ROLES)
    return use(session, as_of, lambda snap: snap.analyse().chains, among)


def chain_gap(
    session: Session,
    *,
    principal: Principal,
    key: str,
    as_of: date | None = None,
    among: list[str] | None = None,
) -> ChainGap:
    """Return one chain's gap, or raise NotFound."""
    for chain in chain_gaps(session, principal=principal, as_of=as_of, among=among):
        if chain.key == key:
            return chain
    raise NotFound(
        f"no chain {key!r}; chains are rare_earth, tungsten, new_energy, intelligent_equipment, none"
    )


def indicators_of(
    session: Session, snap: Snapshot, *, targets: PlanTargets | None = None
) -> list[Indicator]:
    """Return the plan's indicators on the snapshot's day (of another period with ``targets``).

    Entered values, teachers and partnerships are not part of the analytics' data version: the
    readings are kept on the snapshot with the fingerprint of the tables they read
    (``repository.indicators_version``) and the shared write counters of those tables
    (``kit.shared``: a change in place that moves no count, id or time — a row without
    ``updated_at`` edited — through this process, or any process with Redis), and read again
    when either moved. Callers get copies.
    """
    period = targets or snap.targets
    counters = shared.versions(repository.INDICATOR_TABLES)
    version = (repository.indicators_version(session), counters)
    key = ("indicators", period.model_dump_json())
    kept = snap.memo.get(key)
    if kept is None or kept[0] != version or counters is None:
        ctx = registry.Context(
            session=session,
            as_of=snap.as_of,
            targets=period,
            supply=snap.supply,
            entered=registry.entered_values(session),
        )
        kept = snap.memo[key] = (version, registry.read_all(ctx))
    return [i.model_copy(deep=True) for i in kept[1]]


def plan_indicators(
    session: Session, *, principal: Principal, as_of: date | None = None
) -> list[Indicator]:
    """Return the plan's indicators with value, date, target, trend and met/missed."""
    check(principal, READ_ROLES)
    return use(session, as_of, lambda snap: indicators_of(session, snap))


def enter_indicator_value(
    session: Session, *, principal: Principal, key: str, entry: IndicatorEntry
) -> IndicatorValueOut:
    """Record an entered indicator value with its evidence (replacing one of the same day).

    The plan's indicators are the district's: a planner scoped to some schools only may not
    override them (administrators, and planners scoped to every school, may)."""
    check(principal, DETAIL_ROLES)
    targets = plan_targets()
    if targets.indicator(key) is None and key not in {i.key for i in targets.inputs}:
        raise NotFound(f"no plan indicator or input {key!r}")
    if key not in {d.key for d in targets.enterable()}:
        raise Invalid(
            f"{key} is computed from the data and cannot be entered",
            errors=[{"field": "indicator", "message": "computed indicator"}],
        )
    if principal.role == "planner":
        every_school = {row.id for row in repository.school_rows(session)}
        if not every_school <= set(principal.school_ids):
            raise Forbidden(
                "district indicators are entered by administrators or by planners of every school"
            )
    existing = next(
        (
            v
            for v in repository.indicator_values(session)
            if v.indicator == key and v.as_of == entry.as_of
        ),
        None,
    )
    row = existing or IndicatorValue(indicator=key, as_of=entry.as_of)
    row.value = entry.value
    row.evidence = entry.evidence
    row.entered_by = principal.audit_name()
    if existing is None:
        session.add(row)
    session.flush()
    record(
        session,
        actor=principal.audit_name(),
        action="update" if existing else "create",
        entity_type="indicator_value",
        entity_id=row.id,
        detail={"indicator": key, "value": entry.value, "as_of": entry.as_of.isoformat()},
    )
    return IndicatorValueOut(
        indicator=key,
        value=row.value,
        as_of=row.as_of,
        evidence=row.evidence,
        entered_by=row.entered_by,
    )


MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def export(
    session: Session,
    *,
    principal: Principal,
    kind: str,
    fmt: str,
    lang: str = "zh",
    as_of: date | None = None,
) -> tuple[bytes, str, str]:
    """Return (content, filename, media type) of an export; the export is audited."""
    check(principal, DETAIL_ROLES)
    if kind not in exports.KINDS or fmt not in MEDIA_TYPES:
        raise NotFound(
            f"no export {kind}.{fmt}; kinds: {', '.join(exports.KINDS)}; formats: csv, xlsx"
        )
    day = as_of or today()
    if kind in ("fit", "offerings"):
        sheets = exports.fit_sheets(fit_table(session, principal=principal, as_of=day), lang)
        if kind == "offerings":
            sheets = sheets[1:]
    elif kind == "chains":
        sheets = exports.chain_sheets(chain_gaps(session, principal=principal, as_of=day), lang)
    else:
        sheets = exports.indicator_sheets(
            plan_indicators(session, principal=principal, as_of=day), lang
        )
    content = (
        exports.to_csv(sheets[0], lang=lang) if fmt == "csv" else exports.to_xlsx(sheets, lang=lang)
    )
    record(
        session,
        actor=principal.audit_name(),
        action="export",
        entity_type=f"analytics.{kind}",
        detail={"format": fmt, "rows": sum(len(s.rows) for s in sheets), "as_of": day.isoformat()},
    )
    return content, f"vocmatch-{kind}-{day.isoformat()}.{fmt}", MEDIA_TYPES[fmt]


def record_report(session: Session, *, principal: Principal, as_of: date | None = None) -> None:
    """Audit that the printable report was produced (it is an export of the same figures)."""
    check(principal, DETAIL_ROLES)
    record(
        session,
        actor=principal.audit_name(),
        action="export",
        entity_type="analytics.report",
        detail={"format": "html", "as_of": (as_of or today()).isoformat()},
    )


def dashboard(
    session: Session, *, principal: Principal, as_of: date | None = None
) -> tuple[FitTable, list[ChainGap], list[Indicator]]:
    """Return the fit table, chain gaps and indicators of one snapshot (one version check)."""
    check(principal, DETAIL_ROLES)

    def run(snap: Snapshot) -> tuple[FitTable, list[ChainGap], list[Indicator]]:
        return _fit(snap, principal), snap.analyse().chains, indicators_of(session, snap)

    return use(session, as_of, run)


def warm_on_start(app: Any) -> None:
    """Build the projection in the background at start, so the first planner does not wait.

    Skipped in tests (each test builds what it reads). Failures are logged, never raised: the
    first request then builds it instead.
    """
    if get_settings().environment == "test":
        return
    done = app.state.analytics_warm = threading.Event()

    def run() -> None:
        try:
            with session_factory(app.state.engine)() as session:
                cache.restore(session)  # the projection saved at the last start, if any
                use(session, None, lambda snap: snap.analyse())
                session.rollback()  # end the read before pickling
                cache.save(session)
            log.info("analytics.warm.done")
        except Exception:
            log.exception("analytics.warm.failed")
        finally:
            done.set()

    threading.Thread(target=run, name="analytics-warm", daemon=True).start()


def warm_readiness(app: Any) -> tuple[str, bool, str]:
    """Readiness check: not ready while the start-up warm-up runs.

    The warm-up holds the GIL for seconds; traffic sent meanwhile (a load balancer trusting an
    early ``/readyz``) waited up to 2 s and ``/healthz`` up to 0.7 s (issue 11's overload test).
    A failed warm-up counts as done: the first planner request then builds the projection.
    """
    done = getattr(app.state, "analytics_warm", None)
    if done is None or done.is_set():
        return "warm-up", True, "done"
    return "warm-up", False, "building the analytics projection"
