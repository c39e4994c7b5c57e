"""Evaluate one teacher's dual-qualified (双师型) status on a date: a pure function of dated facts.

``evaluate(facts, rules, as_of)`` reads no database and keeps no state, so the same facts and rule
file always give the same answer, any past date gives the status on that date, and an edited rule
file re-evaluates everyone. The status says which level rule was met, which dated records produced
it, and — when a level is not met — what is missing, with the ways to close it and their effort.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from vocmatch.teachers.dual_qualified.facts import (
    FactRef,
    Gap,
    Missing,
    PracticeFact,
    QualificationFact,
    Status,
    TeacherFacts,
    WorkFact,
)
from vocmatch.teachers.dual_qualified.rules import (
    AnyOfRule,
    EnterprisePracticeRule,
    EnterpriseWorkRule,
    IndustryTitleRule,
    LevelRule,
    RuleSet,
    SkillCertificateRule,
    TeacherCertificateRule,
    TeachingServiceRule,
    TeachingTitleRule,
)

DAYS_PER_YEAR = 365


@dataclass
class _Result:
    met: bool
    met_ids: list[str] = field(default_factory=list)
    facts: list[FactRef] = field(default_factory=list)
    options: list[Gap] = field(default_factory=list)
    # Not met, but met once the school verifies these items (records of unknown field).
    pending: list[str] = field(default_factory=list)


# --- helpers -------------------------------------------------------------------------------------
def years_before(day: date, years: int) -> date:
    """Return the same calendar day ``years`` earlier (28 Feb for 29 Feb)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def month_end(year: int, month: int) -> date:
    """Return the last day of the month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def month_ends(as_of: date, months: int) -> list[date]:
    """Return the last ``months`` month ends up to ``as_of``; the last point is ``as_of`` itself."""
    out: list[date] = []
    y, m = as_of.year, as_of.month
    for _ in range(months - 1):
        m -= 1
        if m == 0:
            y, m = y - 1, 12
        out.append(month_end(y, m))
    return [*reversed(out), as_of]


def in_field(q: QualificationFact, terms: Iterable[str]) -> bool:
    """True when the record's field (or its name) equals a term or one contains the other."""
    text = (q.field or q.name).strip()
    if not text:
        return False
    for t in terms:
        if t == text or (len(t) >= 2 and t in text) or (len(text) >= 2 and text in t):
            return True
    return False


def skill_level(q: QualificationFact, rules: RuleSet) -> int | None:
    """Return the certificate's level 5 (五级) … 1 (一级), or None when it cannot be read."""
    return rules.rules.skill_levels.get(q.level.strip())


def title_rank(q: QualificationFact, rules: RuleSet) -> int | None:
    """Return the title's rank 1 (junior) … 4 (full senior) from its level, else from its name."""
    ranks = rules.rules.title_ranks
    return ranks.get(q.level.strip()) or ranks.get(q.name.strip())


def employed_on(f: TeacherFacts, as_of: date) -> bool:
    """True when the teacher is on the school's staff on ``as_of``."""
    return (f.hired_on is None or f.hired_on <= as_of) and (f.left_on is None or f.left_on > as_of)


def _held(q: QualificationFact, as_of: date) -> bool:
    return q.issued_on is None or q.issued_on <= as_of


# Level words a record may hold in English, shown as a Chinese reader knows them.
LEVEL_WORDS = {
    "junior": "初级",
    "intermediate": "中级",
    "senior": "高级",
    "deputy_senior": "副高级",
}


def _qref(q: QualificationFact, amount: float | None) -> FactRef:
    level = f" · {LEVEL_WORDS.get(q.level.strip(), q.level)}" if q.level else ""
    fld = f" · {q.field}" if q.field and q.field not in q.name else ""
    return FactRef(q.kind, q.id, q.issued_on, f"{q.name}{level}{fld}", amount)


