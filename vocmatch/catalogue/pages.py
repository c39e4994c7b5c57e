"""HTML pages of the catalogue: programmes and occupations with search and paging."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from vocmatch.catalogue import service as catalogue
from vocmatch.catalogue.schemas import OccupationFilter, ProgrammeFilter
from vocmatch.kit.deps import PAGE_CSRF, PrincipalDep, SessionDep
from vocmatch.kit.render import render

router = APIRouter(include_in_schema=False, dependencies=PAGE_CSRF)


def _search_page(path: str, filters: type[ProgrammeFilter | OccupationFilter], doc: str) -> None:
    """``GET {path}``: a page of the catalogue's programmes or occupations for the words searched
    (``q``), paged by code (``<path>.html``, built on ``search_list.html``)."""

    def page(
        request: Request,
        session: SessionDep,
        principal: PrincipalDep,
        q: Annotated[str | None, Query(max_length=100)] = None,
        cursor: str | None = None,
    ) -> HTMLResponse:
        found = catalogue.list_by_code(
            session, filters=filters(q=q or None), limit=50, cursor=cursor
        )
        return render(request, f"{path.strip('/')}.html", {"page": found, "q": q or ""})

    page.__doc__ = doc
    router.add_api_route(path, page, response_class=HTMLResponse, name=path.strip("/"))


_search_page("/programmes", ProgrammeFilter, "The catalogue with search and paging.")
_search_page("/occupations", OccupationFilter, "The 2022 occupations with search and paging.")


@router.get("/occupations/{code}", response_class=HTMLResponse)
def occupation(
    code: str, request: Request, session: SessionDep, principal: PrincipalDep
) -> HTMLResponse:
    """One occupation with its work types, market titles and programmes."""
    return render(request, "occupation.html", {"o": catalogue.get_occupation(session, code=code)})
