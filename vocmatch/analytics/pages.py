"""Planner pages: dashboard, programme, chain, recommendations with the what-if, method, report.

They call the same services as the API; charts are inline SVG from ``vocmatch.kit.charts``.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from vocmatch.analytics import service
from vocmatch.analytics.commitments import service as commitments
from vocmatch.analytics.commitments.schemas import PeriodOut
from vocmatch.analytics.method import get_method
from vocmatch.analytics.plan import service as plans
from vocmatch.analytics.plan.schemas import WhatIfRequest
from vocmatch.analytics.schemas import ChainGap, Indicator, IndicatorEntry
from vocmatch.analytics.targets import plan_targets
from vocmatch.kit.charts import CHAIN_COLOURS, Series, bar_chart, line_chart
from vocmatch.kit.deps import PAGE_CSRF, SessionDep, require
from vocmatch.kit.errors import Invalid, VocmatchError
from vocmatch.kit.forms import error_line
from vocmatch.kit.i18n import translate
from vocmatch.kit.principal import Principal
from vocmatch.kit.render import current_lang, render
from vocmatch.partnerships.evidence.service import ACCEPT
from vocmatch.schools import service as schools
from vocmatch.schools.destinations import service as destinations

router = APIRouter(include_in_schema=False, dependencies=PAGE_CSRF)
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
        counts=True,
        height=280,
    )


def _trend_chart(ind: Indicator, lang: str) -> Any:
    if len(ind.trend) < 2:
        return None
    scale = 100.0 if ind.unit == "%" else 1.0
    name = ind.name_zh if lang == "zh" else ind.name_en
    return line_chart(
        [str(p.as_of.year) for p in ind.trend],
        [Series(name, [p.value * scale for p in ind.trend])],
        title=name,
        target=None if ind.target is None else ind.target * scale,
        target_label=translate("an.col.target", lang),
        counts=ind.unit != "%",  # 人, 个, 所
        width=360,  # a card of a two-column grid, or a phone: text stays ≥ 11 px
        height=220,
    )


@router.get("/planner", response_class=HTMLResponse)
def dashboard(request: Request, session: SessionDep, principal: PlannerPage) -> HTMLResponse:
    """Indicators, hires against graduates entering work by chain, and the fit table."""
    lang = current_lang(request)
    table, chains, indicators = service.dashboard(session, principal=principal)
    enrolment = next((i for i in indicators if i.key == "secondary_vocational_enrolment"), None)
    zone = destinations.summary(session, principal=principal)
    return render(
        request,
        "planner/dashboard.html",
        {
            "table": table,
            "chains": chains,
            "indicators": indicators,
            "zone": zone,
            "chain_chart": _chain_chart(chains, lang),
            "enrolment_chart": _trend_chart(enrolment, lang) if enrolment else None,
            "chain_keys": CHAINS,
            "plan": plan_targets().plan,
            "period": _current_period(principal),
            "method": get_method(),
        },
    )


def _current_period(principal: Principal) -> PeriodOut:
    return next(p for p in commitments.list_periods(principal=principal) if p.current)


@router.get("/planner/programmes/{code}", response_class=HTMLResponse)
def programme(
    code: str, request: Request, session: SessionDep, principal: PlannerPage
) -> HTMLResponse:
    """One programme: evidence, components, which course covers which skill, postings."""
    detail = service.programme_detail(session, principal=principal, code=code)
    return render(
        request,
        "planner/programme.html",
        {"d": detail, "p": detail.fit, "method": get_method()},
    )


@router.get("/planner/chains/{key}", response_class=HTMLResponse)
def chain(key: str, request: Request, session: SessionDep, principal: PlannerPage) -> HTMLResponse:
    """One chain: hires, internships, cohorts, graduates entering work, segments, unmet lists."""
    lang = current_lang(request)
    c = service.chain_gap(session, principal=principal, key=key)
    segs = c.segments
    chart = bar_chart(
        [s.name_zh if lang == "zh" else s.name_en for s in segs],  # wrapped by the chart
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
        counts=True,
        height=260,
    )
    return render(
        request,
        "planner/chain.html",
        {"c": c, "chart": chart, "chain_keys": CHAINS, "method": get_method()},
    )


def _query_float(request: Request, name: str) -> float | None:
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return None
    try:
        value = float(raw) / 100.0 if float(raw) > 1 else float(raw)
    except ValueError:
        raise Invalid(
            f"{name} must be a number", errors=[{"field": name, "message": "not a number"}]
        ) from None
    if not 0 < value <= 1:
        raise Invalid(f"{name} must be in (0, 1]", errors=[{"field": name, "message": "range"}])
    return value


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
    school = request.query_params.get("school") or None
    max_change = _query_float(request, "max_change")
    plan = plans.recommendations(session, principal=principal, school=school, max_change=max_change)
    blank = {"school_code": "", "programme_code": "", "intake_plan": ""}
    return render(
        request,
        "planner/recommendations.html",
        {
            "plan": plan,
            "schools": schools.list_schools(session, principal=principal),
            "school": school or "",
            "result": result,
            "rows": rows or [blank] * 3,
            "error": error,
            "method": get_method(),
        },
        status_code=status_code,
    )


@router.get("/planner/recommendations", response_class=HTMLResponse)
def recommendations(request: Request, session: SessionDep, principal: PlannerPage) -> HTMLResponse:
    """The optimiser's plan, and the what-if form (prefilled from ?whatif_school=&programme=&…)."""
    q = request.query_params
    rows = None
    if q.get("programme"):
        blank = {"school_code": "", "programme_code": "", "intake_plan": ""}
        rows = [
            {
                "school_code": q.get("whatif_school", ""),
                "programme_code": q.get("programme", ""),
                "intake_plan": q.get("intake", ""),
            }
        ] + [blank] * 2
    return _recommendations_page(request, session, principal, rows=rows)


