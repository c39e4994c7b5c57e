"""API shapes of teachers, their dated records, statuses, shares, projections and action lists."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from vocmatch.kit.schema import Input, Patch
from vocmatch.teachers.identity import id_card_error

Employment = Literal["full_time", "part_time"]
QualificationKind = Literal["skill_certificate", "professional_title", "industry_title"]


# --- records in ----------------------------------------------------------------------------------
class TeacherIn(Input):
    """A teacher as a school enters it. ``id_card`` is hashed and masked, never stored."""

    model_config = ConfigDict(extra="forbid")
    school_code: str = Field(min_length=1, max_length=20)
    staff_no: str = Field(min_length=1, max_length=40, examples=["GXZZ-T0001"])
    name: str = Field(min_length=1, max_length=100)
    gender: str = Field(default="", max_length=10)
    birth_year: int | None = Field(default=None, ge=1940, le=2015)
    id_card: str = Field(
        default="", description="18-character ID number; only a hash and a mask are kept"
    )
    programme_code: str | None = Field(default=None, pattern=r"^[0-9]{6}$")
    subject_area: str = Field(default="", max_length=100)
    employment: Employment = "full_time"
    source_enterprise: str = Field(default="", description="Enterprise name (part-time teachers)")
    hired_on: date | None = None
    left_on: date | None = None
    has_teacher_certificate: bool = False
    teacher_certificate_no: str = Field(default="", max_length=60)
    teacher_certificate_on: date | None = None

    @field_validator("id_card")
    @classmethod
    def _id_card(cls, v: str) -> str:
        if v.strip() and (err := id_card_error(v)):
            raise ValueError(f"invalid ID number: {err}")
        return v.strip().upper()


class TeacherPatch(Patch):
    """Fields to change; absent fields stay as they are."""

    nullable = frozenset(
        {
            "birth_year",
            "programme_code",
            "hired_on",
            "left_on",
            "teacher_certificate_on",
            "id_card",
            "source_enterprise",
        }
    )

    model_config = ConfigDict(extra="forbid")
    name: str | None = Field(default=None, min_length=1, max_length=100)
    gender: str | None = Field(default=None, max_length=10)
    birth_year: int | None = Field(default=None, ge=1940, le=2015)
    id_card: str | None = None
    programme_code: str | None = Field(default=None, pattern=r"^([0-9]{6})?$")
    subject_area: str | None = Field(default=None, max_length=100)
    employment: Employment | None = None
    source_enterprise: str | None = None
    hired_on: date | None = None
    left_on: date | None = None
    has_teacher_certificate: bool | None = None
    teacher_certificate_no: str | None = Field(default=None, max_length=60)
    teacher_certificate_on: date | None = None

    @field_validator("id_card")
    @classmethod
    def _id_card(cls, v: str | None) -> str | None:
        if v and v.strip() and (err := id_card_error(v)):
            raise ValueError(f"invalid ID number: {err}")
        return v.strip().upper() if v is not None else None


class QualificationIn(Input):
    """A skill certificate (level 5…1), a teaching title or an industry title."""

    model_config = ConfigDict(extra="forbid")
    kind: QualificationKind
    name: str = Field(min_length=1, max_length=200)
    level: str = Field(default="", max_length=30, examples=["4", "intermediate", "讲师"])
    issuer: str = Field(default="", max_length=200)
    issued_on: date | None = None
    field: str = Field(default="", max_length=100, examples=["数控车工"])


class ExperienceIn(Input):
    """A period of enterprise work."""

    model_config = ConfigDict(extra="forbid")
    employer: str = Field(min_length=1, max_length=200)
    role: str = Field(default="", max_length=200)
    start_date: date
    end_date: date | None = None


class PracticeIn(Input):
    """An enterprise practice period (企业实践)."""

    model_config = ConfigDict(extra="forbid")
    enterprise_name: str = Field(min_length=1, max_length=200)
    start_date: date
    end_date: date
    days: int = Field(ge=1, le=3650)
    bay_area: bool | None = Field(
        default=None, description="Defaults to the enterprise's location when it is registered"
    )
    content: str = Field(default="", max_length=2000)


# --- records out ---------------------------------------------------------------------------------
class QualificationOut(QualificationIn):
    model_config = ConfigDict(from_attributes=True)
    id: int


class ExperienceOut(ExperienceIn):
    model_config = ConfigDict(from_attributes=True)
    id: int


class PracticeOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    enterprise_name: str
    enterprise_id: int | None
    start_date: date
    end_date: date
    days: int
    bay_area: bool
    content: str
    activity_id: int | None = Field(
        description="The Bay Area partnership activity it was recorded as"
    )


class FactOut(BaseModel):
    """A dated record behind a status."""

    kind: str
    record_id: int | None
    on: date | None
    summary: str
    amount: float | None


class GapOut(BaseModel):
    """One way to meet a missing requirement."""

    rule_id: str
    label: str
    kind: str
    have: float
    need: float
    effort_days: float
    near: bool
    facts: list[FactOut]


class MissingOut(BaseModel):
    """A requirement not met yet and the ways to meet it, cheapest first."""

    rule_id: str
    label: str
    effort_days: float
    options: list[GapOut]


class StatusOut(BaseModel):
    """Why a teacher counts or not on ``as_of``, under rule set ``rule_set``."""

    as_of: date
    rule_set: str
    counted: bool = Field(description="In the share's basis (full-time programme teachers)")
    basis_reason: str
    level: str | None = Field(description="junior | intermediate | senior, or null")
    rule_id: str = Field(description="The level rule that was met (the entry level's when none)")
    rule_name: str
    met: list[str]
    met_labels: list[str]
    facts: list[FactOut]
    missing: list[MissingOut]
    next_rule_id: str | None
    next_rule_name: str | None
    unchecked: list[str] = Field(
        description="Parts of the standard with no data: the school checks"
    )
    effort_days: float
    near: bool
    last_qualified_on: date | None = Field(
        default=None, description="Lapsed: the last month end it was met (within the near window)"
    )


class TeacherSummary(BaseModel):
    """A row of the roster."""

    id: int
    staff_no: str
    name: str
    school_code: str
    programme_code: str | None
    programme_name: str
    subject_area: str
    employment: str
    level: str | None
    counted: bool
    near: bool
    lapsed: bool
    effort_days: float


class TeacherOut(BaseModel):
    """A teacher's record and status."""

    id: int
    school_code: str
    school_name: str
    staff_no: str
    name: str
    gender: str
    birth_year: int | None
    id_card_mask: str
    programme_code: str | None
    programme_name: str
    subject_area: str
    employment: str
    source_enterprise: str
    hired_on: date | None
    left_on: date | None
    has_teacher_certificate: bool
    teacher_certificate_no: str
    teacher_certificate_on: date | None
    qualifications: list[QualificationOut]
    experience: list[ExperienceOut]
    practice: list[PracticeOut]
    status: StatusOut