# --- requirements --------------------------------------------------------------------------------
def _teacher_certificate(
    r: TeacherCertificateRule, f: TeacherFacts, rs: RuleSet, as_of: date
) -> _Result:
    since = f.teacher_certificate_on or f.hired_on
    if f.has_teacher_certificate and (since is None or since <= as_of):
        return _Result(True, [r.id], [FactRef("teacher_certificate", f.teacher_id, since, "")])
    effort = rs.rules.effort_days.teacher_certificate
    return _Result(False, options=[Gap(r.id, "teacher_certificate", 0, 1, effort, True)])


def _skill(r: SkillCertificateRule, f: TeacherFacts, rs: RuleSet, as_of: date) -> _Result:
    certs = []
    for q in f.qualifications:
        lvl = skill_level(q, rs) if q.kind == "skill_certificate" and _held(q, as_of) else None
        if lvl is not None:
            certs.append((lvl, not r.in_field or in_field(q, f.field_terms), q))
    certs.sort(key=lambda c: (c[0], -(c[2].issued_on or date.min).toordinal()))
    good = [c for c in certs if c[1] and c[0] <= r.max_level]
    if good:
        return _Result(True, [r.id], [_qref(q, lvl) for lvl, _, q in good])
    effort = rs.rules.effort_days
    short = [c for c in certs if c[1]]
    outside = [c for c in certs if not c[1] and c[0] <= r.max_level]
    if short:
        lvl, _, q = short[0]
        steps = lvl - r.max_level
        gap = Gap(
            r.id,
            "skill_level",
            lvl,
            r.max_level,
            steps * effort.skill_level_up,
            steps == 1,
            (_qref(q, lvl),),
        )
    elif outside:
        lvl, _, q = outside[0]
        gap = Gap(
            r.id, "skill_field", lvl, r.max_level, effort.skill_certificate, True, (_qref(q, lvl),)
        )
    else:
        gap = Gap(r.id, "skill_none", 0, r.max_level, effort.skill_certificate, False)
    return _Result(False, options=[gap])


def _titles(
    kind: str, f: TeacherFacts, rs: RuleSet, as_of: date, field_check: bool
) -> list[tuple[int, bool, QualificationFact]]:
    out = []
    for q in f.qualifications:
        rank = title_rank(q, rs) if q.kind == kind and _held(q, as_of) else None
        if rank is not None:
            out.append((rank, not field_check or in_field(q, f.field_terms), q))
    out.sort(key=lambda t: (-t[0], -(t[2].issued_on or date.min).toordinal()))
    return out


def _industry_title(r: IndustryTitleRule, f: TeacherFacts, rs: RuleSet, as_of: date) -> _Result:
    titles = _titles("industry_title", f, rs, as_of, r.in_field)
    good = [t for t in titles if t[1] and t[0] >= r.min_rank]
    if good:
        return _Result(True, [r.id], [_qref(q, rank) for rank, _, q in good])
    per = rs.rules.effort_days.title_in_field
    low = [t for t in titles if t[1]]
    outside = [t for t in titles if not t[1] and t[0] >= r.min_rank]
    if low:
        rank, _, q = low[0]
        gap = Gap(
            r.id,
            "title_rank",
            rank,
            r.min_rank,
            (r.min_rank - rank) * per,
            False,
            (_qref(q, rank),),
        )
    elif outside:
        rank, _, q = outside[0]
        gap = Gap(r.id, "title_field", rank, r.min_rank, per, True, (_qref(q, rank),))
    else:
        gap = Gap(r.id, "title_none", 0, r.min_rank, per * r.min_rank, False)
    return _Result(False, options=[gap])


