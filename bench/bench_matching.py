"""Speed of the matcher, each figure beside the naive way (a rapidfuzz scan of all names per query).

Prints a table and writes bench/results/matching.json. Not a test: run ``make bench`` or
``.venv/bin/python bench/bench_matching.py [--postings 100000] [--seconds 10]``. Needs a trained
model (``vocmatch train``). Network traffic stays on 127.0.0.1.

1. one match in-process, p50/p99 (target p50 ≤ 1 ms, p99 ≤ 5 ms);
2. ``vocmatch match --input`` on synthetic postings (target ≥ 5,000 postings/s);
3. ``POST /api/v1/match`` at a steady 100 requests/s on one uvicorn worker, p99 (target ≤ 20 ms);
4. model load time (target ≤ 3 s) and 5. resident memory of the served model (target ≤ 300 MB).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process  # noqa: E402

from vocmatch.kit.config import get_settings  # noqa: E402
from vocmatch.matching.engine import artifacts  # noqa: E402
from vocmatch.matching.engine.runtime import Runtime  # noqa: E402
from vocmatch.matching.text import normalise  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "matching.json"
FILLER = [
    "岗位职责：",
    "任职要求：中专及以上学历，",
    "能适应倒班，",
    "吃苦耐劳，服从安排。",
    "负责设备日常点检和记录，",
    "按作业指导书操作，",
    "五险一金，包食宿，",
    "有相关经验者优先。",
    "试用期三个月。",
    "工作地点：赣州高新区。",
]


def synthetic_postings(matcher: Runtime, n: int, seed: int = 7) -> list[dict[str, Any]]:
    """Return ``n`` postings stitched from the model's own vocabulary (titles, skills, filler)."""
    rng = random.Random(seed)
    titles = [t for ts in matcher.model.occupation_titles for t in ts]
    skills = [p for p in matcher.model.phrases if len(p) >= 3]
    out = []
    for i in range(n):
        parts = rng.sample(FILLER, 3) + rng.sample(skills, rng.randint(2, 6))
        rng.shuffle(parts)
        text = "".join(parts) + "。" + rng.choice(titles) + "经验优先。"
        title = rng.choice(titles) if rng.random() < 0.9 else ""
        out.append({"id": f"syn-{i}", "title": title, "text": text if rng.random() < 0.85 else ""})
    return out


class NaiveScan:
    """The naive way: a rapidfuzz scan of every occupation and programme name per query."""

    def __init__(self, matcher: Runtime) -> None:
        m = matcher.model
        self.occ = [normalise(n) for n in m.occupation_names]
        self.prog = [normalise(n) for n in m.programme_names]
        self.chain = [normalise(n) for n in (*m.segment_names, *m.skill_names)]

    def match(self, title: str | None, text: str | None, top_k: int = 10) -> dict[str, Any]:
        q = normalise(f"{title or ''} {text or ''}"[:4000])
        return {
            "chain": process.extractOne(q, self.chain, scorer=fuzz.WRatio),
            "occupations": process.extract(q, self.occ, scorer=fuzz.WRatio, limit=top_k),
            "programmes": process.extract(q, self.prog, scorer=fuzz.WRatio, limit=top_k),
        }


def percentile(values: Sequence[float], p: float) -> float:
    """Return the ``p``-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def timed(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000.0


def cpu_timed(fn: Callable[[], Any]) -> float:
    """Return the CPU milliseconds ``fn`` used (unaffected by other processes' load)."""
    started = time.thread_time()
    fn()
    return (time.thread_time() - started) * 1000.0


def bench_in_process(matcher: Runtime, items: list[tuple[str, str]]) -> dict[str, Any]:
    naive = NaiveScan(matcher)
    for t, x in items[:50]:  # warm caches
        matcher.match([(t, x)], top_k=10, allowed_programmes=None)
        naive.match(t, x)
    engine = [
        timed(lambda t=t, x=x: matcher.match([(t, x)], top_k=10, allowed_programmes=None))
        for t, x in items
    ]
    engine_cpu = [
        cpu_timed(lambda t=t, x=x: matcher.match([(t, x)], top_k=10, allowed_programmes=None))
        for t, x in items
    ]
    naive_ms = [timed(lambda t=t, x=x: naive.match(t, x)) for t, x in items[:500]]
    naive_cpu = [cpu_timed(lambda t=t, x=x: naive.match(t, x)) for t, x in items[:500]]
    return {
        "queries": len(items),
        "engine_p50_ms": round(percentile(engine, 50), 3),
        "engine_p99_ms": round(percentile(engine, 99), 3),
        "engine_cpu_p50_ms": round(percentile(engine_cpu, 50), 3),
        "engine_cpu_p99_ms": round(percentile(engine_cpu, 99), 3),
        "naive_p50_ms": round(percentile(naive_ms, 50), 3),
        "naive_p99_ms": round(percentile(naive_ms, 99), 3),
        "naive_cpu_p50_ms": round(percentile(naive_cpu, 50), 3),
        "naive_cpu_p99_ms": round(percentile(naive_cpu, 99), 3),
    }


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "VOCMATCH_LOG_LEVEL": "WARNING", **extra}


