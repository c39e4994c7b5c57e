"""API shapes of the Bay Area partnership: partners, agreements, activities, evidence, coverage."""

from __future__ import annotations

import datetime as dt
from datetime import date, datetime
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from vocmatch.kit.schema import Input, Patch
from vocmatch.partnerships import vocab

PartnerKind = Literal["college", "enterprise", "alliance", "group", "government"]
Region = Literal["bay_area", "ganzhou", "jiangxi", "other"]
AgreementType = Literal[
    "pairing",
    "joint_training",
    "articulation",
    "training_base",
    "order_class",
    "alliance_membership",
]
ActivityType = Literal[
    "five_commons_plan",
    "five_commons_curriculum",
    "five_commons_syllabus",
    "five_commons_textbook",
    "five_commons_evaluation",
    "teacher_practice",
    "technician_teaching",
    "student_internship",
    "exchange_visit",
    "alliance_meeting",
    "joint_enrolment",
]
Status = Literal["planned", "done"]
CellState = Literal["done", "planned", "missing"]

Key = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]{1,60}$")]
ProgrammeCode = Annotated[str, StringConstraints(pattern=r"^[0-9]{6}$")]
Text300 = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]
Notes = Annotated[str, StringConstraints(max_length=4000)]


def _web_link(v: str) -> str:
    """Only http(s) links: a ``javascript:`` URL must never reach an ``href``."""
    v = v.strip()
    if v and not (v.startswith("https://") or v.startswith("http://")):
        raise ValueError("must be an http:// or https:// link")
    return v


WebLink = Annotated[str, StringConstraints(max_length=500), AfterValidator(_web_link)]
Person = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


# --- partners ---------------------------------------------------------------------------------
class PartnerIn(Input):
    """A partner to create. ``key`` is generated when absent."""

    key: Key | None = None
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=200)]
    kind: PartnerKind
    region: Region
    city: Annotated[str, StringConstraints(max_length=100)] = ""
    enterprise_id: int | None = Field(
        default=None, description="The Enterprise record (same as demand) when kind=enterprise"
    )
    website: WebLink = ""
    notes: Notes = ""


class PartnerPatch(Patch):
    """Fields to change on a partner (absent = unchanged)."""

    nullable = frozenset({"enterprise_id"})

    name: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=200)]
        | None
    ) = None
    kind: PartnerKind | None = None
    region: Region | None = None
    city: Annotated[str, StringConstraints(max_length=100)] | None = None
    enterprise_id: int | None = None
    website: WebLink | None = None
    notes: Notes | None = None


class PartnerRef(BaseModel):
    """A partner as other objects show it."""

    id: int
    key: str
    name: str
    kind: str
    region: str


class PartnerOut(PartnerRef):
    model_config = ConfigDict(from_attributes=True)

    city: str
    enterprise_id: int | None
    enterprise_name: str = ""
    enterprise_is_leading: bool = False
    website: str
    notes: str


# --- agreements -------------------------------------------------------------------------------
class AgreementIn(Input):
    """An agreement to create between one of the caller's schools and a partner."""

    key: Key | None = None
    partner_id: int
    school_id: int
    type: AgreementType
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
    signed_on: date | None = None
    valid_until: date | None = None
    programmes: list[ProgrammeCode] = Field(default_factory=list, max_length=50)
    notes: Notes = ""


class AgreementPatch(Patch):
    """Fields to change on an agreement (absent = unchanged)."""

    nullable = frozenset({"signed_on", "valid_until"})

    partner_id: int | None = None
    type: AgreementType | None = None
    title: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
        | None
    ) = None
    signed_on: date | None = None
    valid_until: date | None = None
    programmes: list[ProgrammeCode] | None = Field(default=None, max_length=50)
    notes: Notes | None = None


class AgreementOut(BaseModel):
    id: int
    key: str
    partner: PartnerRef
    school_id: int
    school_code: str
    type: str
    title: str
    signed_on: date | None
    valid_until: date | None
    programmes: list[str]
    notes: str


# --- activities -------------------------------------------------------------------------------
class ActivityIn(Input):
    """An activity to record. Type-specific fields are checked by the service:

    - ``teacher_practice``: ``teacher_id`` (a teacher of the school), ``enterprise_id``, ``days``;
    - ``technician_teaching``: ``people`` (the technician), ``course``, ``hours``;
    - ``student_internship``: ``enterprise_id``, ``students``;
    - the five commons: at least one programme and one partner; visits, meetings and joint
      enrolment: at least one partner.

    ``title`` defaults to the type and programmes; ``key`` is generated when absent.
    """

    key: Key | None = None
    date: dt.date
    end_date: dt.date | None = None
    type: ActivityType
    school_id: int
    programmes: list[ProgrammeCode] = Field(default_factory=list, max_length=50)
    partner_ids: list[int] = Field(default_factory=list, max_length=50)
    status: Status = "done"
    title: Text300 = ""
    people: list[Person] = Field(default_factory=list, max_length=100)
    teacher_id: int | None = None
    enterprise_id: int | None = None
    days: int | None = Field(default=None, ge=1, le=366)
    hours: int | None = Field(default=None, ge=1, le=2000)
    students: int | None = Field(default=None, ge=1, le=5000)
    course: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] = ""
    evidence_url: WebLink = ""
    notes: Notes = ""


