"""The fit of every programme with offerings or demand, and of every offering.

D_c = hires a year attributed to c; E_c = Σ over its offerings of round(g × e) (graduates × the
share entering work); r_c = E_c / D_c, banded only with sufficient evidence. Skill coverage K
weighs the skills its hires ask for by those hires; the curriculum decides what is taught.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vocmatch.analytics.demand.cube import COHORT, GRADUATE, PLACEMENTS, Cube, Programme, allocate
from vocmatch.analytics.demand.evidence import Evidence, evidence
from vocmatch.analytics.fit import scoring as f
from vocmatch.analytics.method import Method
from vocmatch.analytics.people import people
from vocmatch.analytics.schemas import (
    ChainShare,
    Components,
    EvidenceOut,
    OfferingFit,
    ProgrammeFit,
    SegmentCoverage,
    SkillCover,
)
from vocmatch.analytics.skills.coverage import Cover, CoverageModel
from vocmatch.analytics.skills.lexicon import Lexicon
from vocmatch.analytics.supply.chains import Share, split
from vocmatch.analytics.supply.employment import DEFAULT, RECORDS
from vocmatch.analytics.supply.offerings import OfferingInfo, Supply

TOP_SKILLS = 15


@dataclass
class ProgrammeState:
    """A programme's figures before rounding: what the chain views and the optimiser need."""

    code: str
    demand: float  # hires a year
    graduates: int
    employed: int
    met: float  # m_c = min(1, E/D)
    evidence: Evidence
    covered: dict[str, Cover]
    shares: list[Share]


def evidence_out(ev: Evidence) -> EvidenceOut:
    """Return the API shape of an evidence record."""
    return EvidenceOut(
        postings=ev.postings,
        enterprises=ev.enterprises,
        sources=list(ev.sources),
        covering=list(ev.covering),
        sufficient=ev.sufficient,
        strength=round(ev.strength, 3),
        reasons=list(ev.reasons),
    )


def covered_by(
    coverage: CoverageModel, code: str, offerings: list[OfferingInfo]
) -> dict[str, Cover]:
    """Return what the programme's curriculum covers: the profile plus every school's courses."""
    out = dict(coverage.of_programme(code))
    for o in offerings:
        for term, c in coverage.of_programme(code, o.school_courses).items():
            out.setdefault(term, c)
    return out


def _skills(
    terms: dict[str, int], covered: dict[str, Cover], lexicon: Lexicon, per_year: float
) -> tuple[list[SkillCover], list[SkillCover]]:
    ranked = sorted(((t, n) for t, n in terms.items() if n > 0), key=lambda tn: (-tn[1], tn[0]))
    missing: list[SkillCover] = []
    taught: list[SkillCover] = []
    for t, n in ranked:
        c = covered.get(t)
        item = SkillCover(
            term=t,
            demand=people(n * per_year),
            taught=c is not None,
            unit=c.unit if c else None,
            origin=c.origin if c else None,
            chains=sorted(lexicon.terms.chains.get(t, ())),
        )
        (taught if c else missing).append(item)
    return missing[:TOP_SKILLS], taught[:TOP_SKILLS]


def _employment_source(offs: list[OfferingInfo]) -> str:
    sources = {o.employment.source for o in offs}
    if sources == {RECORDS}:
        return RECORDS
    if sources <= {DEFAULT}:
        return DEFAULT
    return "mixed"


Fits = tuple[dict[str, ProgrammeFit], dict[str, list[OfferingFit]], dict[str, ProgrammeState]]


