"""API shapes of school capacity records."""

from __future__ import annotations

from pydantic import BaseModel, Field


class CapacityIn(BaseModel):
    year: int = Field(ge=2000, le=2100)
    places: int = Field(ge=0, le=100000, description="学位: students the buildings hold")
    teachers: int = Field(ge=0, le=10000, description="专任教师: full-time teachers")
    training_stations: int = Field(ge=0, le=100000, description="实训工位: training stations")
    source: str = Field(default="", max_length=200)


class CapacityOut(CapacityIn):
    school_code: str
