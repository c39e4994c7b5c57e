"""Planner analytics use cases, scoped by role.

Who sees what (the API and the pages call these same functions):

* admin — everything;
* planner — district aggregates (programmes, chains, indicators) and, in detail, only their own
  schools' offerings, partners, recommendations and what-ifs (plus the district-level "open a
  programme" actions);
* platform (the HR platform's machine client) — read-only aggregates: programmes, chains,
  indicators; no offering detail, recommendations or what-if;
* enterprise — nothing here (403).
"""

from __future__ import annotations

import logging
import threading
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from vocmatch.analytics import cache, exports, indicators, repository, whatif
from vocmatch.analytics.analysis import formula_text
from vocmatch.analytics.cache import Snapshot
from vocmatch.analytics.config import get_config
from vocmatch.analytics.recommendations import recommend
from vocmatch.analytics.schemas import (
    Action,
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
    WhatIfRequest,
    WhatIfResult,
)
from vocmatch.audit.service import record
from vocmatch.indicators.models import IndicatorValue
from vocmatch.kit.config import get_settings
from vocmatch.kit.db import session_factory
from vocmatch.kit.errors import Forbidden, Invalid, NotFound
from vocmatch.kit.principal import Principal

log = logging.getLogger(__name__)

DETAIL_ROLES = ("admin", "planner")
READ_ROLES = ("admin", "planner", "platform")


def today() -> date:
    """Return the day analytics are computed for by default."""
    return date.today()


def _check(principal: Principal, roles: tuple[str, ...]) -> None:
    if principal.role not in roles:
        raise Forbidden(f"planner analytics need one of the roles: {', '.join(roles)}")


def _visible(principal: Principal, rows: list[OfferingFit], snap: Snapshot) -> list[OfferingFit]:
    if principal.role not in DETAIL_ROLES:
        return []
    ids = {s.code: s.id for s in snap.supply.schools.values()}
    return [r for r in rows if principal.can_see_school(ids.get(r.school_code, -1))]


def _use(session: Session, as_of: date | None, fn: Any) -> Any:
    return cache.use(session, as_of or today(), get_config(), fn)


def overview(snap: Snapshot) -> Overview:
    """Return the headline figures of a snapshot."""
    a = snap.analyse()
    cube = snap.cube
    return Overview(
        as_of=snap.as_of,
        year=a.year,
        postings=cube.postings,
        demand=round(cube.total.get(("all",), 0.0), 2),
        attributed=round(cube.total.get(("all",), 0.0) - cube.unmatched.get(("all",), 0.0), 2),
        unmatched=round(cube.unmatched.get(("all",), 0.0), 2),
        not_matched_postings=int(cube.not_matched[0]),
        not_matched_headcount=round(cube.not_matched[1], 2),
        graduates=sum(o.graduates for o in snap.supply.offerings),
        bands=a.bands(),
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
        and (chain is None or p.chain == chain or chain in p.mapped_chains)
        and (offered is None or p.offered == offered)
    ]
    codes = {p.code for p in programmes}
    offerings = [o for o in _visible(principal, a.offerings, snap) if o.programme_code in codes]
    return FitTable(
        overview=overview(snap),
        programmes=sorted(programmes, key=lambda p: (-p.demand, p.code)),
        offerings=offerings,
        formula=formula_text(snap.config),
    )


def fit_table(
    session: Session,
    *,
    principal: Principal,
    as_of: date | None = None,
    band: str | None = None,
    chain: str | None = None,
    offered: bool | None = None,
) -> FitTable:
    """Return the fit of every programme with demand or offerings, and the visible offerings."""
    _check(principal, READ_ROLES)
    return _use(session, as_of, lambda snap: _fit(snap, principal, band, chain, offered))


