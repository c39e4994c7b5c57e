"""Load demand postings from the sample deployment (source ``import``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, model_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from vocmatch.demand.models import Posting
from vocmatch.demand.postings.match_store import current_model_version, match_postings, posting_text
from vocmatch.demand.postings.service import apply_match, index_programmes
from vocmatch.enterprises.models import Enterprise
from vocmatch.kit.errors import DataFileError
from vocmatch.kit.fields import OptDate, OptInt, SemiList
from vocmatch.kit.files import display_path, read_csv
from vocmatch.kit.upsert import LoadCounts, upsert

POSTING_TYPES = ("hire", "internship", "order_class", "apprenticeship")
POSTING_STATUSES = ("open", "filled", "closed", "expired")
EDUCATION_LEVELS = ("初中", "中职", "高中", "大专", "本科", "不限")


class PostingRow(BaseModel):
    external_id: str = Field(min_length=1, max_length=100)
    enterprise_name: str = Field(min_length=1)
    title: str = Field(min_length=1, max_length=200)
    description: str = ""
    skills: SemiList = Field(default_factory=list)
    headcount: int = Field(ge=1, le=10000)
    education: str = Field(default="不限", pattern=r"^(初中|中职|高中|大专|本科|不限)$")
    type: str = Field(pattern=r"^(hire|internship|order_class|apprenticeship)$")
    location: str = ""
    salary_min: OptInt = None
    salary_max: OptInt = None
    valid_from: OptDate = None
    valid_until: OptDate = None
    status: str = Field(default="open", pattern=r"^(open|filled|closed|expired)$")

    @model_validator(mode="after")
    def _ranges(self) -> PostingRow:
        if (
            self.salary_min is not None
            and self.salary_max is not None
            and self.salary_min > self.salary_max
        ):
            raise ValueError("salary_min is greater than salary_max")
        if self.valid_from and self.valid_until and self.valid_from > self.valid_until:
            raise ValueError("valid_from is after valid_until")
        return self


def read_postings(sample_dir: Path, *, enterprise_names: set[str]) -> list[PostingRow]:
    """Parse the postings file and check each enterprise exists."""
    path = sample_dir / "postings.csv"
    rows = read_csv(path, PostingRow)
    seen: set[str] = set()
    for i, r in enumerate(rows, start=2):
        if r.enterprise_name not in enterprise_names:
            raise DataFileError(
                f"{display_path(path)}, row {i}, field 'enterprise_name': unknown enterprise {r.enterprise_name!r}"
            )
        if r.external_id in seen:
            raise DataFileError(
                f"{display_path(path)}, row {i}, field 'external_id': duplicate {r.external_id!r}"
            )
        seen.add(r.external_id)
    return rows


def write_postings(
    session: Session, rows: list[PostingRow], enterprises: dict[str, Enterprise], counts: LoadCounts
) -> dict[str, Posting]:
    """Upsert postings by (source, external_id); return them by external id.

    A posting whose text changed loses its model version, so :func:`match_stale` matches it again.
    """
    existing = {
        p.external_id: p for p in session.scalars(select(Posting).where(Posting.source == "import"))
    }

    def as_dict(r: PostingRow) -> dict[str, Any]:
        d = {
            "source": "import",
            "enterprise_id": enterprises[r.enterprise_name].id,
            **r.model_dump(exclude={"enterprise_name"}),
        }
        old = existing.get(r.external_id)
        if old is not None and (old.title, old.description, list(old.skills or [])) != (
            r.title,
            r.description,
            r.skills,
        ):
            d["model_version"] = None
        return d

    found = upsert(session, Posting, ["source", "external_id"], map(as_dict, rows), counts)
    return {k[1]: v for k, v in found.items()}


def match_stale(
    session: Session,
    postings: list[Posting],
    progress: Callable[[str], None],
    *,
    match: bool = True,
) -> int:
    """Match the postings never matched or matched by another model version; return how many.

    Every loaded posting is re-indexed either way (its status or headcount may have changed).
    """
    version = current_model_version() if match else None
    if version is None:
        if match:
            progress("no trained matcher: postings stored unmatched (vocmatch postings rematch)")
        session.flush()
        index_programmes(session, postings)
        return 0
    stale = [p for p in postings if p.model_version != version]
    fresh = [p for p in postings if p.model_version == version]
    session.flush()
    index_programmes(session, fresh)
    for start in range(0, len(stale), 1000):
        chunk = stale[start : start + 1000]
        progress(f"matching postings {start + 1}–{start + len(chunk)} of {len(stale)}")
        results = match_postings(
            [(p.title, posting_text(p.description, p.skills or [])) for p in chunk]
        )
        for p, m in zip(chunk, results, strict=True):
            apply_match(p, m)
        session.flush()
        index_programmes(session, chunk)
    return len(stale)
