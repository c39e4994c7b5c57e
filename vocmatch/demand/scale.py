"""A synthetic province for measuring: many schools, many enterprises, a year of postings.

``vocmatch sample scale --postings N --schools S [--seed K]`` writes, on top of the loaded
reference data (and the sample deployment, if loaded):

* S schools (codes ``PS-0001``…), each offering 8–24 programmes of the catalogue — programmes that
  the crosswalk links to an occupation, so demand can reach them — with intake, enrolment and
  graduates;
* ``max(20, N / 200)`` synthetic enterprises spread over the province's cities, besides the
  enterprises already there (which get about a third of the postings);
* N postings: an occupation of the 2022 classification that has market titles (MOHRSS) and is
  linked to a programme, one of its market titles as the title, a description built from the
  occupation's definition, skills from its tasks, a headcount, a type, a validity within the
  year before ``--as-of`` and a status that follows from it;
* every posting's match, computed here in batches through the matcher (``match_store``, the one
  place postings meet it), and its programme index.

The same seed and ``--as-of`` give the same rows (ids and timestamps aside). Rows of an earlier
run are replaced: postings of source ``scale``, schools ``PS-…``, enterprises marked in
``notes``. Postings are bulk-inserted (PostgreSQL ``COPY``, SQLite ``executemany``) in one
transaction with explicit ids: run it while nothing else writes postings.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from psycopg.types.json import Json
from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.orm import Session

from vocmatch.catalogue.models import Occupation, ProgrammeOccupation
from vocmatch.demand.models import Posting, PostingProgramme
from vocmatch.demand.postings.match_store import match_postings, posting_text
from vocmatch.demand.postings.service import index_rows, ranked_programmes
from vocmatch.demand.schemas import CLIENT_FIELDS, MATCH_FIELDS
from vocmatch.enterprises.models import Enterprise
from vocmatch.kit.db import utcnow
from vocmatch.kit.errors import Invalid
from vocmatch.schools.models import Offering, School

SOURCE = "scale"
SCHOOL_PREFIX = "PS-"
ENTERPRISE_NOTE = "vocmatch sample scale (synthetic)"
CHUNK = 5000  # postings generated, matched and written per step
CITIES = (
    "南昌",
    "赣州",
    "九江",
    "上饶",
    "抚州",
    "宜春",
    "吉安",
    "萍乡",
    "新余",
    "鹰潭",
    "景德镇",
)
TRADES = ("精密制造", "新材料", "智能装备", "新能源", "电子科技", "物流", "食品", "医药", "建设")
TYPES = (("hire", 80), ("internship", 10), ("order_class", 5), ("apprenticeship", 5))
EDUCATION = ("中职", "中职", "高中", "不限", "大专")
POSTING_FIELDS = ("id", "enterprise_id", "source", "namespace", "external_id", *CLIENT_FIELDS)
POSTING_FIELDS += ("created_at", "updated_at", *MATCH_FIELDS)
INDEX_FIELDS = (
    "posting_id",
    "programme_code",
    "rank",
    "score",
    "enterprise_id",
    "headcount",
    "chain",
    "type",
    "valid_until",
)
JSON_FIELDS = {"skills", "match"}
Progress = Callable[[int], None]


@dataclass(frozen=True)
class ScaleCounts:
    """What a run wrote."""

    schools: int
    offerings: int
    enterprises: int
    postings: int
    matched: int
    index_rows: int


@dataclass(frozen=True)
class _Job:
    code: str
    titles: tuple[str, ...]
    definition: str
    skills: tuple[str, ...]


def _pieces(raw: str, limit: int) -> tuple[str, ...]:
    parts = [p.strip(" 。；;\n") for p in raw.replace("\n", "；").split("；")]
    return tuple(p[:40] for p in parts if len(p) > 1)[:limit]


def _jobs(session: Session) -> tuple[list[_Job], list[str]]:
    """The occupations postings are drawn from, and the programmes linked to them."""
    linked: dict[str, set[str]] = {}
    for occ, prog in session.execute(
        select(ProgrammeOccupation.occupation_code, ProgrammeOccupation.programme_code).where(
            ProgrammeOccupation.occupation_code != ""
        )
    ):
        linked.setdefault(occ, set()).add(prog)
    jobs = []
    for o in session.scalars(select(Occupation).order_by(Occupation.code)):
        titles = _pieces(o.market_titles, 12)
        if titles and o.code in linked:
            skills = _pieces(o.tasks, 8) or _pieces(o.work_types, 8) or (o.name,)
            jobs.append(_Job(o.code, titles, o.definition[:120], skills))
    programmes = sorted({p for j in jobs for p in linked[j.code]})
    if not jobs:
        raise Invalid(
            "no occupation with market titles is linked to a programme: "
            "load the reference data first (vocmatch load reference)",
            errors=[{"field": "occupation", "message": "none with market titles and a link"}],
        )
    return jobs, programmes


def _clear(session: Session) -> None:
    """Remove the rows of an earlier run."""
    scale_postings = select(Posting.id).where(Posting.source == SOURCE)
    session.execute(delete(PostingProgramme).where(PostingProgramme.posting_id.in_(scale_postings)))
    session.execute(delete(Posting).where(Posting.source == SOURCE))
    schools = select(School.id).where(School.code.startswith(SCHOOL_PREFIX))
    session.execute(delete(Offering).where(Offering.school_id.in_(schools)))
    session.execute(delete(School).where(School.code.startswith(SCHOOL_PREFIX)))
    session.execute(delete(Enterprise).where(Enterprise.notes == ENTERPRISE_NOTE))


def _schools(
    session: Session, rng: random.Random, count: int, programmes: list[str], year: int
) -> int:
    offerings = 0
    for i in range(1, count + 1):
        city = rng.choice(CITIES)
        school = School(
            code=f"{SCHOOL_PREFIX}{i:04d}",
            name=f"{city}第{i}中等职业学校（省域样本）",
            short_name=f"{city}{i}职校",
            kind="public" if rng.random() < 0.7 else "private",
            address=f"江西省{city}市",
            founded_year=rng.randint(1960, 2015),
        )
        session.add(school)
        session.flush()
        chosen = rng.sample(programmes, min(len(programmes), rng.randint(8, 24)))
        for code in sorted(chosen):
            intake = rng.randint(4, 60) * 5
            session.add(
                Offering(
                    school_id=school.id,
                    programme_code=code,
                    year=year,
                    intake_plan=intake,
                    enrolled=int(intake * rng.uniform(2.2, 2.9)),
                    graduates_per_year=int(intake * rng.uniform(0.75, 0.95)),
                    since_year=rng.randint(1995, year),
                )
            )
            offerings += 1
    session.flush()
    return offerings


def _enterprises(session: Session, rng: random.Random, count: int) -> list[tuple[int, str]]:
    made = []
    for i in range(1, count + 1):
        city = rng.choice(CITIES)
        made.append(
            Enterprise(
                name=f"{city}{rng.choice(TRADES)}省域样本{i:05d}有限公司",
                location_kind="ganzhou" if city == "赣州" else "other",
                city=f"{city}市",
                size=rng.choice(("small", "medium", "medium", "large")),
                notes=ENTERPRISE_NOTE,
            )
        )
    session.add_all(made)
    session.flush()
    return [(e.id, e.name) for e in made]


def _posting(
    rng: random.Random,
    i: int,
    seed: int,
    as_of: date,
    job: _Job,
    enterprise: tuple[int, str],
) -> dict[str, Any]:
    title = rng.choice(job.titles)
    headcount = rng.choice((1, 1, 2, 2, 3, 5, 8, 10, 20))
    education = rng.choice(EDUCATION)
    kind = rng.choices([t for t, _ in TYPES], weights=[w for _, w in TYPES])[0]
    skills = rng.sample(job.skills, min(len(job.skills), rng.randint(2, 4)))
    valid_from = as_of - timedelta(days=rng.randint(0, 364))
    valid_until = valid_from + timedelta(days=rng.randint(30, 180))
    if valid_until < as_of:
        status = rng.choice(("filled", "closed", "expired"))
    else:
        status = "open" if rng.random() < 0.85 else "filled"
    pay = rng.randint(30, 90) * 100
    city = rng.choice(CITIES)
    return {
        "enterprise_id": enterprise[0],
        "source": SOURCE,
        "namespace": "",
        "external_id": f"S{seed}-{i:07d}",
        "title": title,
        "description": (
            f"{enterprise[1]}招聘{title}{headcount}名，工作地点{city}。"
            f"岗位职责：{job.definition}要求{education}及以上学历。"
        ),
        "skills": skills,
        "headcount": headcount,
        "education": education,
        "type": kind,
        "location": f"{city}市",
        "salary_min": pay,
        "salary_max": pay + rng.randint(5, 30) * 100,
        "valid_from": valid_from,
        "valid_until": valid_until,
        "status": status,
    }


def postings(
    seed: int, count: int, as_of: date, jobs: list[_Job], enterprises: list[tuple[int, str]]
) -> Iterator[dict[str, Any]]:
    """Yield the ``count`` posting rows of ``seed`` (without match), in order."""
    rng = random.Random(f"postings:{seed}")
    # A few occupations are in demand everywhere, most now and then (a long tail).
    weights = [1.0 / (1 + r) ** 0.8 for r in range(len(jobs))]
    ranked = jobs[:]
    rng.shuffle(ranked)
    for i in range(1, count + 1):
        job = rng.choices(ranked, weights=weights)[0]
        yield _posting(rng, i, seed, as_of, job, rng.choice(enterprises))


def generate(
    session: Session,
    *,
    postings_count: int,
    schools: int,
    seed: int = 1,
    as_of: date,
    progress: Progress | None = None,
) -> ScaleCounts:
    """Write the synthetic province (see the module docstring) in the caller's transaction."""
    if postings_count < 1 or schools < 1:
        raise Invalid(
            "a province needs at least one posting and one school",
            errors=[{"field": "postings" if postings_count < 1 else "schools", "message": "≥ 1"}],
        )
    rng = random.Random(f"province:{seed}")
    jobs, programmes = _jobs(session)
    _clear(session)
    offerings = _schools(session, rng, schools, programmes, as_of.year)
    made = _enterprises(session, rng, max(20, postings_count // 200))
    existing = [
        (e.id, e.name)
        for e in session.scalars(
            select(Enterprise)
            .where(Enterprise.notes != ENTERPRISE_NOTE, Enterprise.status == "active")
            .order_by(Enterprise.id)
        )
    ]
    # About a third of the postings go to the enterprises that were there (when there are any).
    pool = made + existing * max(1, len(made) // (2 * len(existing))) if existing else made
    next_id = (session.scalar(select(func.max(Posting.id))) or 0) + 1
    written = matched = indexed = 0
    batch: list[dict[str, Any]] = []
    for row in postings(seed, postings_count, as_of, jobs, pool):
        batch.append(row)
        if len(batch) == CHUNK:
            m, x = _write(session, batch, next_id + written)
            written, matched, indexed = written + len(batch), matched + m, indexed + x
            batch = []
            if progress:
                progress(CHUNK)
    if batch:
        m, x = _write(session, batch, next_id + written)
        written, matched, indexed = written + len(batch), matched + m, indexed + x
        if progress:
            progress(len(batch))
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text(
                "SELECT setval(pg_get_serial_sequence('posting', 'id'), (SELECT max(id) FROM posting))"
            )
        )
    return ScaleCounts(schools, offerings, len(made), written, matched, indexed)


def _write(session: Session, rows: list[dict[str, Any]], first_id: int) -> tuple[int, int]:
    """Match ``rows``, then insert them and their programme index; return (matched, index rows)."""
    found = match_postings(
        [(r["title"], posting_text(r["description"], r["skills"])) for r in rows]
    )
    now: datetime = utcnow()
    index: list[dict[str, Any]] = []
    matched = 0
    for n, (r, m) in enumerate(zip(rows, found, strict=True)):
        r.update(
            id=first_id + n,
            created_at=now,
            updated_at=now,
            chain=m.chain,
            chain_score=m.chain_score,
            match=m.match,
            model_version=m.model_version,
            matched_at=now if m.matched else None,
        )
        matched += m.matched
        index.extend(
            index_rows(
                posting_id=r["id"],
                enterprise_id=r["enterprise_id"],
                headcount=r["headcount"],
                status=r["status"],
                deleted=False,
                type=r["type"],
                valid_until=r["valid_until"],
                chain=r["chain"],
                programmes=ranked_programmes(r["match"], None),
            )
        )
    _insert(session, "posting", POSTING_FIELDS, rows)
    _insert(session, "posting_programme", INDEX_FIELDS, index)
    return matched, len(index)


def _insert(
    session: Session, table: str, fields: tuple[str, ...], rows: list[dict[str, Any]]
) -> None:
    if not rows:
        return
    if session.get_bind().dialect.name == "postgresql":
        raw: Any = session.connection().connection.driver_connection
        with raw.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(fields)}) FROM STDIN") as cp:
            for r in rows:
                cp.write_row([Json(r[f]) if f in JSON_FIELDS else r[f] for f in fields])
        return
    model = {"posting": Posting, "posting_programme": PostingProgramme}[table]
    session.execute(insert(model), rows)
