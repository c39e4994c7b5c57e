"""Dual-qualified shares: today, month by month, by school / programme / chain, and projected.

The share counts RECOGNISED teachers (a recognition record — 认定, granted by the education
authority — dated on or before the day) among the basis (专业课教师: full-time teachers of a
programme). What the rules compute from the records is eligibility: eligible teachers without a
recognition are the pipeline, shown beside the share, never in it. Eligibility is evaluated from
the dated records under the rule file in force, so editing the rule file changes the pipeline on
the next request and ``as_of`` gives the figures of any past date. Aggregates carry no names.

The planner dashboard (analytics) calls ``district_share`` and ``share_history``.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from vocmatch.kit.errors import NotFound
from vocmatch.schools.models import School
from vocmatch.teachers import repository as repo
from vocmatch.teachers.dual_qualified.evaluation import (
    Status,
    TeacherFacts,
    basis_reason,
    evaluate,
    month_ends,
    standing,
)
from vocmatch.teachers.dual_qualified.rules import RuleSet, describe, load_rules
from vocmatch.teachers.dual_qualified.share_arithmetic import (
    add_months,
    months_between,
    ols_slope,
    projected,
    ratio,
    reach_date,
    teachers_short,
)
from vocmatch.teachers.models import Teacher, TeacherRecognition
from vocmatch.teachers.schemas import (
    GroupShareOut,
    ProjectionOut,
    ProseOut,
    RuleSetOut,
    ShareOut,
    SharePoint,
    SharesOut,
)

log = logging.getLogger(__name__)

MODEL = (
    "linear: today's share + pace × months ahead; pace = least-squares slope of the monthly "
    "share over the last {n} months"
)


@dataclass(frozen=True)
class Evaluated:
    """A teacher, the facts the rules read, and the status on the roster's date."""

    teacher: Teacher
    facts: TeacherFacts
    status: Status
    recognitions: tuple[TeacherRecognition, ...] = ()

    def recognition(self, day: date) -> TeacherRecognition | None:
        """Return the recognition in force on ``day`` (the latest granted on or before it)."""
        held = [r for r in self.recognitions if r.recognised_on <= day]
        return max(held, key=lambda r: (r.recognised_on, r.id)) if held else None

    @property
    def recognised(self) -> bool:
        """True when recognised on the status date."""
        return self.recognition(self.status.as_of) is not None

    @property
    def in_pipeline(self) -> bool:
        """Counted, eligible on the records (verified) and not recognised: the pipeline."""
        return self.status.counted and self.status.qualified and not self.recognised

    @property
    def awaiting_verification(self) -> bool:
        """Counted, eligible pending verification (待核实) and not recognised."""
        return self.status.counted and self.status.pending and not self.recognised


@dataclass(frozen=True)
class Roster:
    """The teachers of a scope, evaluated once and re-evaluable on other dates."""

    as_of: date
    rules: RuleSet
    items: list[Evaluated]

    def counted(self) -> list[Evaluated]:
        """Return the teachers in the basis on ``as_of``."""
        return [e for e in self.items if e.status.counted]

    def point(self, day: date, keep: Callable[[Evaluated], bool] | None = None) -> tuple[int, int]:
        """Return (recognised, basis) on ``day`` among the teachers ``keep`` accepts."""
        num = den = 0
        for e in self.items:
            if keep is not None and not keep(e):
                continue
            if day == self.as_of:
                counted = e.status.counted
            else:
                counted = basis_reason(e.facts, self.rules, day) == ""
            den += counted
            # a recognised part-time mentor is not in the basis, so not counted
            num += counted and e.recognition(day) is not None
        return num, den

    def eligible_point(self, day: date) -> int:
        """Return how many teachers of the basis are eligible on ``day`` (recognised or not)."""
        if day == self.as_of:
            return sum(e.status.counted and e.status.qualified for e in self.items)
        return sum(all(standing(e.facts, self.rules, day)) for e in self.items)


def evaluate_roster(
    session: Session,
    *,
    as_of: date,
    school_ids: Iterable[int] | None = None,
    rules: RuleSet | None = None,
) -> Roster:
    """Return the teachers of ``school_ids`` (None = district) evaluated on ``as_of``."""
    rules = rules or load_rules()
    ids = list(school_ids) if school_ids is not None else None
    teachers = repo.teachers(session, repo.teacher_query(school_ids=ids))
    facts = repo.facts_for(session, teachers, rules)
    return Roster(as_of=as_of, rules=rules, items=evaluated(session, teachers, facts, rules, as_of))


def evaluated(
    session: Session,
    teachers: Sequence[Teacher],
    facts: dict[int, TeacherFacts],
    rules: RuleSet,
    as_of: date,
) -> list[Evaluated]:
    """Return each teacher evaluated on ``as_of`` with their recognition records."""
    recs: dict[int, list[TeacherRecognition]] = defaultdict(list)
    for r in repo.recognitions(session, [t.id for t in teachers]):
        recs[r.teacher_id].append(r)
    return [
        Evaluated(t, facts[t.id], evaluate(facts[t.id], rules, as_of), tuple(recs[t.id]))
        for t in teachers
    ]


