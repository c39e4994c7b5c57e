"""The gap of each chain and segment: hires against graduates entering work, per placement.

Demand is the hires a year of the chain's postings (internships and cohorts shown beside it, never
compared). Supply is the graduates (and those entering work) of the programmes *placed* in the
chain, split by their documented shares (``supply/chains.py``) — the same placements the fit
table and the indicators use. Met = Σ attributed hires × m_c of their programme; unmet = demand −
met, which includes unserved and unmatched hires.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from vocmatch.analytics.demand.cube import COHORT, GRADUATE, PLACEMENTS, Cube
from vocmatch.analytics.fit.programmes import ProgrammeState
from vocmatch.analytics.method import CHAIN_KEYS, LOCATIONS
from vocmatch.analytics.people import people
from vocmatch.analytics.schemas import Amount, ChainGap, ProgrammeFit, SegmentGap
from vocmatch.analytics.skills.lexicon import UNASSIGNED, Lexicon
from vocmatch.analytics.supply.offerings import Supply

NONE = "none"


def _figures(
    cube: Cube, k: str, segs: set[str] | None, supply: tuple[int, int], met: float
) -> dict[str, Any]:
    def total(cells: Any, kind: str) -> float:
        return sum(
            n
            for (kd, ck, s), n in cells.items()
            if kd == kind and ck == k and (segs is None or s in segs)
        )

    f = cube.per_year
    demand = total(cube.total, GRADUATE) * f
    located = {
        loc: people(
            f
            * sum(
                n
                for (kd, ck, s, lc), n in cube.located.items()
                if kd == GRADUATE and ck == k and lc == loc and (segs is None or s in segs)
            )
        )
        for loc in LOCATIONS
    }
    return {
        "demand": people(demand),
        "placements": people(total(cube.total, PLACEMENTS) * f),
        "cohort": people(total(cube.total, COHORT) * f),
        "by_location": located,
        "graduates": supply[0],
        "supply": supply[1],
        "gap": people(demand) - supply[1],
        "met": people(met * f),
        "unmet": people(demand) - people(met * f),
        "unserved": people(total(cube.unserved, GRADUATE) * f),
        "unmatched": people(total(cube.unmatched, GRADUATE) * f),
    }


def chain_gaps(
    cube: Cube,
    supply: Supply,
    fits: dict[str, ProgrammeFit],
    states: dict[str, ProgrammeState],
    lexicon: Lexicon,
    chain_names: dict[str, tuple[str, str]],
    labels: dict[str, dict[Any, str]],
    top_n: int,
) -> list[ChainGap]:
    """Return the gap of each chain (and ``none``) with its segments and top unmet lists."""
    sup: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for code, st in states.items():
        if not fits[code].offered:
            continue
        if not st.shares:
            for cell in ((NONE, "*"), (NONE, UNASSIGNED)):
                sup[cell][0] += st.graduates
                sup[cell][1] += st.employed
        for sh in st.shares:
            for cell in ((sh.chain, "*"), (sh.chain, sh.segment)):
                sup[cell][0] += sh.graduates
                sup[cell][1] += sh.employed
    met: dict[tuple[str, str], float] = defaultdict(float)
    for code, p in cube.programmes.items():
        m = states[code].met if code in states else 0.0
        for (kind, k, s), a in p.segments.items():
            if kind == GRADUATE:
                met[(k, "*")] += a * m
                met[(k, s)] += a * m
    details = _details(cube)
    out: list[ChainGap] = []
    for key in (*CHAIN_KEYS, NONE):
        zh, en = chain_names.get(key, (key, key))
        s_all = sup.get((key, "*"), [0, 0])
        chain = ChainGap(
            key=key,
            name_zh=zh,
            name_en=en,
            **_figures(cube, key, None, (s_all[0], s_all[1]), met.get((key, "*"), 0.0)),
        )
        segs = [(s.key, s.name_zh, s.name_en) for s in lexicon.by_chain.get(key, ())]
        segs.append((UNASSIGNED, "未细分环节", "No specific segment"))
        for skey, szh, sen in segs:
            s_sup = sup.get((key, skey), [0, 0])
            fig = _figures(cube, key, {skey}, (s_sup[0], s_sup[1]), met.get((key, skey), 0.0))
            if skey == UNASSIGNED and not any(
                fig[x] for x in ("demand", "placements", "cohort", "graduates")
            ):
                continue
            if key == NONE and skey != UNASSIGNED:
                continue
            chain.segments.append(SegmentGap(key=skey, name_zh=szh, name_en=sen, **fig))
        chain.programmes = _programmes(key, cube, fits, states)
        chain.top_unmet_skills = _top("term", key, cube, details, states, labels, top_n)
        chain.top_unmet_occupations = _top("occ", key, cube, details, states, labels, top_n)
        chain.enterprises = _top("ent", key, cube, details, states, labels, top_n)
        out.append(chain)
    return out


def _programmes(
    key: str, cube: Cube, fits: dict[str, ProgrammeFit], states: dict[str, ProgrammeState]
) -> list[Amount]:
    rows = []
    for code, st in states.items():
        fit = fits[code]
        if not fit.offered or key not in fit.chains:
            continue
        shares = [s for s in st.shares if s.chain == key]
        p = cube.programmes.get(code)
        hires = (
            sum(n for (kd, k, _s), n in p.segments.items() if kd == GRADUATE and k == key)
            if p
            else 0
        )
        a = hires * cube.per_year
        rows.append(
            Amount(
                key=code,
                label=fit.name,
                demand=people(a),
                unmet=people(a * (1.0 - st.met)),
                graduates=sum(s.graduates for s in shares) if shares else st.graduates,
                employed=sum(s.employed for s in shares) if shares else st.employed,
                band=fit.band,
            )
        )
    rows.sort(key=lambda a: (-(a.graduates or 0), a.key))
    return rows


Detail = dict[tuple[str, str], list[tuple[str, Any, int]]]


def _details(cube: Cube) -> Detail:
    """Return the programmes' attributed hires grouped by (item kind, chain): (programme, item,
    hires) — one pass over every programme's detail instead of one per chain and kind."""
    out: Detail = defaultdict(list)
    for code, p in cube.programmes.items():
        for (dk, k, key), a in p.detail.items():
            if a > 0:
                out[(dk, k)].append((code, key, a))
    return out


def _top(
    kind: str,
    chain: str,
    cube: Cube,
    details: Detail,
    states: dict[str, ProgrammeState],
    labels: dict[str, dict[Any, str]],
    n: int,
) -> list[Amount]:
    """Return the items (skills, occupations, enterprises) with most unmet hires in the chain.

    Unmet of an item = Σ over its programmes' attributed hires a × (1 − m_c) — or a in full for a
    skill the programme's curriculum does not cover — plus its unserved and unmatched hires.
    """
    unmet: dict[Any, float] = defaultdict(float, cube.detail_open.get((kind, chain), {}))
    for code, key, a in details.get((kind, chain), ()):
        st = states.get(code)
        if kind == "term" and (st is None or key not in st.covered):
            unmet[key] += a
        else:
            unmet[key] += a * (1.0 - (st.met if st else 0.0))
    names = labels.get(kind, {})
    total: dict[Any, int] = cube.detail_total.get((kind, chain), {})
    f = cube.per_year
    rows = [
        Amount(
            key=str(k),
            label=names.get(k, str(k)) or "—",
            demand=people(total.get(k, 0) * f),
            unmet=people(u * f),
        )
        for k, u in unmet.items()
        if k != "" and people(u * f) > 0
    ]
    rows.sort(key=lambda a: (-a.unmet, a.key))
    return rows[:n]
