"""Benchmark scale-out (issue 18): 1, 2 and 4 app processes side by side in one run, on
PostgreSQL + Redis.

Two ways to run N processes (``--via``, both by default):

- ``workers``: one ``vocmatch serve --workers N`` (uvicorn's workers share one socket);
- ``nginx``: N ``vocmatch serve`` processes behind nginx with ``deploy/nginx.conf`` (its upstream
  block listing the N processes), as the README deploys it (``make nginx`` installs nginx).

Per N: the operator's mix (``bench/serving.py``) from 8 closed-loop callers, then
``POST /api/v1/postings`` alone from 8 callers, then batch ingest with matching (``PUT
/api/v1/postings/batch``, 1,000 items a request, enterprises named by a registered credit code)
from max(2, N) callers. Answers per second, latency and every status of each phase; a phase
whose answers are not all 2xx shows the first problem. The postings a run wrote are deleted
before the next N, so every N reads the same database.

Goals (issue 18): ``POST /postings`` ≥ 150/s per process; batch ingest ≥ 2,000 postings/s with
two processes. The machine is shared (load averages recorded); the load generator runs here too,
on the same two cores.

    VOCMATCH_BENCH_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:5432/vm_bench \\
    VOCMATCH_BENCH_REDIS_URL=redis://127.0.0.1:6379/5 .venv/bin/python bench/bench_workers.py \\
    [--seconds 10] [--via workers|nginx]

Prints a table and writes bench/results/workers.json. Not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import httpx
from serving import RESULTS, ROOT, load_average, mix, prepare, server_env
from sqlalchemy import delete, select

from tests.ops.loadgen import Report, closed_loop, free_port, json_call, serve, start_nginx
from vocmatch.demand.models import Posting
from vocmatch.enterprises.models import Enterprise
from vocmatch.kit.db import make_engine, transaction

BATCH = 1000
TAG = "BW-"  # external_id prefix of every posting this bench writes (deleted after each N)


def _env(url: str, redis_url: str) -> dict[str, str]:
    return {
        **server_env(),
        "VOCMATCH_DATABASE_URL": url,
        "VOCMATCH_REDIS_URL": redis_url,
        "VOCMATCH_REDIS_PREFIX": f"vm_bench:{uuid.uuid4().hex[:6]}:",
    }


@contextmanager
def uvicorn_workers(url: str, redis_url: str, n: int, workdir: Path) -> Iterator[str]:
    """Run ``vocmatch serve --workers n``; yield its base URL once every worker answers."""
    port = free_port()
    log = workdir / f"workers-{n}.log"
    cmd = [sys.executable, "-m", "vocmatch", "serve", "--port", str(port), "--workers", str(n)]
    proc = subprocess.Popen(
        cmd,
        env={**os.environ, **_env(url, redis_url)},
        cwd=ROOT,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        ready = 0
        while ready < 3 * n:  # every worker warm: several ready answers in a row
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(log.read_text()[-2000:])
            try:
                ok = httpx.get(base + "/readyz", timeout=5).status_code == 200
            except httpx.HTTPError:
                ok = False
            ready = ready + 1 if ok else 0
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        proc.wait(60)


@contextmanager
def behind_nginx(url: str, redis_url: str, n: int, workdir: Path) -> Iterator[str]:
    """Run ``n`` single-process servers behind nginx; yield nginx's base URL."""
    with ExitStack() as stack:
        servers = [
            stack.enter_context(
                serve(
                    url, env=_env(url, redis_url), log=workdir / f"nginx-{n}-{i}.log", startup=300
                )
            )
            for i in range(n)
        ]
        conf = workdir / f"nginx-{n}"
        conf.mkdir(exist_ok=True)
        proc, base = start_nginx(conf, servers)
        stack.callback(lambda: (proc.terminate(), proc.wait(10)))
        yield base


def _batch(tag: str, credit_codes: list[str]) -> dict[str, Any]:
    return {
        "items": [
            {
                "external_id": f"{tag}-{i}",
                "enterprise_credit_code": credit_codes[i % len(credit_codes)],
                "title": ["稀土萃取工", "数控车工", "电工", "焊工"][i % 4],
                "description": "串级萃取分离稀土，数控车床操作",
                "headcount": 1 + i % 3,
            }
            for i in range(BATCH)
        ]
    }


