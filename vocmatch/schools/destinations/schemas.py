"""API shapes of graduate-destination records and the district's yearly summary."""

from __future__ import annotations

from pydantic import BaseModel, Field, ValidationInfo, field_validator

from vocmatch.schools.destinations.models import DESTINATIONS, EMPLOYED


class DestinationFields(BaseModel):
    """Graduates of one year and where they went; the destinations add up to the graduates."""

    employed_high_tech_zone: int = Field(0, ge=0, le=5000, description="就业：赣州高新区")
    employed_ganxian: int = Field(0, ge=0, le=5000, description="就业：赣县区（高新区以外）")
    employed_ganzhou: int = Field(0, ge=0, le=5000, description="就业：赣州市其他地区")
    employed_elsewhere: int = Field(0, ge=0, le=5000, description="就业：其他地区（含大湾区）")
    study_articulation: int = Field(0, ge=0, le=5000, description="升学：3+2 / 中高职贯通")
    study_higher: int = Field(0, ge=0, le=5000, description="升学：其他（三校生高考等）")
    other: int = Field(0, ge=0, le=5000, description="其他（参军、待业、不详）")
    # After the destinations, so its check sees them all.
    graduates: int = Field(ge=0, le=5000, description="毕业生 of the year: Σ of the destinations")
    source: str = Field(default="", max_length=200, description="Where the figures come from")
    note: str = Field(default="", max_length=500)

    @field_validator("graduates")
    @classmethod
    def _adds_up(cls, v: int, info: ValidationInfo) -> int:
        if any(k not in info.data for k in DESTINATIONS):
            return v  # a destination is itself invalid: that error is reported
        total = sum(info.data[k] for k in DESTINATIONS)
        if total != v:
            raise ValueError(f"the destinations add up to {total}, not to the {v} graduates")
        return v


class DestinationIn(DestinationFields):
    programme_code: str = Field(pattern=r"^\d{6}$", examples=["630501"])
    year: int = Field(ge=2000, le=2100, description="Year of graduation")


class DestinationOut(DestinationIn):
    id: int
    school_code: str
    programme_name: str
    employed: int = Field(description="Σ of the four employed columns")
    employment_share: float | None = Field(description="employed ÷ graduates")


def employed(row: DestinationFields) -> int:
    """Return how many of the record's graduates entered employment."""
    return sum(getattr(row, k) for k in EMPLOYED)


class YearSummary(BaseModel):
    """The district's recorded graduates of one year and where they went."""

    year: int
    records: int
    graduates: int
    employed: int
    employed_high_tech_zone: int = Field(description="为赣州高新区企业输送的毕业生（人）")
    study: int
    other: int
    employment_share: float | None


class ImportRow(BaseModel):
    row: int
    school_code: str
    programme_code: str
    year: int | None
    action: str = Field(description="create | update | unchanged | error")
    errors: list[dict[str, str]] = []


class ImportResult(BaseModel):
    applied: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: int = 0
    rows: list[ImportRow]
