"""API shapes of postings. Inputs forbid unknown fields: server-set ones (id, source, chain, match
scores, model version, deletion, the owner for enterprise users) are refused with 422 naming them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from vocmatch.enterprises.credit_code import checked_credit_code
from vocmatch.kit.schema import Input, Patch
from vocmatch.kit.tables import ImportReport

PostingType = Literal["hire", "internship", "order_class", "apprenticeship"]
Education = Literal["初中", "中职", "高中", "大专", "本科", "不限"]
# "expired" is set by the server from valid_until; clients may open, fill or close a posting.
ClientStatus = Literal["open", "filled", "closed"]
ChainOrNone = Literal["rare_earth", "tungsten", "new_energy", "intelligent_equipment", "none"]

EXAMPLE: dict[str, Any] = {
    "external_id": "HR-2026-000123",
    "enterprise_credit_code": "91360700MA35AB12C1",
    "enterprise_name": "赣州稀土集团有限公司",
    "title": "稀土萃取工",
    "description": "负责萃取槽操作，串级萃取分离稀土，记录工艺参数。",
    "skills": ["萃取", "分离"],
    "headcount": 10,
    "education": "中职",
    "type": "hire",
    "location": "赣州高新区",
    "salary_min": 4000,
    "salary_max": 6500,
    "valid_from": "2026-09-01",
    "valid_until": "2027-03-31",
    "status": "open",
}


class PostingFields(Input):
    """What a client may write about a posting."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str = Field(min_length=1, max_length=200, examples=["数控车工"])
    description: str = Field(default="", max_length=5000)
    skills: list[str] = Field(default_factory=list, max_length=50)
    headcount: int = Field(default=1, ge=1, le=10000)
    education: Education = "不限"
    type: PostingType = "hire"
    location: str = Field(default="", max_length=100)
    salary_min: int | None = Field(default=None, ge=0, le=1_000_000)
    salary_max: int | None = Field(default=None, ge=0, le=1_000_000)
    valid_from: date | None = None
    valid_until: date | None = None
    status: ClientStatus = "open"

    @field_validator("skills")
    @classmethod
    def _skills(cls, v: list[str]) -> list[str]:
        out = [s.strip() for s in v if s.strip()]
        if any(len(s) > 50 for s in out):
            raise PydanticCustomError("skill_length", "each skill must have at most 50 characters")
        return out

    @model_validator(mode="after")
    def _ranges(self) -> PostingFields:
        if (
            self.salary_min is not None
            and self.salary_max is not None
            and self.salary_min > self.salary_max
        ):
            raise PydanticCustomError("salary_order", "salary_min is greater than salary_max")
        if self.valid_from and self.valid_until and self.valid_from > self.valid_until:
            raise PydanticCustomError("valid_order", "valid_from is after valid_until")
        return self


CLIENT_FIELDS = tuple(PostingFields.model_fields)
"""The posting fields a client writes (title … status), in the model's order."""
MATCH_FIELDS = ("chain", "chain_score", "match", "model_version", "matched_at")
"""The posting columns the matcher writes."""


class PostingCreate(PostingFields):
    """A new posting. Staff and the platform name the enterprise; enterprise users may not."""

    enterprise_id: int | None = Field(
        default=None, description="Required for admin/platform; refused for enterprise users"
    )
    external_id: str | None = Field(
        default=None, min_length=1, max_length=100, description="Generated when omitted"
    )


class PostingPatch(Patch):
    """A partial update of a posting's client fields."""

    nullable = frozenset({"salary_min", "salary_max", "valid_from", "valid_until"})

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=5000)
    skills: list[str] | None = Field(default=None, max_length=50)
    headcount: int | None = Field(default=None, ge=1, le=10000)
    education: Education | None = None
    type: PostingType | None = None
    location: str | None = Field(default=None, max_length=100)
    salary_min: int | None = Field(default=None, ge=0, le=1_000_000)
    salary_max: int | None = Field(default=None, ge=0, le=1_000_000)
    valid_from: date | None = None
    valid_until: date | None = None
    status: ClientStatus | None = None


class BatchItem(PostingFields):
    """One posting of a batch: upserted by (source ``api``, ``external_id``)."""

    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, json_schema_extra={"examples": [EXAMPLE]}
    )

    external_id: str = Field(min_length=1, max_length=100)
    enterprise_credit_code: str | None = Field(
        default=None, description="统一社会信用代码; wins over the name when both are given"
    )
    enterprise_name: str | None = Field(
        default=None,
        min_length=2,
        max_length=200,
        description="Legal or short name; unknown names become pending enterprises",
    )
    undelete: bool = Field(
        default=False,
        description="Restore a posting that was deleted: without it, re-sending a deleted "
        "external_id is refused (422) instead of bringing the posting back silently",
    )

    @field_validator("enterprise_credit_code")
    @classmethod
    def _credit(cls, v: str | None) -> str | None:
        return checked_credit_code(v)

    @model_validator(mode="after")
    def _enterprise(self) -> BatchItem:
        if not self.enterprise_credit_code and not self.enterprise_name:
            raise PydanticCustomError(
                "enterprise_named", "give enterprise_credit_code or enterprise_name"
            )
        return self