@router.post("/planner/what-if", response_class=HTMLResponse)
def what_if(
    request: Request,
    session: SessionDep,
    principal: PlannerPage,
    school_code: Annotated[list[str], Form()] = [],  # noqa: B006
    programme_code: Annotated[list[str], Form()] = [],  # noqa: B006
    intake_plan: Annotated[list[str], Form()] = [],  # noqa: B006
) -> HTMLResponse:
    """Score a what-if from the form with the recommendations' model; nothing is saved."""
    rows = [
        {"school_code": s.strip(), "programme_code": p.strip(), "intake_plan": n.strip()}
        for s, p, n in zip(school_code, programme_code, intake_plan, strict=False)
    ]
    filled = [r for r in rows if r["programme_code"] or r["intake_plan"]]
    try:
        req = WhatIfRequest.model_validate(
            {"changes": filled, "max_change": _query_float(request, "max_change")}
        )
        school = request.query_params.get("school") or None
        result = plans.what_if(session, principal=principal, request=req, school=school)
    except (ValidationError, VocmatchError) as exc:
        msg, status = error_line(exc, current_lang(request))
        return _recommendations_page(
            request, session, principal, rows=rows, error=msg, status_code=status
        )
    return _recommendations_page(request, session, principal, result=result, rows=rows)


@router.get("/planner/indicators", response_class=HTMLResponse)
def indicators_page(request: Request, session: SessionDep, principal: PlannerPage) -> HTMLResponse:
    """Every indicator with its trend, and the form to enter those the data cannot compute."""
    lang = current_lang(request)
    items = service.plan_indicators(session, principal=principal)
    return render(
        request,
        "planner/indicators.html",
        {
            "indicators": items,
            "period": _current_period(principal),
            "milestones": commitments.milestones(session, principal=principal),
            "statuses": ("not_started", "in_progress", "done"),
            "today": service.today(),
            "accept": ACCEPT,
            "charts": {i.key: _trend_chart(i, lang) for i in items},
            "enterable": plan_targets().enterable(),
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
) -> RedirectResponse:
    """Save an entered indicator value with its evidence (audited)."""
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
    """How every figure is computed, with this deployment's parameters."""
    return render(
        request, "planner/method.html", {"method": get_method(), "targets": plan_targets()}
    )


@router.get("/planner/report", response_class=HTMLResponse)
def report(request: Request, session: SessionDep, principal: PlannerPage) -> HTMLResponse:
    """A printable report for the bureau: indicators, chain gaps, fit table, the plan."""
    lang = current_lang(request)
    table, chains, indicators = service.dashboard(session, principal=principal)
    service.record_report(session, principal=principal)
    return render(
        request,
        "planner/report.html",
        {
            "table": table,
            "chains": chains,
            "indicators": indicators,
            "plan": plans.recommendations(session, principal=principal),
            "chain_chart": _chain_chart(chains, lang),
            "targets": plan_targets().plan,
            "method": get_method(),
        },
    )
