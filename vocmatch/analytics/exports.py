"""Exports of the fit table, the chain gap report and the indicators as CSV or XLSX.

Text cells that begin with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return are prefixed
with ``'`` so a spreadsheet shows them as text instead of running them as formulas (OWASP CSV
injection). Numbers are written as numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook

from vocmatch.analytics.schemas import ChainGap, FitTable, Indicator
from vocmatch.kit.i18n import translate
from vocmatch.kit.spreadsheet import neutralise

KINDS = ("fit", "offerings", "chains", "indicators")


@dataclass
class Sheet:
    name: str
    headers: list[str]
    rows: list[list[Any]]


def _pct(v: float | None) -> float | None:
    return None if v is None else round(v, 4)


def fit_sheets(table: FitTable, lang: str) -> list[Sheet]:
    """Return the programme sheet and the offering sheet of a fit table."""

    def t(key: str) -> str:
        return translate(key, lang)

    pcols = (
        "code",
        "name",
        "offered",
        "schools",
        "intake_plan",
        "enrolled",
        "graduates",
        "employed",
        "employment_share",
        "employment_source",
        "demand",
        "unserved",
        "placements",
        "cohort",
        "ratio",
        "band",
        "fit",
        "balance",
        "coverage",
        "relevance",
        "chain",
        "evidence_postings",
        "evidence_enterprises",
        "sufficient",
        "skills_missing",
    )
    programmes = Sheet(
        t("an.sheet.programmes"),
        [t(f"an.col.{c}") for c in pcols],
        [
            [
                p.code,
                p.name,
                int(p.offered),
                p.schools,
                p.intake_plan,
                p.enrolled,
                p.graduates,
                p.employed,
                _pct(p.employment_share),
                t(f"an.employment.{p.employment_source}"),
                p.demand,
                p.unserved,
                p.placements,
                p.cohort,
                p.ratio,
                t(f"band.{p.band}"),
                p.fit,
                _pct(p.components.balance),
                _pct(p.components.coverage),
                _pct(p.components.relevance),
                "；".join(t(f"an.chain.{c}") for c in p.chains),
                p.evidence.postings,
                p.evidence.enterprises,
                int(p.evidence.sufficient),
                "；".join(s.term for s in p.skills_missing),
            ]
            for p in table.programmes
        ],
    )
    ocols = (
        "school",
        "code",
        "name",
        "year",
        "intake_plan",
        "enrolled",
        "graduates",
        "employed",
        "employment_share",
        "employment_source",
        "demand",
        "district_demand",
        "ratio",
        "band",
        "fit",
        "coverage",
        "featured",
        "articulation",
        "leading_partner",
    )
    offerings = Sheet(
        t("an.sheet.offerings"),
        [t(f"an.col.{c}") for c in ocols],
        [
            [
                o.school_name,
                o.programme_code,
                o.programme_name,
                o.year,
                o.intake_plan,
                o.enrolled,
                o.graduates,
                o.employed,
                _pct(o.employment_share),
                t(f"an.employment.{o.employment_source}"),
                o.demand,
                o.district_demand,
                o.ratio,
                t(f"band.{o.band}"),
                o.fit,
                _pct(o.components.coverage),
                "；".join(
                    t(f"an.flag.{k}")
                    for k in ("key_demonstration", "characteristic", "provincial_quality")
                    if getattr(o, k)
                ),
                int(o.articulation),
                int(o.leading_partner),
            ]
            for o in table.offerings
        ],
    )
    return [programmes, offerings]


def chain_sheets(chains: Sequence[ChainGap], lang: str) -> list[Sheet]:
    """Return the gap per chain and segment, and the top unmet lists, as sheets."""

    def t(key: str) -> str:
        return translate(key, lang)

    name = (lambda c: c.name_zh) if lang == "zh" else (lambda c: c.name_en)
    cols = [
        "chain",
        "segment",
        "demand",
        "placements",
        "cohort",
        "high_tech_zone",
        "ganzhou",
        "bay_area",
        "other",
        "graduates",
        "supply",
        "gap",
        "met",
        "unmet",
        "unserved",
        "unmatched",
    ]
    rows = []
    for c in chains:
        for label, g in [(t("an.all_segments"), c), *((name(s), s) for s in c.segments)]:
            rows.append(
                [
                    name(c),
                    label,
                    g.demand,
                    g.placements,
                    g.cohort,
                    *g.by_location.values(),
                    g.graduates,
                    g.supply,
                    g.gap,
                    g.met,
                    g.unmet,
                    g.unserved,
                    g.unmatched,
                ]
            )
    gaps = Sheet(t("an.sheet.chains"), [t(f"an.col.{k}") for k in cols], rows)
    unmet_rows = [
        [name(c), t(f"an.col.{kind}"), a.label, a.demand, a.unmet]
        for c in chains
        for kind, items in (
            ("skills", c.top_unmet_skills),
            ("occupations", c.top_unmet_occupations),
            ("enterprises", c.enterprises),
        )
        for a in items
    ]
    unmet = Sheet(
        t("an.sheet.unmet"),
        [
            t("an.col.chain"),
            t("an.col.kind"),
            t("an.col.item"),
            t("an.col.demand"),
            t("an.col.unmet"),
        ],
        unmet_rows,
    )
    return [gaps, unmet]


def indicator_sheets(items: Sequence[Indicator], lang: str) -> list[Sheet]:
    """Return the indicators with value, date, target and met/missed as one sheet."""

    def t(key: str) -> str:
        return translate(key, lang)

    def yes(v: bool | None) -> str:
        return "" if v is None else t("an.yes") if v else t("an.no")

    cols = [
        "indicator",
        "clause",
        "quote",
        "nature",
        "value",
        "as_of",
        "target",
        "progress",
        "met_now",
        "at_deadline",
        "met_at_deadline",
        "source",
        "evidence",
    ]
    return [
        Sheet(
            t("an.sheet.indicators"),
            [t(f"an.col.{c}") for c in cols],
            [
                [
                    i.name_zh if lang == "zh" else i.name_en,
                    i.clause,
                    " ".join(i.quote.split()),
                    t(f"an.nature.{i.nature}")
                    + (f" · {t('an.interpreted')}" if i.interpreted else ""),
                    i.value,
                    i.as_of.isoformat() if i.as_of else "",
                    i.target,
                    _pct(i.progress),
                    yes(i.met_now),
                    i.at_deadline,
                    yes(i.met_at_deadline),
                    t(f"an.source.{i.source}"),
                    i.evidence,
                ]
                for i in items
            ],
        )
    ]


def to_csv(sheet: Sheet) -> bytes:
    """Return one sheet as UTF-8 CSV with a BOM (so Excel reads the Chinese)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in sheet.headers])
    for row in sheet.rows:
        writer.writerow(["" if v is None else neutralise(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """Return the sheets as one XLSX workbook."""
    wb = Workbook(write_only=True)
    for sheet in sheets:
        ws = wb.create_sheet(sheet.name[:31])
        ws.append([neutralise(h) for h in sheet.headers])
        for row in sheet.rows:
            ws.append([neutralise(v) for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
