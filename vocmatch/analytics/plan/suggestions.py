"""Advice that is not an intake decision (the optimiser decides intakes).

* reorient — an offered programme with sufficient evidence, at least ``reorient_min_demand`` hires
  a year, whose curriculum covers less than ``reorient_below_coverage`` of the skills its hires
  ask for (weighted by those hires): the skills missing, and courses of programmes placed in the
  skill's segments whose curricula cover it.
* partner — a featured offering without a leading-enterprise partner (item 16): the leading
  enterprises with most hires for the programme.
"""

from __future__ import annotations

from collections import Counter

from vocmatch.analytics.plan.schemas import Suggestion
from vocmatch.analytics.snapshot import Analysis, Snapshot


def courses_teaching(snap: Snapshot, term: str, exclude: str, limit: int = 2) -> list[str]:
    """Return up to ``limit`` "course（programme）" whose curricula cover ``term``."""
    codes: list[str] = []
    for seg in snap.lexicon.segments:
        if term in seg.terms:
            codes.extend(c for c in seg.programmes if c != exclude and c not in codes)
    out = []
    for code in codes:
        cover = snap.coverage.of_programme(code).get(term)
        if cover is not None:
            out.append(f"{cover.unit}（{snap.supply.names.get(code, code)}）")
        if len(out) >= limit:
            break
    return out


def suggestions(snap: Snapshot, a: Analysis, school_ids: set[int]) -> list[Suggestion]:
    """Return the curriculum and partner suggestions for the schools ``school_ids``."""
    plan = snap.method.planning
    codes = {s.id: s.code for s in snap.supply.schools.values()}
    by_prog = snap.supply.by_programme()
    out: list[Suggestion] = []
    for code, p in sorted(a.programmes.items()):
        offs = [o for o in by_prog.get(code, []) if o.school_id in school_ids]
        cov = p.components.coverage
        if (
            not offs
            or not p.evidence.sufficient
            or cov is None
            or cov >= plan.reorient_below_coverage
            or p.demand < plan.reorient_min_demand
        ):
            continue
        missing = p.skills_missing[:5]
        out.append(
            Suggestion(
                kind="reorient",
                school_codes=sorted({codes[o.school_id] for o in offs}),
                programme_code=code,
                programme_name=p.name,
                coverage=round(cov, 3),
                demand=p.demand,
                skills=[s.term for s in missing],
                courses=[c for s in missing for c in courses_teaching(snap, s.term, code, 1)],
            )
        )
    leading = {e.id: e.name for e in snap.enterprises.values() if e.is_leading}
    for o in snap.supply.offerings:
        if o.school_id not in school_ids or not o.featured or o.has_leading_partner:
            continue
        demand: Counter[int] = Counter()
        prog = snap.cube.programmes.get(o.programme_code)
        for (kind, _chain, key), n in prog.detail.items() if prog else ():
            if kind == "ent" and key in leading and n > 0:
                demand[key] += n
        names = [leading[e] for e, _n in demand.most_common(3)]
        if not names:
            chains = set(snap.supply.chain_keys(o.programme_code))
            names = sorted(
                e.name for e in snap.enterprises.values() if e.is_leading and chains & set(e.chains)
            )[:3]
        fit = a.programmes.get(o.programme_code)
        out.append(
            Suggestion(
                kind="partner",
                school_codes=[codes[o.school_id]],
                programme_code=o.programme_code,
                programme_name=fit.name if fit else o.programme_code,
                demand=fit.demand if fit else 0,
                enterprises=names,
            )
        )
    return out
