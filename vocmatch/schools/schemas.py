"""API shapes of schools, their offerings and the offerings' partner enterprises."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from vocmatch.kit.schema import Input, Patch

PARTNER_KINDS = (
    "order_class",
    "apprenticeship",
    "training_base",
    "curriculum",
    "internship",
    "other",
)


class SchoolOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    name: str
    short_name: str
    kind: str
    address: str
    founded_year: int | None


class OfferingFields(Input):
    """The editable figures and flags of an offering."""

    intake_plan: int = Field(ge=0, le=5000, description="招生计划: places per year")
    enrolled: int = Field(ge=0, le=20000, description="在校生")
    graduates_per_year: int = Field(ge=0, le=5000, description="Expected graduates per year")
    key_demonstration: bool = False
    characteristic: bool = False
    provincial_quality: bool = False
    since_year: int | None = Field(default=None, ge=1950, le=2100)
    school_courses: str = Field(
        default="", max_length=4000, description="School-based courses / specialisation, one a line"
    )


class OfferingIn(OfferingFields):
    programme_code: str = Field(pattern=r"^[0-9]{6}$", examples=["660103"])
    year: int = Field(ge=2000, le=2100)


class OfferingPatch(Patch):
    nullable = frozenset({"since_year"})
    intake_plan: int | None = Field(default=None, ge=0, le=5000)
    enrolled: int | None = Field(default=None, ge=0, le=20000)
    graduates_per_year: int | None = Field(default=None, ge=0, le=5000)
    key_demonstration: bool | None = None
    characteristic: bool | None = None
    provincial_quality: bool | None = None
    since_year: int | None = Field(default=None, ge=1950, le=2100)
    school_courses: str | None = Field(default=None, max_length=4000)


class PartnerIn(Input):
    enterprise_name: str = Field(min_length=2, max_length=200)
    kind: str = Field(pattern="^(" + "|".join(PARTNER_KINDS) + ")$")
    since_year: int | None = Field(default=None, ge=1950, le=2100)
    notes: str = Field(default="", max_length=500)


class PartnerOut(BaseModel):
    id: int
    enterprise_id: int
    enterprise_name: str
    is_leading: bool
    kind: str
    since_year: int | None
    notes: str


class OfferingOut(OfferingIn):
    id: int
    school_code: str
    programme_name: str
    partners: list[PartnerOut] = []


class ImportRow(BaseModel):
    row: int = Field(description="Row number in the sheet (the header is row 1)")
    programme_code: str
    year: int | None
    action: str = Field(description="create | update | unchanged | error")
    changes: dict[str, object] = {}
    errors: list[dict[str, str]] = []


class ImportResult(BaseModel):
    applied: bool = Field(description="False for a preview or when any row has an error")
    rows: list[ImportRow]
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: int = 0
