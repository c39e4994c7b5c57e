"""Benchmark scale-out (issue 18): ``vocmatch serve --workers N`` for N = 1, 2, 4 in one run, on
PostgreSQL + Redis.

Per N: the operator's mix (``bench/serving.py``) from 8 closed-loop callers, then
``POST /api/v1/postings`` alone from 8 callers, then batch ingest with matching (``PUT
/api/v1/postings/batch``, 1,000 items a request) from 2 callers. Answers per second of each.
Goals (issue 18): ``POST /postings`` ≥ 150/s per process; batch ingest ≥ 2,000 postings/s with
two processes. The machine is shared (load average printed); the load generator runs here.

    VOCMATCH_BENCH_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:5432/vm_bench \\
    VOCMATCH_BENCH_REDIS_URL=redis://127.0.0.1:6379/5 .venv/bin/python bench/bench_workers.py

Prints a table and writes bench/results/workers.json. Not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
from serving import RESULTS, ROOT, load_average, mix, prepare, server_env

from tests.ops.loadgen import closed_loop, free_port, json_call

ENTERPRISE_CODE = "91360700MA35AB12C1"


def _serve(
    url: str, redis_url: str, workers: int, log: Path
) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {
        **os.environ,
        **server_env(),
        "VOCMATCH_DATABASE_URL": url,
        "VOCMATCH_REDIS_URL": redis_url,
        "VOCMATCH_REDIS_PREFIX": f"vm_bench:{uuid.uuid4().hex[:6]}:",
    }
    cmd = [
        sys.executable,
        "-m",
        "vocmatch",
        "serve",
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    ready = 0
    while ready < 3 * workers:  # every worker warm: several ready answers in a row
        try:
            ready = ready + 1 if httpx.get(base + "/readyz", timeout=5).status_code == 200 else 0
        except httpx.HTTPError:
            ready = 0
        if time.monotonic() > deadline:
            raise RuntimeError(log.read_text()[-2000:])
        time.sleep(0.3)
    return proc, base


def _batch(headers: dict[str, str], tag: str, size: int = 1000) -> dict:
    items = [
        {
            "external_id": f"{tag}-{i}",
            "enterprise_credit_code": ENTERPRISE_CODE,
            "title": ["稀土萃取工", "数控车工", "电工", "焊工"][i % 4],
            "description": "串级萃取分离稀土，数控车床操作",
            "headcount": 1 + i % 3,
        }
        for i in range(size)
    ]
    return {"items": items}


async def _ingest(base: str, headers: dict[str, str], seconds: float) -> float:
    done = 0
    start = time.perf_counter()

    async def caller(n: int) -> None:
        nonlocal done
        async with httpx.AsyncClient(timeout=120) as client:
            k = 0
            while time.perf_counter() - start < seconds:
                r = await client.put(
                    base + "/api/v1/postings/batch",
                    json=_batch(headers, f"BW{n}-{uuid.uuid4().hex[:6]}-{k}"),
                    headers=headers,
                )
                k += 1
                if r.status_code == 200:
                    done += len(r.json()["items"])

    await asyncio.gather(caller(0), caller(1))
    return done / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    url = os.environ.get(
        "VOCMATCH_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/vm_bench"
    )
    redis_url = os.environ.get("VOCMATCH_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
    headers, postings = prepare(url)
    ent = None
    rows = []
    for workers in (1, 2, 4):
        log = Path(f"/tmp/bench_workers_{workers}.log")
        proc, base = _serve(url, redis_url, workers, log)
        try:
            if ent is None:
                ent = httpx.get(base + "/api/v1/enterprises?limit=1", headers=headers).json()[
                    "items"
                ][0]["id"]
            post = json_call(
                "post",
                "POST",
                "/api/v1/postings",
                {"enterprise_id": ent, "title": "数控车工"},
                headers,
            )
            m = asyncio.run(
                closed_loop(base, mix(headers, postings), clients=8, seconds=args.seconds)
            )
            p = asyncio.run(closed_loop(base, [post], clients=8, seconds=args.seconds))
            b = asyncio.run(_ingest(base, headers, args.seconds))
            rows.append(
                {
                    "workers": workers,
                    "mix_per_s": round(m.throughput(200), 1),
                    "mix_statuses": m.statuses(),
                    "posts_per_s": round(p.throughput(201), 1),
                    "post_statuses": p.statuses(),
                    "batch_postings_per_s": round(b, 1),
                    "load_average": load_average(),
                }
            )
        finally:
            proc.terminate()
            proc.wait(60)
    print(f"{'workers':>7} {'mix/s':>8} {'POST/s':>8} {'batch postings/s':>17}  load")
    for r in rows:
        print(
            f"{r['workers']:>7} {r['mix_per_s']:>8} {r['posts_per_s']:>8} "
            f"{r['batch_postings_per_s']:>17}  {r['load_average']}"
        )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "workers.json").write_text(json.dumps(rows, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