def _teaching_title(r: TeachingTitleRule, f: TeacherFacts, rs: RuleSet, as_of: date) -> _Result:
    titles = _titles("professional_title", f, rs, as_of, field_check=False)
    if titles and titles[0][0] >= r.min_rank:
        rank, _, q = titles[0]
        return _Result(True, [r.id], [_qref(q, rank)])
    have = titles[0][0] if titles else 0
    facts = (_qref(titles[0][2], have),) if titles else ()
    effort = (r.min_rank - have) * rs.rules.effort_days.teaching_title_up
    return _Result(
        False, options=[Gap(r.id, "teaching_title", have, r.min_rank, effort, False, facts)]
    )


def work_days(experience: Sequence[WorkFact], as_of: date) -> tuple[int, list[WorkFact]]:
    """Return the days of enterprise work up to ``as_of`` (overlaps counted once) and the records."""
    # Sorted by dates only: two identical periods must not fall back to comparing the records.
    spans = sorted(
        (
            (w.start_date, min(w.end_date or as_of, as_of), w)
            for w in experience
            if w.start_date <= as_of
        ),
        key=lambda span: (span[0], span[1]),
    )
    total, cursor, used = 0, None, []
    for start, end, w in spans:
        if end < start:
            continue
        first = start if cursor is None else max(start, cursor + timedelta(days=1))
        if end >= first:
            total += (end - first).days + 1
        cursor = end if cursor is None else max(cursor, end)
        used.append(w)
    return total, used


def field_item(kind: str, record_id: int | None) -> str:
    """Return the verification item id of a work or practice record's field (``work:12``)."""
    return f"{kind}:{record_id}"


def _counts_in_field(in_field: str, item: str, f: TeacherFacts, as_of: date) -> bool:
    return in_field == "yes" or f.verified_on(item, as_of)


def _work_ref(w: WorkFact, as_of: date) -> FactRef:
    end = min(w.end_date or as_of, as_of)
    summary = (
        f"{w.employer}{' · ' + w.role if w.role else ''} · {w.start_date} – {w.end_date or ''}"
    )
    return FactRef("experience", w.id, end, summary, (end - w.start_date).days + 1)


def _work(r: EnterpriseWorkRule, f: TeacherFacts, rs: RuleSet, as_of: date) -> _Result:
    need = round(r.min_years * DAYS_PER_YEAR)
    unsure: list[WorkFact] = []
    if r.in_field:
        sure = [
            w
            for w in f.experience
            if _counts_in_field(w.in_field, field_item("work", w.id), f, as_of)
        ]
        days, used = work_days(sure, as_of)
        unsure = [w for w in f.experience if w not in sure]
        if days < need:
            all_days, _ = work_days(f.experience, as_of)
            if unsure and all_days >= need:
                return _Result(False, pending=[field_item("work", w.id) for w in unsure])
    else:
        days, used = work_days(f.experience, as_of)
    facts = tuple(_work_ref(w, as_of) for w in used)
    if days >= need:
        return _Result(True, [r.id], list(facts))
    near = days / need >= rs.rules.near_qualified.min_progress
    effort = (need - days) * rs.rules.effort_days.work_day
    doubt = tuple(_work_ref(w, as_of) for w in unsure if w.start_date <= as_of)
    return _Result(False, options=[Gap(r.id, "work_days", days, need, effort, near, facts, doubt)])


def practice_days(
    practice: Sequence[PracticeFact], as_of: date, window_years: int
) -> tuple[int, list[PracticeFact]]:
    """Return the practice days whose record ended within ``window_years`` before ``as_of``."""
    lo = years_before(as_of, window_years)
    used = sorted((p for p in practice if lo < p.end_date <= as_of), key=lambda p: p.end_date)
    return sum(p.days for p in used), used


def _practice_ref(p: PracticeFact) -> FactRef:
    bay = " · 大湾区" if p.bay_area else ""
    summary = f"{p.enterprise_name} · {p.start_date} – {p.end_date}{bay}"
    return FactRef("practice", p.id, p.end_date, summary, p.days)


