"""What-if: change intakes (or add a programme) and see the new balance and indicators.

Nothing is written. The demand side (the cube) does not depend on who offers what, so only the
supply is replaced and the sums over cells rerun. Figures are the steady state the new intake
leads to: graduates per year = intake × completion (the offering's graduates ÷ intake, or the
default completion for a new offering); enrolment moves by Δintake × years of study × completion.
"""

from __future__ import annotations

from dataclasses import replace

from vocmatch.analytics import scoring as f
from vocmatch.analytics.analysis import Analysis
from vocmatch.analytics.config import AnalyticsConfig
from vocmatch.analytics.indicators import is_met
from vocmatch.analytics.schemas import (
    Indicator,
    WhatIfChain,
    WhatIfChange,
    WhatIfIndicator,
    WhatIfProgramme,
    WhatIfResult,
)
from vocmatch.analytics.supply import OfferingInfo, Supply
from vocmatch.kit.errors import Invalid

NOTE = (
    "Steady state of the new intakes: graduates = intake × completion; enrolment changes by "
    "Δintake × {years} years × completion. Nothing has been saved."
)


def apply_changes(
    supply: Supply, changes: list[WhatIfChange], cfg: AnalyticsConfig
) -> tuple[Supply, float]:
    """Return the changed supply and the steady-state change of enrolment."""
    plan = cfg.planning
    by_code = {s.code: s.id for s in supply.schools.values()}
    offerings = {(o.school_id, o.programme_code): o for o in supply.offerings}
    enrolment_delta = 0.0
    errors = []
    for i, ch in enumerate(changes):
        if ch.school_code not in by_code:
            errors.append({"field": f"changes.{i}.school_code", "message": "unknown school"})
        if ch.programme_code not in supply.names:
            errors.append(
                {"field": f"changes.{i}.programme_code", "message": "not a 中职 programme"}
            )
    if errors:
        raise Invalid("the what-if names unknown schools or programmes", errors=errors)
    for ch in changes:
        key = (by_code[ch.school_code], ch.programme_code)
        old = offerings.get(key)
        if old is not None:
            completion = f.completion_rate(
                int(old.graduates), old.intake_plan, plan.default_completion
            )
            new = replace(
                old,
                intake_plan=ch.intake_plan,
                graduates=ch.intake_plan * completion,
                key_demonstration=old.key_demonstration
                if ch.key_demonstration is None
                else ch.key_demonstration,
                characteristic=old.characteristic
                if ch.characteristic is None
                else ch.characteristic,
            )
            delta = ch.intake_plan - old.intake_plan
        else:
            completion = plan.default_completion
            new = OfferingInfo(
                id=0,
                school_id=key[0],
                programme_code=ch.programme_code,
                year=supply.year,
                intake_plan=ch.intake_plan,
                enrolled=0,
                graduates=ch.intake_plan * completion,
                key_demonstration=bool(ch.key_demonstration),
                characteristic=bool(ch.characteristic),
                provincial_quality=False,
                school_courses="",
                taught=supply.taught.get(ch.programme_code, frozenset()),
            )
            delta = ch.intake_plan
        enrolment_delta += delta * plan.study_years * completion
        offerings[key] = new
    new_supply = supply.with_offerings(
        sorted(offerings.values(), key=lambda o: (o.school_id, o.programme_code))
    )
    return new_supply, enrolment_delta


def compare(
    before: Analysis,
    after: Analysis,
    changed: set[str],
    ind_before: list[Indicator],
    ind_after: list[Indicator],
    cfg: AnalyticsConfig,
) -> WhatIfResult:
    """Return the before/after figures of the changed programmes, every chain and the indicators."""
    programmes = []
    for code in sorted(changed):
        a = after.programmes.get(code)
        b = before.programmes.get(code)
        if a is None:
            continue
        programmes.append(
            WhatIfProgramme(
                code=code,
                name=a.name,
                graduates_before=b.graduates if b else 0.0,
                graduates_after=round(a.graduates, 1),
                demand=a.demand,
                ratio_before=b.ratio if b else None,
                ratio_after=a.ratio,
                band_before=b.band if b else f.NO_DEMAND,
                band_after=a.band,
                fit_before=b.fit if b else 0.0,
                fit_after=a.fit,
            )
        )
    chains = [
        WhatIfChain(
            key=a.key,
            supply_before=b.supply,
            supply_after=a.supply,
            unmet_before=b.unmet,
            unmet_after=a.unmet,
            demand=a.demand,
        )
        for b, a in zip(before.chains, after.chains, strict=True)
    ]
    defs = {d.key: d for d in cfg.indicators}
    indicators = [
        WhatIfIndicator(
            key=b.key,
            unit=b.unit,
            before=b.value,
            after=a.value,
            target=b.target,
            met_after=is_met(defs[b.key], a.value),
        )
        for b, a in zip(ind_before, ind_after, strict=True)
        if b.value != a.value
    ]
    return WhatIfResult(
        note=NOTE.format(years=cfg.planning.study_years),
        programmes=programmes,
        chains=chains,
        indicators=indicators,
        bands_before=before.bands(),
        bands_after=after.bands(),
    )
