"""Load the national catalogue (programmes, occupations, official links) from ``data/``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints
from sqlalchemy.orm import Session

from vocmatch.catalogue.models import (
    LinkSource,
    Occupation,
    OccupationGroup,
    Programme,
    ProgrammeOccupation,
)
from vocmatch.kit.fields import Flag, ProgrammeCode
from vocmatch.kit.files import read_csv
from vocmatch.kit.upsert import LoadCounts, sync_rows, upsert

OccupationCode = Annotated[str, StringConstraints(pattern=r"^\d-\d{2}-\d{2}-\d{2}$")]


class ProgrammeRow(BaseModel):
    code: ProgrammeCode
    name: str = Field(min_length=1)
    dalei_code: str = Field(pattern=r"^\d{2}$")
    dalei_name: str
    class_code: str = Field(pattern=r"^\d{4}$")
    class_name: str
    years: str = ""
    occupations_text: str = ""
    goal: str = ""
    abilities: str = ""
    courses: str = ""
    certificates: str = ""
    progression: str = ""
    added_2025: Flag
    has_profile: Flag


class OccupationRow(BaseModel):
    code: OccupationCode
    name: str = Field(min_length=1)
    major_code: str
    middle_code: str
    minor_code: str
    digital: Flag
    green: Flag
    definition: str = ""
    tasks: str = ""
    work_types: str = ""
    work_types_suspect: str = ""
    market_titles: str = ""


class GroupRow(BaseModel):
    level: int = Field(ge=1, le=3)
    code: str = Field(pattern=r"^\d-\d{2}-\d{2}-\d{2}$")
    name: str


class LinkRow(BaseModel):
    programme_code: ProgrammeCode
    phrase: str
    occupation_code: str = Field(default="", pattern=r"^(\d-\d{2}-\d{2}-\d{2})?$")
    how: str
    # The file holds the official sources only; planner links live in the database.
    source: Literal[LinkSource.profile, LinkSource.crosswalk] = LinkSource.profile
    note: str = Field(default="", max_length=300)


class CatalogueFiles(BaseModel):
    """The parsed catalogue files, validated and cross-checked before anything is written."""

    programmes: list[ProgrammeRow]
    occupations: list[OccupationRow]
    groups: list[GroupRow]
    links: list[LinkRow]


def read_catalogue(data_dir: Path) -> CatalogueFiles:
    """Parse and validate the catalogue files in ``data_dir``."""
    return CatalogueFiles(
        programmes=read_csv(data_dir / "programmes.csv", ProgrammeRow),
        occupations=read_csv(data_dir / "occupations.csv", OccupationRow),
        groups=read_csv(data_dir / "occupation_groups.csv", GroupRow),
        links=read_csv(data_dir / "programme_occupations.csv", LinkRow),
    )


def write_catalogue(session: Session, files: CatalogueFiles, counts: LoadCounts) -> None:
    """Upsert the catalogue; the official programme–occupation links are synced as a set
    (links a planner added are not the file's and stay)."""
    upsert(session, Programme, ["code"], (r.model_dump() for r in files.programmes), counts)
    upsert(session, OccupationGroup, ["code"], (r.model_dump() for r in files.groups), counts)
    upsert(session, Occupation, ["code"], (r.model_dump() for r in files.occupations), counts)
    sync_rows(
        session,
        ProgrammeOccupation,
        counts,
        [r.model_dump(mode="json") for r in files.links],
        ("programme_code", "phrase", "occupation_code", "how", "source", "note"),
        where=ProgrammeOccupation.source != LinkSource.planner,
    )
