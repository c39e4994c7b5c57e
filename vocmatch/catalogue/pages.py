"""HTML pages of the catalogue: programmes and occupations with search and paging."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from vocmatch.catalogue import service as catalogue
from vocmatch.catalogue.schemas import OccupationFilter, ProgrammeFilter
from vocmatch.kit.deps import PAGE_CSRF, PrincipalDep, SessionDep
from vocmatch.kit.pagination import Page
from vocmatch.kit.render import render

router = APIRouter(include_in_schema=False, dependencies=PAGE_CSRF)


@router.get("/programmes", response_class=HTMLResponse)
def programmes(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    q: Annotated[str | None, Query(max_length=100)] = None,
    cursor: str | None = None,
) -> HTMLResponse:
    """The catalogue with search and paging."""
    lister = partial(catalogue.list_programmes, filters=ProgrammeFilter(q=q or None))
    return _search_page(request, "programmes.html", lister, session, q, cursor)


@router.get("/occupations", response_class=HTMLResponse)
def occupations(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    q: Annotated[str | None, Query(max_length=100)] = None,
    cursor: str | None = None,
) -> HTMLResponse:
    """The 2022 occupations with search and paging."""
    lister = partial(catalogue.list_occupations, filters=OccupationFilter(q=q or None))
    return _search_page(request, "occupations.html", lister, session, q, cursor)


def _search_page(
    request: Request,
    template: str,
    lister: Callable[..., Page[Any]],
    session: Session,
    q: str | None,
    cursor: str | None,
) -> HTMLResponse:
    """A page of ``lister``'s results for the words searched (``q``; ``search_list.html``)."""
    page = lister(session, limit=50, cursor=cursor)
    return render(request, template, {"page": page, "q": q or ""})


@router.get("/occupations/{code}", response_class=HTMLResponse)
def occupation(
    code: str, request: Request, session: SessionDep, principal: PrincipalDep
) -> HTMLResponse:
    """One occupation with its work types, market titles and programmes."""
    return render(request, "occupation.html", {"o": catalogue.get_occupation(session, code=code)})
