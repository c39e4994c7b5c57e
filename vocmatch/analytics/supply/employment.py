"""The share of an offering's graduates that enters work, from graduate-destination records.

For school s and programme c: e_sc = Σ employed ÷ Σ graduates over the records of the latest
``destination_years`` graduation years on or before the analysis year (pooled, so a small year
does not swing it). Without records the method's default is used, and the figure says so.
The High-tech Zone share h_sc = Σ employed in the zone ÷ Σ employed (the district's pooled share
of every record when the offering has none; None without any record).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

RECORDS = "records"
DEFAULT = "default"


@dataclass(frozen=True)
class Employment:
    share: float
    source: str  # records | default
    high_tech_zone: float | None  # share of the employed who work in the zone
    years: tuple[int, ...]  # graduation years the records cover


def employment_shares(
    rows: Iterable[Any], *, year: int, years: int, default: float
) -> tuple[dict[tuple[int, str], Employment], Employment]:
    """Return the employment of each (school, programme) with records, and the default.

    ``rows`` hold school_id, programme_code, year, graduates, employed, employed_high_tech_zone.
    """
    by_key: dict[tuple[int, str], list[Any]] = defaultdict(list)
    for r in rows:
        if r.year <= year:
            by_key[(r.school_id, r.programme_code)].append(r)
    out: dict[tuple[int, str], Employment] = {}
    for key, recs in by_key.items():
        latest = sorted({r.year for r in recs})[-years:]
        used = [r for r in recs if r.year in latest]
        graduates = sum(r.graduates for r in used)
        employed = sum(r.employed for r in used)
        if graduates <= 0:
            continue
        out[key] = Employment(
            share=employed / graduates,
            source=RECORDS,
            high_tech_zone=(sum(r.employed_high_tech_zone for r in used) / employed)
            if employed
            else None,
            years=tuple(latest),
        )
    employed = sum(r.employed for recs in by_key.values() for r in recs)
    zone = sum(r.employed_high_tech_zone for recs in by_key.values() for r in recs)
    # Without records of its own an offering's High-tech Zone share is the district's pooled one.
    pooled = zone / employed if employed else None
    return out, Employment(share=default, source=DEFAULT, high_tech_zone=pooled, years=())
