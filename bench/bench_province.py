"""Benchmark a synthetic province on PostgreSQL (issue 18): analytics, ingest, re-matching.

Builds (unless ``--skip-build``) the province with ``vocmatch sample scale`` on top of the real
reference data and the sample deployment, in the database of ``--url`` (its schema is dropped
first), then measures through the ASGI app in this process (API-key auth):

* cold start — the first analytics request of a fresh process with nothing saved (the
  projection is built from every posting and the reference data), then a restart that loads
  the projection saved by the first start's warm-up (only what changed is re-read);
* the dashboard page, the fit table and the recommendations: p50 / p95 over ``--repeat``
  requests, and the first request of each after 200 postings changed;
* ingest through ``PUT /api/v1/postings/batch`` (1,000 new postings a batch, matched on write;
  one process), then the first fit-table request after it;
* re-matching every posting (``vocmatch postings rematch --all``'s function), as postings/s and
  the time 1,000,000 would take at that rate.

Goals (issue 18): analytics p50 ≤ 300 ms on 1M postings / 300 schools, the first request after a
write included; re-match 1M ≤ 10 min. The machine is shared: the load average is recorded.
Results accumulate by size in ``bench/results/province.json`` (the scaling curve).

    .venv/bin/python bench/bench_province.py --url postgresql+psycopg://postgres@127.0.0.1:5432/vm_x \\
        --postings 100000 --schools 300
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("VOCMATCH_SECRET_KEY", "bench-secret-key-of-sufficient-length-0000")
os.environ.setdefault("VOCMATCH_LOG_LEVEL", "WARNING")
os.environ.setdefault("VOCMATCH_MODELS_DIR", str(ROOT / "models"))
STATE_DIR = tempfile.mkdtemp(prefix="vocmatch-province-state-")
os.environ["VOCMATCH_ANALYTICS_STATE_DIR"] = STATE_DIR

from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy import Engine, delete, func, select, text, update  # noqa: E402

from vocmatch.accounts import service as auth  # noqa: E402
from vocmatch.accounts.models import User  # noqa: E402
from vocmatch.analytics import cache  # noqa: E402
from vocmatch.demand import scale  # noqa: E402
from vocmatch.demand.matches.rematch import rematch  # noqa: E402
from vocmatch.demand.models import Posting  # noqa: E402
from vocmatch.enterprises.models import Enterprise  # noqa: E402
from vocmatch.kit import migrate  # noqa: E402
from vocmatch.kit.db import make_engine, transaction, utcnow  # noqa: E402
from vocmatch.loading import load_reference, load_sample  # noqa: E402
from vocmatch.main import create_app  # noqa: E402

AS_OF = date(2026, 11, 29)
TARGET_MS = 300.0
REMATCH_TARGET_S = 600.0  # 1M postings in ten minutes
PROVINCE = 1_000_000


def build(engine: Engine, postings: int, schools: int, seed: int) -> dict[str, float]:
    """Drop everything, load reference data and the sample, then generate the province."""
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    t0 = time.perf_counter()
    migrate.upgrade(engine)
    load_reference(engine, ROOT / "data")
    load_sample(engine, ROOT / "data", match_postings=True)
    base_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    done = [0]

    def progress(n: int) -> None:
        done[0] += n
        rate = done[0] / (time.perf_counter() - t1)
        print(
            f"\r  generated {done[0]:,}/{postings:,} postings ({rate:,.0f}/s)", end="", flush=True
        )

    with transaction(engine) as s:
        scale.generate(
            s, postings_count=postings, schools=schools, seed=seed, as_of=AS_OF, progress=progress
        )
    gen_s = time.perf_counter() - t1
    print()
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    return {"load_s": round(base_s, 1), "generate_s": round(gen_s, 1)}


def keys(engine: Engine) -> tuple[str, str]:
    """Fresh admin and platform keys (earlier bench users removed)."""
    with transaction(engine) as s:
        for name in ("bench-admin", "bench-platform"):
            user = s.scalar(select(User).where(User.username == name))
            if user is not None:
                s.delete(user)
        s.flush()
        auth.create_user(s, username="bench-admin", role="admin", password="bench-password-0001")
        auth.create_user(s, username="bench-platform", role="platform", password=None)
        admin = auth.create_key(s, username="bench-admin", name="bench").secret
        platform = auth.create_key(
            s, username="bench-platform", name="bench", rate_limit_per_minute=1_000_000
        ).secret
    return admin, platform


def timed(client: TestClient, url: str, headers: dict[str, str]) -> float:
    started = time.perf_counter()
    r = client.get(url, headers=headers)
    ms = 1000 * (time.perf_counter() - started)
    if r.status_code != 200:
        raise SystemExit(f"GET {url}: {r.status_code} {r.text[:300]}")
    return ms


def touch(engine: Engine, n: int = 200) -> None:
    """Change ``n`` open postings (headcount + 1), as the HR platform's updates would."""
    with transaction(engine) as s:
        ids = list(
            s.scalars(
                select(Posting.id).where(Posting.status == "open").order_by(func.random()).limit(n)
            )
        )
        s.execute(
            update(Posting)
            .where(Posting.id.in_(ids))
            .values(headcount=Posting.headcount + 1, updated_at=utcnow())
        )


