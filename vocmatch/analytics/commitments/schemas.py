"""API shapes of plan periods, milestones and designation records."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from vocmatch.analytics.schemas import Citation, Indicator
from vocmatch.kit.schema import Day, Input

Kind = Literal[
    "vocational_education_group",
    "industry_education_training_base",
    "quality_programme",
    "featured_programme",
    "quality_school",
    "school_grade",
    "dual_qualified_training_base",
    "teaching_innovation_team",
    "teacher_practice_base",
    "productive_training_base",
]
Level = Literal["district", "municipal", "provincial", "national"]
MilestoneStatus = Literal["not_started", "in_progress", "done"]


class PeriodOut(BaseModel):
    """A plan period and where it stands today."""

    id: str = Field(description="The plan file's id (data/plans/<id>.yaml)")
    name_zh: str
    name_en: str
    issued_by: str
    issued: date | None
    start: date
    deadline: date
    status: Literal["upcoming", "running", "finished"]
    current: bool = Field(description="The period the dashboard shows")
    indicators: int
    milestones: int
    source_text: str = Field(description="The plan's text the quotes are checked against")


class CommitmentOut(BaseModel):
    """One commitment of the plan: an indicator (a number) or a milestone."""

    key: str
    type: Literal["indicator", "milestone"]
    name_zh: str
    name_en: str
    clause: str
    quote: str
    also: list[Citation] = []
    nature: str
    interpreted: bool
    note_zh: str
    note_en: str
    deadline: date
    target: float | None = None
    unit: str = ""


class PeriodDetail(PeriodOut):
    commitments: list[CommitmentOut]


class EvidenceFileOut(BaseModel):
    filename: str
    content_type: str
    size: int | None
    url: str


class MilestoneIn(Input):
    """A milestone's status on a date (evidence file optional, note required)."""

    status: MilestoneStatus
    as_of: Day
    note: str = Field(min_length=3, max_length=2000)


class MilestoneOut(BaseModel):
    """A milestone with its latest recorded status on the day (unknown without a record)."""

    key: str
    name_zh: str
    name_en: str
    clause: str
    quote: str
    nature: str
    interpreted: bool
    note_zh: str
    note_en: str
    deadline: date
    see: str
    status: Literal["not_started", "in_progress", "done", "unknown"]
    as_of: date | None
    note: str = ""
    entered_by: str = ""
    evidence: EvidenceFileOut | None = None
    records: int = Field(description="How many status records exist (all dates)")
    designations: list[str] = Field(
        default=[], description="Designation records of the milestone's kinds (evidence)"
    )


class DesignationIn(Input):
    """A designation record: what was designated, by whom, with which document."""

    kind: Kind
    level: Level
    title: str = Field(min_length=2, max_length=300)
    issuing_body: str = Field(min_length=2, max_length=200)
    document_number: str = Field(min_length=2, max_length=100)
    issued_on: Day
    school_code: str | None = Field(default=None, pattern=r"^[A-Z0-9_-]{2,20}$")
    programme_code: str = Field(default="", pattern=r"^$|^[0-9]{6}$")
    holder: str = Field(default="", max_length=200)
    notes: str = Field(default="", max_length=2000)


class DesignationOut(BaseModel):
    id: int
    kind: str
    level: str
    title: str
    issuing_body: str
    document_number: str
    issued_on: date
    school_code: str | None
    programme_code: str
    holder: str
    notes: str
    sample: bool
    entered_by: str
    evidence: EvidenceFileOut | None


class FinalReport(BaseModel):
    """A period judged at its deadline: every indicator and milestone met, missed or unknown."""

    period: PeriodOut
    indicators: list[Indicator]
    milestones: list[MilestoneOut]
    met: int
    missed: int
    unknown: int
