"""API shapes of the catalogue."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from vocmatch.catalogue.models import LinkSource


class ProgrammeFilter(BaseModel):
    """Which programmes a list shows (the query of ``GET /api/v1/programmes``)."""

    q: str | None = Field(
        default=None, max_length=100, description="Name contains, or code starts with"
    )
    class_code: str | None = Field(default=None, pattern=r"^[0-9]{4}$")
    dalei_code: str | None = Field(default=None, pattern=r"^[0-9]{2}$")
    has_profile: bool | None = None
    added_2025: bool | None = None


class OccupationFilter(BaseModel):
    """Which occupations a list shows (the query of ``GET /api/v1/occupations``)."""

    q: str | None = Field(
        default=None, max_length=100, description="Name, work type or market title contains"
    )
    major_code: str | None = Field(default=None, pattern=r"^[0-9]-00-00-00$")
    minor_code: str | None = Field(default=None, pattern=r"^[0-9]-[0-9]{2}-[0-9]{2}-00$")


class ProgrammeSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    name: str
    class_code: str
    class_name: str
    dalei_code: str
    dalei_name: str
    added_2025: bool
    has_profile: bool


class ProgrammeOut(ProgrammeSummary):
    years: str
    occupations_text: str
    goal: str
    abilities: str
    courses: str
    certificates: str
    progression: str
    occupation_links: list[OccupationLink] = []


class OccupationLink(BaseModel):
    """One link of a programme to an occupation (or group), with where it comes from."""

    model_config = ConfigDict(from_attributes=True)

    phrase: str
    occupation_code: str
    how: str
    source: LinkSource = LinkSource.profile
    note: str = ""


class PlannerLinkIn(BaseModel):
    """A planner's own programme → occupation link (kept when reference data reloads)."""

    occupation_code: str = Field(pattern=r"^\d-\d{2}-\d{2}-\d{2}$", examples=["6-31-01-03"])
    note: str = Field(default="", max_length=300, description="Why the programme feeds it")


class LinkedProgramme(BaseModel):
    """A programme linked to an occupation, and by which sources.

    ``sources`` are the sources naming the occupation itself (``crosswalk``, ``profile``,
    ``planner``); ``group_sources`` those naming only its minor or middle group (a profile's
    职业面向 often names a group: 机械冷加工人员). ``via_group`` is True when only a group links
    them. Doubtful links (noted in data/SOURCES.md) are left out unless asked for; ``notes``
    then says why they are doubtful.
    """

    programme_code: str
    programme_name: str
    sources: list[LinkSource] = []
    group_sources: list[LinkSource] = []
    via_group: bool = True
    notes: list[str] = []


class OccupationSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    name: str
    major_code: str
    middle_code: str
    minor_code: str
    digital: bool
    green: bool


class OccupationOut(OccupationSummary):
    definition: str
    tasks: str
    work_types: list[str]
    market_titles: list[str]
    programmes: list[ProgrammeSummary] = []
    programme_links: list[LinkedProgramme] = []


ProgrammeOut.model_rebuild()
