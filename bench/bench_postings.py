"""Benchmark the HR platform API: 100,000 postings through PUT /api/v1/postings/batch, then the
read endpoints at a fixed request rate with everything stored.

Runs a real uvicorn process on 127.0.0.1 against a fresh database: a temporary SQLite file, and
PostgreSQL too when VOCMATCH_BENCH_POSTGRES_URL is set (its public schema is dropped and rebuilt).
Prints a table and writes bench/results/postings.json. Not a test.

    .venv/bin/python bench/bench_postings.py [--postings 100000] [--rate 100] [--read-seconds 30]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("VOCMATCH_ENVIRONMENT", "development")

from vocmatch.accounts import service as auth  # noqa: E402
from vocmatch.demand.loader import PostingRow  # noqa: E402
from vocmatch.demand.postings.match_store import current_model_version  # noqa: E402
from vocmatch.enterprises.models import Enterprise  # noqa: E402
from vocmatch.kit import migrate  # noqa: E402
from vocmatch.kit.db import make_engine, transaction  # noqa: E402
from vocmatch.kit.files import read_csv  # noqa: E402
from vocmatch.loading import load_reference, load_sample  # noqa: E402

DATA = ROOT / "data"
RESULTS = ROOT / "bench" / "results" / "postings.json"
TARGET_WRITE = 2000.0
TARGET_P99_MS = 50.0


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(url: str) -> tuple[str, list[tuple[str, str | None, str]]]:
    """Migrate and load the sample deployment; return a platform key and the enterprises."""
    engine = make_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    migrate.upgrade(engine)
    load_reference(engine, DATA)
    load_sample(engine, DATA)
    with transaction(engine) as s:
        auth.create_user(s, username="bench-platform", role="platform", password=None)
        secret = auth.create_key(
            s, username="bench-platform", name="bench", rate_limit_per_minute=1_000_000
        ).secret
        ents = [
            (e.name, e.credit_code, (e.short_names or [e.name])[0])
            for e in s.query(Enterprise).order_by(Enterprise.id)
        ]
    engine.dispose()
    return secret, ents


def make_items(
    n: int,
    ents: list[tuple[str, str | None, str]],
    seed: int = 7,
    unique: bool = False,
    start: int = 0,
) -> list[dict[str, Any]]:
    """Return ``n`` postings built from the sample postings (deterministic).

    By default texts repeat as in a real feed (reposts, the same job at several firms); with
    ``unique`` every posting gets its own sentence, so no match can be reused.
    """
    rng = random.Random(seed)
    sample = read_csv(DATA / "sample" / "postings.csv", PostingRow)
    items = []
    extras = ["持证上岗", "需倒班", "包食宿", "接受应届生", "有夜班补贴", "需体检合格", "五险一金"]
    for i in range(start, start + n):
        src = sample[i % len(sample)]
        name, code, short = ents[rng.randrange(len(ents))]
        ref: dict[str, Any] = (
            {"enterprise_credit_code": code}
            if code and rng.random() < 0.7
            else {"enterprise_name": rng.choice([name, short])}
        )
        items.append(
            {
                "external_id": f"BENCH-{i:07d}",
                **ref,
                "title": src.title
                if rng.random() < 0.8
                else f"{src.title}（{rng.choice(['急聘', '长白班', '倒班', '储备'])}）",
                "description": src.description
                + (
                    f"（岗位编号{i}：{rng.choice(extras)}，{rng.choice(extras)}）" if unique else ""
                ),
                "skills": src.skills,
                "headcount": rng.randint(1, 30),
                "education": src.education,
                "type": src.type,
                "location": src.location,
                "salary_min": src.salary_min,
                "salary_max": src.salary_max,
                "valid_from": str(src.valid_from) if src.valid_from else None,
                "valid_until": str(src.valid_until) if src.valid_until else None,
                "status": "open",
            }
        )
    return items


def start_server(url: str, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "VOCMATCH_DATABASE_URL": url, "VOCMATCH_LOG_LEVEL": "WARNING"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "vocmatch.main:create_app", "--factory", "--host", "127.0.0.1",
         "--port", str(port), "--workers", str(workers), "--log-level", "warning"],
        env=env,
        cwd=ROOT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start")


def write_phase(
    base: str, key: str, items: list[dict[str, Any]], batch: int, clients: int, phase: str
) -> dict[str, Any]:
    """Push every item in batches from ``clients`` threads; return throughput and latencies."""
    batches = [items[i : i + batch] for i in range(0, len(items), batch)]
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    cursor = iter(range(len(batches)))

    def run() -> None:
        with httpx.Client(timeout=300, headers={"Authorization": f"Bearer {key}"}) as c:
            while True:
                with lock:
                    i = next(cursor, None)
                if i is None:
                    return
                t = time.perf_counter()
                r = c.put(
                    base + "/api/v1/postings/batch",
                    json={"items": batches[i]},
                    headers={"Idempotency-Key": f"bench-{phase}-{i}"},
                )
                dt = time.perf_counter() - t
                with lock:
                    latencies.append(dt)
                    if r.status_code != 200:
                        errors.append(f"{r.status_code}: {r.text[:200]}")

    started = time.perf_counter()
    threads = [threading.Thread(target=run) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    return {
        "postings": len(items),
        "batch_size": batch,
        "clients": clients,
        "seconds": round(wall, 2),
        "postings_per_s": round(len(items) / wall, 1),
        "batch_p50_ms": round(1000 * statistics.median(latencies), 1),
        "batch_p99_ms": round(1000 * _pct(latencies, 99), 1),
        "errors": errors[:5],
        "error_count": len(errors),
    }


def _pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))] if s else float("nan")


def read_phase(
    base: str, key: str, rate: float, seconds: float, n_postings: int, seed: int = 11
) -> dict[str, Any]:
    """Open-loop reads at ``rate`` req/s; latency counts from the scheduled send time."""
    rng = random.Random(seed)
    with httpx.Client(headers={"Authorization": f"Bearer {key}"}) as c:
        ids = [
            p["id"] for p in c.get(base + "/api/v1/postings", params={"limit": 500}).json()["items"]
        ]
        first_id = min(ids)
        ents = [
            e["id"]
            for e in c.get(base + "/api/v1/enterprises", params={"limit": 500}).json()["items"]
        ]
        page = c.get(base + "/api/v1/postings", params={"limit": 100}).json()
        cursors = [page["next_cursor"]]
        for _ in range(20):
            page = c.get(
                base + "/api/v1/postings", params={"limit": 100, "cursor": cursors[-1]}
            ).json()
            cursors.append(page["next_cursor"])
    codes = ["660103", "660301", "660303", "630501", "660701", "730301", "700206", "660204"]
    kinds = [
        "feed",
        "posting",
        "posting_matches",
        "enterprise_matches",
        "programme_demand",
        "enterprises",
    ]

    def request(kind: str) -> tuple[str, dict[str, Any]]:
        pid = first_id + rng.randrange(n_postings)
        if kind == "feed":
            return "/api/v1/postings", {"cursor": rng.choice(cursors), "limit": 100}
        if kind == "posting":
            return f"/api/v1/postings/{pid}", {}
        if kind == "posting_matches":
            return f"/api/v1/postings/{pid}/matches", {}
        if kind == "enterprise_matches":
            return f"/api/v1/enterprises/{rng.choice(ents)}/matches", {}
        if kind == "programme_demand":
            return f"/api/v1/programmes/{rng.choice(codes)}/demand", {}
        return "/api/v1/enterprises", {"limit": 50}

    total = int(rate * seconds)
    plan = [
        (i / rate, kinds[i % len(kinds)], *request(kinds[i % len(kinds)])) for i in range(total)
    ]
    results: dict[str, list[float]] = {k: [] for k in kinds}
    bad: list[str] = []
    lock = threading.Lock()
    it = iter(plan)
    t0 = time.perf_counter() + 0.5

    def worker() -> None:
        with httpx.Client(timeout=30, headers={"Authorization": f"Bearer {key}"}) as c:
            while True:
                with lock:
                    nxt = next(it, None)
                if nxt is None:
                    return
                at, kind, path, params = nxt
                delay = t0 + at - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
                r = c.get(base + path, params=params)
                done = time.perf_counter() - (t0 + at)
                with lock:
                    results[kind].append(done)
                    if r.status_code != 200:
                        bad.append(f"{kind} {r.status_code}")

    threads = [threading.Thread(target=worker) for _ in range(24)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = [v for vs in results.values() for v in vs]
    return {
        "rate_per_s": rate,
        "requests": len(every),
        "p50_ms": round(1000 * statistics.median(every), 1),
        "p99_ms": round(1000 * _pct(every, 99), 1),
        "by_endpoint": {
            k: {
                "n": len(v),
                "p50_ms": round(1000 * statistics.median(v), 1),
                "p99_ms": round(1000 * _pct(v, 99), 1),
            }
            for k, v in results.items()
            if v
        },
        "non_200": len(bad),
        "non_200_examples": bad[:5],
    }


def settle(url: str) -> None:
    """PostgreSQL: VACUUM ANALYZE after the bulk load, as autovacuum would shortly do anyway.

    Until then the planner has no statistics for 100,000 fresh rows and index-only scans still
    visit the heap; the read phase measures the steady state, not the minutes after a bulk load.
    """
    if not url.startswith("postgresql"):
        return
    engine = make_engine(url)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for table in ("posting", "posting_programme", "enterprise"):
            conn.execute(text(f"VACUUM (ANALYZE) {table}"))
    engine.dispose()


def run_one(name: str, url: str, args: argparse.Namespace) -> dict[str, Any]:
    print(f"== {name}: preparing {url.split('@')[-1]}", file=sys.stderr)
    key, ents = prepare(url)
    items = make_items(args.postings, ents)
    unique = make_items(args.unique_postings, ents, unique=True, start=len(items))
    proc, base = start_server(url, args.workers)
    try:
        print(f"== {name}: writing {len(items)} postings (feed-like)", file=sys.stderr)
        write = write_phase(base, key, items, args.batch, args.clients, "feed")
        print(f"== {name}: writing {len(unique)} postings (all texts unique)", file=sys.stderr)
        write_unique = (
            write_phase(base, key, unique, args.batch, args.clients, "unique") if unique else None
        )
        n_items = len(items)
        # The 110,000 item dicts would make this process's own garbage collections long enough
        # to show up as read latency: drop them and freeze what is left before measuring.
        del items, unique
        gc.collect()
        gc.freeze()
        settle(url)
        print(f"== {name}: reading at {args.rate}/s for {args.read_seconds}s", file=sys.stderr)
        read = read_phase(base, key, args.rate, args.read_seconds, n_items)
        gc.unfreeze()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return {"database": name, "write": write, "write_unique": write_unique, "read": read}


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--postings", type=int, default=100_000)
    ap.add_argument(
        "--unique-postings",
        type=int,
        default=10_000,
        help="Extra postings whose texts are all different (raw matcher cost; 0 to skip)",
    )
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--clients", type=int, default=2)
    ap.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    ap.add_argument("--only", choices=["sqlite", "postgresql"], default=None)
    ap.add_argument("--rate", type=float, default=100.0)
    ap.add_argument("--read-seconds", type=float, default=30.0)
    args = ap.parse_args()
    runs = []
    if args.only in (None, "sqlite"):
        with tempfile.TemporaryDirectory() as tmp:
            runs.append(run_one("sqlite", f"sqlite:///{tmp}/bench.db", args))
    pg = os.environ.get("VOCMATCH_BENCH_POSTGRES_URL")
    if pg and args.only in (None, "postgresql"):
        runs.append(run_one("postgresql", pg, args))
    version = current_model_version()
    load = os.getloadavg()
    print()
    print(f"matcher: {version or 'NOT AVAILABLE: postings stored unmatched'}")
    print(
        f"machine: {os.cpu_count()} cores, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}"
    )
    head = f"{'database':11} {'write':12} {'postings':>9} {'seconds':>8} {'postings/s':>11} {'≥2000':>6}"
    print(head)
    for r in runs:
        for label, w in (("feed-like", r["write"]), ("all unique", r["write_unique"])):
            if not w:
                continue
            ok = "ok" if w["postings_per_s"] >= TARGET_WRITE and not w["error_count"] else "MISS"
            print(
                f"{r['database']:11} {label:12} {w['postings']:>9} {w['seconds']:>8} "
                f"{w['postings_per_s']:>11} {ok:>6}"
            )
    print()
    print(
        f"{'database':11} {'read endpoint':20} {'requests':>9} {'p50 ms':>7} {'p99 ms':>7} {'≤50':>5}"
    )
    for r in runs:
        rd = r["read"]
        rows = [(f"all @ {rd['rate_per_s']:g}/s", rd["requests"], rd["p50_ms"], rd["p99_ms"])]
        rows += [(k, v["n"], v["p50_ms"], v["p99_ms"]) for k, v in rd["by_endpoint"].items()]
        for label, n, p50, p99 in rows:
            ok = "ok" if p99 <= TARGET_P99_MS else "MISS"
            print(f"{r['database']:11} {label:20} {n:>9} {p50:>7} {p99:>7} {ok:>5}")
        if rd["non_200"]:
            print(f"{'':11} non-200 answers: {rd['non_200']} e.g. {rd['non_200_examples']}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "matcher_version": version,
                "load_average": load,
                "targets": {"postings_per_s": TARGET_WRITE, "read_p99_ms": TARGET_P99_MS},
                "runs": runs,
                "args": vars(args),
            },
            ensure_ascii=False,
            indent=2,
        )
    )
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