def programme_fits(
    cube: Cube,
    supply: Supply,
    method: Method,
    lexicon: Lexicon,
    coverage: CoverageModel,
    previous: Fits | None = None,
    changed: set[str] | frozenset[str] = frozenset(),
) -> Fits:
    """Return the fit of every programme with demand or an offering, and of its offerings.

    ``previous``: the fits of the same supply and of this cube before the programmes ``changed``
    changed (their demand): the others' figures are taken from it as they are (a programme's fit
    reads only its own demand cells, its offerings and the reference data).
    """
    bands = method.fit.bands
    lo, hi = f.balanced_range(bands)
    weights = method.fit.weights
    per_year = cube.per_year
    by_prog = supply.by_programme()
    empty = Programme()
    codes = set(by_prog) | {c for c, p in cube.programmes.items() if p.by_kind.total() > 0}
    codes |= {c for c, p in cube.unserved_programmes.items() if p.by_kind.get(GRADUATE, 0) > 0}
    programmes: dict[str, ProgrammeFit] = {}
    states: dict[str, ProgrammeState] = {}
    offerings: dict[str, list[OfferingFit]] = {}
    for code in sorted(codes):
        if previous is not None and code not in changed and code in previous[0]:
            programmes[code] = previous[0][code]
            states[code] = previous[2][code]
            if code in previous[1]:
                offerings[code] = previous[1][code]
            continue
        offs = by_prog.get(code, [])
        offered = bool(offs)
        p = cube.programmes.get(code, empty) if offered else empty
        u = cube.unserved_programmes.get(code, empty)
        chains = supply.chain_keys(code)
        ev = evidence(p if offered else u, chains, method)
        demand = p.by_kind.get(GRADUATE, 0) * per_year
        graduates = sum(o.graduates for o in offs)
        employed = sum(o.employed for o in offs)
        ratio = f.supply_ratio(employed, demand) if offered else None
        hires_seg = {(k, s): n for (kind, k, s), n in p.segments.items() if kind == GRADUATE}
        shares = split(supply.placements.get(code, []), hires_seg, graduates, employed)
        covered = covered_by(coverage, code, offs)
        terms = dict((p if offered else u).terms)
        components = Components(
            balance=f.balance_component(ratio, lo, hi) if ev.sufficient else None,
            coverage=f.skill_coverage(terms, covered),
            relevance=f.relevance_component(p.relevance, p.by_kind.get(GRADUATE, 0)),
        )
        missing, taught = _skills(terms, covered, lexicon, per_year)
        band = f.band(ratio, ev.sufficient, bands) if offered else f.NOT_OFFERED
        programmes[code] = ProgrammeFit(
            code=code,
            name=supply.names.get(code, code),
            offered=offered,
            schools=len({o.school_id for o in offs}),
            intake_plan=sum(o.intake_plan for o in offs),
            enrolled=sum(o.enrolled for o in offs),
            graduates=graduates,
            employed=employed,
            employment_share=round(employed / graduates, 3) if graduates else None,
            employment_source=_employment_source(offs) if offs else DEFAULT,
            demand=people(demand),
            unserved=people(u.by_kind.get(GRADUATE, 0) * per_year) if not offered else 0,
            placements=people(p.by_kind.get(PLACEMENTS, 0) * per_year),
            cohort=people(p.by_kind.get(COHORT, 0) * per_year),
            ratio=None if ratio is None else round(ratio, 3),
            band=band,
            fit=f.fit_score(components.model_dump(), weights) if ev.sufficient else None,
            components=components,
            evidence=evidence_out(ev),
            chains=chains,
            shares=[ChainShare(**s.__dict__) for s in shares],
            featured=any(o.featured for o in offs),
            skills_missing=missing,
            skills_taught=taught,
        )
        states[code] = ProgrammeState(
            code, demand, graduates, employed, f.met_fraction(employed, demand), ev, covered, shares
        )
        if offs:
            offerings[code] = _offering_fits(offs, programmes[code], coverage, supply, method)
    return programmes, offerings, states


def _offering_fits(
    offs: list[OfferingInfo],
    fit: ProgrammeFit,
    coverage: CoverageModel,
    supply: Supply,
    method: Method,
) -> list[OfferingFit]:
    """Return the offerings of one programme; its demand is shared by graduates entering work."""
    weights = [(f"{i:04d}", float(o.employed)) for i, o in enumerate(offs)]
    if sum(w for _, w in weights) <= 0:
        weights = [(k, 1.0) for k, _ in weights]
    shares = dict(allocate(fit.demand, weights))
    out = []
    for i, o in enumerate(offs):
        school = supply.schools.get(o.school_id)
        covered = coverage.of_programme(o.programme_code, o.school_courses)
        terms = {s.term: s.demand for s in (*fit.skills_missing, *fit.skills_taught)}
        comps = Components(
            balance=fit.components.balance,
            coverage=f.skill_coverage(terms, covered),
            relevance=fit.components.relevance,
        )
        out.append(
            OfferingFit(
                offering_id=o.id,
                school_code=school.code if school else "",
                school_name=school.short_name if school else "",
                programme_code=o.programme_code,
                programme_name=fit.name,
                year=o.year,
                intake_plan=o.intake_plan,
                enrolled=o.enrolled,
                graduates=o.graduates,
                employed=o.employed,
                employment_share=round(o.employment.share, 3),
                employment_source=o.employment.source,
                key_demonstration=o.key_demonstration,
                characteristic=o.characteristic,
                provincial_quality=o.provincial_quality,
                articulation=o.articulation,
                demand=shares.get(f"{i:04d}", 0),
                district_demand=fit.demand,
                ratio=fit.ratio,
                band=fit.band,
                fit=f.fit_score(comps.model_dump(), method.fit.weights)
                if fit.evidence.sufficient
                else None,
                components=comps,
                partners=len(o.partners),
                leading_partner=o.has_leading_partner,
            )
        )
    return out


def segment_coverage(
    placements: list[Any], covered: dict[str, Cover], lexicon: Lexicon
) -> list[SegmentCoverage]:
    """Return, for each placed segment, which of its skills the curriculum covers and where."""
    out = []
    for pl in placements:
        seg = lexicon.segment(pl.chain, pl.segment) if pl.segment else None
        if seg is None:
            continue
        items = [
            SkillCover(
                term=t,
                demand=0,
                taught=t in covered,
                unit=covered[t].unit if t in covered else None,
                origin=covered[t].origin if t in covered else None,
                chains=[pl.chain],
            )
            for t in seg.terms
        ]
        n = sum(i.taught for i in items)
        out.append(
            SegmentCoverage(
                chain=pl.chain,
                segment=seg.key,
                name_zh=seg.name_zh,
                name_en=seg.name_en,
                skills=len(items),
                covered=n,
                share=round(n / len(items), 3) if items else 0.0,
                items=items,
            )
        )
    return out
