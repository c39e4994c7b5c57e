"""Soak (issue 11): the operator's mixed load at 12 requests/s on one ``vocmatch serve`` process for
a long time, with its resident memory over time.

Before the fix this load wedged the server for good after about four minutes and its RSS grew
from 320 MB to 515 MB in ten. Done when the run ends with no wedge (every minute answered, no
time-outs, no 500) and RSS grows by less than 10 % from the end of the first minutes (warm-up:
caches fill, the allocator settles) to the end. RSS is also recorded when ``/readyz`` first
answers and once the process has settled before any load: the analytics warm-up runs in a
background thread after readiness and adds about 60 MB in its first seconds.

    .venv/bin/python bench/bench_soak.py [--minutes 30] [--rate 12] [--only sqlite|postgresql]
    VOCMATCH_BENCH_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:5432/vm_ops_bench ...

PostgreSQL is used when its URL is set (else SQLite). Prints a table per minute and writes
bench/results/soak.json. Not a test.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from serving import ROOT, cpu_seconds, databases, load_average, mix, prepare, save, server_env

from tests.ops.loadgen import Report, load_report, serve, spec

SAMPLE_EVERY = 10.0  # seconds between RSS samples
WARM_UP_MINUTES = 2


def _settle(rss: Callable[[], float], *, every: float = 2.0, limit: float = 90.0) -> float:
    """Wait, with no load, until the start-up work in the background (the analytics warm-up,
    which runs after /readyz answers) stops growing the process; return its RSS then."""
    last, deadline = rss(), time.monotonic() + limit
    steady = 0
    while steady < 3 and time.monotonic() < deadline:
        time.sleep(every)
        now = rss()
        steady = steady + 1 if abs(now - last) < 1.0 else 0
        last = now
    return last


def _minutes(report: Report, samples: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for m in range(int(report.seconds // 60) + 1):
        inside = [o for o in report.outcomes if m * 60 <= o.sent < (m + 1) * 60]
        if not inside:
            continue
        minute = Report(inside, 60.0)
        rss = [s["rss_mb"] for s in samples if m * 60 <= s["t"] < (m + 1) * 60]
        rows.append(
            {
                "minute": m + 1,
                "requests": len(inside),
                "statuses": minute.statuses(),
                "p50_ms": round(1000 * minute.latency(0.5, 200), 1),
                "p99_ms": round(1000 * minute.latency(0.99, 200), 1),
                "rss_mb": rss[-1] if rss else None,
                "load": next((s["load"] for s in samples if s["t"] >= m * 60), ""),
            }
        )
    return rows


def run(name: str, url: str, minutes: float, rate: float, workdir: Path) -> dict[str, Any]:
    """Return the figures of one soak."""
    headers, postings = prepare(url)
    (workdir / "mix.json").write_text(json.dumps(spec(mix(headers, postings)), ensure_ascii=False))
    out = workdir / "soak.json"
    samples: list[dict[str, Any]] = []
    load_before = load_average()
    with serve(url, env=server_env(), log=workdir / "server.log") as srv:
        pid = srv.process.pid
        at_ready = srv.rss_mb()
        settled = _settle(srv.rss_mb)
        cpu0 = cpu_seconds(pid)
        started = time.monotonic()
        load = subprocess.Popen(
            [sys.executable, "-m", "tests.ops.loadgen", "--url", srv.url,
             "--mix", str(workdir / "mix.json"), "--rate", str(rate),
             "--seconds", str(60 * minutes), "--timeout", "10", "--out", str(out)],
            cwd=ROOT,
        )  # fmt: skip
        while load.poll() is None:
            t = time.monotonic() - started
            samples.append(
                {"t": round(t, 1), "rss_mb": round(srv.rss_mb(), 1), "load": load_average()}
            )
            if len(samples) % 6 == 1:  # progress once a minute
                print(f"t={t:.0f}s rss={samples[-1]['rss_mb']} MB load={samples[-1]['load']}",
                      flush=True)  # fmt: skip
            time.sleep(SAMPLE_EVERY)
        cpu = cpu_seconds(pid) - cpu0
        rss_end = srv.rss_mb()
    report = load_report(out)
    warm = [s["rss_mb"] for s in samples if s["t"] <= WARM_UP_MINUTES * 60]
    base = warm[-1] if warm else samples[0]["rss_mb"]
    per_minute = _minutes(report, samples)
    start = samples[0]["rss_mb"]
    every_minute = all(r["statuses"].get(200, 0) > 0 for r in per_minute)
    return {
        "database": name,
        "minutes": minutes,
        "rate": rate,
        "load_average_before": load_before,
        "load_average_after": load_average(),
        "summary": report.summary(),
        "timeouts": report.count(0),
        "errors_500": sum(1 for o in report.outcomes if o.status >= 500 and o.status != 503),
        "server_cpu_s": round(cpu, 1),
        "rss_mb": {
            "at_ready": round(at_ready, 1),
            "settled_before_load": round(settled, 1),
            "start": start,
            f"after_{WARM_UP_MINUTES}_min": base,
            "max": max(s["rss_mb"] for s in samples),
            "end": round(rss_end, 1),
            "growth_from_start_pc": round(100 * (rss_end - start) / start, 1),
            "growth_after_warm_up_pc": round(100 * (rss_end - base) / base, 1),
        },
        "every_minute_answered": every_minute,
        "no_wedge": every_minute and report.count(0) == 0,
        "per_minute": per_minute,
        "samples": samples,
    }


def table(result: dict[str, Any]) -> str:
    """Return the per-minute figures as a Markdown table."""
    rows = [
        "| minute | requests | statuses | p50 / p99 ms | RSS MB | load avg |",
        "|---|---|---|---|---|---|",
    ]
    for r in result["per_minute"]:
        rows.append(
            f"| {r['minute']} | {r['requests']} | {r['statuses']} | {r['p50_ms']} / {r['p99_ms']} "
            f"| {r['rss_mb']} | {r['load']} |"
        )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--rate", type=float, default=12.0)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    chosen = databases(args.only)
    name, url = chosen[-1]  # PostgreSQL when configured, as in the operator's report
    with tempfile.TemporaryDirectory(prefix="vocmatch-soak-") as tmp:
        result = run(name, url, args.minutes, args.rate, Path(tmp))
    print(table(result))
    print(json.dumps({k: v for k, v in result.items() if k not in ("per_minute", "samples")},
                     ensure_ascii=False, indent=1))  # fmt: skip
    save("soak.json", [result])


if __name__ == "__main__":
    main()
