"""Ranked, concrete actions for next year's plan, each with the numbers behind it.

* expand — an offered programme below the balanced band: add ΔG = target·D − G graduates, i.e.
  ⌈ΔG / completion⌉ places (completion = G ÷ intake of its offerings);
* shrink — an offered programme in oversupply: remove as many places as exceed target·D;
* open — a catalogue programme nobody in the district offers whose attributable demand is at
  least ``open_min_demand``: open ⌈target·D / default completion⌉ places;
* reorient — an offered programme whose skill coverage K is below the threshold: add the missing
  skills, with courses of other programmes that teach them; impact = D · (1 − K);
* partner — a featured offering without a leading-enterprise partner: the leading enterprises
  with most demand for the programme (or in its chains).

``impact`` is the headcount each action addresses. The list puts the actions that meet unmet
demand first (sorted by impact), then the places that could be freed (shrink). A programme without
attributable demand gets no shrink action: the postings say nothing about it.
"""

from __future__ import annotations

import re
from collections import defaultdict

from vocmatch.analytics import scoring as f
from vocmatch.analytics.analysis import Analysis
from vocmatch.analytics.config import AnalyticsConfig
from vocmatch.analytics.projection import Cube
from vocmatch.analytics.schemas import Action
from vocmatch.analytics.supply import Supply
from vocmatch.analytics.terms import TermIndex

_COURSE_SPLIT = re.compile(r"[、，,；;：:。\n]")


def courses_teaching(term: str, supply: Supply, index: TermIndex, limit: int = 2) -> list[str]:
    """Return up to ``limit`` course names (with their programme) that teach ``term``."""
    words = [w for w, names in index.words.items() if term in names]
    out: list[str] = []
    for code in sorted(supply.taught):
        if term not in supply.taught[code]:
            continue
        # The profile's course list is in the catalogue text; find the course naming the term.
        for piece in _COURSE_SPLIT.split(supply.course_texts.get(code, "")):
            text = piece.strip()
            if text and len(text) <= 30 and any(w in text.lower() for w in words):
                out.append(f"{text}（{supply.names.get(code, code)}）")
                break
        if len(out) >= limit:
            break
    return out


def recommend(
    analysis: Analysis,
    cube: Cube,
    supply: Supply,
    cfg: AnalyticsConfig,
    index: TermIndex,
    enterprises: dict[int, tuple[str, bool, tuple[str, ...]]],
) -> list[Action]:
    """Return every recommended action, ranked by impact.

    ``enterprises`` maps id → (name, is_leading, chains).
    """
    names = {i: e[0] for i, e in enterprises.items()}
    leading = {i for i, e in enterprises.items() if e[1]}
    plan = cfg.planning
    lo, _hi = f.balanced_range(cfg.fit.bands)
    by_prog = supply.by_programme()
    school_code = {s.id: s.code for s in supply.schools.values()}
    actions: list[Action] = []
    for code, p in analysis.programmes.items():
        offs = by_prog.get(code, [])
        schools = [
            school_code.get(o.school_id, "") for o in sorted(offs, key=lambda o: -o.intake_plan)
        ]
        if p.offered:
            completion = f.completion_rate(int(p.graduates), p.intake_plan, plan.default_completion)
            needed = f.graduates_needed(p.demand, p.graduates, plan.target_ratio)
            numbers = {
                "demand": p.demand,
                "graduates": p.graduates,
                "ratio": p.ratio,
                "band": p.band,
                "intake_plan": p.intake_plan,
                "completion": round(completion, 3),
                "graduates_needed": round(needed, 1),
            }
            if p.ratio is not None and p.ratio < lo and needed > 0:
                actions.append(
                    Action(
                        kind="expand",
                        programme_code=code,
                        programme_name=p.name,
                        school_codes=schools,
                        places=f.places_for(needed, completion),
                        impact=round(needed, 1),
                        numbers=numbers,
                    )
                )
            elif p.band == cfg.fit.bands[-1].key and p.demand > 0 and needed < 0:
                actions.append(
                    Action(
                        kind="shrink",
                        programme_code=code,
                        programme_name=p.name,
                        school_codes=schools,
                        places=f.places_for(needed, completion),
                        impact=round(-needed, 1),
                        numbers=numbers,
                    )
                )
            cov = p.components.coverage
            if (
                cov is not None
                and cov < plan.reorient_below_coverage
                and p.demand >= plan.reorient_min_demand
            ):
                missing = p.skills_missing[:5]
                courses = [c for s in missing for c in courses_teaching(s.term, supply, index, 1)]
                actions.append(
                    Action(
                        kind="reorient",
                        programme_code=code,
                        programme_name=p.name,
                        school_codes=schools,
                        impact=round(p.demand * (1.0 - cov), 1),
                        numbers={"coverage": round(cov, 3), "demand": p.demand},
                        skills=[s.term for s in missing],
                        courses=courses,
                    )
                )
        elif p.demand >= plan.open_min_demand:
            places = f.places_for(plan.target_ratio * p.demand, plan.default_completion)
            actions.append(
                Action(
                    kind="open",
                    programme_code=code,
                    programme_name=p.name,
                    places=places,
                    impact=round(p.demand, 1),
                    numbers={
                        "demand": p.demand,
                        "postings": p.postings,
                        "chain": p.chain,
                        "completion": plan.default_completion,
                    },
                    enterprises=_top_enterprises(cube, code, names, None, 3),
                )
            )
    for o in supply.offerings:
        if not o.featured or o.has_leading_partner:
            continue
        fit = analysis.programmes.get(o.programme_code)
        demand = fit.demand if fit else 0.0
        ents = _top_enterprises(cube, o.programme_code, names, leading, 3)
        if not ents:
            chains = set(supply.chain_weights(o.programme_code))
            ents = sorted(names[i] for i in leading if chains & set(enterprises[i][2]))[:3]
        actions.append(
            Action(
                kind="partner",
                programme_code=o.programme_code,
                programme_name=supply.names.get(o.programme_code, o.programme_code),
                school_codes=[school_code.get(o.school_id, "")],
                impact=round(max(demand, 1.0), 1),
                numbers={"demand": demand, "partners": len(o.partners)},
                enterprises=ents,
            )
        )
    # Actions that meet unmet demand first, by the headcount they address; places to free after.
    actions.sort(key=lambda a: (a.kind == "shrink", -a.impact, a.kind, a.programme_code))
    for i, a in enumerate(actions, start=1):
        a.rank = i
    return actions


def _top_enterprises(
    cube: Cube, code: str, names: dict[int, str], only: set[int] | None, n: int
) -> list[str]:
    """Return "name (headcount)" of the enterprises with most demand attributed to ``code``."""
    by_ent: dict[int, float] = defaultdict(float)
    for (kind, _chain, key), a in cube.detail.get(code, {}).items():
        if kind == "ent" and a > 1e-9:
            by_ent[key] += a
    ids = [e for e in sorted(by_ent, key=lambda e: (-by_ent[e], e)) if only is None or e in only]
    return [f"{names.get(e, str(e))} ({by_ent[e]:.0f})" for e in ids[:n]]
