"""API of the planner analytics under ``/api/v1/analytics``.

Scope: admin everything; planners district aggregates plus their own schools' offerings,
recommendations and what-ifs; the platform read-only aggregates; enterprise users nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from vocmatch.analytics import service
from vocmatch.analytics.method import Method, get_method
from vocmatch.analytics.plan import service as plans
from vocmatch.analytics.plan.schemas import PlanResult, WhatIfRequest, WhatIfResult
from vocmatch.analytics.schemas import (
    ChainGap,
    FitTable,
    Indicator,
    IndicatorEntry,
    IndicatorValueOut,
    ProgrammeDetail,
)
from vocmatch.kit.deps import SessionDep, require
from vocmatch.kit.principal import Principal
from vocmatch.kit.render import current_lang
from vocmatch.kit.responses import errors

router = APIRouter(prefix="/api/v1/analytics", tags=["analytics"])

Reader = Annotated[Principal, Depends(require("admin", "planner", "platform"))]
Planner = Annotated[Principal, Depends(require("admin", "planner"))]
AsOf = Annotated[
    date | None,
    Query(
        description="Last day of the demand window (default today); the window is the "
        "method's months before it",
        examples=["2026-11-29"],
    ),
]
Among = Annotated[
    list[str] | None,
    Query(
        description="Attribute demand only among these programmes (default: the district's "
        "offered programmes); demand only others fit becomes unserved",
        examples=[["630501", "670201"]],
    ),
]
School = Annotated[
    str | None,
    Query(pattern=r"^[A-Z0-9_-]{2,20}$", description="Plan one school (default: all of yours)"),
]
MaxChange = Annotated[
    float | None,
    Query(gt=0, le=1, description="Largest change of an offering's intake (default 0.3 = ±30 %)"),
]
Band = Literal[
    "shortage",
    "tight",
    "balanced",
    "surplus",
    "oversupply",
    "no_demand",
    "insufficient_evidence",
    "not_offered",
]
ChainKey = Literal["rare_earth", "tungsten", "new_energy", "intelligent_equipment", "none"]


@router.get("/fit", response_model=FitTable, responses=errors(401, 403, 422))
def fit(
    session: SessionDep,
    principal: Reader,
    as_of: AsOf = None,
    band: Band | None = None,
    chain: ChainKey | None = None,
    offered: bool | None = None,
    among: Among = None,
) -> FitTable:
    """The fit table: every programme with demand in the window or an offering (district
    aggregates), and the offerings the caller may see in detail, with the formula."""
    return service.fit_table(
        session,
        principal=principal,
        as_of=as_of,
        band=band,
        chain=chain,
        offered=offered,
        among=among,
    )


@router.get(
    "/programmes/{code}", response_model=ProgrammeDetail, responses=errors(401, 403, 404, 422)
)
def programme(
    code: Annotated[str, Path(pattern=r"^\d{6}$", examples=["660103"])],
    session: SessionDep,
    principal: Reader,
    as_of: AsOf = None,
    among: Among = None,
) -> ProgrammeDetail:
    """One programme: fit components, evidence, postings with their whole-people shares,
    enterprises, which course covers which skill of its segments, and (for its schools'
    planners) offerings and partners."""
    return service.programme_detail(
        session, principal=principal, code=code, as_of=as_of, among=among
    )


@router.get("/chains", response_model=list[ChainGap], responses=errors(401, 403, 422))
def chains(
    session: SessionDep, principal: Reader, as_of: AsOf = None, among: Among = None
) -> list[ChainGap]:
    """Hires a year against graduates entering work, per chain and segment (internships and
    cohorts beside them), with the top unmet skills, occupations and enterprises."""
    return service.chain_gaps(session, principal=principal, as_of=as_of, among=among)


@router.get("/chains/{key}", response_model=ChainGap, responses=errors(401, 403, 404, 422))
def chain(
    key: str, session: SessionDep, principal: Reader, as_of: AsOf = None, among: Among = None
) -> ChainGap:
    """One chain's gap report."""
    return service.chain_gap(session, principal=principal, key=key, as_of=as_of, among=among)


@router.get("/recommendations", response_model=PlanResult, responses=errors(401, 403, 404, 422))
def recommendations(
    session: SessionDep,
    principal: Planner,
    as_of: AsOf = None,
    school: School = None,
    max_change: MaxChange = None,
) -> PlanResult:
    """Next year's intake plan from the optimiser (scipy.optimize.milp): per-school actions with
    their numbers, effects on every plan indicator and warnings; the offerings it keeps; every
    constraint checked; curriculum and partner suggestions."""
    return plans.recommendations(
        session, principal=principal, as_of=as_of, school=school, max_change=max_change
    )


@router.post("/what-if", response_model=WhatIfResult, responses=errors(401, 403, 404, 422))
def what_if(
    body: WhatIfRequest,
    session: SessionDep,
    principal: Planner,
    as_of: AsOf = None,
    school: School = None,
) -> WhatIfResult:
    """Score changed intakes (or a new programme) with the recommendations' model: the same
    objective, constraints, effects and warnings. Nothing is written."""
    return plans.what_if(session, principal=principal, request=body, as_of=as_of, school=school)


@router.get("/method", response_model=Method, responses=errors(401, 403))
def method(principal: Reader) -> Method:
    """Every parameter of the method (data/planner_method.yaml): window, repost rule, sources,
    evidence minimums, employment default, bands, weights, optimiser costs."""
    return get_method()


@router.get("/indicators", response_model=list[Indicator], responses=errors(401, 403, 422))
def indicators(session: SessionDep, principal: Reader, as_of: AsOf = None) -> list[Indicator]:
    """The plan's indicators: value, its date, target, trend, met now and at the 2025 deadline."""
    return service.plan_indicators(session, principal=principal, as_of=as_of)


@router.post(
    "/indicators/{key}/values",
    response_model=IndicatorValueOut,
    status_code=201,
    responses=errors(401, 403, 404, 422),
)
def enter_value(
    key: Annotated[str, Path(pattern=r"^[a-z_]{2,60}$")],
    body: IndicatorEntry,
    session: SessionDep,
    principal: Planner,
) -> IndicatorValueOut:
    """Enter an indicator the data cannot compute, with its evidence (audited)."""
    return service.enter_indicator_value(session, principal=principal, key=key, entry=body)


@router.get(
    "/exports/{kind}.{fmt}",
    responses={
        200: {
            "description": "The export file",
            "content": {"text/csv": {}, service.MEDIA_TYPES["xlsx"]: {}},
        },
        **errors(401, 403, 404, 422),
    },
    response_class=Response,
)
def export(
    kind: Literal["fit", "offerings", "chains", "indicators"],
    fmt: Literal["csv", "xlsx"],
    request: Request,
    session: SessionDep,
    principal: Planner,
    as_of: AsOf = None,
) -> Response:
    """Download the fit table, offerings, chain gap report or indicators (audited)."""
    content, filename, media = service.export(
        session,
        principal=principal,
        kind=kind,
        fmt=fmt,
        lang=current_lang(request),
        as_of=as_of,
    )
    return Response(
        content,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