class ActivityPatch(Patch):
    """Fields to change on an activity (absent = unchanged; the result is re-validated whole)."""

    nullable = frozenset({"end_date", "teacher_id", "enterprise_id", "days", "hours", "students"})

    date: dt.date | None = None
    end_date: dt.date | None = None
    type: ActivityType | None = None
    programmes: list[ProgrammeCode] | None = Field(default=None, max_length=50)
    partner_ids: list[int] | None = Field(default=None, max_length=50)
    status: Status | None = None
    title: Text300 | None = None
    people: list[Person] | None = Field(default=None, max_length=100)
    teacher_id: int | None = None
    enterprise_id: int | None = None
    days: int | None = Field(default=None, ge=1, le=366)
    hours: int | None = Field(default=None, ge=1, le=2000)
    students: int | None = Field(default=None, ge=1, le=5000)
    course: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = None
    evidence_url: WebLink | None = None
    notes: Notes | None = None


class EvidenceOut(BaseModel):
    id: int
    filename: str
    content_type: str
    size: int
    sha256: str
    uploaded_by: str
    created_at: datetime
    url: str = Field(description="Download route (authorised; always an attachment)")


class ActivityOut(BaseModel):
    id: int
    key: str
    date: dt.date
    end_date: dt.date | None
    type: str
    school_id: int
    school_code: str
    programmes: list[str]
    partners: list[PartnerRef]
    status: str
    title: str
    people: list[str] = Field(description="Hidden from enterprise users (personal data)")
    teacher_id: int | None
    teacher_name: str = ""
    enterprise_id: int | None
    enterprise_name: str = ""
    days: int | None
    hours: int | None
    students: int | None
    course: str
    evidence_url: str
    notes: str
    evidence: list[EvidenceOut] = []
    practice_id: int | None = Field(
        default=None, description="The linked TeacherPractice row (teacher_practice, done)"
    )
    created_at: datetime
    updated_at: datetime


# --- coverage ---------------------------------------------------------------------------------
class MatrixCell(BaseModel):
    common: str
    state: CellState
    activity_ids: list[int] = []


class MatrixRow(BaseModel):
    school_id: int
    school_code: str
    programme_code: str
    programme_name: str
    flags: list[str] = Field(description="Featured flags of the offering (empty = not featured)")
    cells: list[MatrixCell]
    done: int


class MatrixOut(BaseModel):
    """The programme × five-commons matrix of the offerings of ``year``."""

    as_of: date
    year: int | None
    commons: list[str]
    rows: list[MatrixRow]
    done: int
    planned: int
    missing: int


class FeaturedGap(BaseModel):
    """What a featured programme (offering) still lacks: ``lacks`` lists the missing items."""

    school_code: str
    programme_code: str
    programme_name: str
    flags: list[str]
    five_commons_missing: list[str]
    five_commons_planned: list[str]
    bay_area_partners: list[str]
    leading_enterprises: list[str]
    lacks: list[str] = Field(description="five_commons | bay_area_partner | leading_enterprise")


class TypeYearCount(BaseModel):
    year: int
    type: str
    done: int
    planned: int


class PracticeDays(BaseModel):
    """Bay Area enterprise practice of one teacher in one year (both views of the fact)."""

    teacher_id: int
    teacher_name: str
    school_code: str
    year: int
    days: int
    periods: int
    from_activities: int = Field(description="Periods recorded as partnership activities")


class TimelineEntry(BaseModel):
    activity_id: int
    date: date
    type: str
    status: str
    title: str


class PartnerTimeline(BaseModel):
    partner: PartnerRef
    entries: list[TimelineEntry]


class IndicatorValueOut(BaseModel):
    """One plan indicator's value on ``as_of``.

    ``value`` is a count (``unit="count"``) or a share in 0–1 (``unit="share"``) equal to
    ``numerator / denominator``; ``target`` is in the same unit (None: the plan gives no number)
    and ``met`` says whether it is reached (None: unknown or not judged). ``source`` says where
    the value comes from: ``computed`` from the records, ``designations`` from designation
    records, ``unknown`` when no designation record exists (``value`` is then None).
    ``evidence`` lists the records behind the number, one line each; ``context`` what is on
    record but does not count.
    """

    key: str
    value: float | None
    unit: Literal["count", "share"]
    numerator: int
    denominator: int | None = None
    target: float | None
    met: bool | None
    as_of: date
    source: Literal["computed", "designations", "unknown"] = "computed"
    computed: float | None = None
    evidence: list[str] = []
    context: list[str] = []
    note: str = ""


class ImportResult(BaseModel):
    created: dict[str, int]
    updated: dict[str, int]
    unchanged: dict[str, int]


def _same(literal: object, values: tuple[str, ...]) -> None:
    # One vocabulary: the API's Literals must list exactly the values of ``vocab``.
    if get_args(literal) != values:
        raise AssertionError(f"{literal} differs from {values}")


_same(PartnerKind, vocab.PARTNER_KINDS)
_same(Region, vocab.REGIONS)
_same(AgreementType, vocab.AGREEMENT_TYPES)
_same(ActivityType, vocab.ACTIVITY_TYPES)
_same(Status, vocab.STATUSES)
