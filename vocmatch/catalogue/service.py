"""Catalogue use cases: list, search and get programmes and occupations."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from vocmatch.audit.service import record
from vocmatch.catalogue import repository as repo
from vocmatch.catalogue.models import LinkSource, Occupation, Programme, ProgrammeOccupation
from vocmatch.catalogue.schemas import (
    LinkedProgramme,
    OccupationFilter,
    OccupationLink,
    OccupationOut,
    OccupationSummary,
    PlannerLinkIn,
    ProgrammeFilter,
    ProgrammeOut,
    ProgrammeSummary,
)
from vocmatch.kit.errors import Invalid, NotFound
from vocmatch.kit.pagination import Page, decode_cursor, page_of

# A code typed alone or beside its name ("630501", "电工 6-31-01-03").
_PROGRAMME_CODE = re.compile(r"(?<![0-9])[0-9]{6}(?![0-9])")
_OCCUPATION_CODE = re.compile(r"(?<![0-9-])[0-9]-[0-9]{2}-[0-9]{2}-[0-9]{2}(?![0-9-])")
# How many candidates an ambiguous name lists.
CANDIDATES = 5


def _code(row: Programme | Occupation) -> str:
    return row.code


def _split(text: str) -> list[str]:
    return [p for p in text.split("；") if p]


# A list of the catalogue by the kind of its filters: the query, the table, the shape of an item.
_LISTS: dict[type[Any], tuple[Callable[[Any], Select[Any]], Any, type[BaseModel]]] = {
    ProgrammeFilter: (repo.programme_query, Programme, ProgrammeSummary),
    OccupationFilter: (repo.occupation_query, Occupation, OccupationSummary),
}


def list_by_code(
    session: Session,
    *,
    filters: ProgrammeFilter | OccupationFilter,
    limit: int = 50,
    cursor: str | None = None,
) -> Page[Any]:
    """Return a page of the programmes (``ProgrammeFilter``) or the 2022 occupations
    (``OccupationFilter``) that pass ``filters``, ordered by code, with their total."""
    query, model, out = _LISTS[type(filters)]
    after = decode_cursor(cursor)
    rows, total = repo.page_by_code(session, query(filters), model, after=after, limit=limit)
    return page_of(rows, limit=limit, key=_code, out=out.model_validate, total=total)


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
        programme_links=programmes_by_occupation(
            session, occupation_codes=[code], include_doubtful=True
        ).get(code, []),
    )


def programmes_by_occupation(
    session: Session,
    *,
    occupation_codes: Iterable[str],
    sources: Collection[LinkSource] | None = None,
    include_doubtful: bool = False,
) -> dict[str, list[LinkedProgramme]]:
    """Return, per detailed occupation code, the programmes linked to it, with provenance.

    This is the one function other domains use to turn an occupation into the programmes that
    train for it (demand attribution, the planner's views): a link names the occupation itself
    or its minor/middle group; each programme appears once per occupation with the sources that
    name the occupation (``sources``) and those that name only its group (``group_sources``),
    directly named programmes first, then by programme code. ``sources`` keeps only those sources; doubtful
    crosswalk links (with a ``note``) are left out unless ``include_doubtful``. Unknown codes are
    absent from the result.
    """
    groups = repo.group_codes(session, occupation_codes)
    wanted = {g for codes in groups.values() for g in codes}
    by_target: dict[str, list[tuple[str, str, str, str]]] = {}
    for link, name in repo.links_to(session, wanted, sources):
        doubtful = link.source == LinkSource.crosswalk and bool(link.note)
        if doubtful and not include_doubtful:
            continue
        by_target.setdefault(link.occupation_code, []).append(
            (link.programme_code, name, link.source, link.note if doubtful else "")
        )
    out: dict[str, list[LinkedProgramme]] = {}
    for code, targets in groups.items():
        found: dict[str, LinkedProgramme] = {}
        for target in targets:
            for prog, name, source, note in by_target.get(target, []):
                item = found.setdefault(
                    prog, LinkedProgramme(programme_code=prog, programme_name=name)
                )
                kind = item.sources if target == code else item.group_sources
                if LinkSource(source) not in kind:
                    kind.append(LinkSource(source))
                item.via_group = not item.sources
                if note and note not in item.notes:
                    item.notes.append(note)
        out[code] = sorted(found.values(), key=lambda p: (p.via_group, p.programme_code))
    return out


def add_planner_link(
    session: Session, *, code: str, body: PlannerLinkIn, actor: str
) -> ProgrammeOut:
    """Link a programme to an occupation as a planner (source ``planner``); audited.

    The link counts wherever links count (``programmes_by_occupation``, the pages) and survives a
    reload of the reference data. Adding it twice changes nothing.
    """
    programme = repo.get_programme(session, code)
    if programme is None:
        raise NotFound(f"no 中职 programme with code {code!r}")
    occupation = repo.get_occupation(session, body.occupation_code)
    if occupation is None:
        raise Invalid(
            f"no occupation with code {body.occupation_code!r}",
            errors=[{"field": "occupation_code", "message": "not a 2022 occupation"}],
        )
    if repo.planner_link(session, code, body.occupation_code) is None:
        session.add(
            ProgrammeOccupation(
                programme_code=code,
                phrase=occupation.name,
                occupation_code=occupation.code,
                how=LinkSource.planner,
                source=LinkSource.planner,
                note=body.note,
            )
        )
        session.flush()
        record(
            session,
            actor=actor,
            action="create",
            entity_type="programme_occupation",
            entity_id=code,
            detail={"occupation_code": occupation.code, "note": body.note},
        )
    return get_programme(session, code=code)


def remove_planner_link(session: Session, *, code: str, occupation_code: str, actor: str) -> None:
    """Remove a planner's link (official links cannot be removed); audited. 404 if none."""
    link = repo.planner_link(session, code, occupation_code)
    if link is None:
        raise NotFound(f"programme {code} has no planner link to {occupation_code}")
    session.delete(link)
    session.flush()
    record(
        session,
        actor=actor,
        action="delete",
        entity_type="programme_occupation",
        entity_id=code,
        detail={"occupation_code": occupation_code},
    )


def resolve_programme(session: Session, *, text: str, field: str = "programme_code") -> str:
    """Return the code of the 中职 programme a person typed: its code, its exact name, or a part of
    its name that only one programme has. Raise ``Invalid`` naming ``field`` (with the candidates
    when the name fits several programmes)."""
    return _resolve(session, text, field, Programme, _PROGRAMME_CODE, "programme")


def resolve_occupation(session: Session, *, text: str, field: str = "occupation_code") -> str:
    """Return the code of the 2022 detailed occupation a person typed: its code, its exact name,
    or a name, work type or market title that only one occupation has (as ``resolve_programme``)."""
    return _resolve(session, text, field, Occupation, _OCCUPATION_CODE, "occupation")


def _resolve(
    session: Session, text: str, field: str, model: Any, code: re.Pattern[str], kind: str
) -> str:
    typed = text.strip()
    found = code.search(typed)
    if found and session.get(model, found.group(0)) is not None:
        return found.group(0)
    if not found:
        exact = list(session.scalars(select(model).where(model.name == typed).order_by(model.code)))
        if len(exact) == 1:
            return str(exact[0].code)
        rows = exact or _search(session, model, typed)
        if len(rows) == 1:
            return str(rows[0].code)
        if rows:
            names = "、".join(f"{r.name}（{r.code}）" for r in rows[:CANDIDATES])
            names += " …" if len(rows) > CANDIDATES else ""
            raise _pick_error(field, kind, "ambiguous", typed, candidates=names)
    raise _pick_error(field, kind, "not_found", typed)


def _search(session: Session, model: Any, typed: str) -> list[Any]:
    if model is Programme:
        stmt = repo.programme_query(ProgrammeFilter(q=typed))
    else:
        stmt = repo.occupation_query(OccupationFilter(q=typed))
    return list(session.scalars(stmt.order_by(model.code).limit(CANDIDATES + 1)))


def _pick_error(field: str, kind: str, what: str, typed: str, candidates: str = "") -> Invalid:
    key = f"catalogue.{kind}.{what}"
    params = {"text": typed, "candidates": candidates}
    english = (
        f"{typed!r} fits several {kind}s: {candidates}; type the full name or the code"
        if what == "ambiguous"
        else f"no {kind} has the name or code {typed!r}"
    )
    return Invalid(
        english, errors=[{"field": field, "key": key, "params": params, "message": english}]
    )