async def _ingest(
    base: str, headers: dict[str, str], credit_codes: list[str], callers: int, seconds: float
) -> dict[str, Any]:
    written = 0
    statuses: Counter[int] = Counter()
    latencies: list[float] = []
    problem = ""
    start = time.perf_counter()

    async def caller(n: int) -> None:
        nonlocal written, problem
        async with httpx.AsyncClient(timeout=120) as client:
            k = 0
            while time.perf_counter() - start < seconds:
                body = _batch(f"{TAG}{n}-{uuid.uuid4().hex[:6]}-{k}", credit_codes)
                sent = time.perf_counter()
                r = await client.put(base + "/api/v1/postings/batch", json=body, headers=headers)
                latencies.append(time.perf_counter() - sent)
                statuses[r.status_code] += 1
                k += 1
                if r.status_code == 200:
                    written += len(r.json()["items"])
                elif not problem:
                    problem = r.text[:300]

    await asyncio.gather(*(caller(n) for n in range(callers)))
    elapsed = time.perf_counter() - start
    latencies.sort()
    return {
        "callers": callers,
        "postings_per_s": round(written / elapsed, 1),
        "requests": sum(statuses.values()),
        "statuses": dict(sorted(statuses.items())),
        "p50_ms": round(1000 * latencies[len(latencies) // 2], 1) if latencies else None,
        "max_ms": round(1000 * latencies[-1], 1) if latencies else None,
        "first_problem": problem,
    }


def _phase(report: Report, ok: int) -> dict[str, Any]:
    out = report.summary()
    out["ok_per_s"] = round(report.throughput(ok), 1)
    out["p50_ms"] = round(1000 * report.latency(0.5, ok), 1)
    out["p99_ms"] = round(1000 * report.latency(0.99, ok), 1)
    return out


def _fixtures(url: str) -> tuple[int, list[str]]:
    """Return an enterprise id and the credit codes of registered enterprises."""
    engine = make_engine(url)
    with transaction(engine) as s:
        rows = s.execute(
            select(Enterprise.id, Enterprise.credit_code)
            .where(Enterprise.credit_code.is_not(None))
            .order_by(Enterprise.id)
            .limit(20)
        ).all()
    engine.dispose()
    if not rows:
        raise RuntimeError("the sample has no enterprise with a credit code")
    return rows[0][0], [code for _, code in rows]


def _forget_written(url: str) -> int:
    """Delete the postings this bench wrote (batch and single POSTs); return how many."""
    engine = make_engine(url)
    with transaction(engine) as s:
        n = s.execute(
            delete(Posting).where(
                Posting.external_id.startswith(TAG) | (Posting.title == "基准测试数控车工")
            )
        ).rowcount
    engine.dispose()
    return int(n or 0)


def measure(
    base: str,
    headers: dict[str, str],
    postings: list[int],
    enterprise: int,
    credit_codes: list[str],
    n: int,
    seconds: float,
) -> dict[str, Any]:
    """Return the three phases' figures against ``base``."""
    post = json_call(
        "post",
        "POST",
        "/api/v1/postings",
        {"enterprise_id": enterprise, "title": "基准测试数控车工"},
        headers,
    )
    load_before = load_average()
    m = asyncio.run(closed_loop(base, mix(headers, postings), clients=8, seconds=seconds))
    p = asyncio.run(closed_loop(base, [post], clients=8, seconds=seconds))
    b = asyncio.run(_ingest(base, headers, credit_codes, max(2, n), seconds))
    return {
        "mix": _phase(m, 200),
        "post": _phase(p, 201),
        "batch": b,
        "load_average_before": load_before,
        "load_average_after": load_average(),
    }


def table(rows: list[dict[str, Any]]) -> str:
    """Return the figures as a Markdown table."""
    out = [
        "| via | N | mix 200/s (p50 / p99 ms) | POST 201/s (p50 / p99 ms) | batch postings/s "
        "(callers) | other statuses | load avg before → after |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        m, p, b = r["mix"], r["post"], r["batch"]
        other = {
            k: v
            for phase, ok in ((m, "200"), (p, "201"), (b, "200"))
            for k, v in {str(s): c for s, c in phase["statuses"].items()}.items()
            if k != ok
        }
        out.append(
            f"| {r['via']} | {r['processes']} | {m['ok_per_s']} ({m['p50_ms']} / {m['p99_ms']}) | "
            f"{p['ok_per_s']} ({p['p50_ms']} / {p['p99_ms']}) | {b['postings_per_s']} "
            f"({b['callers']}) | {other or '—'} | {r['load_average_before']} → "
            f"{r['load_average_after']} |"
        )
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--via", choices=["workers", "nginx"])
    parser.add_argument("--processes", default="1,2,4")
    args = parser.parse_args()
    url = os.environ.get(
        "VOCMATCH_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/vm_bench"
    )
    redis_url = os.environ.get("VOCMATCH_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
    headers, postings = prepare(url)
    enterprise, credit_codes = _fixtures(url)
    runners = {"workers": uvicorn_workers, "nginx": behind_nginx}
    rows = []
    with tempfile.TemporaryDirectory(prefix="vocmatch-workers-") as tmp:
        for via in [args.via] if args.via else list(runners):
            for n in (int(x) for x in args.processes.split(",")):
                with runners[via](url, redis_url, n, Path(tmp)) as base:
                    figures = measure(
                        base, headers, postings, enterprise, credit_codes, n, args.seconds
                    )
                rows.append({"via": via, "processes": n, **figures})
                rows[-1]["deleted_after"] = _forget_written(url)
                print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    print(table(rows))
    RESULTS.mkdir(exist_ok=True)
    result = {"database": "postgresql", "seconds_per_phase": args.seconds, "rows": rows}
    (RESULTS / "workers.json").write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
