"""API shapes of teachers, their dated records, statuses, shares, projections and action lists."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from vocmatch.kit.schema import Input, Patch
from vocmatch.teachers.identity import id_card_error

Employment = Literal["full_time", "part_time"]
Level = Literal["junior", "intermediate", "senior"]
PostType = Literal["fixed", "flexible", ""]
Direction = Literal["enterprise_to_school", "school_to_enterprise"]
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
    practice_instructor: bool = Field(default=False, description="实习指导教师 (own route)")
    post_type: PostType = Field(default="", description="fixed 固定岗 | flexible 流动岗 | ''")

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
    practice_instructor: bool | None = None
    post_type: PostType | None = None

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


class RecognitionIn(Input):
    """A recognition (认定) of dual-qualified status granted by an education authority."""

    model_config = ConfigDict(extra="forbid")
    level: Level
    recognised_on: date
    issuer: str = Field(min_length=1, max_length=200, examples=["赣州市教育局"])
    document_no: str = Field(min_length=1, max_length=100, examples=["赣市教字〔2026〕12号"])
    evidence: str = Field(
        default="", max_length=500, description="Where the document is kept (optional)"
    )


class VerificationIn(Input):
    """The school verified an item the records cannot show (an ``unchecked`` id of the rule
    file, or ``work:<id>`` / ``practice:<id>``: the record is in the field)."""

    model_config = ConfigDict(extra="forbid")
    item_id: str = Field(min_length=1, max_length=40, examples=["J-ETHICS"])
    verified_on: date
    verified_by: str = Field(default="", max_length=200)
    note: str = Field(default="", max_length=2000)


class AppointmentIn(Input):
    """A mutual appointment (校企互聘) of this teacher."""

    model_config = ConfigDict(extra="forbid")
    direction: Direction
    enterprise_name: str = Field(min_length=1, max_length=200)
    role: str = Field(default="", max_length=200)
    start_date: date
    end_date: date | None = None
    bay_area_technical_staff: bool = Field(
        default=False, description="粤港澳大湾区企业技术骨干到学校从教 (enterprise_to_school only)"
    )
    document_no: str = Field(default="", max_length=100)


# --- records out ---------------------------------------------------------------------------------
class _Stored(BaseModel):
    """A stored record as the API shows it: what was entered (the ``…In`` it is mixed into, which
    comes second among the bases so that its fields come first), then its id."""

    model_config = ConfigDict(from_attributes=True)
    id: int


class RecognitionOut(_Stored, RecognitionIn):
    is_sample: bool


class VerificationOut(_Stored, VerificationIn):
    pass


class AppointmentOut(_Stored, AppointmentIn):
    teacher_id: int
    enterprise_id: int | None
    is_sample: bool


class QualificationOut(_Stored, QualificationIn):
    pass


class ExperienceOut(_Stored, ExperienceIn):
    pass


class PracticeOut(_Stored):
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
    unconfirmed: list[FactOut] = Field(
        default=[],
        description="Work or practice records whose field is not confirmed (not counted in "
        "`have`); the school confirms each with a verification work:<id> / practice:<id>",
    )
    unconfirmed_days: float = 0


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
    route: str = Field(
        default="full_time", description="full_time | part_time | practice_instructor"
    )
    pending_level: str | None = Field(
        default=None,
        description="Eligible pending verification (待核实) at this level: never shown at it",
    )
    pending_items: list[str] = Field(default_factory=list)
    pending_labels: list[str] = Field(default_factory=list)
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
    level: str | None = Field(description="Eligible level on the records (not recognition)")
    counted: bool
    near: bool
    lapsed: bool
    effort_days: float
    pending: bool = Field(default=False, description="Eligible pending verification (待核实)")
    recognised_level: str | None = Field(default=None, description="Recognised (认定) level")
    recognised_on: date | None = None
    pipeline: bool = Field(default=False, description="Eligible, counted, not recognised")
    post_type: str = ""
    practice_instructor: bool = False


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
    practice_instructor: bool = False
    post_type: str = ""
    recognitions: list[RecognitionOut] = Field(default_factory=list)
    recognised_level: str | None = None
    pipeline: bool = False
    verifications: list[VerificationOut] = Field(default_factory=list)
    appointments: list[AppointmentOut] = Field(default_factory=list)


# --- aggregates (never names) --------------------------------------------------------------------
class ShareOut(BaseModel):
    """The dual-qualified share: ``value`` = numerator / denominator, a fraction in [0, 1].

    ``numerator`` counts RECOGNISED teachers (认定 records) of the basis (``denominator``:
    专业课教师); ``eligible`` those the rules find eligible on the records, ``pipeline`` the
    eligible ones not recognised yet, ``pending_verification`` those eligible pending the school's
    verification (待核实) and not recognised."""

    value: float
    numerator: int = Field(description="Recognised teachers (认定) in the basis")
    denominator: int = Field(
        description="The basis: full-time teachers of a programme (专业课教师)"
    )
    as_of: date
    rule_set_version: str
    standard: str = Field(default="", description="The eligibility standard the district selected")
    target: float = Field(description="The plan's target share (0.5)")
    teachers_short: int = Field(
        description="More teachers to be recognised to reach the target now"
    )
    eligible: int = Field(default=0, description="Eligible on the records (recognised or not)")
    pipeline: int = Field(default=0, description="Eligible, not recognised yet")
    pending_verification: int = Field(
        default=0, description="Eligible pending verification (待核实), not recognised"
    )


class GroupShareOut(BaseModel):
    """The share within one school, programme or chain."""

    key: str
    name: str
    value: float
    numerator: int
    denominator: int
    teachers_short: int
    pipeline: int = Field(default=0, description="Eligible, not recognised yet")


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
    numerator: int = Field(description="Recognised teachers in the basis")
    denominator: int
    eligible: int | None = Field(default=None, description="Eligible teachers in the basis")


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
    step: Literal["apply_recognition", "verify", "close_gap"] = Field(
        default="close_gap",
        description="apply_recognition: eligible, not recognised (the pipeline); verify: eligible "
        "pending the school's verification; close_gap: a requirement is missing",
    )


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


class ProseOut(BaseModel):
    """An explanation of the data files (interpretation, citation) in Chinese and English."""

    zh: str = ""
    en: str = ""


class RuleSetOut(BaseModel):
    """The rule set in force."""

    version: str
    path: str
    name: str
    source: str
    target: float
    target_date: date
    levels: list[dict[str, object]] = Field(
        description="Every level of every route (full_time, part_time, practice_instructor); "
        "`interpretation` is the product's interpretation, `product_threshold` a number the "
        "product chose itself"
    )
    jurisdiction: str = "national"
    assumption: ProseOut = Field(
        default=ProseOut(), description="What this rule set assumes rather than quotes"
    )
    field_method: ProseOut = Field(
        default=ProseOut(), description="How work and practice are judged in-field"
    )


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


# --- practice obligations ------------------------------------------------------------------------
class ObligationRuleOut(BaseModel):
    """An enterprise-practice obligation the district checks (``teachers_district.yaml``)."""

    key: Literal["national", "bay_area"]
    name: str
    min_days: int
    window_years: int
    bay_area_only: bool
    source: ProseOut
    quote: str
    set_by: Literal["standard", "district"]
    interpretation: ProseOut
    effective_from: date | None = Field(
        default=None,
        description="The day the obligation took effect: earlier hires count their first window "
        "from here",
    )


class ObligationRow(BaseModel):
    """A teacher against one obligation (names: admins and the school's planners only)."""

    teacher_id: int
    staff_no: str
    name: str
    school_code: str
    programme_code: str | None
    programme_name: str
    rule: Literal["national", "bay_area"]
    status: Literal["ok", "due_soon", "overdue", "first_period"] = Field(
        description="overdue: short of min_days in the window after the first window since "
        "hiring; due_soon: lapses (or the first window ends) within due_within_days; "
        "first_period: not met yet, first window still open; ok: met beyond the horizon"
    )
    days_in_window: int
    min_days: int
    window_years: int
    days_short: int
    due_on: date | None = Field(description="The day it falls due without new practice")
    overdue_since: date | None


class ObligationsOut(BaseModel):
    """Where the teachers of the basis stand against each practice obligation on ``as_of``."""

    as_of: date
    scope: str
    configured: bool = Field(description="False when the district file sets no obligation")
    due_within_days: int
    applies_to: ProseOut
    rules: list[ObligationRuleOut]
    counts: dict[str, dict[str, int]] = Field(description="Per rule: teachers per status")
    items: list[ObligationRow]
