"""The facts one teacher is evaluated on, and the status that comes out (plain data, no logic)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


# --- facts in ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class QualificationFact:
    """A skill certificate, a teaching title (``professional_title``) or an industry title."""

    id: int | None
    kind: str  # skill_certificate | professional_title | industry_title
    name: str
    level: str = ""
    issuer: str = ""
    issued_on: date | None = None
    field: str = ""


@dataclass(frozen=True)
class WorkFact:
    """A period of employment in an enterprise (open-ended when ``end_date`` is None)."""

    id: int | None
    employer: str
    start_date: date
    end_date: date | None = None
    role: str = ""
    in_field: str = "unknown"  # yes | unknown (see ``field_method`` of the rule file)


@dataclass(frozen=True)
class PracticeFact:
    """An enterprise practice (企业实践) period and its certified days."""

    id: int | None
    enterprise_name: str
    start_date: date
    end_date: date
    days: int
    bay_area: bool = False
    in_field: str = "unknown"  # yes | unknown (see ``field_method`` of the rule file)


@dataclass(frozen=True)
class TeacherFacts:
    """Everything the rules read about one teacher."""

    teacher_id: int | None
    staff_no: str
    employment: str = "full_time"
    programme_code: str | None = None
    hired_on: date | None = None
    left_on: date | None = None
    has_teacher_certificate: bool = False
    teacher_certificate_on: date | None = None
    field_terms: frozenset[str] = frozenset()
    qualifications: tuple[QualificationFact, ...] = ()
    experience: tuple[WorkFact, ...] = ()
    practice: tuple[PracticeFact, ...] = ()
    practice_instructor: bool = False
    # The school's checks: (item id, verified on). Item ids are the rule file's ``unchecked`` ids,
    # or ``work:<id>`` / ``practice:<id>`` for a work or practice record found in the field.
    verified: tuple[tuple[str, date], ...] = ()

    def verified_on(self, item_id: str, as_of: date) -> bool:
        """True when the school verified ``item_id`` on or before ``as_of``."""
        return any(i == item_id and on <= as_of for i, on in self.verified)

    @property
    def route(self) -> str:
        """Return the route the teacher is evaluated by: full_time | part_time | practice_instructor."""
        if self.employment == "part_time":
            return "part_time"
        return "practice_instructor" if self.practice_instructor else "full_time"


# --- status out ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class FactRef:
    """A dated record that (partly) satisfies a requirement."""

    kind: str  # teacher_certificate | skill_certificate | professional_title | industry_title | experience | practice
    record_id: int | None
    on: date | None
    summary: str
    amount: float | None = None  # days of work or practice counted, a certificate level, a rank


@dataclass(frozen=True)
class Gap:
    """One way to meet a requirement that is not met yet, with the effort it takes (in days)."""

    rule_id: str
    kind: str  # teacher_certificate | skill_level | skill_field | skill_none | title_rank | title_field | title_none | teaching_title | work_days | practice_days
    have: float
    need: float
    effort_days: float
    near: bool  # a discrete one-step gap, or a quantity at least min_progress done
    facts: tuple[FactRef, ...] = ()
    # Work or practice records in the window whose field is not confirmed (``field_method``):
    # recorded, but not counted in ``have`` until the school verifies them (work:<id>, practice:<id>).
    unconfirmed: tuple[FactRef, ...] = ()

    @property
    def unconfirmed_days(self) -> float:
        """Return the days of the unconfirmed records (what confirming them would add at most)."""
        return sum(f.amount or 0 for f in self.unconfirmed)


@dataclass(frozen=True)
class Missing:
    """A requirement of the level that is not met and its options (cheapest first)."""

    rule_id: str
    options: tuple[Gap, ...]

    @property
    def effort_days(self) -> float:
        """Return the effort of the cheapest option."""
        return self.options[0].effort_days

    @property
    def near(self) -> bool:
        """True when one of the options is almost met."""
        return any(g.near for g in self.options)


@dataclass(frozen=True)
class Status:
    """A teacher's status on ``as_of`` under one rule-set version."""

    as_of: date
    rule_set: str
    counted: bool  # in the basis (the share's denominator) on as_of
    basis_reason: str  # "" when counted, else part_time | no_programme | not_employed
    level: str | None  # junior | intermediate | senior, or None
    rule_id: str  # the highest level rule met, else the entry level's rule
    met: tuple[str, ...]  # requirement ids met (alternatives included)
    facts: tuple[FactRef, ...]  # the dated records behind ``met``
    missing: tuple[Missing, ...]  # to the entry level when not qualified, else to the next level
    next_rule_id: str | None = None  # the level ``missing`` refers to
    route: str = "full_time"
    # Eligible pending verification (待核实): the records meet ``pending_level`` but required items
    # are not verified yet (``pending_items``). The teacher is never shown at that level.
    pending_level: str | None = None
    pending_items: tuple[str, ...] = ()

    @property
    def qualified(self) -> bool:
        """True when at least the entry level is met and verified (eligible)."""
        return self.level is not None

    @property
    def pending(self) -> bool:
        """True when a level is met on the records but waits for the school's verification."""
        return self.pending_level is not None

    @property
    def effort_days(self) -> float:
        """Return the effort to meet the level ``missing`` refers to (cheapest options)."""
        return sum(m.effort_days for m in self.missing)

    @property
    def near(self) -> bool:
        """True when counted, not qualified, and exactly one requirement, almost met, is missing."""
        return (
            self.counted
            and not self.qualified
            and not self.pending
            and len(self.missing) == 1
            and self.missing[0].near
        )