def _practice(r: EnterprisePracticeRule, f: TeacherFacts, rs: RuleSet, as_of: date) -> _Result:
    unsure: list[PracticeFact] = []
    if r.in_field:
        sure = [
            p
            for p in f.practice
            if _counts_in_field(p.in_field, field_item("practice", p.id), f, as_of)
        ]
        days, used = practice_days(sure, as_of, r.window_years)
        all_days, all_used = practice_days(f.practice, as_of, r.window_years)
        unsure = [p for p in all_used if p not in sure]
        if days < r.min_days and unsure and all_days >= r.min_days:
            return _Result(False, pending=[field_item("practice", p.id) for p in unsure])
    else:
        days, used = practice_days(f.practice, as_of, r.window_years)
    facts = tuple(_practice_ref(p) for p in used)
    if days >= r.min_days:
        return _Result(True, [r.id], list(facts))
    near = days / r.min_days >= rs.rules.near_qualified.min_progress
    effort = (r.min_days - days) * rs.rules.effort_days.practice_day
    doubt = tuple(_practice_ref(p) for p in unsure)
    gap = Gap(r.id, "practice_days", days, r.min_days, effort, near, facts, doubt)
    return _Result(False, options=[gap])


def _service(r: TeachingServiceRule, f: TeacherFacts, rs: RuleSet, as_of: date) -> _Result:
    need = round(r.min_years * DAYS_PER_YEAR)
    end = min(f.left_on or as_of, as_of)
    days = (end - f.hired_on).days + 1 if f.hired_on and f.hired_on <= end else 0
    if days >= need:
        return _Result(
            True, [r.id], [FactRef("teaching_service", f.teacher_id, f.hired_on, "", days)]
        )
    near = days / need >= rs.rules.near_qualified.min_progress
    return _Result(False, options=[Gap(r.id, "service_days", days, need, need - days, near)])


def _leaf(req: object, f: TeacherFacts, rs: RuleSet, as_of: date) -> _Result:
    if isinstance(req, TeacherCertificateRule):
        return _teacher_certificate(req, f, rs, as_of)
    if isinstance(req, SkillCertificateRule):
        return _skill(req, f, rs, as_of)
    if isinstance(req, IndustryTitleRule):
        return _industry_title(req, f, rs, as_of)
    if isinstance(req, TeachingTitleRule):
        return _teaching_title(req, f, rs, as_of)
    if isinstance(req, EnterpriseWorkRule):
        return _work(req, f, rs, as_of)
    if isinstance(req, EnterprisePracticeRule):
        return _practice(req, f, rs, as_of)
    if isinstance(req, TeachingServiceRule):
        return _service(req, f, rs, as_of)
    raise TypeError(f"unknown requirement {req!r}")


def _requirement(req: object, f: TeacherFacts, rs: RuleSet, as_of: date) -> _Result:
    if isinstance(req, AnyOfRule):
        parts = [_leaf(alt, f, rs, as_of) for alt in req.any_of]
        met = [p for p in parts if p.met]
        if met:
            return _Result(
                True,
                [req.id, *(i for p in met for i in p.met_ids)],
                [x for p in met for x in p.facts],
            )
        options = sorted(
            (g for p in parts for g in p.options), key=lambda g: (g.effort_days, not g.near)
        )
        waiting = sorted((p.pending for p in parts if p.pending), key=len)
        return _Result(False, options=options, pending=waiting[0] if waiting else [])
    return _leaf(req, f, rs, as_of)


@dataclass
class _LevelResult:
    met: list[str]
    facts: list[FactRef]
    missing: list[Missing]
    pending: list[str]  # items to verify before the level is shown (when nothing is missing)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.pending


def _level(lvl: LevelRule, f: TeacherFacts, rs: RuleSet, as_of: date) -> _LevelResult:
    out = _LevelResult([], [], [], [])
    for req in lvl.all_of:
        res = _requirement(req, f, rs, as_of)
        if res.met:
            out.met += res.met_ids
            out.facts += res.facts
        elif res.pending:
            out.pending += res.pending
        else:
            out.missing.append(Missing(req.id, tuple(res.options)))
    if not out.missing:
        out.pending += [u.id for u in lvl.required_items() if not f.verified_on(u.id, as_of)]
    return out


