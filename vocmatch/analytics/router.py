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
from vocmatch.analytics.schemas import (
    Action,
    ChainGap,
    FitTable,
    Indicator,
    IndicatorEntry,
    IndicatorValueOut,
    ProgrammeDetail,
    WhatIfRequest,
    WhatIfResult,
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
    Query(description="Day of the open demand (default today)", examples=["2026-11-29"]),
]
Band = Literal["shortage", "tight", "balanced", "surplus", "oversupply", "no_demand"]
ChainKey = Literal["rare_earth", "tungsten", "new_energy", "intelligent_equipment", "none"]


@router.get("/fit", response_model=FitTable, responses=errors(401, 403, 422))
def fit(
    session: SessionDep,
    principal: Reader,
    as_of: AsOf = None,
    band: Band | None = None,
    chain: ChainKey | None = None,
    offered: bool | None = None,
) -> FitTable:
    """The fit table: every programme with open demand or an offering (district aggregates), and
    the offerings the caller may see in detail, with the formula of the fit score."""
    return service.fit_table(
        session, principal=principal, as_of=as_of, band=band, chain=chain, offered=offered
    )


@router.get(
    "/programmes/{code}", response_model=ProgrammeDetail, responses=errors(401, 403, 404, 422)
)
def programme(
    code: Annotated[str, Path(pattern=r"^\d{6}$", examples=["660103"])],
    session: SessionDep,
    principal: Reader,
    as_of: AsOf = None,
) -> ProgrammeDetail:
    """One programme: fit components, matched postings with their shares, enterprises, chains,
    skill gaps and (for its schools' planners) offerings and partners."""
    return service.programme_detail(session, principal=principal, code=code, as_of=as_of)


@router.get("/chains", response_model=list[ChainGap], responses=errors(401, 403, 422))
def chains(session: SessionDep, principal: Reader, as_of: AsOf = None) -> list[ChainGap]:
    """Demand, supply, gap and unmet demand per chain and segment, with the top unmet skills,
    occupations and enterprises."""
    return service.chain_gaps(session, principal=principal, as_of=as_of)


@router.get("/chains/{key}", response_model=ChainGap, responses=errors(401, 403, 404, 422))
def chain(key: str, session: SessionDep, principal: Reader, as_of: AsOf = None) -> ChainGap:
    """One chain's gap report."""
    return service.chain_gap(session, principal=principal, key=key, as_of=as_of)


@router.get("/recommendations", response_model=list[Action], responses=errors(401, 403, 422))
def recommendations(session: SessionDep, principal: Planner, as_of: AsOf = None) -> list[Action]:
    """Ranked actions (expand, shrink, open, reorient, partner) with the numbers behind them."""
    return service.recommendations(session, principal=principal, as_of=as_of)


@router.post("/what-if", response_model=WhatIfResult, responses=errors(401, 403, 422))
def what_if(
    body: WhatIfRequest, session: SessionDep, principal: Planner, as_of: AsOf = None
) -> WhatIfResult:
    """Recompute balance, chain gaps and indicators with changed intakes or an added programme.
    Nothing is written."""
    return service.what_if(session, principal=principal, request=body, as_of=as_of)


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