def ingest(client: TestClient, engine: Engine, key: str, count: int, seed: int) -> dict[str, Any]:
    """PUT ``count`` new postings in batches of 1,000; return postings/s and batch latencies."""
    with transaction(engine) as s:
        names = list(s.scalars(select(Enterprise.name).where(Enterprise.status == "active")))
        jobs, _ = scale._jobs(s)
    pool = [(i, n) for i, n in enumerate(names)]
    rows = list(scale.postings(seed + 1000, count, AS_OF, jobs, pool))
    fields = ("title", "description", "skills", "headcount", "education", "type", "location")
    items = [
        {
            **{f: r[f] for f in fields},
            "external_id": f"INGEST-{seed}-{n:07d}",
            "enterprise_name": names[r["enterprise_id"]],
            "valid_from": r["valid_from"].isoformat(),
            "valid_until": r["valid_until"].isoformat(),
            "status": "open" if r["status"] == "open" else "filled",
        }
        for n, r in enumerate(rows)
    ]
    headers = {"Authorization": f"Bearer {key}"}
    latencies = []
    started = time.perf_counter()
    for i in range(0, len(items), 1000):
        t = time.perf_counter()
        r = client.put(
            "/api/v1/postings/batch", json={"items": items[i : i + 1000]}, headers=headers
        )
        latencies.append(time.perf_counter() - t)
        if r.status_code != 200:
            raise SystemExit(f"batch {i}: {r.status_code} {r.text[:300]}")
    took = time.perf_counter() - started
    return {
        "postings": len(items),
        "seconds": round(took, 1),
        "postings_per_s": round(len(items) / took),
        "batch_p50_ms": round(1000 * statistics.median(latencies)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--postings", type=int, default=100_000)
    parser.add_argument("--schools", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--ingest", type=int, default=5000)
    parser.add_argument("--skip-build", action="store_true", help="measure the database as it is")
    parser.add_argument("--skip-rematch", action="store_true")
    args = parser.parse_args()
    if not args.url.startswith("postgresql"):
        raise SystemExit("--url must be a PostgreSQL database (it is dropped and rebuilt)")
    engine = make_engine(args.url)
    result: dict[str, Any] = {"database": "postgresql", "load_average_before": os.getloadavg()}
    if not args.skip_build:
        result.update(build(engine, args.postings, args.schools, args.seed))
    with transaction(engine) as s:
        result["postings"] = s.scalar(select(func.count()).select_from(Posting))
        result["schools"] = s.scalar(text("SELECT count(*) FROM school"))
        result["offerings"] = s.scalar(text("SELECT count(*) FROM offering"))
    admin, platform = keys(engine)
    headers = {"Authorization": f"Bearer {admin}"}
    q = f"?as_of={AS_OF.isoformat()}"
    cases = {
        "dashboard page": "/planner",
        "fit table": "/api/v1/analytics/fit" + q,
        "recommendations": "/api/v1/analytics/recommendations" + q,
        "chains": "/api/v1/analytics/chains" + q,
    }
    rows: list[dict[str, Any]] = []
    cache.clear()
    cache.forget_saved()
    t0 = time.perf_counter()
    with TestClient(create_app(engine)) as client:  # the warm-up starts with the app
        cold = timed(client, cases["fit table"], headers)
        cold_total = 1000 * (time.perf_counter() - t0)
        while not list(Path(STATE_DIR).glob("*.pickle")):  # the warm-up saves when it is done
            time.sleep(0.2)
    cache.clear()  # a restart: the process forgets, the saved projection stays
    touch(engine)  # and something changed while it was down
    t0 = time.perf_counter()
    with TestClient(create_app(engine)) as client:
        restart = 1000 * (time.perf_counter() - t0) + timed(client, cases["fit table"], headers)
        for name, url in cases.items():
            timed(client, url, headers)  # its own cube and snapshot first
            times = [timed(client, url, headers) for _ in range(args.repeat)]
            touch(engine)
            after = timed(client, url, headers)
            p50 = statistics.median(times)
            rows.append(
                {
                    "case": name,
                    "p50_ms": round(p50, 1),
                    "p95_ms": round(sorted(times)[max(0, int(0.95 * len(times)) - 1)], 1),
                    "after_write_ms": round(after, 1),
                    "ok": p50 <= TARGET_MS and after <= TARGET_MS,
                }
            )
        result["ingest"] = ingest(client, engine, platform, args.ingest, args.seed)
        result["first_fit_after_ingest_ms"] = round(timed(client, cases["fit table"], headers), 1)
    if not args.skip_rematch:
        with transaction(engine) as s:
            live = s.scalar(select(func.count()).where(Posting.deleted_at.is_(None)))
        t = time.perf_counter()
        counts = rematch(engine, scope="all", actor="bench")
        took = time.perf_counter() - t
        rate = counts.done / took
        result["rematch"] = {
            "postings": counts.done,
            "live": live,
            "seconds": round(took, 1),
            "postings_per_s": round(rate),
            "province_1m_minutes": round(PROVINCE / rate / 60, 1),
            "ok": PROVINCE / rate <= REMATCH_TARGET_S,
        }
    with transaction(engine) as s:
        s.execute(delete(Posting).where(Posting.external_id.like("INGEST-%")))
    result.update(
        {
            "cold_first_request_ms": round(cold, 1),
            "cold_start_to_first_answer_ms": round(cold_total, 1),
            "restart_with_saved_projection_ms": round(restart, 1),
            "cases": rows,
            "load_average_after": os.getloadavg(),
        }
    )
    n = result["postings"]
    print(f"province bench: {n:,} postings, {result['schools']} schools, PostgreSQL")
    print(
        f"load average before {result['load_average_before']}, after {result['load_average_after']}"
    )
    if "generate_s" in result:
        print(
            f"generated in {result['generate_s']} s ({args.postings / result['generate_s']:,.0f}/s)"
        )
    print(f"{'case':18} {'p50 ms':>8} {'p95 ms':>8} {'after write':>12}  ok (≤ {TARGET_MS:.0f} ms)")
    for r in rows:
        print(
            f"{r['case']:18} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f} {r['after_write_ms']:12.1f}"
            f"  {'yes' if r['ok'] else 'NO'}"
        )
    print(f"cold: first request {cold:,.0f} ms (start to answer {cold_total:,.0f} ms)")
    print(f"restart with the saved projection, to the first answer: {restart:,.0f} ms")
    ing = result["ingest"]
    print(
        f"ingest: {ing['postings']:,} postings in {ing['seconds']} s = {ing['postings_per_s']}/s "
        f"(batch p50 {ing['batch_p50_ms']} ms); first fit after: "
        f"{result['first_fit_after_ingest_ms']:,.0f} ms"
    )
    if "rematch" in result:
        rm = result["rematch"]
        print(
            f"re-match all: {rm['postings']:,} in {rm['seconds']} s = {rm['postings_per_s']}/s "
            f"→ 1M in {rm['province_1m_minutes']} min ({'ok' if rm['ok'] else 'NOT ok'})"
        )
    out = ROOT / "bench" / "results" / "province.json"
    runs = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    runs[str(n)] = result
    out.write_text(
        json.dumps(runs, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
    )
    engine.dispose()


if __name__ == "__main__":
    main()
