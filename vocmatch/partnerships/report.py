"""The year's partnership report for people (the education bureau): the five-commons matrix, what
featured programmes still lack, counts by type, the activities, agreements, partners and the
teachers' Bay Area practice. Sheet and column names in the report's language, vocabulary values
in words, schools, partners and programmes by name, dates as dates; written by ``kit.tables``
(widths, frozen header, filter, formulas neutralised). The import format is a separate download
(``import_format.py``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from operator import attrgetter
from typing import Any, cast

from sqlalchemy.orm import Session

from vocmatch.kit.i18n import translate
from vocmatch.kit.principal import Principal
from vocmatch.kit.tables import Column, Kind, Sheet, to_xlsx
from vocmatch.partnerships import repository as repo
from vocmatch.partnerships.coverage import service as coverage
from vocmatch.partnerships.vocab import FIVE_COMMONS
from vocmatch.partnerships.year import YearRecords, year_records

LIST = "；"


def _columns(t: Callable[[str], str], spec: Sequence[tuple[str, Kind] | str]) -> list[Column]:
    """Columns from ``(i18n key, kind)`` pairs (a bare key is text)."""
    pairs: list[tuple[str, Kind]] = [(i, "text") if isinstance(i, str) else i for i in spec]
    return [Column(key.rsplit(".", 1)[-1], t(key), kind=kind) for key, kind in pairs]


# A column of a sheet of records: a field of the row shown as it is (its name, or (name, kind));
# or (i18n key or (key, kind), what it shows of a row).
Spec = str | tuple[str, Kind] | tuple[tuple[str, Kind] | str, Callable[[Any], Any]]
FIELD = "partnerships.field."


def _sheet(t: Callable[[str], str], name: str, spec: Sequence[Spec], rows: Iterable[Any]) -> Sheet:
    """A sheet named by the i18n key ``name``, each column declared with what it shows."""
    columns: list[tuple[str, Kind] | str] = []
    values: list[Callable[[Any], Any]] = []
    for c in spec:
        if isinstance(c, str) or not callable(c[1]):
            key, kind = (c, cast(Kind, "text")) if isinstance(c, str) else c
            columns.append((FIELD + key, kind))
            values.append(attrgetter(key))
        else:
            columns.append(c[0])
            values.append(c[1])
    return Sheet(t(name), _columns(t, columns), [[v(r) for v in values] for r in rows])


def _coverage_sheets(
    session: Session, principal: Principal, t: Callable[[str], str], year: int, as_of: date
) -> list[Sheet]:
    matrix = coverage.five_commons_matrix(session, as_of=as_of, principal=principal)
    state = {s: t(f"partnerships.state.{s}") for s in ("done", "planned", "missing")}

    def flags(fs: Sequence[str]) -> str:
        return LIST.join(t(f"partnerships.flag.{f}") for f in fs)

    head = [
        "partnerships.col.school",
        "partnerships.col.programme_code",
        "partnerships.col.programme",
    ]
    names = {s.code: s.name for s in repo.schools(session)}
    matrix_sheet = Sheet(
        t("partnerships.sheet.matrix"),
        _columns(
            t,
            [
                *head,
                "partnerships.col.featured",
                *(f"partnerships.type.{c}" for c in FIVE_COMMONS),
                ("partnerships.col.done_of_5", "int"),
            ],
        ),
        [
            [
                names.get(r.school_code, r.school_code),
                r.programme_code,
                r.programme_name,
                flags(r.flags),
                *(state[c.state] for c in r.cells),
                r.done,
            ]
            for r in matrix.rows
        ],
    )
    gaps = coverage.featured_gaps(session, as_of=as_of, principal=principal)
    missing = Sheet(
        t("partnerships.sheet.missing"),
        _columns(
            t,
            [
                *head,
                "partnerships.col.featured",
                "partnerships.col.lacks",
                "partnerships.col.commons_missing",
                "partnerships.col.bay_area_partners",
                "partnerships.col.leading_enterprises",
            ],
        ),
        [
            [
                names.get(g.school_code, g.school_code),
                g.programme_code,
                g.programme_name,
                flags(g.flags),
                LIST.join(t(f"partnerships.lack.{k}") for k in g.lacks),
                LIST.join(t(f"partnerships.type.{c}") for c in g.five_commons_missing),
                LIST.join(g.bay_area_partners),
                LIST.join(g.leading_enterprises),
            ]
            for g in gaps
        ],
    )
    counts = [
        c for c in coverage.counts_by_year_type(session, principal=principal) if c.year == year
    ]
    count_sheet = Sheet(
        t("partnerships.sheet.counts"),
        _columns(
            t,
            [
                "partnerships.col.type",
                ("partnerships.state.done", "int"),
                ("partnerships.state.planned", "int"),
            ],
        ),
        [[t(f"partnerships.type.{c.type}"), c.done, c.planned] for c in counts],
    )
    return [matrix_sheet, missing, count_sheet]


def _record_sheets(session: Session, data: YearRecords, t: Callable[[str], str]) -> list[Sheet]:
    codes = {c for a in data.activities for c in a.programmes}
    codes |= {c for ag in data.agreements for c in ag.programmes}
    programme = repo.programme_names(session, codes)
    school = {i: s.name for i, s in data.schools.items()}

    def progs(cs: Sequence[str]) -> str:
        return LIST.join(f"{programme.get(c, c)}（{c}）" for c in cs)

    f = FIELD
    activity_columns: list[Spec] = [
        ("date", "date"),
        (("partnerships.col.end_date", "date"), lambda a: a.end_date),
        (f + "type", lambda a: t(f"partnerships.type.{a.type}")),
        (f + "status", lambda a: t(f"partnerships.state.{a.status}")),
        "title",
        (f + "school_id", lambda a: school[a.school_id]),
        ("partnerships.col.programmes", lambda a: progs(a.programmes)),
        (
            f + "partner_ids",
            lambda a: LIST.join(data.partners[p].name for p in data.partner_ids.get(a.id, [])),
        ),
        (f + "people", lambda a: LIST.join(a.people)),
        (
            f + "teacher_id",
            lambda a: data.teachers[a.teacher_id].name if a.teacher_id in data.teachers else "",
        ),
        (f + "enterprise_id", lambda a: data.enterprise_name(a.enterprise_id)),
        ("days", "int"),
        ("hours", "int"),
        ("students", "int"),
        "course",
        ("partnerships.col.evidence_url", lambda a: a.evidence_url),
        (
            "partnerships.col.evidence_files",
            lambda a: LIST.join(e.filename for e in data.files.get(a.id, [])),
        ),
        "notes",
        "key",
    ]
    agreement_columns: list[Spec] = [
        "title",
        (f + "agreement_type", lambda ag: t(f"partnerships.agreement.{ag.type}")),
        (f + "partner_id", lambda ag: data.partners[ag.partner_id].name),
        (f + "school_id", lambda ag: school[ag.school_id]),
        ("signed_on", "date"),
        ("valid_until", "date"),
        ("partnerships.col.programmes", lambda ag: progs(ag.programmes)),
        "notes",
        "key",
    ]
    partner_columns: list[Spec] = [
        "name",
        (f + "kind", lambda p: t(f"partnerships.kind.{p.kind}")),
        (f + "region", lambda p: t(f"partnerships.region.{p.region}")),
        "city",
        (f + "enterprise_id", lambda p: data.enterprise_name(p.enterprise_id)),
        "website",
        "notes",
    ]
    return [
        _sheet(t, "partnerships.sheet.activities", activity_columns, data.activities),
        _sheet(t, "partnerships.sheet.agreements", agreement_columns, data.agreements),
        _sheet(t, "partnerships.sheet.partners", partner_columns, data.partners.values()),
    ]


def export_report(
    session: Session, *, principal: Principal, year: int, as_of: date, lang: str = "zh"
) -> bytes:
    """Return the year's partnership report for people (XLSX bytes) for the schools in scope,
    audited as an export."""

    def t(key: str) -> str:
        return translate(key, lang)

    data = year_records(session, principal=principal, year=year)
    practice = [r for r in coverage.practice_days(session, principal=principal) if r.year == year]
    names = {s.code: s.name for s in data.schools.values()}
    practice_sheet = Sheet(
        t("partnerships.sheet.practice"),
        _columns(
            t,
            [
                "partnerships.col.teacher",
                "partnerships.col.school",
                ("partnerships.col.days", "int"),
                ("partnerships.col.periods", "int"),
            ],
        ),
        [
            [r.teacher_name, names.get(r.school_code, r.school_code), r.days, r.periods]
            for r in practice
        ],
    )
    sheets: list[Sheet] = [
        *_coverage_sheets(session, principal, t, year, as_of),
        *_record_sheets(session, data, t),
        practice_sheet,
    ]
    content = to_xlsx(sheets, lang=lang)
    data.record_export(
        session, principal=principal, what="partnership_report", year=year, teachers=len(practice)
    )
    return content