class BatchIn(Input):
    """Up to 1,000 postings, written all together or not at all."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"items": [EXAMPLE]}]}
    )

    items: list[BatchItem] = Field(min_length=1, max_length=1000)


class BatchItemResult(BaseModel):
    index: int
    external_id: str
    id: int
    result: Literal["created", "updated", "unchanged"]
    enterprise_id: int
    chain: str | None


class PendingEnterprise(BaseModel):
    id: int
    name: str
    credit_code: str | None
    items: list[int] = Field(description="Indexes of the batch items that named it")


class BatchOut(BaseModel):
    created: int
    updated: int
    unchanged: int
    items: list[BatchItemResult]
    pending_enterprises: list[PendingEnterprise] = Field(
        description="Enterprises created as pending because no registered one matched the name"
    )
    model_version: str | None


class Correction(Input):
    """A person's correction of a posting's chain and/or occupation (null clears it)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"chain": "tungsten", "occupation_code": "6-17-07-01"}]},
    )

    chain: ChainOrNone | None = None
    occupation_code: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description="The 2022 occupation's code, or its name (resolved in the catalogue)",
    )
    note: str = Field(default="", max_length=500)


class PostingFilter(BaseModel):
    """Which live postings a list shows (all by default)."""

    enterprise_id: int | None = None
    status: str | None = None
    chain: str | None = None
    type: str | None = None
    q: str | None = None


class PostingOut(BaseModel):
    """A posting as clients read it: the person's correction wins over the model's chain."""

    id: int
    enterprise_id: int
    source: str
    external_id: str
    title: str
    description: str
    skills: list[str]
    headcount: int
    education: str
    type: str
    location: str
    salary_min: int | None
    salary_max: int | None
    valid_from: date | None
    valid_until: date | None
    status: str = Field(description="open | filled | closed | expired (open past valid_until)")
    deleted: bool = Field(description="True for a tombstone: the posting was deleted")
    chain: str | None = Field(
        description="Effective chain: the correction if any, else the model's"
    )
    chain_score: float | None
    chain_corrected: bool
    occupation_override: str | None
    model_version: str | None
    matched_at: datetime | None
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None


class SyncPage(BaseModel):
    """A page of the change feed; keep ``next_cursor`` and pass it back to get later changes."""

    items: list[PostingOut]
    next_cursor: str = Field(description="Pass back as cursor; always present (poll with it)")
    has_more: bool = Field(description="True when more changes are waiting right now")


class ProgrammeMatch(BaseModel):
    code: str
    name: str
    score: float
    evidence: Any = None
    schools: list[SchoolSupply] = Field(default_factory=list)


class SchoolSupply(BaseModel):
    school_id: int
    school_code: str
    school_name: str
    year: int
    graduates_per_year: int


class OccupationMatch(BaseModel):
    code: str
    name: str
    score: float
    evidence: Any = None
    corrected: bool = False


class PostingMatches(BaseModel):
    posting_id: int
    chain: str | None
    chain_corrected: bool
    chains: list[dict[str, Any]]
    occupations: list[OccupationMatch]
    programmes: list[ProgrammeMatch]
    model_version: str | None
    matched_at: datetime | None


class EnterpriseProgramme(BaseModel):
    code: str
    name: str
    score: float = Field(description="Headcount-weighted score over the enterprise's open postings")
    headcount: int
    postings: int
    schools: list[SchoolSupply]


class EnterpriseMatches(BaseModel):
    enterprise_id: int
    open_postings: int
    headcount: int
    programmes: list[EnterpriseProgramme]


class DemandPosting(BaseModel):
    id: int
    enterprise_id: int
    enterprise_name: str
    title: str
    headcount: int
    type: str
    chain: str | None
    score: float
    rank: int


class ProgrammeDemand(BaseModel):
    code: str
    name: str
    postings: int
    headcount: int
    by_chain: dict[str, int]
    by_type: dict[str, int]
    graduates_per_year: int
    top_postings: list[DemandPosting]


ProgrammeMatch.model_rebuild()


class ImportOut(ImportReport):
    """What a postings import found (dry run) or wrote."""

    filename: str
    format: str
    encoding: str | None
    columns: dict[str, str] = Field(description="File header → posting field")
    ignored_columns: list[str]
    pending_enterprises: list[str] = Field(description="Unknown names that become pending")
    skipped_rows: list[int] = Field(default_factory=list)