def basis_reason(f: TeacherFacts, rs: RuleSet, as_of: date) -> str:
    """Return why the teacher is outside the share's basis on ``as_of`` ("" = counted)."""
    return _basis(f, rs, as_of)


def _basis(f: TeacherFacts, rs: RuleSet, as_of: date) -> str:
    basis = rs.rules.basis
    if not employed_on(f, as_of):
        return "not_employed"
    if f.employment not in basis.employment:
        return f.employment
    if basis.requires_programme and not f.programme_code:
        return "no_programme"
    return ""


# --- the function --------------------------------------------------------------------------------
def evaluate(facts: TeacherFacts, rules: RuleSet, as_of: date) -> Status:
    """Return the teacher's status on ``as_of``: the highest level met, why, and what is missing."""
    chain = rules.chain(facts.route)
    reached: str | None = None
    reached_id = chain[0].id if chain else rules.junior.id
    met_ids: list[str] = []
    met_facts: list[FactRef] = []
    missing: list[Missing] = []
    next_id: str | None = None
    pending_level: str | None = None
    pending_items: list[str] = []
    for lvl in chain:
        if lvl.requires is not None and lvl.requires != reached_id:
            break
        res = _level(lvl, facts, rules, as_of)
        if not res.ok:
            if reached is None:  # keep the partial facts of the entry level
                met_ids, met_facts = res.met, res.facts
            missing, next_id = res.missing, lvl.id
            if not res.missing:
                pending_level, pending_items = lvl.level, res.pending
            break
        reached, reached_id = lvl.level, lvl.id
        met_ids += [i for i in res.met if i not in met_ids]
        met_facts += [x for x in res.facts if x not in met_facts]
    reason = _basis(facts, rules, as_of)
    return Status(
        as_of=as_of,
        rule_set=rules.version,
        counted=reason == "",
        basis_reason=reason,
        level=reached,
        rule_id=reached_id,
        met=tuple(met_ids),
        facts=tuple(met_facts),
        missing=tuple(missing),
        next_rule_id=next_id,
        route=facts.route,
        pending_level=pending_level,
        pending_items=tuple(dict.fromkeys(pending_items)),
    )


def standing(facts: TeacherFacts, rules: RuleSet, as_of: date) -> tuple[bool, bool]:
    """Return (counted, qualified) on ``as_of`` — what a share needs, without the explanation.

    Gives the same answer as ``evaluate`` (counted, level is not None) at a fraction of the cost:
    only the entry level is checked, and it stops at the first requirement not met.
    """
    if _basis(facts, rules, as_of):
        return False, False
    chain = rules.chain(facts.route)
    if not chain:
        return True, False
    for req in chain[0].all_of:
        if not _requirement(req, facts, rules, as_of).met:
            return True, False
    return True, all(facts.verified_on(u.id, as_of) for u in chain[0].required_items())


def last_qualified_on(facts: TeacherFacts, rules: RuleSet, as_of: date, months: int) -> date | None:
    """Return the last month end within ``months`` before ``as_of`` on which the records met the
    entry level (verified or pending verification: the lapse is about the records)."""
    for day in reversed(month_ends(as_of, months + 1)[:-1]):
        if _records_meet(facts, rules, day):
            return day
    return None


def _records_meet(facts: TeacherFacts, rules: RuleSet, day: date) -> bool:
    """True when the records meet the entry level on ``day`` (verified or pending verification)."""
    if _basis(facts, rules, day):
        return False
    chain = rules.chain(facts.route)
    if not chain:
        return False
    for req in chain[0].all_of:
        res = _requirement(req, facts, rules, day)
        if not res.met and not res.pending:
            return False
    return True
