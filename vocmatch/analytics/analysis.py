"""Fit per programme and offering, and the gap per chain and segment, from the cube and supply.

Everything here is sums over cube cells (hundreds to tens of thousands), never over postings, so
the what-if can rerun it with other offerings in milliseconds.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from vocmatch.analytics import scoring as f
from vocmatch.analytics.config import LOCATIONS, POSTING_TYPES, AnalyticsConfig
from vocmatch.analytics.projection import UNASSIGNED, Cube, Lexicon
from vocmatch.analytics.schemas import (
    Amount,
    ChainGap,
    Components,
    OfferingFit,
    ProgrammeFit,
    SegmentGap,
    SkillDemand,
)
from vocmatch.analytics.supply import CHAIN_KEYS, OfferingInfo, Supply

FORMULA = (
    "fit = 100 × (0.5·B + 0.3·K + 0.2·A) ÷ (sum of the weights of the defined components); "
    "B = r/0.9 below the balanced band, 1 inside [0.9, 1.2), max(0, 1 − (r − 1.2)/1.2) above; "
    "r = G/D; K = demanded skill terms taught ÷ demanded (headcount-weighted); "
    "A = Σ a·s ÷ Σ a (demand-weighted match score). "
    "A posting's headcount h is shared among the programmes whose match score s ≥ 0.3 (at most 5): "
    "a = h·s/Σs, so Σ a = h."
)


def formula_text(cfg: AnalyticsConfig) -> str:
    """Return the fit formula with this deployment's weights and bands."""
    lo, hi = f.balanced_range(cfg.fit.bands)
    w = cfg.fit.weights
    return (
        FORMULA.replace("0.5·B", f"{w['balance']:g}·B")
        .replace("0.3·K", f"{w['coverage']:g}·K")
        .replace("0.2·A", f"{w['relevance']:g}·A")
        .replace("r/0.9", f"r/{lo:g}")
        .replace("[0.9, 1.2)", f"[{lo:g}, {hi:g})")
        .replace("(r − 1.2)/1.2", f"(r − {hi:g})/{hi:g}")
        .replace(
            "s ≥ 0.3 (at most 5)",
            f"s ≥ {cfg.fit.min_relevance:g} (at most {cfg.fit.max_programmes})",
        )
    )


@dataclass
class ProgrammeState:
    """The district figures of one programme (before rounding into a ProgrammeFit)."""

    code: str
    demand: float
    graduates: float
    met: float  # m_c
    terms: dict[str, float]
    taught: frozenset[str]


@dataclass
class Analysis:
    """Everything the planner pages show, for one cube and one supply."""

    year: int
    programmes: dict[str, ProgrammeFit]
    offerings: list[OfferingFit]
    chains: list[ChainGap]
    states: dict[str, ProgrammeState]

    def bands(self, offered_only: bool = True) -> dict[str, int]:
        """Return how many (offered) programmes fall in each band."""
        return dict(
            Counter(p.band for p in self.programmes.values() if p.offered or not offered_only)
        )


TOP_SKILLS = 15


def _skill(term: str, demand: float, taught: bool, lexicon: Lexicon) -> SkillDemand:
    return SkillDemand(
        term=term,
        demand=round(demand, 2),
        taught=taught,
        chains=sorted(lexicon.terms.chains.get(term, ())),
    )


