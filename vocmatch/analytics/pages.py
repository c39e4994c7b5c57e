"""Planner pages: dashboard, programme, chain, recommendations with the what-if, and the report.

They call the same services as the API; charts are inline SVG from ``vocmatch.kit.charts``.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from vocmatch.analytics import service
from vocmatch.analytics.config import get_config
from vocmatch.analytics.schemas import ChainGap, Indicator, IndicatorEntry, WhatIfRequest
from vocmatch.kit.charts import CHAIN_COLOURS, Series, bar_chart, line_chart
from vocmatch.kit.deps import SessionDep, check_csrf, require
from vocmatch.kit.errors import Invalid
from vocmatch.kit.i18n import translate
from vocmatch.kit.principal import Principal
from vocmatch.kit.render import current_lang, render
from vocmatch.schools import service as schools

router = APIRouter(include_in_schema=False)
PlannerPage = Annotated[Principal, Depends(require("admin", "planner"))]
CHAINS = ("rare_earth", "tungsten", "new_energy", "intelligent_equipment", "none")


def _chain_chart(chains: list[ChainGap], lang: str) -> Any:
    t = lambda k: translate(k, lang)  # noqa: E731
    return bar_chart(
        [t(f"an.chain.{c.key}") for c in chains],
        [
            Series(t("an.col.demand"), [c.demand for c in chains], "#b3261e"),
            Series(t("an.col.supply"), [c.supply for c in chains], "#0b5cad"),
            Series(t("an.col.unmet"), [c.unmet for c in chains], "#c77700"),
        ],
        title=t("an.chart.supply_demand"),
        height=280,
    )


def _trend_chart(ind: Indicator, lang: str) -> Any:
    if len(ind.trend) < 2:
        return None
    scale = 100.0 if ind.unit == "%" else 1.0
    return line_chart(
        [str(p.as_of.year) for p in ind.trend],
        [
            Series(
                ind.name_zh if lang == "zh" else ind.name_en, [p.value * scale for p in ind.trend]
            )
        ],
        title=ind.name_zh if lang == "zh" else ind.name_en,
        target=ind.target * scale,
        target_label=translate("an.col.target", lang),
        height=220,
    )


@router.get("/planner", response_class=HTMLResponse)
def dashboard(request: Request, session: SessionDep, principal: PlannerPage) -> HTMLResponse:
    """Indicators, supply against demand by chain, and the sortable, filterable fit table."""
    lang = current_lang(request)
    table, chains, indicators = service.dashboard(session, principal=principal)
    enrolment = next((i for i in indicators if i.key == "secondary_vocational_enrolment"), None)
    return render(
        request,
        "planner/dashboard.html",
        {
            "table": table,
            "chains": chains,
            "indicators": indicators,
            "chain_chart": _chain_chart(chains, lang),
            "enrolment_chart": _trend_chart(enrolment, lang) if enrolment else None,
            "chain_keys": CHAINS,
            "plan": get_config().plan,
            "weights": get_config().fit.weights,
        },
    )


@router.get("/planner/programmes/{code}", response_class=HTMLResponse)
def programme(
    code: str, request: Request, session: SessionDep, principal: PlannerPage
) -> HTMLResponse:
    """One programme: fit components, skill gaps, chains, matched postings, enterprises, partners."""
    detail = service.programme_detail(session, principal=principal, code=code)
    cfg = get_config()
    return render(
        request,
        "planner/programme.html",
        {"d": detail, "p": detail.fit, "weights": cfg.fit.weights},
    )


@router.get("/planner/chains/{key}", response_class=HTMLResponse)
def chain(key: str, request: Request, session: SessionDep, principal: PlannerPage) -> HTMLResponse:
    """One chain: demand by type and location, supply, gap, segments and the top unmet lists."""
    lang = current_lang(request)
    c = service.chain_gap(session, principal=principal, key=key)
    segs = c.segments
    room = 5 if len(segs) > 6 else 8  # characters that fit under a bar group
    names = [s.name_zh if lang == "zh" else s.name_en for s in segs]
    chart = bar_chart(
        [n if len(n) <= room else n[: room - 1] + "…" for n in names],
        [
            Series(translate("an.col.demand", lang), [s.demand for s in segs], "#b3261e"),
            Series(
                translate("an.col.supply", lang),
                [s.supply for s in segs],
                CHAIN_COLOURS.get(key, "#0b5cad"),
            ),
            Series(translate("an.col.unmet", lang), [s.unmet for s in segs], "#c77700"),
        ],
        title=c.name_zh if lang == "zh" else c.name_en,
        height=260,
    )
    return render(request, "planner/chain.html", {"c": c, "chart": chart, "chain_keys": CHAINS})


def _recommendations_page(
    request: Request,
    session: SessionDep,
    principal: Principal,
    *,
    result: Any = None,
    rows: list[dict[str, Any]] | None = None,
    error: str = "",
    status_code: int = 200,
) -> HTMLResponse:
    actions = service.recommendations(session, principal=principal)
    mine = schools.list_schools(session, principal=principal)
    return render(
        request,
        "planner/recommendations.html",
        {
            "actions": actions,
            "schools": mine,
            "result": result,
            "rows": rows or [{"school_code": "", "programme_code": "", "intake_plan": ""}] * 3,
            "error": error,
        },
        status_code=status_code,
    )


@router.get("/planner/recommendations", response_class=HTMLResponse)
def recommendations(request: Request, session: SessionDep, principal: PlannerPage) -> HTMLResponse:
    """Ranked actions, and the what-if form (prefilled from ?school=&programme=&intake=)."""
    q = request.query_params
    rows = None
    if q.get("programme"):
        rows = [
            {
                "school_code": q.get("school", ""),
                "programme_code": q.get("programme", ""),
                "intake_plan": q.get("intake", ""),
            }
        ] + [{"school_code": "", "programme_code": "", "intake_plan": ""}] * 2
    return _recommendations_page(request, session, principal, rows=rows)


@router.post("/planner/what-if", response_class=HTMLResponse)
def what_if(
    request: Request,
    session: SessionDep,
    principal: PlannerPage,
    csrf_token: Annotated[str, Form()] = "",
    school_code: Annotated[list[str], Form()] = [],  # noqa: B006
    programme_code: Annotated[list[str], Form()] = [],  # noqa: B006
    intake_plan: Annotated[list[str], Form()] = [],  # noqa: B006
) -> HTMLResponse:
    """Run a what-if from the form; nothing is saved."""
    check_csrf(principal, csrf_token)
    rows = [
        {"school_code": s.strip(), "programme_code": p.strip(), "intake_plan": n.strip()}
        for s, p, n in zip(school_code, programme_code, intake_plan, strict=False)
    ]
    filled = [r for r in rows if r["programme_code"] or r["intake_plan"]]
    try:
        req = WhatIfRequest.model_validate({"changes": filled})
        result = service.what_if(session, principal=principal, request=req)
    except ValidationError as exc:
        err = exc.errors()[0]
        msg = f"{'.'.join(str(x) for x in err['loc'])}: {err['msg']}"
        return _recommendations_page(
            request, session, principal, rows=rows, error=msg, status_code=422
        )
    except Invalid as exc:
        msg = exc.message + "".join(f" · {e['field']}: {e['message']}" for e in exc.errors)
        return _recommendations_page(
            request, session, principal, rows=rows, error=msg, status_code=422
        )
    return _recommendations_page(request, session, principal, result=result, rows=rows)


@router.get("/planner/indicators", response_class=HTMLResponse)
def indicators_page(request: Request, session: SessionDep, principal: PlannerPage) -> HTMLResponse:
    """Every indicator with its trend, and the form to enter those the data cannot compute."""
    lang = current_lang(request)
    items = service.plan_indicators(session, principal=principal)
    charts = {i.key: _trend_chart(i, lang) for i in items}
    entered = get_config().enterable()
    return render(
        request,
        "planner/indicators.html",
        {
            "indicators": items,
            "charts": charts,
            "enterable": entered,
            "saved": request.query_params.get("saved"),
        },
    )


@router.post("/planner/indicators", response_model=None)
def enter_indicator(
    request: Request,
    session: SessionDep,
    principal: PlannerPage,
    indicator: Annotated[str, Form()],
    value: Annotated[str, Form()],
    as_of: Annotated[str, Form()],
    evidence: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """Save an entered indicator value with its evidence (audited)."""
    check_csrf(principal, csrf_token)
    try:
        entry = IndicatorEntry(
            value=float(value), as_of=date.fromisoformat(as_of), evidence=evidence
        )
    except (ValueError, ValidationError) as exc:
        raise Invalid(
            f"value, date (YYYY-MM-DD) and evidence (3+ characters) are required: {exc}"
        ) from None
    service.enter_indicator_value(session, principal=principal, key=indicator, entry=entry)
    return RedirectResponse(f"/planner/indicators?saved={indicator}", status_code=303)


@router.get("/planner/method", response_class=HTMLResponse)
def method(request: Request, principal: PlannerPage) -> HTMLResponse:
    """How every figure is computed, with this deployment's thresholds and weights."""
    return render(request, "planner/method.html", {"cfg": get_config()})


@router.get("/planner/report", response_class=HTMLResponse)
def report(request: Request, session: SessionDep, principal: PlannerPage) -> HTMLResponse:
    """A printable report for the bureau: indicators, chain gaps, fit table, top actions."""
    lang = current_lang(request)
    table = service.fit_table(session, principal=principal)
    chains = service.chain_gaps(session, principal=principal)
    service.record_report(session, principal=principal)
    return render(
        request,
        "planner/report.html",
        {
            "table": table,
            "chains": chains,
            "indicators": service.plan_indicators(session, principal=principal),
            "actions": service.recommendations(session, principal=principal)[:15],
            "chain_chart": _chain_chart(chains, lang),
            "plan": get_config().plan,
            "weights": get_config().fit.weights,
        },
    )