def bench_batch(matcher: Runtime, postings: list[dict[str, Any]], tmp: Path) -> dict[str, Any]:
    path = tmp / "postings.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for p in postings:
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with (tmp / "out.jsonl").open("w", encoding="utf-8") as out:
        subprocess.run(
            [sys.executable, "-m", "vocmatch", "match", "--input", str(path)],
            stdout=out,
            check=True,
            env=_env(),
        )
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = sum(1 for _ in (tmp / "out.jsonl").open(encoding="utf-8"))
    naive = NaiveScan(matcher)
    sample = postings[:2000]
    naive_s = timed(lambda: [naive.match(p["title"], p["text"]) for p in sample]) / 1000
    return {
        "postings": len(postings),
        "lines_out": lines,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "engine_per_s": round(len(postings) / seconds),
        "engine_per_cpu_s": round(len(postings) / cpu),
        "naive_per_s": round(len(sample) / naive_s),
        "naive_note": f"naive measured on {len(sample)} postings in-process (no JSON I/O)",
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def bench_api(
    items: list[tuple[str, str]], tmp: Path, seconds: float, rate: float
) -> dict[str, Any]:
    import httpx

    port = free_port()
    env = _env(
        VOCMATCH_DATABASE_URL=f"sqlite:///{tmp / 'bench.db'}",
        VOCMATCH_ANONYMOUS_RATE_LIMIT_PER_MINUTE="100000000",
    )
    subprocess.run(
        [sys.executable, "-m", "vocmatch", "db", "upgrade"],
        env=env,
        check=True,
        capture_output=True,
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "vocmatch", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/api/v1/match"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        with httpx.Client(timeout=10) as c:
            for t, x in items[:200]:  # warm up
                c.post(url, json={"title": t, "text": x})
        latencies: list[float] = []
        errors = 0
        cpu_before = _cpu_seconds(server.pid)
        lock = threading.Lock()
        n = int(seconds * rate)
        start = time.perf_counter() + 0.2

        def worker(k: int, workers: int) -> None:
            nonlocal errors
            with httpx.Client(timeout=10) as c:
                for i in range(k, n, workers):
                    due = start + i / rate  # open loop: requests leave on schedule
                    delay = due - time.perf_counter()
                    if delay > 0:
                        time.sleep(delay)
                    t, x = items[i % len(items)]
                    sent = time.perf_counter()
                    r = c.post(url, json={"title": t, "text": x})
                    ms = (time.perf_counter() - sent) * 1000
                    with lock:
                        latencies.append(ms)
                        errors += r.status_code != 200

        threads = [threading.Thread(target=worker, args=(k, 8)) for k in range(8)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        rss = _rss_mb(server.pid)
        cpu_ms_per_request = (_cpu_seconds(server.pid) - cpu_before) * 1000 / max(1, len(latencies))
    finally:
        server.terminate()
        server.wait(timeout=10)
    return {
        "requests": len(latencies),
        "rate_per_s": rate,
        "errors": errors,
        "p50_ms": round(percentile(latencies, 50), 2),
        "p99_ms": round(percentile(latencies, 99), 2),
        "mean_ms": round(statistics.mean(latencies), 2),
        "server_rss_mb": round(rss, 1),
        "server_cpu_ms_per_request": round(cpu_ms_per_request, 2),
    }


_LOAD_SCRIPT = """
import json, sys, time
from pathlib import Path
def rss():
    for line in Path('/proc/self/status').read_text().splitlines():
        if line.startswith('VmRSS:'):
            return int(line.split()[1]) / 1024
import vocmatch.matching.engine.artifacts as a, vocmatch.matching.service
from vocmatch.matching.engine.runtime import Runtime
base = rss()
t = time.perf_counter()
m = Runtime(a.load(Path(sys.argv[1])))
m.match([("稀土萃取工", "萃取槽")], top_k=10, allowed_programmes=None)
seconds = time.perf_counter() - t
after = rss()
t = time.perf_counter()
sys.path.insert(0, sys.argv[2])
from bench_matching import NaiveScan
n = NaiveScan(m)
naive_seconds = time.perf_counter() - t
print(json.dumps({"seconds": seconds, "base_mb": base, "after_mb": after, "naive_seconds": naive_seconds}))
"""


def bench_load(models_dir: Path) -> dict[str, Any]:
    runs = []
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", _LOAD_SCRIPT, str(models_dir), str(Path(__file__).parent)],
            capture_output=True,
            text=True,
            check=True,
            env=_env(),
        )
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    best = min(runs, key=lambda r: r["seconds"])
    return {
        "load_seconds": round(statistics.median(r["seconds"] for r in runs), 3),
        "load_seconds_best": round(best["seconds"], 3),
        "model_rss_mb": round(best["after_mb"] - best["base_mb"], 1),
        "process_rss_mb": round(best["after_mb"], 1),
        "naive_setup_seconds": round(best["naive_seconds"], 4),
        "artifact_mb": round(
            sum((models_dir / f).stat().st_size for f in (artifacts.NPZ, artifacts.JSON)) / 1e6, 1
        ),
    }


def table(r: dict[str, Any]) -> str:
    ip, b, api, ld = r["in_process"], r["batch"], r["api"], r["load"]
    rows = [
        (
            "one match in-process p50 (wall)",
            f"{ip['engine_p50_ms']} ms",
            f"{ip['naive_p50_ms']} ms",
            "≤ 1 ms",
            ip["naive_p50_ms"] / ip["engine_p50_ms"],
        ),
        (
            "one match in-process p99 (wall)",
            f"{ip['engine_p99_ms']} ms",
            f"{ip['naive_p99_ms']} ms",
            "≤ 5 ms",
            ip["naive_p99_ms"] / ip["engine_p99_ms"],
        ),
        (
            "  same, CPU time p50",
            f"{ip['engine_cpu_p50_ms']} ms",
            f"{ip['naive_cpu_p50_ms']} ms",
            "",
            ip["naive_cpu_p50_ms"] / ip["engine_cpu_p50_ms"],
        ),
        (
            "  same, CPU time p99",
            f"{ip['engine_cpu_p99_ms']} ms",
            f"{ip['naive_cpu_p99_ms']} ms",
            "",
            ip["naive_cpu_p99_ms"] / ip["engine_cpu_p99_ms"],
        ),
        (
            f"vocmatch match --input ({b['postings']:,})",
            f"{b['engine_per_s']:,}/s",
            f"{b['naive_per_s']:,}/s",
            "≥ 5,000/s",
            b["engine_per_s"] / b["naive_per_s"],
        ),
        ("  same, per CPU-second", f"{b['engine_per_cpu_s']:,}/s", "", "", None),
        (
            f"POST /api/v1/match p99 @ {api['rate_per_s']:g}/s",
            f"{api['p99_ms']} ms (p50 {api['p50_ms']})",
            f"≈{ip['naive_p99_ms'] + api['p99_ms'] - ip['engine_p99_ms']:.1f} ms*",
            "≤ 20 ms",
            None,
        ),
        ("  server CPU per request", f"{api['server_cpu_ms_per_request']} ms", "", "", None),
        ("model load", f"{ld['load_seconds']} s", f"{ld['naive_setup_seconds']} s", "≤ 3 s", None),
        (
            "RSS of the served model",
            f"{ld['model_rss_mb']} MB (server {api['server_rss_mb']} MB)",
            "–",
            "≤ 300 MB",
            None,
        ),
    ]
    out = [f"{'measure':38} {'engine':28} {'naive':12} {'target':10} {'ratio':>7}", "-" * 100]
    for name, eng, nai, target, ratio in rows:
        out.append(
            f"{name:38} {eng:28} {nai:12} {target:10} {(f'{ratio:.0f}×' if ratio else ''):>7}"
        )
    out.append(
        "* naive API p99 estimated: naive in-process p99 + the engine's measured HTTP overhead"
    )
    out.append(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end")
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--postings", type=int, default=100_000)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--rate", type=float, default=100.0)
    args = ap.parse_args()
    settings = get_settings()
    matcher = Runtime(artifacts.load(settings.models_dir))
    dev = []
    for name in ("postings.jsonl", "titles.jsonl"):
        path = settings.data_dir / "eval" / name
        if path.exists():
            dev += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    synthetic = synthetic_postings(matcher, args.postings)
    items = [(d.get("title") or "", d.get("text") or "") for d in dev]
    items += [(p["title"], p["text"]) for p in synthetic[:1500]]
    random.Random(1).shuffle(items)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        results = {
            "model": matcher.model.version,
            "in_process": bench_in_process(matcher, items),
            "batch": bench_batch(matcher, synthetic, tmp),
            "api": bench_api(items, tmp, args.seconds, args.rate),
            "load": bench_load(settings.models_dir),
            "cpus": os.cpu_count(),
            "load_average": os.getloadavg(),
        }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    print(f"\nwritten to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