def programme_fits(
    cube: Cube,
    supply: Supply,
    cfg: AnalyticsConfig,
    lexicon: Lexicon,
    *,
    detail: bool = True,
) -> tuple[dict[str, ProgrammeFit], list[OfferingFit], dict[str, ProgrammeState]]:
    """Return the fit of every programme with demand or an offering, and of every offering."""
    bands = cfg.fit.bands
    lo, hi = f.balanced_range(bands)
    weights = cfg.fit.weights
    by_prog = supply.by_programme()
    codes = {c for c, d in cube.demand.items() if d > 1e-9} | set(by_prog)
    programmes: dict[str, ProgrammeFit] = {}
    states: dict[str, ProgrammeState] = {}
    offerings: list[OfferingFit] = []
    for code in sorted(codes):
        offs = by_prog.get(code, [])
        demand = max(cube.demand.get(code, 0.0), 0.0)
        graduates = sum(o.graduates for o in offs)
        taught = supply.taught.get(code, frozenset()).union(*(o.taught for o in offs))
        terms: dict[str, float] = cube.terms.get(code) or {}
        ratio = f.supply_ratio(graduates, demand)
        relevance = f.relevance_component(cube.rel.get(code, 0.0), demand)
        components = Components(
            balance=f.balance_component(ratio, lo, hi),
            coverage=f.skill_coverage(terms, taught),
            relevance=relevance,
        )
        by_chain = {k: a for k, a in cube.chains.get(code, {}).items() if a > 1e-9}
        on_chains = sum(a for k, a in by_chain.items() if k in CHAIN_KEYS)
        ranked = sorted(terms.items(), key=lambda tw: (-tw[1], tw[0])) if detail else []
        missing = [tw for tw in ranked if tw[1] > 1e-9 and tw[0] not in taught][:TOP_SKILLS]
        have = [tw for tw in ranked if tw[1] > 1e-9 and tw[0] in taught][:TOP_SKILLS]
        band = f.band(ratio, graduates, bands)
        programmes[code] = ProgrammeFit(
            code=code,
            name=supply.names.get(code, code),
            offered=bool(offs),
            schools=len({o.school_id for o in offs}),
            intake_plan=sum(o.intake_plan for o in offs),
            enrolled=sum(o.enrolled for o in offs),
            graduates=graduates,
            demand=round(demand, 2),
            postings=len(cube.postings_of.get(code, ())),
            ratio=None if ratio is None else round(ratio, 3),
            band=band,
            fit=f.fit_score(components.model_dump(), weights),
            components=components,
            chain=max(by_chain, key=lambda k: by_chain[k]) if by_chain else "none",
            chain_share=(on_chains / demand) if demand > 0 else None,
            mapped_chains=sorted(supply.chain_weights(code)),
            featured=any(o.featured for o in offs),
            skills_missing=[_skill(t, w, False, lexicon) for t, w in missing],
            skills_taught=[_skill(t, w, True, lexicon) for t, w in have],
        )
        states[code] = ProgrammeState(
            code, demand, graduates, f.met_fraction(graduates, demand), terms, taught
        )
        for o in offs:
            offerings.append(_offering_fit(o, code, demand, graduates, len(offs), supply, cfg))
    return programmes, offerings, states


def _offering_fit(
    o: OfferingInfo,
    code: str,
    demand: float,
    graduates: float,
    n: int,
    supply: Supply,
    cfg: AnalyticsConfig,
) -> OfferingFit:
    lo, hi = f.balanced_range(cfg.fit.bands)
    share = f.offering_share(demand, int(o.graduates), int(graduates), n)
    ratio = f.supply_ratio(graduates, demand)
    school = supply.schools.get(o.school_id)
    components = Components(
        balance=f.balance_component(ratio, lo, hi), coverage=None, relevance=None
    )
    return OfferingFit(
        offering_id=o.id,
        school_code=school.code if school else "",
        school_name=school.short_name if school else "",
        programme_code=code,
        programme_name=supply.names.get(code, code),
        year=o.year,
        intake_plan=o.intake_plan,
        enrolled=o.enrolled,
        graduates=o.graduates,
        key_demonstration=o.key_demonstration,
        characteristic=o.characteristic,
        provincial_quality=o.provincial_quality,
        demand=round(share, 2),
        district_demand=round(demand, 2),
        ratio=None if ratio is None else round(ratio, 3),
        band=f.band(ratio, graduates, cfg.fit.bands),
        fit=0.0,
        components=components,
        partners=len(o.partners),
        leading_partner=o.has_leading_partner,
    )


def complete_offerings(
    offerings: list[OfferingFit],
    programmes: dict[str, ProgrammeFit],
    states: dict[str, ProgrammeState],
    supply: Supply,
    cfg: AnalyticsConfig,
) -> None:
    """Fill each offering's coverage (its own courses count) and fit score, in place."""
    taught_of = {o.id: o.taught for o in supply.offerings}
    for row in offerings:
        state = states[row.programme_code]
        row.components.coverage = f.skill_coverage(state.terms, taught_of.get(row.offering_id, ()))
        row.components.relevance = programmes[row.programme_code].components.relevance
        row.fit = f.fit_score(row.components.model_dump(), cfg.fit.weights)


def _figures(
    total: dict[Any, float], demand: float, supply: float, met: float, um: float
) -> dict[str, Any]:
    return {
        "demand": round(demand, 2),
        "by_type": {t: round(total.get(("type", t), 0.0), 2) for t in POSTING_TYPES},
        "by_location": {loc: round(total.get(("loc", loc), 0.0), 2) for loc in LOCATIONS},
        "supply": round(supply, 2),
        "gap": round(demand - supply, 2),
        "met": round(met, 2),
        "unmet": round(max(demand - met, 0.0), 2),
        "unmatched": round(um, 2),
    }