def programme_detail(
    session: Session, *, principal: Principal, code: str, as_of: date | None = None, limit: int = 30
) -> ProgrammeDetail:
    """Return one programme's fit, offerings, matched postings, enterprises, chains and partners."""
    _check(principal, READ_ROLES)

    def run(snap: Snapshot) -> tuple[Any, ...]:
        a = snap.analyse()
        fit = a.programmes.get(code)
        if fit is None:
            if code not in snap.supply.names:
                raise NotFound(f"no 中职 programme with code {code!r}")
            raise NotFound(f"programme {code} is neither offered nor matched by open demand")
        shares = snap.cube.postings_of.get(code, {})
        top = sorted(shares.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        ents: dict[Any, float] = {}
        for (kind, _chain, key), v in snap.cube.detail.get(code, {}).items():
            if kind == "ent":
                ents[key] = ents.get(key, 0.0) + v
        chains = dict(snap.cube.chains.get(code, {}))
        names = snap.labels()["ent"]
        enterprises = [
            Amount(key=str(e), label=names.get(e, str(e)), demand=round(v, 2))
            for e, v in sorted(ents.items(), key=lambda kv: -kv[1])
            if v > 1e-6
        ][:20]
        chain_rows = [
            Amount(key=k, label=snap.chain_names.get(k, (k, k))[0], demand=round(v, 2))
            for k, v in sorted(chains.items(), key=lambda kv: -kv[1])
            if v > 1e-6
        ]
        mapping = [
            Amount(
                key=f"{k}/{s}" if s else k,
                label=snap.chain_names.get(k, (k, k))[0],
                demand=round(w, 3),
            )
            for k, s, w in snap.supply.mapping.get(code, [])
        ]
        offerings = [o for o in _visible(principal, a.offerings, snap) if o.programme_code == code]
        visible_ids = {o.offering_id for o in offerings}
        schools = {s.id: s.code for s in snap.supply.schools.values()}
        partners = [
            {
                "school_code": schools.get(o.school_id, ""),
                "enterprise": p.enterprise_name,
                "kind": p.kind,
                "is_leading": p.is_leading,
                "since_year": p.since_year,
            }
            for o in snap.supply.offerings
            if o.id in visible_ids
            for p in o.partners
        ]
        facts = {pid: rel for pid, rel in top}
        return (
            fit,
            offerings,
            facts,
            enterprises,
            chain_rows,
            mapping,
            partners,
            snap.supply.mapping_source.get(code, ""),
        )

    fit, offerings, shares, enterprises, chain_rows, mapping, partners, source = _use(
        session, as_of, run
    )
    postings = []
    for row in repository.postings_by_id(session, list(shares)):
        prog: dict[str, Any] = next(
            (p for p in (row.match or {}).get("programmes", []) if p.get("code") == code), {}
        )
        attributed = shares[row.id]
        postings.append(
            MatchedPosting(
                id=row.id,
                title=row.title,
                enterprise_id=row.enterprise_id,
                enterprise_name=row.enterprise_name,
                location=row.location_kind,
                type=row.type,
                headcount=row.headcount,
                relevance=round(float(prog.get("score") or 0.0), 3),
                share=round(attributed / row.headcount, 3) if row.headcount else 0.0,
                attributed=round(attributed, 2),
                evidence=[str(e) for e in (prog.get("evidence") or [])][:6],
            )
        )
    postings.sort(key=lambda p: (-p.attributed, p.id))
    return ProgrammeDetail(
        fit=fit,
        offerings=offerings,
        postings=postings,
        enterprises=enterprises,
        chains=chain_rows,
        mapping=mapping,
        mapping_source=source,
        partners=partners,
    )


def chain_gaps(
    session: Session, *, principal: Principal, as_of: date | None = None
) -> list[ChainGap]:
    """Return the gap of each chain (and 'none'), with segments and the top unmet lists."""
    _check(principal, READ_ROLES)
    return _use(session, as_of, lambda snap: snap.analyse().chains)


def chain_gap(
    session: Session, *, principal: Principal, key: str, as_of: date | None = None
) -> ChainGap:
    """Return one chain's gap, or raise NotFound."""
    for chain in chain_gaps(session, principal=principal, as_of=as_of):
        if chain.key == key:
            return chain
    raise NotFound(
        f"no chain {key!r}; chains are rare_earth, tungsten, new_energy, intelligent_equipment, none"
    )


def recommendations(
    session: Session, *, principal: Principal, as_of: date | None = None
) -> list[Action]:
    """Return the ranked actions a planner may take (their schools' and district-level ones)."""
    _check(principal, DETAIL_ROLES)

    def run(snap: Snapshot) -> list[Action]:
        if "actions" not in snap.memo:
            ents = {e.id: (e.name, e.is_leading, e.chains) for e in snap.enterprises.values()}
            snap.memo["actions"] = recommend(
                snap.analyse(), snap.cube, snap.supply, snap.config, snap.lexicon.terms, ents
            )
        actions: list[Action] = snap.memo["actions"]
        mine = {s.code for s in snap.supply.schools.values() if principal.can_see_school(s.id)}
        out = [
            a.model_copy()
            for a in actions
            if principal.is_admin or not a.school_codes or set(a.school_codes) & mine
        ]
        for i, a in enumerate(out, start=1):
            a.rank = i
        return out

    return _use(session, as_of, run)


def _indicators(session: Session, snap: Snapshot, supply: Any = None) -> list[Indicator]:
    ctx = indicators.Context(
        session=session,
        as_of=snap.as_of,
        config=snap.config,
        supply=supply or snap.supply,
        entered=indicators.entered_values(session),
        what_if=supply is not None,
    )
    return indicators.read_all(ctx)


def plan_indicators(
    session: Session, *, principal: Principal, as_of: date | None = None
) -> list[Indicator]:
    """Return the plan's indicators with value, date, target, trend and met/missed."""
    _check(principal, READ_ROLES)
    return _use(session, as_of, lambda snap: _indicators(session, snap))


def what_if(
    session: Session, *, principal: Principal, request: WhatIfRequest, as_of: date | None = None
) -> WhatIfResult:
    """Return the balance and indicators the changed intakes would give; nothing is written."""
    _check(principal, DETAIL_ROLES)

    def run(snap: Snapshot) -> WhatIfResult:
        schools = {s.code: s.id for s in snap.supply.schools.values()}
        for i, ch in enumerate(request.changes):
            sid = schools.get(ch.school_code)
            if sid is not None and not principal.can_see_school(sid):
                raise Invalid(
                    f"school {ch.school_code} is not one of yours",
                    errors=[{"field": f"changes.{i}.school_code", "message": "not your school"}],
                )
        new_supply, enrolment_delta = whatif.apply_changes(
            snap.supply, request.changes, snap.config
        )
        before = snap.analyse()
        after = snap.analyse(new_supply, detail=False)
        ind_before = _indicators(session, snap)
        ind_after = _indicators(session, snap, new_supply)
        for ind in ind_after:
            if ind.key == "secondary_vocational_enrolment" and ind.value is not None:
                ind.value = round(ind.value + enrolment_delta, 1)
        changed = {ch.programme_code for ch in request.changes}
        return whatif.compare(before, after, changed, ind_before, ind_after, snap.config)

    return _use(session, as_of, run)


def enter_indicator_value(
    session: Session, *, principal: Principal, key: str, entry: IndicatorEntry
) -> IndicatorValueOut:
    """Record an entered indicator value with its evidence (replacing one of the same day)."""
    _check(principal, DETAIL_ROLES)
    cfg = get_config()
    if cfg.indicator(key) is None and key not in {i.key for i in cfg.inputs}:
        raise NotFound(f"no plan indicator or input {key!r}")
    if key not in {d.key for d in cfg.enterable()}:
        raise Invalid(
            f"{key} is computed from the data and cannot be entered",
            errors=[{"field": "indicator", "message": "computed indicator"}],
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
    _check(principal, DETAIL_ROLES)
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
    content = exports.to_csv(sheets[0]) if fmt == "csv" else exports.to_xlsx(sheets)
    record(
        session,
        actor=principal.audit_name(),
        action="export",
        entity_type=f"analytics.{kind}",
        detail={"format": fmt, "rows": sum(len(s.rows) for s in sheets), "as_of": day.isoformat()},
    )
    return content, f"vocmatch-{kind}-{day.isoformat()}.{fmt}", MEDIA_TYPES[fmt]


def formula() -> str:
    """Return the fit formula with this deployment's weights and bands."""
    return formula_text(get_config())


def record_report(session: Session, *, principal: Principal, as_of: date | None = None) -> None:
    """Audit that the printable report was produced (it is an export of the same figures)."""
    _check(principal, DETAIL_ROLES)
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
    _check(principal, DETAIL_ROLES)
    day = as_of or today()

    def run(snap: Snapshot) -> tuple[FitTable, list[ChainGap], list[Indicator]]:
        return _fit(snap, principal), snap.analyse().chains, _indicators(session, snap)

    return _use(session, day, run)


def warm_on_start(app: Any) -> None:
    """Build the projection in the background at start, so the first planner does not wait.

    Skipped in tests (each test builds what it reads). Failures are logged, never raised: the
    first request then builds it instead.
    """
    if get_settings().environment == "test":
        return

    def run() -> None:
        try:
            with session_factory(app.state.engine)() as session:
                _use(session, None, lambda snap: snap.analyse())
            log.info("analytics.warm.done")
        except Exception:
            log.exception("analytics.warm.failed")

    threading.Thread(target=run, name="analytics-warm", daemon=True).start()
