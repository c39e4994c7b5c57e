"""Queries of the teachers domain: rosters, dated records, field terms, chains, matching demand."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, TypeVar

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from vocmatch.catalogue.models import Occupation, Programme, ProgrammeOccupation
from vocmatch.demand.models import Posting
from vocmatch.enterprises.models import Enterprise
from vocmatch.industries.governance import programme_chain_keys, programme_placements
from vocmatch.industries.models import Chain
from vocmatch.schools.models import School
from vocmatch.teachers.dual_qualified.evaluation import (
    PracticeFact,
    QualificationFact,
    TeacherFacts,
    WorkFact,
)
from vocmatch.teachers.dual_qualified.rules import RuleSet
from vocmatch.teachers.models import (
    Teacher,
    TeacherAppointment,
    TeacherExperience,
    TeacherPractice,
    TeacherQualification,
    TeacherRecognition,
    TeacherVerification,
)

# The dated records of a teacher that are read the same way (by teacher, oldest first).
_R = TypeVar(
    "_R",
    TeacherQualification,
    TeacherExperience,
    TeacherPractice,
    TeacherRecognition,
    TeacherVerification,
)


def school_by_code(session: Session, code: str) -> School | None:
    """Return the school with ``code``."""
    return session.scalar(select(School).where(School.code == code))


def schools(session: Session, ids: Collection[int] | None = None) -> list[School]:
    """Return the schools (all, or those with ``ids``) ordered by code."""
    stmt = select(School).order_by(School.code)
    if ids is not None:
        stmt = stmt.where(School.id.in_(list(ids)))
    return list(session.scalars(stmt))


def teacher_query(
    *,
    school_ids: Collection[int] | None = None,
    programme_code: str | None = None,
    employment: str | None = None,
    q: str | None = None,
) -> Select[Any]:
    """Return the roster query with filters (``school_ids`` None = every school)."""
    stmt = select(Teacher).order_by(Teacher.staff_no)
    if school_ids is not None:
        stmt = stmt.where(Teacher.school_id.in_(list(school_ids)))
    if programme_code:
        stmt = stmt.where(Teacher.programme_code == programme_code)
    if employment:
        stmt = stmt.where(Teacher.employment == employment)
    if q:
        like = f"%{q}%"
        stmt = stmt.where(
            or_(
                Teacher.name.like(like),
                Teacher.staff_no.like(like),
                Teacher.subject_area.like(like),
            )
        )
    return stmt


def teachers(session: Session, stmt: Select[Any] | None = None) -> list[Teacher]:
    """Return the teachers of ``stmt`` (default: everyone)."""
    return list(session.scalars(stmt if stmt is not None else teacher_query()))


def get_teacher(session: Session, teacher_id: int) -> Teacher | None:
    """Return the teacher with ``teacher_id``."""
    return session.get(Teacher, teacher_id)


def teacher_by_staff_no(session: Session, staff_nos: Collection[str]) -> dict[str, Teacher]:
    """Return the teachers with these staff numbers, by staff number."""
    if not staff_nos:
        return {}
    rows = session.scalars(select(Teacher).where(Teacher.staff_no.in_(list(staff_nos))))
    return {t.staff_no: t for t in rows}


def _records_of(
    session: Session, model: type[_R], teacher_ids: Collection[int], by: Any
) -> list[_R]:
    """Return the rows of one kind of dated record of these teachers, by ``by`` then id."""
    stmt = select(model).where(model.teacher_id.in_(list(teacher_ids))).order_by(by, model.id)
    return list(session.scalars(stmt))


def qualifications(session: Session, teacher_ids: Collection[int]) -> list[TeacherQualification]:
    """Return the qualifications of these teachers, oldest first."""
    return _records_of(session, TeacherQualification, teacher_ids, TeacherQualification.issued_on)


def experience(session: Session, teacher_ids: Collection[int]) -> list[TeacherExperience]:
    """Return the enterprise work periods of these teachers, oldest first."""
    return _records_of(session, TeacherExperience, teacher_ids, TeacherExperience.start_date)


def practice(session: Session, teacher_ids: Collection[int]) -> list[TeacherPractice]:
    """Return the enterprise practice periods of these teachers, oldest first."""
    return _records_of(session, TeacherPractice, teacher_ids, TeacherPractice.start_date)


def recognitions(session: Session, teacher_ids: Collection[int]) -> list[TeacherRecognition]:
    """Return the recognition (认定) records of these teachers, oldest first."""
    return _records_of(session, TeacherRecognition, teacher_ids, TeacherRecognition.recognised_on)


def verifications(session: Session, teacher_ids: Collection[int]) -> list[TeacherVerification]:
    """Return the school's verifications of these teachers, oldest first."""
    return _records_of(session, TeacherVerification, teacher_ids, TeacherVerification.verified_on)