# --- aggregates (never names) --------------------------------------------------------------------
class ShareOut(BaseModel):
    """The dual-qualified share: ``value`` = numerator / denominator, a fraction in [0, 1]."""

    value: float
    numerator: int
    denominator: int
    as_of: date
    rule_set_version: str
    target: float = Field(description="The plan's target share (0.5)")
    teachers_short: int = Field(description="More teachers needed to reach the target now")


class GroupShareOut(BaseModel):
    """The share within one school, programme or chain."""

    key: str
    name: str
    value: float
    numerator: int
    denominator: int
    teachers_short: int


class SharesOut(BaseModel):
    """The district share and its breakdown."""

    by: Literal["school", "programme", "chain"]
    district: ShareOut
    groups: list[GroupShareOut]
    note: str = ""


class SharePoint(BaseModel):
    """The share on one date of the monthly history."""

    month: str = Field(examples=["2026-11"])
    as_of: date
    value: float
    numerator: int
    denominator: int


class ProjectionOut(BaseModel):
    """The trend and where it leads (``model`` states how)."""

    scope: str
    as_of: date
    rule_set_version: str
    model: str
    fit_months: int
    current: ShareOut
    pace_per_month: float = Field(description="Share points (fraction) gained per month")
    pace_teachers_per_month: float = Field(description="Dual-qualified teachers gained per month")
    target: float
    target_date: date
    target_status: Literal["met", "missed", "on_track", "behind"]
    share_on_target_date: float
    share_on_target_date_is_actual: bool
    reach_date: date | None = Field(description="When the target is reached at the current pace")
    chosen_date: date
    projected_on_chosen_date: float
    teachers_per_month_needed: float = Field(
        description="Teachers who must qualify per month to reach the target by chosen_date"
    )
    months_to_chosen_date: int
    history: list[SharePoint]
    projection: list[SharePoint]


class EnterpriseSuggestion(BaseModel):
    """An enterprise whose open demand matches the teacher's programme: a place to practise."""

    enterprise_id: int
    name: str
    location_kind: str
    bay_area: bool
    postings: int
    best_score: float
    basis: Literal["posting_match", "chain"] = Field(
        description="posting_match: open postings matched to the programme; chain: open postings "
        "in the programme's chain (used while no posting carries a match for it)"
    )


class ActionOut(BaseModel):
    """A near-qualified teacher (or a step of the plan) and how to close the gap."""

    teacher: TeacherSummary
    gaps: list[GapOut] = Field(
        description="Per missing requirement: the cheapest way to meet it, then any almost-met way"
    )
    effort_days: float
    lapsed_on: date | None
    suggestions: list[EnterpriseSuggestion]
    share_after: float | None = None


class ActionPlanOut(BaseModel):
    """The near-qualified list and the shortest list of actions that reaches the target."""

    scope: str
    as_of: date
    rule_set_version: str
    current: ShareOut
    near_qualified: list[ActionOut]
    plan: list[ActionOut]
    plan_reaches_target: bool
    plan_effort_days: float


class RuleSetOut(BaseModel):
    """The rule set in force."""

    version: str
    path: str
    name: str
    source: str
    target: float
    target_date: date
    levels: list[dict[str, object]]


class ImportRowError(BaseModel):
    """Why a row of an import cannot be written."""

    sheet: str
    row: int
    column: str
    message: str


class ImportPreview(BaseModel):
    """What an import would do (``written`` false) or did (``written`` true)."""

    school_code: str
    written: bool
    teachers_created: list[str]
    teachers_updated: list[str]
    teachers_unchanged: list[str]
    records: dict[str, int]
    errors: list[ImportRowError]
