"""Load the reference data and the sample deployment: validate everything, then write once.

Every file is parsed and cross-checked before the single write transaction starts, so a bad file
stops the load with one line naming the place and the database is left exactly as it was.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from vocmatch.analytics.loader import read_indicator_values, write_indicator_values
from vocmatch.catalogue.loader import read_catalogue, write_catalogue
from vocmatch.catalogue.models import Programme
from vocmatch.demand.loader import match_stale, read_postings, write_postings
from vocmatch.enterprises.loader import read_enterprises, write_enterprises
from vocmatch.industries.loader import read_industries, write_industries
from vocmatch.industries.models import Chain
from vocmatch.kit import health
from vocmatch.kit.db import session_factory, transaction
from vocmatch.kit.errors import DataFileError
from vocmatch.kit.upsert import LoadCounts
from vocmatch.partnerships.loader import read_partnerships, write_partnerships
from vocmatch.schools.capacity.loader import read_capacity, write_capacity
from vocmatch.schools.destinations.loader import read_destinations, write_destinations
from vocmatch.schools.loader import (
    read_offering_partners,
    read_school_courses,
    read_schools,
    write_offering_partners,
    write_school_courses,
    write_schools,
)
from vocmatch.teachers.loader import read_teachers, write_teachers

log = logging.getLogger(__name__)
Progress = Callable[[str], None]


def _quiet(_msg: str) -> None:
    return None


def load_reference(engine: Engine, data_dir: Path, progress: Progress = _quiet) -> LoadCounts:
    """Validate and load programmes, occupations, links and the chains; return the counts."""
    progress("reading data/programmes.csv, occupations.csv, programme_occupations.csv")
    catalogue = read_catalogue(data_dir)
    progress("reading data/industries.yaml")
    industries = read_industries(
        data_dir / "industries.yaml",
        occupation_codes={o.code for o in catalogue.occupations},
        programme_codes={p.code for p in catalogue.programmes},
    )
    counts = LoadCounts()
    with transaction(engine) as session:
        progress(
            f"writing {len(catalogue.programmes)} programmes, {len(catalogue.occupations)} occupations"
        )
        write_catalogue(session, catalogue, counts)
        progress(f"writing {len(industries.chains)} chains")
        write_industries(session, industries, counts)
    log.info("load.reference.done", extra={"changed": counts.changed})
    return counts


def load_sample(
    engine: Engine, data_dir: Path, progress: Progress = _quiet, *, match_postings: bool = False
) -> LoadCounts:
    """Validate and load the sample deployment in ``data_dir/sample``; return the counts.

    With ``match_postings`` (what ``vocmatch load sample`` does) postings never matched, or matched
    by another model version, are matched in the same transaction. Off by default so loading
    stays free of the model for callers that build their own matches (the test fixtures).
    """
    sample = data_dir / "sample"
    with transaction(engine, write=False) as session:
        programme_codes = set(session.scalars(select(Programme.code)))
    if not programme_codes:
        raise DataFileError("the reference data is not loaded: run `vocmatch load reference` first")
    progress("reading data/sample/ schools, offerings, enterprises")
    schools = read_schools(sample, programme_codes=programme_codes)
    enterprises = read_enterprises(sample)
    enterprise_names = {e.name for e in enterprises}
    offering_partners = read_offering_partners(
        sample,
        offerings={(o.school_code, o.programme_code, o.year) for o in schools.offerings},
        enterprise_names=enterprise_names,
    )
    offered = {(o.school_code, o.programme_code, o.year) for o in schools.offerings}
    school_courses = read_school_courses(sample, offerings=offered)
    school_codes = {s.code for s in schools.schools}
    destinations = read_destinations(
        sample, school_codes=school_codes, programme_codes=programme_codes
    )
    capacity = read_capacity(sample, school_codes=school_codes)
    progress("reading data/sample/postings.csv")
    postings = read_postings(sample, enterprise_names=enterprise_names)
    progress("reading data/sample/ teachers")
    teachers = read_teachers(sample, school_codes={s.code for s in schools.schools})
    progress("reading data/sample/ partners, agreements, activities")
    partnerships = read_partnerships(
        sample,
        school_codes={s.code for s in schools.schools},
        enterprise_names=enterprise_names,
        staff_nos={t.staff_no for t in teachers.teachers},
        programme_codes=programme_codes,
    )
    indicators = read_indicator_values(sample)
    counts = LoadCounts()
    with transaction(engine) as session:
        progress("writing schools and offerings")
        by_code = write_schools(session, schools, counts)
        write_school_courses(session, school_courses, by_code, counts)
        write_destinations(session, destinations, by_code, counts)
        write_capacity(session, capacity, by_code, counts)
        progress(f"writing {len(enterprises)} enterprises and {len(postings)} postings")
        by_name = write_enterprises(session, enterprises, counts)
        by_external_id = write_postings(session, postings, by_name, counts)
        match_stale(session, list(by_external_id.values()), progress, match=match_postings)
        write_offering_partners(session, offering_partners, by_code, by_name, counts)
        progress(f"writing {len(teachers.teachers)} teachers")
        write_teachers(session, teachers, by_code, by_name, counts)
        progress(f"writing {len(partnerships.activities)} partnership activities")
        write_partnerships(session, partnerships, by_code, by_name, counts)
        write_indicator_values(session, indicators, counts)
    log.info("load.sample.done", extra={"changed": counts.changed})
    return counts


def data_status(session: Session) -> dict[str, int]:
    """Return how many programmes and chains are loaded (readiness checks use this)."""
    return {
        "programmes": session.scalar(select(func.count()).select_from(Programme)) or 0,
        "chains": session.scalar(select(func.count()).select_from(Chain)) or 0,
    }


def data_readiness(app: Any) -> tuple[str, bool, str]:
    """Readiness check: the reference data (programmes and the four chains) is loaded."""
    try:
        with session_factory(health.probe(app))() as session:
            status = data_status(session)
    except Exception as exc:
        return "data", False, f"cannot read: {type(exc).__name__}"
    ok = status["programmes"] > 0 and status["chains"] == 4
    detail = f"{status['programmes']} programmes, {status['chains']} chains"
    return "data", ok, detail if ok else detail + ": run `vocmatch load reference`"