def appointments(
    session: Session, teacher_ids: Collection[int] | None = None
) -> list[TeacherAppointment]:
    """Return the mutual appointments (of these teachers, or all), newest first."""
    stmt = select(TeacherAppointment).order_by(
        TeacherAppointment.start_date.desc(), TeacherAppointment.id
    )
    if teacher_ids is not None:
        stmt = stmt.where(TeacherAppointment.teacher_id.in_(list(teacher_ids)))
    return list(session.scalars(stmt))


def _mentions(text: str, terms: frozenset[str]) -> bool:
    return bool(text) and any(len(t) >= 2 and t in text for t in terms)


def programme_names(session: Session) -> dict[str, str]:
    """Return programme names by code."""
    return {c: n for c, n in session.execute(select(Programme.code, Programme.name))}


def field_terms(
    session: Session, codes: Collection[str], rules: RuleSet
) -> dict[str, frozenset[str]]:
    """Return what counts as "in the field" of each programme.

    The rule file's ``fields`` list when it has one; otherwise the programme's name and the
    occupations its 2022 profile links to.
    """
    out: dict[str, frozenset[str]] = {}
    missing = [c for c in codes if c not in rules.rules.fields]
    for code in codes:
        if code in rules.rules.fields:
            out[code] = frozenset(rules.rules.fields[code])
    if missing:
        extra: dict[str, set[str]] = defaultdict(set)
        for code, name in session.execute(
            select(Programme.code, Programme.name).where(Programme.code.in_(missing))
        ):
            extra[code].add(name)
        rows = session.execute(
            select(ProgrammeOccupation.programme_code, ProgrammeOccupation.phrase, Occupation.name)
            .outerjoin(Occupation, Occupation.code == ProgrammeOccupation.occupation_code)
            .where(ProgrammeOccupation.programme_code.in_(missing))
        )
        for code, phrase, occupation in rows:
            extra[code].update(t for t in (phrase, occupation) if t)
        for code in missing:
            out[code] = frozenset(extra.get(code, set()))
    return out


def facts_for(
    session: Session, roster: Sequence[Teacher], rules: RuleSet
) -> dict[int, TeacherFacts]:
    """Return the evaluation facts of each teacher of ``roster``, by teacher id.

    Work and practice records are judged in the field of the teacher's programme by the method the
    rule file states (``field_method``): the enterprise belongs to a chain the programme feeds, or
    the role / content names a field term; else their field is "unknown".
    """
    ids = [t.id for t in roster]
    by_id = {t.id: t for t in roster}
    quals: dict[int, list[QualificationFact]] = defaultdict(list)
    work: dict[int, list[WorkFact]] = defaultdict(list)
    prac: dict[int, list[PracticeFact]] = defaultdict(list)
    checked: dict[int, list[tuple[str, date]]] = defaultdict(list)
    terms = field_terms(session, {t.programme_code for t in roster if t.programme_code}, rules)
    exp_rows = experience(session, ids)
    prac_rows = practice(session, ids)
    chains = programme_chains(session) if exp_rows or prac_rows else {}
    ent_chains, ent_by_name = _enterprise_chains(session) if exp_rows or prac_rows else ({}, {})

    def related(teacher_id: int, enterprise_id: int | None, text: str) -> str:
        code = by_id[teacher_id].programme_code or ""
        if enterprise_id is not None and set(ent_chains.get(enterprise_id, ())) & set(
            chains.get(code, ())
        ):
            return "yes"
        return "yes" if _mentions(text, terms.get(code, frozenset())) else "unknown"

    for q in qualifications(session, ids):
        quals[q.teacher_id].append(
            QualificationFact(q.id, q.kind, q.name, q.level, q.issuer, q.issued_on, q.field)
        )
    for e in exp_rows:
        field = related(e.teacher_id, ent_by_name.get(e.employer), f"{e.role} {e.employer}")
        work[e.teacher_id].append(
            WorkFact(e.id, e.employer, e.start_date, e.end_date, e.role, field)
        )
    for p in prac_rows:
        field = related(p.teacher_id, p.enterprise_id, f"{p.content} {p.enterprise_name}")
        prac[p.teacher_id].append(
            PracticeFact(
                p.id, p.enterprise_name, p.start_date, p.end_date, p.days, p.bay_area, field
            )
        )
    for v in verifications(session, ids):
        checked[v.teacher_id].append((v.item_id, v.verified_on))
    return {
        t.id: TeacherFacts(
            teacher_id=t.id,
            staff_no=t.staff_no,
            employment=t.employment,
            programme_code=t.programme_code,
            hired_on=t.hired_on,
            left_on=t.left_on,
            has_teacher_certificate=t.has_teacher_certificate,
            teacher_certificate_on=t.teacher_certificate_on,
            field_terms=terms.get(t.programme_code or "", frozenset()),
            qualifications=tuple(quals[t.id]),
            experience=tuple(work[t.id]),
            practice=tuple(prac[t.id]),
            practice_instructor=t.practice_instructor,
            verified=tuple(checked[t.id]),
        )
        for t in roster
    }


