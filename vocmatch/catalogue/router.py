"""API of the national catalogue: programmes, occupations, and planners' own links."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from vocmatch.catalogue import service
from vocmatch.catalogue.schemas import (
    OccupationFilter,
    OccupationOut,
    OccupationSummary,
    PlannerLinkIn,
    ProgrammeFilter,
    ProgrammeOut,
    ProgrammeSummary,
)
from vocmatch.kit.deps import SessionDep, require
from vocmatch.kit.endpoints import signed
from vocmatch.kit.pagination import Page
from vocmatch.kit.principal import Principal
from vocmatch.kit.responses import errors

router = APIRouter(prefix="/api/v1", tags=["catalogue"])

Limit = Annotated[int, Query(ge=1, le=500, description="Page size")]
Cursor = Annotated[str | None, Query(description="next_cursor of the previous page")]
ProgrammeCodePath = Annotated[str, Path(pattern=r"^[0-9]{6}$", examples=["660103"])]
OccupationCodePath = Annotated[
    str, Path(pattern=r"^[0-9]-[0-9]{2}-[0-9]{2}-[0-9]{2}$", examples=["6-18-01-01"])
]


def _list_route(path: str, filters: type[BaseModel], item: type[BaseModel], doc: str) -> None:
    """``GET {path}``: a page of the catalogue's programmes or occupations, filtered by the
    query model ``filters`` and paged by code (``service.list_by_code``)."""

    def endpoint(session: Session, filters: Any, limit: int, cursor: str | None) -> Page[Any]:
        return service.list_by_code(session, filters=filters, limit=limit, cursor=cursor)

    params: list[tuple[str, Any] | tuple[str, Any, Any]] = [
        ("session", SessionDep),
        ("filters", Annotated[filters, Query()]),
        ("limit", Limit, 50),
        ("cursor", Cursor, None),
    ]
    name = f"list{path.replace('/', '_')}"
    router.add_api_route(
        path,
        signed(endpoint, name, doc, params, Page[item]),  # type: ignore[valid-type]
        response_model=Page[item],  # type: ignore[valid-type]
        responses=errors(422),
    )


_list_route(
    "/programmes",
    ProgrammeFilter,
    ProgrammeSummary,
    "List the 368 中职 programmes of the national catalogue, filtered and paged by code.",
)


@router.get("/programmes/{code}", response_model=ProgrammeOut, responses=errors(404, 422))
def get_programme(code: ProgrammeCodePath, session: SessionDep) -> ProgrammeOut:
    """Get a programme's 2022 profile and its official occupation links."""
    return service.get_programme(session, code=code)


_list_route(
    "/occupations",
    OccupationFilter,
    OccupationSummary,
    "List the 1,634 detailed occupations of the 2022 classification, filtered and paged by code.",
)


@router.get("/occupations/{code}", response_model=OccupationOut, responses=errors(404, 422))
def get_occupation(code: OccupationCodePath, session: SessionDep) -> OccupationOut:
    """Get an occupation with its work types, market titles and the programmes that feed it."""
    return service.get_occupation(session, code=code)


PlannerDep = Annotated[Principal, Depends(require("admin", "planner"))]


@router.post(
    "/programmes/{code}/occupations",
    response_model=ProgrammeOut,
    responses=errors(401, 403, 404, 422),
)
def add_occupation_link(
    code: ProgrammeCodePath, body: PlannerLinkIn, session: SessionDep, principal: PlannerDep
) -> ProgrammeOut:
    """Link a programme to an occupation as a planner (admin, planner); audited.

    The link has source `planner` beside the official ones (`profile`, `crosswalk`), counts in
    demand attribution and survives a reload of the reference data.
    """
    return service.add_planner_link(session, code=code, body=body, actor=principal.audit_name())


@router.delete(
    "/programmes/{code}/occupations/{occupation_code}",
    status_code=204,
    responses=errors(401, 403, 404, 422),
)
def remove_occupation_link(
    code: ProgrammeCodePath,
    occupation_code: OccupationCodePath,
    session: SessionDep,
    principal: PlannerDep,
) -> Response:
    """Remove a planner's link (admin, planner); official links cannot be removed; audited."""
    service.remove_planner_link(
        session, code=code, occupation_code=occupation_code, actor=principal.audit_name()
    )
    return Response(status_code=204)