def school_or_404(session: Session, code: str) -> School:
    """Return the school with ``code`` or raise NotFound."""
    school = repo.school_by_code(session, code)
    if school is None:
        raise NotFound(f"no school with code {code!r}")
    return school


def _share(
    num: int, den: int, as_of: date, rules: RuleSet, roster: Roster | None = None
) -> ShareOut:
    target = rules.rules.target.share
    items = [e for e in roster.items if e.status.counted] if roster is not None else []
    return ShareOut(
        value=ratio(num, den),
        numerator=num,
        denominator=den,
        as_of=as_of,
        rule_set_version=rules.version,
        standard=rules.rules.name.zh,
        target=target,
        teachers_short=teachers_short(num, den, target),
        eligible=sum(e.status.qualified for e in items),
        pipeline=sum(e.in_pipeline for e in items),
        pending_verification=sum(e.awaiting_verification for e in items),
    )


def roster_share(roster: Roster) -> ShareOut:
    """Return the recognised share of ``roster`` on its date, with the eligible pipeline."""
    return _share(*roster.point(roster.as_of), roster.as_of, roster.rules, roster)


def district_share(session: Session, *, as_of: date) -> ShareOut:
    """Return the district's dual-qualified share on ``as_of`` (the plan indicator, target 50 %):
    recognised teachers among the basis, with eligible-not-recognised as the pipeline."""
    return roster_share(evaluate_roster(session, as_of=as_of))


def _history(
    roster: Roster, months: int, keep: Callable[[Evaluated], bool] | None = None
) -> list[SharePoint]:
    out = []
    for day in month_ends(roster.as_of, months):
        num, den = roster.point(day, keep)
        out.append(
            SharePoint(
                month=f"{day:%Y-%m}",
                as_of=day,
                value=ratio(num, den),
                numerator=num,
                denominator=den,
                eligible=roster.eligible_point(day) if keep is None else None,
            )
        )
    return out


def share_history(
    session: Session, *, months: int, as_of: date | None = None, school_code: str | None = None
) -> list[SharePoint]:
    """Return the share at each of the last ``months`` month ends (the last point is ``as_of``)."""
    as_of = as_of or date.today()
    ids = [school_or_404(session, school_code).id] if school_code else None
    return _history(evaluate_roster(session, as_of=as_of, school_ids=ids), months)


def _groups(
    roster: Roster, key_of: Callable[[Evaluated], Sequence[str]], names: dict[str, str]
) -> list[GroupShareOut]:
    num: dict[str, int] = defaultdict(int)
    den: dict[str, int] = defaultdict(int)
    pipe: dict[str, int] = defaultdict(int)
    for e in roster.counted():
        for key in key_of(e):
            den[key] += 1
            num[key] += e.recognised
            pipe[key] += e.in_pipeline
    target = roster.rules.rules.target.share
    order = list(names) + sorted(k for k in den if k not in names)
    return [
        GroupShareOut(
            key=k,
            name=names.get(k, k),
            value=ratio(num[k], den[k]),
            numerator=num[k],
            denominator=den[k],
            teachers_short=teachers_short(num[k], den[k], target),
            pipeline=pipe[k],
        )
        for k in order
        if den.get(k)
    ]


def shares(
    session: Session, *, as_of: date, by: str = "school", school_code: str | None = None
) -> SharesOut:
    """Return the share of the district (or one school) and its breakdown ``by`` school, programme or chain.

    A programme mapped to several chains counts in each; unmapped programmes are under ``none``.
    """
    ids = [school_or_404(session, school_code).id] if school_code else None
    roster = evaluate_roster(session, as_of=as_of, school_ids=ids)
    return breakdown(session, roster, by=by)


def breakdown(session: Session, roster: Roster, *, by: str) -> SharesOut:
    """Return the roster's share and its breakdown ``by`` school, programme or chain."""
    overall = roster_share(roster)
    note = ""
    if by == "school":
        schools = repo.schools(session)
        codes = {s.id: s.code for s in schools}
        groups = _groups(
            roster, lambda e: [codes[e.teacher.school_id]], {s.code: s.name for s in schools}
        )
    elif by == "programme":
        names = repo.programme_names(session)
        used = sorted({e.teacher.programme_code or "" for e in roster.counted()})
        groups = _groups(
            roster,
            lambda e: [e.teacher.programme_code or ""],
            {c: f"{c} {names.get(c, '')}" for c in used},
        )
    else:
        chains = repo.programme_chains(session)
        names = {k: zh for k, zh, _ in repo.chain_names(session)}
        names["none"] = "不属于四大产业链"
        groups = _groups(
            roster, lambda e: chains.get(e.teacher.programme_code or "") or ["none"], names
        )
        note = "A programme mapped to several chains counts in each chain."
    return SharesOut(by=by, district=overall, groups=groups, note=note)  # type: ignore[arg-type]