def _enterprise_chains(session: Session) -> tuple[dict[int, list[str]], dict[str, int]]:
    """Return each enterprise's chains by id, and enterprise ids by name and short name."""
    chains: dict[int, list[str]] = {}
    by_name: dict[str, int] = {}
    for ent_id, name, short, ent_chains in session.execute(
        select(Enterprise.id, Enterprise.name, Enterprise.short_names, Enterprise.chains)
    ):
        chains[ent_id] = [c for c in (ent_chains or []) if isinstance(c, str)]
        by_name[name] = ent_id
        for s in short or []:
            by_name.setdefault(s, ent_id)
    return chains, by_name


def programme_chains(session: Session) -> dict[str, list[str]]:
    """Return each placed programme's chains, as every other view places it (industries'
    governance: the curated lists, accepted proposals, or a planner's decision)."""
    return {
        code: programme_chain_keys(rows) for code, rows in programme_placements(session).items()
    }


def chain_names(session: Session) -> list[tuple[str, str, str]]:
    """Return (key, name_zh, name_en) of the chains in plan order."""
    rows = session.execute(select(Chain.key, Chain.name_zh, Chain.name_en).order_by(Chain.position))
    return [(k, zh, en) for k, zh, en in rows]


@dataclass
class DemandMatch:
    """An enterprise with open postings that match a programme (or its chain)."""

    enterprise: Enterprise
    postings: int
    best_score: float
    basis: Literal["posting_match", "chain"] = "posting_match"


@dataclass
class Demand:
    """Open demand by programme (stored posting matches) and by chain (the fallback)."""

    by_programme: dict[str, list[DemandMatch]]
    by_chain: dict[str, list[DemandMatch]]
    chains: dict[str, list[str]]

    def for_programme(self, code: str | None, limit: int) -> list[DemandMatch]:
        """Return the enterprises to suggest: matched postings first, else the programme's chains."""
        if not code:
            return []
        found = self.by_programme.get(code)
        if found:
            return found[:limit]
        seen: dict[int, DemandMatch] = {}
        for chain in self.chains.get(code, []):
            for d in self.by_chain.get(chain, []):
                seen.setdefault(d.enterprise.id, d)
        return sorted(seen.values(), key=lambda d: (-d.postings, d.enterprise.name))[:limit]


def open_demand(session: Session, as_of: date) -> Demand:
    """Return the enterprises with open postings, by matched programme and by chain.

    Reads the stored match of each posting (``match["programmes"] = [{"code", "score", …}]``).
    Where no posting carries a match for a programme yet, enterprises with open postings in the
    programme's chains (the posting's chain, else the enterprise's) are suggested instead.
    """
    stmt = (
        select(Posting, Enterprise)
        .join(Enterprise, Enterprise.id == Posting.enterprise_id)
        .where(
            Posting.status == "open",
            Posting.deleted_at.is_(None),
            or_(Posting.valid_until.is_(None), Posting.valid_until >= as_of),
            Enterprise.status == "active",
        )
    )
    by_code: dict[str, dict[int, DemandMatch]] = defaultdict(dict)
    by_chain: dict[str, dict[int, DemandMatch]] = defaultdict(dict)
    for posting, enterprise in session.execute(stmt).all():
        for code, score in _programmes_of(posting.match):
            found = by_code[code].get(enterprise.id)
            if found is None:
                by_code[code][enterprise.id] = DemandMatch(enterprise, 1, score)
            else:
                found.postings += 1
                found.best_score = max(found.best_score, score)
        chain = posting.chain_override or posting.chain
        for key in [chain] if chain else list(enterprise.chains or []):
            held = by_chain[key].get(enterprise.id)
            if held is None:
                by_chain[key][enterprise.id] = DemandMatch(enterprise, 1, 0.0, "chain")
            else:
                held.postings += 1
    return Demand(
        by_programme={
            code: sorted(v.values(), key=lambda d: (-d.best_score, -d.postings, d.enterprise.name))
            for code, v in by_code.items()
        },
        by_chain={k: list(v.values()) for k, v in by_chain.items()},
        chains=programme_chains(session),
    )


def _programmes_of(match: Any) -> list[tuple[str, float]]:
    if not isinstance(match, dict):
        return []
    out = []
    for p in match.get("programmes") or []:
        if isinstance(p, dict) and isinstance(p.get("code"), str):
            try:
                score = float(p.get("score") or 0.0)
            except (TypeError, ValueError):
                score = 0.0
            out.append((p["code"], score))
    return out


def enterprise_by_name(session: Session, name: str) -> Enterprise | None:
    """Return the enterprise registered under ``name`` (or one of its short names)."""
    found = session.scalar(select(Enterprise).where(Enterprise.name == name))
    if found is not None:
        return found
    for ent in session.scalars(select(Enterprise)):
        if name in (ent.short_names or []):
            return ent
    return None


def enterprise_names(session: Session) -> dict[int, str]:
    """Return enterprise names by id."""
    return {i: n for i, n in session.execute(select(Enterprise.id, Enterprise.name))}
