"""API shapes of the planner's fit table, programme detail, chain views and indicators.

Counts of people are whole numbers: demand a year, graduates, graduates entering work.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from vocmatch.kit.schema import Input


class Components(BaseModel):
    """The fit score's components, each 0–1 (None = undefined, left out of the score)."""

    balance: float | None = Field(description="B: 1 inside the balanced band, lower outside")
    coverage: float | None = Field(description="K: share of demanded skills the curriculum covers")
    relevance: float | None = Field(description="A: demand-weighted mean match score")


class EvidenceOut(BaseModel):
    """What stands behind a programme's graduate demand (hire postings, reposts counted once)."""

    postings: int
    enterprises: int
    sources: list[str] = Field(description="Sources that reported its hires")
    covering: list[str] = Field(description="Of those, the ones declared to cover its chains")
    sufficient: bool
    strength: float = Field(description="0–1, the optimiser's weight; 0 when insufficient")
    reasons: list[str] = Field(description="few_postings | few_enterprises | no_covering_source")


class ChainShare(BaseModel):
    """The part of a programme's graduates that one placement gets (whole people)."""

    chain: str
    segment: str = Field(description="Segment key ('' = the chain as a whole)")
    weight: float
    graduates: int
    employed: int
    source: str = Field(description="curated | accepted | override")


class SkillCover(BaseModel):
    term: str
    demand: int = Field(description="Hires a year asking for the skill")
    taught: bool
    unit: str | None = Field(default=None, description="The course that covers it")
    origin: str | None = Field(default=None, description="course | ability | certificate | school")
    chains: list[str] = []


class SegmentCoverage(BaseModel):
    """How much of a segment's skills a programme's curriculum covers, and which course does."""

    chain: str
    segment: str
    name_zh: str
    name_en: str
    skills: int
    covered: int
    share: float
    items: list[SkillCover]


class ProgrammeFit(BaseModel):
    """One programme across the district: graduate demand against graduates entering work."""

    code: str
    name: str
    offered: bool
    schools: int = Field(description="Schools offering it in the analysis year")
    intake_plan: int
    enrolled: int
    graduates: int = Field(description="G: graduates a year of its offerings")
    employed: int = Field(description="E: graduates a year who enter work (G × employment share)")
    employment_share: float | None
    employment_source: str = Field(description="records | default | mixed")
    demand: int = Field(description="D: hires a year attributed to it (offered programmes)")
    unserved: int = Field(description="Hires a year only unoffered programmes fit (if unoffered)")
    placements: int = Field(description="Internship places a year: for students, not graduates")
    cohort: int = Field(description="Order-class / apprenticeship places a year (cohorts)")
    ratio: float | None = Field(description="r = E / D (None without demand)")
    band: str
    fit: float | None = Field(description="Fit score 0–100 (None without sufficient evidence)")
    components: Components
    evidence: EvidenceOut
    chains: list[str] = Field(description="The chains it is placed in (['none'] when none)")
    shares: list[ChainShare] = []
    featured: bool = False
    skills_missing: list[SkillCover] = []
    skills_taught: list[SkillCover] = []


class OfferingFit(BaseModel):
    """One school's offering of a programme, with its share of the programme's demand."""

    offering_id: int
    school_code: str
    school_name: str
    programme_code: str
    programme_name: str
    year: int
    intake_plan: int
    enrolled: int
    graduates: int
    employed: int
    employment_share: float
    employment_source: str
    key_demonstration: bool
    characteristic: bool
    provincial_quality: bool
    articulation: bool
    demand: int = Field(description="D_s: the programme's demand shared by graduates entering work")
    district_demand: int
    ratio: float | None
    band: str
    fit: float | None
    components: Components
    partners: int
    leading_partner: bool


class Amount(BaseModel):
    key: str
    label: str
    demand: int = 0
    unmet: int = 0
    graduates: int | None = None
    employed: int | None = None
    band: str | None = None


class GapFigures(BaseModel):
    demand: int = Field(description="Hires a year (graduate demand) in the window")
    placements: int = Field(description="Internship places a year (for students)")
    cohort: int = Field(description="Order-class and apprenticeship places a year")
    by_location: dict[str, int] = Field(description="Hires a year by where the enterprise is")
    graduates: int = Field(description="Graduates a year of the programmes placed here (split)")
    supply: int = Field(description="Of them, entering work a year (labour supply)")
    gap: int = Field(description="demand − supply")
    met: int = Field(description="Σ attributed hires × min(1, E/D) of their programme")
    unmet: int = Field(description="demand − met (includes unserved and unmatched hires)")
    unserved: int = Field(description="Hires only programmes nobody offers fit")
    unmatched: int = Field(description="Hires no programme fits")


class SegmentGap(GapFigures):
    key: str
    name_zh: str
    name_en: str


class ChainGap(GapFigures):
    key: str
    name_zh: str
    name_en: str
    segments: list[SegmentGap] = []
    programmes: list[Amount] = Field(default=[], description="Programmes placed here")
    top_unmet_skills: list[Amount] = []
    top_unmet_occupations: list[Amount] = []
    enterprises: list[Amount] = Field(default=[], description="Enterprises with unmet demand")


class SourceOut(BaseModel):
    key: str
    name_zh: str
    name_en: str
    covers: list[str]
    postings: int = Field(description="Postings from it in the window")


class Overview(BaseModel):
    as_of: date
    window_start: date
    window_months: int
    year: int = Field(description="Offering year analysed")
    attribution: list[str] = Field(description="Programmes demand is attributed among")
    postings: int = Field(description="Postings posted in the window")
    vacancies: int = Field(description="The same, reposts counted once")
    demand: int = Field(description="Hires a year")
    placements: int
    cohort: int
    attributed: int = Field(description="Hires a year attributed to offered programmes")
    unserved: int
    unmatched: int
    not_matched_postings: int
    graduates: int
    employed: int
    bands: dict[str, int]
    sources: list[SourceOut]


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
    kind: str = Field(description="graduate_demand | placements | cohort")
    headcount: int
    relevance: float
    attributed: int
    evidence: list[str] = []


class ProgrammeDetail(BaseModel):
    fit: ProgrammeFit
    offerings: list[OfferingFit]
    postings: list[MatchedPosting]
    enterprises: list[Amount]
    demand_chains: list[Amount] = Field(description="Its hires by the postings' chain")
    coverage: list[SegmentCoverage] = Field(description="Coverage of its placed segments")
    partners: list[dict[str, object]]


class IndicatorPoint(BaseModel):
    as_of: date
    value: float


class Citation(BaseModel):
    clause: str = Field(description="Where the plan says it: 表2, 专栏4, 三(五)16 …")
    quote: str = Field(description="The plan's own words (an exact substring of its text)")


class Indicator(BaseModel):
    key: str
    name_zh: str
    name_en: str
    plan_ref: str = Field(description="The clause (same as clause)")
    clause: str = ""
    quote: str = ""
    also: list[Citation] = []
    nature: str = Field(
        default="unstated",
        description="binding (约束性) | expected (预期性) | unstated (the plan gives no label)",
    )
    interpreted: bool = Field(
        default=False, description="The product reads a threshold or count the plan leaves open"
    )
    note_zh: str = ""
    note_en: str = ""
    period: str = Field(default="", description="The plan period (file id)")
    unit: str
    source: str = Field(
        description="computed | provider | entered | designations | unavailable | unknown"
    )
    value: float | None
    as_of: date | None
    target: float | None = Field(description="None: the plan gives no number (never judged)")
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
