"""Benchmark the planner analytics: every endpoint, the dashboard and the optimiser.

Builds a throw-away SQLite database (or ``--url``) with the real reference data, 40 schools,
400 offerings (with capacity and, for a third of them, graduate-destination records), 600
enterprises and 100,000 matched postings (synthetic, seeded; posted over the 12 months before
the as-of day, one in ten a repost), then times each analytics request through the ASGI app
(in-process HTTP, API-key auth):

* cold — the first request after start (builds the projection from every posting);
* warm — p50 / p95 / max wall time and p50 CPU time over repeated requests;
* "recommendations (solve)" — every request asks for another largest change (±16 … 30 %), so
  the optimiser (scipy.optimize.milp) runs on each one: the figure includes the solve;
* after a write — the first request after 200 postings changed (incremental refresh).

Targets (issue 14): the dashboard and the recommendations, optimiser included, p50 ≤ 300 ms
on SQLite and on PostgreSQL; a what-if ≤ 1 s. The load average is recorded beside the figures
(the machine is shared). Prints a table and writes ``bench/results/analytics-<dialect>.json``.

    .venv/bin/python bench/bench_analytics.py [--postings 100000] [--url postgresql+psycopg://…]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("VOCMATCH_SECRET_KEY", "bench-secret-key-of-sufficient-length-0000")
os.environ.setdefault("VOCMATCH_LOG_LEVEL", "WARNING")

import yaml  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy import Engine, insert, select, update  # noqa: E402

from vocmatch.accounts import service as auth  # noqa: E402
from vocmatch.demand.models import Posting  # noqa: E402
from vocmatch.enterprises.models import Enterprise  # noqa: E402
from vocmatch.kit import migrate  # noqa: E402
from vocmatch.kit.db import make_engine, transaction  # noqa: E402
from vocmatch.loading import load_reference  # noqa: E402
from vocmatch.main import create_app  # noqa: E402
from vocmatch.schools.capacity.models import SchoolCapacity  # noqa: E402
from vocmatch.schools.destinations.models import GraduateDestination  # noqa: E402
from vocmatch.schools.models import Offering, School  # noqa: E402

SEED = 20261129
AS_OF = date(2026, 11, 29)
TYPES = ["hire"] * 6 + ["internship"] * 2 + ["order_class", "apprenticeship"]
SOURCES = ["api"] * 6 + ["import"] * 3 + ["portal"]
LOCATIONS = ["high_tech_zone"] * 5 + ["ganzhou"] * 3 + ["bay_area"] * 2
GENERIC = ["730301", "730801", "710201", "740101", "700206", "730701"]
TARGET_MS = 300.0
WHATIF_TARGET_MS = 1000.0


def build(engine: Engine, n_postings: int) -> dict[str, Any]:
    """Fill the database; return what the timed requests need."""
    rng = random.Random(SEED)
    migrate.upgrade(engine)
    load_reference(engine, ROOT / "data")
    industries = yaml.safe_load((ROOT / "data" / "industries.yaml").read_text(encoding="utf-8"))
    chain_progs: dict[str, list[str]] = {}
    chain_skills: dict[str, list[str]] = {}
    for c in industries["chains"]:
        for s in c["segments"]:
            chain_progs.setdefault(c["key"], []).extend(s.get("programmes", []))
            chain_skills.setdefault(c["key"], []).extend(k["zh"] for k in s.get("skills", []))
    chain_progs = {k: sorted(set(v)) for k, v in chain_progs.items()}
    from vocmatch.catalogue.models import Programme

    with transaction(engine) as s:
        codes = set(s.scalars(select(Programme.code)))
        generic = [c for c in GENERIC if c in codes]
        schools = [
            {
                "code": f"B{i:03d}",
                "name": f"基准测试学校{i:03d}",
                "kind": "public" if i < 8 else "private",
            }
            for i in range(40)
        ]
        s.execute(insert(School), schools)
        school_ids = list(s.scalars(select(School.id).order_by(School.id)))
        pool = sorted({c for v in chain_progs.values() for c in v} | set(generic))
        offerings = []
        for sid in school_ids:
            for code in rng.sample(pool, 10):
                intake = rng.randrange(30, 160, 5)
                offerings.append(
                    {
                        "school_id": sid,
                        "programme_code": code,
                        "year": 2026,
                        "intake_plan": intake,
                        "enrolled": intake * 3,
                        "graduates_per_year": int(intake * rng.uniform(0.8, 0.95)),
                        "key_demonstration": rng.random() < 0.1,
                        "characteristic": rng.random() < 0.1,
                        "provincial_quality": rng.random() < 0.05,
                    }
                )
        s.execute(insert(Offering), offerings)
        s.execute(
            insert(SchoolCapacity),
            [
                {
                    "school_id": sid,
                    "year": 2027,
                    "places": 1600,
                    "teachers": 90,
                    "training_stations": 900,
                    "source": "bench",
                }
                for sid in school_ids
            ],
        )
        records = []
        for o in offerings[::3]:
            for year in (2024, 2025, 2026):
                g = o["graduates_per_year"]
                employed = int(g * rng.uniform(0.3, 0.6))
                study = int((g - employed) * 0.8)
                zone = employed // 2
                records.append(
                    {
                        "school_id": o["school_id"],
                        "programme_code": o["programme_code"],
                        "year": year,
                        "graduates": g,
                        "employed_high_tech_zone": zone,
                        "employed_ganzhou": employed - zone,
                        "study_higher": study,
                        "other": g - employed - study,
                    }
                )
        s.execute(insert(GraduateDestination), records)
        s.execute(
            insert(Enterprise),
            [
                {
                    "name": f"基准测试企业{i:04d}有限公司",
                    "location_kind": rng.choice(LOCATIONS),
                    "is_leading": rng.random() < 0.05,
                    "status": "active",
                    "chains": [rng.choice(list(chain_progs))],
                }
                for i in range(600)
            ],
        )
        ent_ids = list(s.scalars(select(Enterprise.id)))
    keys = list(chain_progs)
    batch: list[dict[str, Any]] = []
    for i in range(n_postings):
        chain = rng.choice(keys) if rng.random() < 0.8 else "none"
        progs = chain_progs.get(chain, generic)
        picks = rng.sample(progs, min(len(progs), rng.randint(2, 5)))
        top = rng.uniform(0.35, 0.95)
        programmes = [
            {"code": c, "name": "", "score": round(top * (0.8**j), 3), "evidence": ["基准"]}
            for j, c in enumerate(picks)
        ]
        skills = rng.sample(chain_skills.get(chain, ["仓储管理"]), 2) if chain != "none" else []
        repost = batch and rng.random() < 0.1
        posted = AS_OF - timedelta(days=rng.randint(0, 364))
        batch.append(
            {
                "enterprise_id": batch[-1]["enterprise_id"] if repost else rng.choice(ent_ids),
                "source": rng.choice(SOURCES),
                "external_id": f"BENCH-{i:06d}",
                "title": batch[-1]["title"]
                if repost
                else f"{skills[0] if skills else '仓库管理员'}操作工{i % 97}",
                "description": "负责生产线操作与设备点检。" + "；".join(skills),
                "skills": skills,
                "headcount": rng.randint(1, 12),
                "type": rng.choice(TYPES),
                "status": "open" if rng.random() < 0.9 else "closed",
                "valid_from": posted,
                "valid_until": posted + timedelta(days=rng.randint(30, 120)),
                "chain": chain,
                "chain_score": 0.8,
                "match": {
                    "chain": chain,
                    "chains": [{"key": chain, "score": 0.8}],
                    "occupations": [],
                    "programmes": programmes,
                },
            }
        )
        if len(batch) == 5000:
            with transaction(engine) as s:
                s.execute(insert(Posting), batch)
            batch = []
    if batch:
        with transaction(engine) as s:
            s.execute(insert(Posting), batch)
    with transaction(engine) as s:
        auth.create_user(s, username="bench-admin", role="admin", password="bench-password-0001")
        key = auth.create_key(s, username="bench-admin", name="bench").secret
    return {"key": key, "school": "B000", "programme": chain_progs["intelligent_equipment"][0]}


def timed(
    client: TestClient, method: str, url: str, headers: dict[str, str], body: Any = None
) -> float:
    return timed_cpu(client, method, url, headers, body)[0]


def timed_cpu(
    client: TestClient, method: str, url: str, headers: dict[str, str], body: Any = None
) -> tuple[float, float]:
    """Return (wall ms, CPU ms of this process) of one request."""
    started, cpu = time.perf_counter(), time.process_time()
    r = client.request(method, url, headers=headers, json=body)
    ms = 1000 * (time.perf_counter() - started)
    cpu_ms = 1000 * (time.process_time() - cpu)
    if r.status_code != 200:
        raise SystemExit(f"{method} {url}: {r.status_code} {r.text[:300]}")
    return ms, cpu_ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--url", default="")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="vocmatch-bench-")
    url = args.url or f"sqlite:///{tmp}/bench.db"
    engine = make_engine(url)
    t0 = time.perf_counter()
    ctx = build(engine, args.postings)
    build_s = time.perf_counter() - t0
    headers = {"Authorization": f"Bearer {ctx['key']}"}
    q = f"?as_of={AS_OF.isoformat()}"
    whatif = {
        "changes": [
            {"school_code": ctx["school"], "programme_code": ctx["programme"], "intake_plan": 200}
        ]
    }
    solve = [
        f"/api/v1/analytics/recommendations{q}&max_change={0.16 + 0.01 * i:.2f}"
        for i in range(args.repeat)
    ]
    cases: list[tuple[str, str, str | list[str], Any, float]] = [
        ("fit table", "GET", "/api/v1/analytics/fit" + q, None, TARGET_MS),
        (
            "programme",
            "GET",
            f"/api/v1/analytics/programmes/{ctx['programme']}" + q,
            None,
            TARGET_MS,
        ),
        ("chains", "GET", "/api/v1/analytics/chains" + q, None, TARGET_MS),
        ("chain", "GET", "/api/v1/analytics/chains/rare_earth" + q, None, TARGET_MS),
        ("recommendations", "GET", "/api/v1/analytics/recommendations" + q, None, TARGET_MS),
        ("recommendations (solve)", "GET", solve, None, TARGET_MS),
        ("recommendations page", "GET", "/planner/recommendations", None, TARGET_MS),
        ("indicators", "GET", "/api/v1/analytics/indicators" + q, None, TARGET_MS),
        ("dashboard page", "GET", "/planner", None, TARGET_MS),
        ("programme page", "GET", f"/planner/programmes/{ctx['programme']}", None, TARGET_MS),
        ("what-if", "POST", "/api/v1/analytics/what-if" + q, whatif, WHATIF_TARGET_MS),
    ]
    rows = []
    load_before = os.getloadavg()
    with TestClient(create_app(engine)) as client:
        cold = timed(client, "GET", str(cases[0][2]), headers)
        for name, method, path, body, target in cases:
            paths = path if isinstance(path, list) else [path] * args.repeat
            if not isinstance(path, list):
                timed(client, method, path, headers, body)  # its own day's cube: build it first
            else:
                timed(client, method, "/api/v1/analytics/recommendations" + q, headers)
            runs = [timed_cpu(client, method, u, headers, body) for u in paths]
            times = [w for w, _ in runs]
            rows.append(
                {
                    "case": name,
                    "p50_ms": round(statistics.median(times), 1),
                    "p95_ms": round(sorted(times)[max(0, int(0.95 * len(times)) - 1)], 1),
                    "max_ms": round(max(times), 1),
                    "cpu_p50_ms": round(statistics.median(c for _, c in runs), 1),
                    "target_ms": target,
                    "ok": statistics.median(times) <= target,
                }
            )
        with transaction(engine) as s:
            ids = list(s.scalars(select(Posting.id).order_by(Posting.id).limit(200)))
            s.execute(
                update(Posting).where(Posting.id.in_(ids)).values(headcount=Posting.headcount + 1)
            )
        after_write = timed(client, "GET", cases[0][2], headers)
        with transaction(engine) as s:
            s.execute(
                update(Offering)
                .where(Offering.id == 1)
                .values(intake_plan=Offering.intake_plan + 5)
            )
        after_offering = timed(client, "GET", cases[0][2], headers)
    load_after = os.getloadavg()
    result = {
        "postings": args.postings,
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
        "schools": 40,
        "offerings": 400,
        "enterprises": 600,
        "database": engine.dialect.name,
        "build_s": round(build_s, 1),
        "cold_first_request_ms": round(cold, 1),
        "first_request_after_200_posting_writes_ms": round(after_write, 1),
        "first_request_after_offering_write_ms": round(after_offering, 1),
        "cases": rows,
    }
    print(
        f"analytics bench: {args.postings:,} postings, 40 schools, 400 offerings, {engine.dialect.name}"
    )
    print(f"load average before {load_before}, after {load_after}")
    print(f"{'case':24} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'cpu p50':>8} {'target':>7}  ok")
    for r in rows:
        print(
            f"{r['case']:24} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f} {r['max_ms']:8.1f} "
            f"{r['cpu_p50_ms']:8.1f} {r['target_ms']:7.0f}  {'yes' if r['ok'] else 'NO'}"
        )
    print(f"cold first request (projection of every posting): {cold:.0f} ms")
    print(f"first request after 200 postings changed: {after_write:.0f} ms")
    print(f"first request after an offering changed: {after_offering:.0f} ms")
    out = ROOT / "bench" / "results" / f"analytics-{engine.dialect.name}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    engine.dispose()


if __name__ == "__main__":
    main()