def chain_gaps(
    cube: Cube,
    supply: Supply,
    states: dict[str, ProgrammeState],
    lexicon: Lexicon,
    chain_names: dict[str, tuple[str, str]],
    labels: dict[str, dict[Any, str]],
    top_n: int,
    *,
    detail: bool = True,
) -> list[ChainGap]:
    """Return the gap of each chain and its segments, with the top unmet lists."""
    # Demand per chain/segment, by type and location.
    seg_totals: dict[tuple[str, str], dict[Any, float]] = defaultdict(lambda: defaultdict(float))
    for cell, h in cube.total.items():
        if cell[0] in ("type", "loc"):
            k, s = cell[1], cell[2]
            seg_totals[(k, s)][(cell[0], cell[3])] += h
            seg_totals[(k, "*")][(cell[0], cell[3])] += h
    # Supply per chain/segment: graduates split by the mapping weights.
    sup: dict[tuple[str, str], float] = defaultdict(float)
    for code, st in states.items():
        for mapped, seg, w in supply.mapping.get(code, ()):
            sup[(mapped, seg)] += st.graduates * w
            sup[(mapped, "*")] += st.graduates * w
    # Met headcount per chain/segment, and unmet headcount per (kind, chain) → key.
    met: dict[tuple[str, str], float] = defaultdict(float)
    grouped: dict[tuple[str, str], dict[Any, list[float]]] = defaultdict(dict)
    if detail:
        for group, rows in cube.detail_total.items():
            um: dict[Any, float] = cube.unmatched_detail.get(group) or {}
            grouped[group] = {key: [h, um.get(key, 0.0)] for key, h in rows.items()}
    for code, chains in cube.chains.items():
        state = states.get(code)
        m = state.met if state else 0.0
        for k, a in chains.items():
            met[(k, "*")] += a * m
        for (k, s), a in cube.segments[code].items():
            met[(k, s)] += a * m
        if not detail:
            continue
        taught = state.taught if state and state.graduates > 0 else frozenset()
        for (kind, k, key), a in cube.detail[code].items():
            row = grouped[(kind, k)].get(key)
            if row is None:
                continue
            if kind == "term" and key not in taught:
                row[1] += a
            else:
                row[1] += a * (1.0 - m)
    out: list[ChainGap] = []
    for key in (*CHAIN_KEYS, "none"):
        name_zh, name_en = chain_names.get(key, (key, key))
        demand = cube.total.get(("chain", key), 0.0)
        chain = ChainGap(
            key=key,
            name_zh=name_zh,
            name_en=name_en,
            **_figures(
                seg_totals.get((key, "*"), {}),
                demand,
                sup.get((key, "*"), 0.0),
                met.get((key, "*"), 0.0),
                cube.unmatched.get(("chain", key), 0.0),
            ),
        )
        segs = [(s.key, s.name_zh, s.name_en) for s in lexicon.by_chain.get(key, ())]
        if key != "none":
            segs.append((UNASSIGNED, "未细分环节", "No specific segment"))
        for skey, szh, sen in segs:
            sd = cube.total.get(("seg", key, skey), 0.0)
            ss = sup.get((key, skey), 0.0)
            if skey == UNASSIGNED and sd <= 1e-9 and ss <= 1e-9:
                continue
            chain.segments.append(
                SegmentGap(
                    key=skey,
                    name_zh=szh,
                    name_en=sen,
                    **_figures(
                        seg_totals.get((key, skey), {}),
                        sd,
                        ss,
                        met.get((key, skey), 0.0),
                        cube.unmatched.get(("seg", key, skey), 0.0),
                    ),
                )
            )
        chain.programmes = sorted(
            (
                Amount(
                    key=code,
                    label=supply.names.get(code, code),
                    demand=round(attributed, 2),
                    unmet=round(attributed * (1.0 - st.met), 2),
                    supply=round(st.graduates * supply.chain_weights(code).get(key, 0.0), 2),
                )
                for code, st in states.items()
                for attributed in [cube.chains[code].get(key, 0.0) if code in cube.chains else 0.0]
                if key in supply.chain_weights(code) and st.graduates > 0
            ),
            key=lambda a: (-(a.supply or 0.0), a.key),
        )
        if detail:
            chain.top_unmet_skills = _top(grouped, ("term", key), labels, top_n)
            chain.top_unmet_occupations = _top(grouped, ("occ", key), labels, top_n)
            chain.enterprises = _top(grouped, ("ent", key), labels, top_n)
        out.append(chain)
    return out


def _top(
    grouped: dict[tuple[str, str], dict[Any, list[float]]],
    group: tuple[str, str],
    labels: dict[str, dict[Any, str]],
    n: int,
) -> list[Amount]:
    names = labels.get(group[0], {})
    rows = [
        Amount(
            key=str(k),
            label=names.get(k, str(k)) or "—",
            demand=round(d, 2),
            unmet=round(u, 2),
        )
        for k, (d, u) in grouped.get(group, {}).items()
        if u > 0.005 and k != "" and d > 1e-9
    ]
    rows.sort(key=lambda a: (-a.unmet, a.key))
    return rows[:n]
