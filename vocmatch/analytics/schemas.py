"""API shapes of the planner analytics."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from vocmatch.kit.schema import Input


class Components(BaseModel):
    """The fit score's components, each 0–1 (None = undefined, left out of the score)."""

    balance: float = Field(description="B: 1 inside the balanced band, lower outside")
    coverage: float | None = Field(description="K: share of demanded skill terms taught")
    relevance: float | None = Field(description="A: demand-weighted mean match score")


class SkillDemand(BaseModel):
    term: str
    demand: float = Field(description="Attributed headcount of the postings asking for the term")
    taught: bool
    chains: list[str] = []


class ProgrammeFit(BaseModel):
    """One programme across the district: attributable demand against graduates."""

    code: str
    name: str
    offered: bool
    schools: int = Field(description="Schools offering it in the analysis year")
    intake_plan: int
    enrolled: int
    graduates: float = Field(description="G: graduates per year of its offerings")
    demand: float = Field(description="D: headcount attributed to it (see attribution)")
    postings: int = Field(description="Open postings sharing headcount with it")
    ratio: float | None = Field(description="r = G / D (None without demand)")
    band: str
    fit: float = Field(description="Fit score 0–100")
    components: Components
    chain: str = Field(description="The chain with most of its attributed demand")
    chain_share: float | None = Field(description="Share of D in the four chains")
    mapped_chains: list[str] = []
    featured: bool = False
    skills_missing: list[SkillDemand] = []
    skills_taught: list[SkillDemand] = []


class OfferingFit(BaseModel):
    """One school's offering of a programme, with its share of the district's demand."""

    offering_id: int
    school_code: str
    school_name: str
    programme_code: str
    programme_name: str
    year: int
    intake_plan: int
    enrolled: int
    graduates: float
    key_demonstration: bool
    characteristic: bool
    provincial_quality: bool
    demand: float = Field(description="D_s = D · g_s / G (equal split when G = 0)")
    district_demand: float
    ratio: float | None
    band: str
    fit: float
    components: Components
    partners: int
    leading_partner: bool


class Amount(BaseModel):
    key: str
    label: str
    demand: float = 0.0
    unmet: float = 0.0
    supply: float | None = None


class GapFigures(BaseModel):
    demand: float = Field(description="Open headcount (weighted by posting type)")
    by_type: dict[str, float]
    by_location: dict[str, float]
    supply: float = Field(description="Graduates per year of programmes mapped here (split)")
    gap: float = Field(description="demand − supply")
    met: float = Field(description="Σ attributed headcount × min(1, G/D) of its programme")
    unmet: float = Field(description="demand − met (includes postings no programme matches)")
    unmatched: float = Field(description="Headcount of postings no programme matches")


class SegmentGap(GapFigures):
    key: str
    name_zh: str
    name_en: str


class ChainGap(GapFigures):
    key: str
    name_zh: str
    name_en: str
    segments: list[SegmentGap] = []
    programmes: list[Amount] = Field(default=[], description="Mapped programmes: supply share")
    top_unmet_skills: list[Amount] = []
    top_unmet_occupations: list[Amount] = []
    enterprises: list[Amount] = Field(default=[], description="Enterprises with unmet demand")


class Overview(BaseModel):
    as_of: date
    year: int = Field(description="Offering year analysed")
    postings: int
    demand: float
    attributed: float
    unmatched: float
    not_matched_postings: int
    not_matched_headcount: float
    graduates: float
    bands: dict[str, int]


class FitTable(BaseModel):
    overview: Overview
    programmes: list[ProgrammeFit]
    offerings: list[OfferingFit]
    formula: str


class MatchedPosting(BaseModel):
    id: int
    title: str
    enterprise_id: int
    enterprise_name: str
    location: str
    type: str
    headcount: int
    relevance: float
    share: float
    attributed: float
    evidence: list[str] = []


class ProgrammeDetail(BaseModel):
    fit: ProgrammeFit
    offerings: list[OfferingFit]
    postings: list[MatchedPosting]
    enterprises: list[Amount]
    chains: list[Amount]
    mapping: list[Amount]
    mapping_source: str
    partners: list[dict[str, object]]


class Action(BaseModel):
    """One recommended action, with the numbers behind it."""

    rank: int = 0
    kind: str  # expand | shrink | open | reorient | partner
    programme_code: str
    programme_name: str
    school_codes: list[str] = []
    places: int = 0
    impact: float = Field(description="Headcount the action addresses")
    numbers: dict[str, float | int | str | None] = {}
    skills: list[str] = []
    courses: list[str] = []
    enterprises: list[str] = []


class IndicatorPoint(BaseModel):
    as_of: date
    value: float


class Indicator(BaseModel):
    key: str
    name_zh: str
    name_en: str
    plan_ref: str
    unit: str
    source: str = Field(description="computed | provider | entered | unavailable")
    value: float | None
    as_of: date | None
    target: float
    compare: str
    tolerance: float = 0.0
    progress: float | None = Field(description="value ÷ target, capped to 1")
    met_now: bool | None
    deadline: date
    at_deadline: float | None = Field(description="Latest value dated on or before the deadline")
    met_at_deadline: bool | None
    detail: str = Field(default="", description="How the value was obtained (English)")
    detail_key: str = Field(default="", description="UI string key of the detail")
    detail_args: dict[str, str] = {}
    evidence: str = ""
    trend: list[IndicatorPoint] = []


class IndicatorEntry(Input):
    """An entered indicator value (the data cannot compute it): evidence is required."""

    value: float
    as_of: date
    evidence: str = Field(min_length=3, max_length=4000)


class IndicatorValueOut(BaseModel):
    indicator: str
    value: float
    as_of: date
    evidence: str
    entered_by: str


class WhatIfChange(Input):
    school_code: str = Field(max_length=20)
    programme_code: str = Field(pattern=r"^\d{6}$")
    intake_plan: int = Field(ge=0, le=5000, description="New intake plan (places per year)")
    key_demonstration: bool | None = None
    characteristic: bool | None = None


class WhatIfRequest(Input):
    changes: list[WhatIfChange] = Field(min_length=1, max_length=200)


class WhatIfProgramme(BaseModel):
    code: str
    name: str
    graduates_before: float
    graduates_after: float
    demand: float
    ratio_before: float | None
    ratio_after: float | None
    band_before: str
    band_after: str
    fit_before: float
    fit_after: float


class WhatIfChain(BaseModel):
    key: str
    supply_before: float
    supply_after: float
    unmet_before: float
    unmet_after: float
    demand: float


class WhatIfIndicator(BaseModel):
    key: str
    unit: str = ""
    before: float | None
    after: float | None
    target: float
    met_after: bool | None


class WhatIfResult(BaseModel):
    note: str
    programmes: list[WhatIfProgramme]
    chains: list[WhatIfChain]
    indicators: list[WhatIfIndicator]
    bands_before: dict[str, int]
    bands_after: dict[str, int]
