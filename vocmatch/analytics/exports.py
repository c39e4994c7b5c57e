"""Exports of the fit table, the chain gap report and the indicators as CSV or XLSX.

Each export is a list of ``kit.tables.Sheet``: Chinese sheet and column names from the i18n
files, shares as percentages, 是/否 for yes/no columns, chain names instead of keys; the writer
(``kit.tables.to_xlsx``/``to_csv``) neutralises formulas and formats the workbook.
"""

from __future__ import annotations

from collections.abc import Sequence

from vocmatch.analytics.schemas import ChainGap, FitTable, Indicator
from vocmatch.kit.i18n import translate
from vocmatch.kit.tables import Cell, Column, Kind, Sheet, to_csv, to_xlsx

KINDS = ("fit", "offerings", "chains", "indicators")
__all__ = ["KINDS", "chain_sheets", "fit_sheets", "indicator_sheets", "to_csv", "to_xlsx"]
PCT = {"employment_share", "balance", "coverage", "relevance", "progress"}
BOOL = {"offered", "sufficient", "articulation", "leading_partner", "met_now", "met_at_deadline"}
INT = {"schools", "intake_plan", "enrolled", "graduates", "employed", "demand", "unserved",
       "evidence_postings", "evidence_enterprises", "year", "district_demand"}  # fmt: skip


def _columns(keys: Sequence[str], lang: str) -> list[Column]:
    def kind(k: str) -> Kind:
        return "pct" if k in PCT else "bool" if k in BOOL else "int" if k in INT else "text"

    return [Column(k, translate(f"an.col.{k}", lang), kind=kind(k)) for k in keys]


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
        _columns(pcols, lang),
        [
            [
                p.code,
                p.name,
                p.offered,
                p.schools,
                p.intake_plan,
                p.enrolled,
                p.graduates,
                p.employed,
                p.employment_share,
                t(f"an.employment.{p.employment_source}"),
                p.demand,
                p.unserved,
                p.placements,
                p.cohort,
                p.ratio,
                t(f"band.{p.band}"),
                p.fit,
                p.components.balance,
                p.components.coverage,
                p.components.relevance,
                "；".join(t(f"an.chain.{c}") for c in p.chains),
                p.evidence.postings,
                p.evidence.enterprises,
                p.evidence.sufficient,
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
        _columns(ocols, lang),
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
                o.employment_share,
                t(f"an.employment.{o.employment_source}"),
                o.demand,
                o.district_demand,
                o.ratio,
                t(f"band.{o.band}"),
                o.fit,
                o.components.coverage,
                "；".join(
                    t(f"an.flag.{k}")
                    for k in ("key_demonstration", "characteristic", "provincial_quality")
                    if getattr(o, k)
                ),
                o.articulation,
                o.leading_partner,
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
    gaps = Sheet(t("an.sheet.chains"), _columns(cols, lang), rows)
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
        _columns(["chain", "kind", "item", "demand", "unmet"], lang),
        unmet_rows,
    )
    return [gaps, unmet]


def indicator_sheets(items: Sequence[Indicator], lang: str) -> list[Sheet]:
    """Return the indicators with value, date, target and met/missed as one sheet: a share's
    value, target and value at the deadline as 0.0 %, a count of people or things whole."""

    def t(key: str) -> str:
        return translate(key, lang)

    def kind(i: Indicator) -> Kind:
        return "pct" if i.unit == "%" else "int"

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
            [
                *_columns(cols[:2], lang),
                Column("as_of", t("an.col.as_of"), kind="date"),
                *_columns(cols[3:], lang),
            ],
            [
                [
                    i.name_zh if lang == "zh" else i.name_en,
                    i.clause,
                    " ".join(i.quote.split()),
                    t(f"an.nature.{i.nature}")
                    + (f" · {t('an.interpreted')}" if i.interpreted else ""),
                    Cell(i.value, kind(i)),
                    i.as_of,
                    Cell(i.target, kind(i)),
                    i.progress,
                    i.met_now,
                    Cell(i.at_deadline, kind(i)),
                    i.met_at_deadline,
                    t(f"an.source.{i.source}"),
                    i.evidence,
                ]
                for i in items
            ],
        )
    ]
