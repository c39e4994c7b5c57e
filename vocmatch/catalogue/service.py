"""Catalogue use cases: list, search and get programmes and occupations."""

from __future__ import annotations

from sqlalchemy.orm import Session

from vocmatch.catalogue import repository as repo
from vocmatch.catalogue.models import Occupation, Programme
from vocmatch.catalogue.schemas import (
    OccupationLink,
    OccupationOut,
    OccupationSummary,
    ProgrammeOut,
    ProgrammeSummary,
)
from vocmatch.kit.errors import NotFound
from vocmatch.kit.pagination import Page, decode_cursor, encode_cursor


def _split(text: str) -> list[str]:
    return [p for p in text.split("；") if p]


def list_programmes(
    session: Session,
    *,
    q: str | None = None,
    class_code: str | None = None,
    dalei_code: str | None = None,
    has_profile: bool | None = None,
    added_2025: bool | None = None,
    limit: int = 50,
    cursor: str | None = None,
) -> Page[ProgrammeSummary]:
    """Return a page of programmes matching the filters, ordered by code."""
    stmt = repo.programme_query(
        q=q,
        class_code=class_code,
        dalei_code=dalei_code,
        has_profile=has_profile,
        added_2025=added_2025,
    )
    rows, total = repo.page_by_code(
        session, stmt, Programme, after=decode_cursor(cursor), limit=limit
    )
    nxt = encode_cursor(rows[-1].code) if len(rows) == limit else None
    return Page(
        items=[ProgrammeSummary.model_validate(r) for r in rows], next_cursor=nxt, total=total
    )


def get_programme(session: Session, *, code: str) -> ProgrammeOut:
    """Return a programme's profile with its official occupation links, or raise NotFound."""
    prog = repo.get_programme(session, code)
    if prog is None:
        raise NotFound(f"no 中职 programme with code {code!r}")
    out = ProgrammeOut.model_validate(prog)
    out.occupation_links = [
        OccupationLink.model_validate(link) for link in repo.links_of_programme(session, code)
    ]
    return out


def list_occupations(
    session: Session,
    *,
    q: str | None = None,
    major_code: str | None = None,
    minor_code: str | None = None,
    limit: int = 50,
    cursor: str | None = None,
) -> Page[OccupationSummary]:
    """Return a page of occupations matching the filters, ordered by code."""
    stmt = repo.occupation_query(q=q, major_code=major_code, minor_code=minor_code)
    rows, total = repo.page_by_code(
        session, stmt, Occupation, after=decode_cursor(cursor), limit=limit
    )
    nxt = encode_cursor(rows[-1].code) if len(rows) == limit else None
    return Page(
        items=[OccupationSummary.model_validate(r) for r in rows], next_cursor=nxt, total=total
    )


def get_occupation(session: Session, *, code: str) -> OccupationOut:
    """Return an occupation with its work types, market titles and feeding programmes."""
    occ = repo.get_occupation(session, code)
    if occ is None:
        raise NotFound(f"no occupation with code {code!r}")
    return OccupationOut(
        **OccupationSummary.model_validate(occ).model_dump(),
        definition=occ.definition,
        tasks=occ.tasks,
        work_types=_split(occ.work_types),
        market_titles=_split(occ.market_titles),
        programmes=[
            ProgrammeSummary.model_validate(p) for p in repo.programmes_of_occupation(session, code)
        ],
    )
