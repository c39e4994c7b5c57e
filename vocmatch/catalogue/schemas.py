"""API shapes of the catalogue."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


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
    model_config = ConfigDict(from_attributes=True)

    phrase: str
    occupation_code: str
    how: str


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


ProgrammeOut.model_rebuild()