def projection(
    session: Session,
    *,
    as_of: date,
    school_code: str | None = None,
    chosen_date: date | None = None,
    months: int | None = None,
) -> ProjectionOut:
    """Return the trend of the share and where it leads at the current pace."""
    ids = [school_or_404(session, school_code).id] if school_code else None
    roster = evaluate_roster(session, as_of=as_of, school_ids=ids)
    return project(roster, scope=school_code or "district", chosen_date=chosen_date, months=months)


def project(
    roster: Roster, *, scope: str, chosen_date: date | None = None, months: int | None = None
) -> ProjectionOut:
    """Return the history of ``roster`` and its linear projection (see ``MODEL``)."""
    rules = roster.rules
    as_of = roster.as_of
    fit = rules.rules.projection.fit_months
    target = rules.rules.target.share
    target_date = rules.rules.target.date
    history = _history(roster, max(months or fit, fit))
    # Months before the scope had any teacher have no share: they are left out of the fit.
    fitted = [(i, p) for i, p in enumerate(history[-fit:]) if p.denominator]
    xs = [float(i) for i, _ in fitted]
    pace = ols_slope([p.value for _, p in fitted], xs)
    pace_teachers = ols_slope([float(p.numerator) for _, p in fitted], xs)
    current = _share(history[-1].numerator, history[-1].denominator, as_of, rules, roster)
    if target_date <= as_of:
        num, den = roster.point(target_date)
        on_target, actual = ratio(num, den), True
        status = "met" if on_target >= target else "missed"
    else:
        on_target = projected(current.value, pace, months_between(as_of, target_date))
        actual = False
        status = "on_track" if on_target >= target else "behind"
    chosen = chosen_date or _default_chosen(as_of, target_date)
    ahead = max(1, months_between(as_of, chosen))
    reach = reach_date(current.value, pace, target, as_of)
    # Draw the projection up to the chosen date, and on to the crossing when it lies within 5 years.
    to_reach = months_between(as_of, reach) if reach else 0
    horizon = max(ahead, months_between(as_of, target_date), to_reach if to_reach <= 60 else 0, 1)
    proj = [
        SharePoint(
            month=f"{add_months(as_of, k):%Y-%m}",
            as_of=add_months(as_of, k) if k else as_of,
            value=projected(current.value, pace, k),
            numerator=0,
            denominator=current.denominator,
        )
        for k in range(0, horizon + 1)
    ]
    return ProjectionOut(
        scope=scope,
        as_of=as_of,
        rule_set_version=rules.version,
        model=MODEL.format(n=fit),
        fit_months=fit,
        current=current,
        pace_per_month=pace,
        pace_teachers_per_month=pace_teachers,
        target=target,
        target_date=target_date,
        target_status=status,  # type: ignore[arg-type]
        share_on_target_date=on_target,
        share_on_target_date_is_actual=actual,
        reach_date=reach,
        chosen_date=chosen,
        projected_on_chosen_date=projected(current.value, pace, months_between(as_of, chosen)),
        teachers_per_month_needed=current.teachers_short / ahead,
        months_to_chosen_date=ahead,
        history=history[-(months or fit) :],
        projection=proj,
    )


def _default_chosen(as_of: date, target_date: date) -> date:
    """The plan's date while it lies ahead, else the end of next year."""
    return target_date if target_date > as_of else date(as_of.year + 1, 12, 31)


def rule_set(rules: RuleSet | None = None) -> RuleSetOut:
    """Return the rule set in force with every level, requirement and interpretation."""
    rules = rules or load_rules()
    labels = describe(rules)
    levels: list[dict[str, object]] = []
    routes = (
        ("full_time", rules.rules.levels),
        ("part_time", rules.rules.part_time_levels),
        ("practice_instructor", rules.rules.practice_instructor_levels),
    )
    for route, lvl in ((r, lvl) for r, chain in routes for lvl in chain):
        reqs = []
        for req in lvl.all_of:
            alts = getattr(req, "any_of", None)
            reqs.append(
                {
                    "id": req.id,
                    "label": labels[req.id][0].model_dump(),
                    "interpretation": labels[req.id][1].model_dump(),
                    # Groups too: a number the product chose for the group itself is shown.
                    "product_threshold": req.product_threshold.model_dump(),
                    "any_of": [
                        {
                            **a.model_dump(exclude={"label"}),
                            "label": a.label.model_dump(),
                        }
                        for a in alts
                    ]
                    if alts
                    else None,
                    **({} if alts else req.model_dump(exclude={"id", "label", "interpretation"})),
                }
            )
        levels.append(
            {
                "id": lvl.id,
                "route": route,
                "level": lvl.level,
                "name": lvl.name.model_dump(),
                "requires": lvl.requires,
                "all_of": reqs,
                "unchecked": [u.model_dump() for u in lvl.unchecked],
            }
        )
    return RuleSetOut(
        version=rules.version,
        path=rules.path,
        name=rules.rules.name.zh,
        source=rules.rules.source,
        target=rules.rules.target.share,
        target_date=rules.rules.target.date,
        levels=levels,
        jurisdiction=rules.rules.jurisdiction,
        assumption=ProseOut(**rules.rules.assumption.model_dump()),
        field_method=ProseOut(**rules.rules.field_method.model_dump()),
    )
