"""A small open-loop HTTP load generator (asyncio, raw HTTP/1.1 keep-alive) and a server runner.

Cheap on purpose: one request costs the client about 0.1 ms of CPU, so on a two-core machine the
client does not starve the server it measures. Used by the overload tests (``tests/ops``) and by
``bench/bench_overload.py`` and ``bench/bench_soak.py``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Call:
    """One kind of request in a mix."""

    name: str
    method: str
    path: str
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    weight: float = 1.0


@dataclass
class Outcome:
    """What happened to one request: status 0 means no answer in time (or a dropped connection)."""

    name: str
    sent: float  # seconds since the run started
    status: int
    latency: float
    problem: str = ""  # the content type of a 503 (problem+json expected)


@dataclass
class Report:
    """Outcomes of a run and the figures drawn from them."""

    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: int) -> int:
        """Return how many requests answered ``status`` (0: none in time)."""
        return sum(1 for o in self.outcomes if o.status == status)

    def statuses(self) -> dict[int, int]:
        """Return {status: count}."""
        return dict(sorted(Counter(o.status for o in self.outcomes).items()))

    def throughput(self, status: int = 200) -> float:
        """Return answers with ``status`` per second of the run."""
        return self.count(status) / self.seconds if self.seconds else 0.0

    def latency(self, q: float, status: int | None = None) -> float:
        """Return the ``q`` quantile of latency in seconds (of ``status`` answers, or all)."""
        values = sorted(o.latency for o in self.outcomes if status is None or o.status == status)
        if not values:
            return float("nan")
        return values[min(len(values) - 1, int(q * len(values)))]

    def summary(self) -> dict[str, Any]:
        """Return the figures as a JSON-able dict."""
        return {
            "requests": len(self.outcomes),
            "seconds": round(self.seconds, 2),
            "statuses": self.statuses(),
            "ok_per_s": round(self.throughput(200), 1),
            "p50_ms": round(1000 * self.latency(0.5, 200), 1),
            "p99_ms": round(1000 * self.latency(0.99, 200), 1),
            "max_ms_any": round(1000 * max((o.latency for o in self.outcomes), default=0), 1),
        }


class _Conn:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.reusable = True


class Client:
    """HTTP/1.1 keep-alive connections to one server, opened as needed, reused when idle."""

    def __init__(self, base_url: str, *, timeout: float = 2.0) -> None:
        hostport = base_url.split("://", 1)[1].rstrip("/")
        host, port = hostport.rsplit(":", 1)
        self.host, self.port, self.timeout = host, int(port), timeout
        self._idle: list[_Conn] = []

    async def request(self, call: Call) -> tuple[int, float, str]:
        """Send ``call``; return (status, seconds, content type) — status 0 when no answer in time.

        A kept-alive connection the server closed meanwhile (its idle timeout) is retried once on
        a new connection, as HTTP clients do; any other failure counts as no answer.
        """
        started = time.perf_counter()
        conn: _Conn | None = None
        try:
            async with asyncio.timeout(self.timeout - (time.perf_counter() - started)):
                while True:
                    reused = bool(self._idle)
                    conn = self._idle.pop() if reused else _Conn(*await self._open())
                    try:
                        status, ctype = await self._exchange(conn, call)
                        break
                    except (asyncio.IncompleteReadError, ConnectionError) as exc:
                        conn.writer.close()
                        conn = None
                        if not reused or getattr(exc, "partial", b""):
                            raise
            if conn.reusable:
                self._idle.append(conn)
            else:
                conn.writer.close()
            return status, time.perf_counter() - started, ctype
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
            if conn is not None:
                conn.writer.close()
            return 0, time.perf_counter() - started, type(exc).__name__

    async def _open(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        return await asyncio.open_connection(self.host, self.port)

    async def _exchange(self, conn: _Conn, call: Call) -> tuple[int, str]:
        lines = [f"{call.method} {call.path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        lines += [f"{k}: {v}" for k, v in call.headers]
        if call.body or call.method in ("POST", "PUT", "PATCH"):
            lines.append(f"Content-Length: {len(call.body)}")
        conn.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + call.body)
        await conn.writer.drain()
        head = await conn.reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split(" ", 2)[1])
        headers = {}
        for line in header_lines:
            if ":" in line:
                k, v = line.split(":", 1)
                headers[k.strip().lower()] = v.strip()
        if "content-length" in headers:
            await conn.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding") == "chunked":
            while True:
                size = int((await conn.reader.readline()).strip(), 16)
                await conn.reader.readexactly(size + 2)
                if size == 0:
                    break
        conn.reusable = headers.get("connection", "").lower() != "close"
        return status, headers.get("content-type", "")

    def close(self) -> None:
        """Close every idle connection."""
        for conn in self._idle:
            conn.writer.close()
        self._idle.clear()


def pick(mix: Sequence[Call], i: int) -> Call:
    """Return the ``i``-th call of a deterministic weighted round robin over ``mix``."""
    total = sum(c.weight for c in mix)
    x = (i * 0.6180339887498949 % 1.0) * total  # golden-ratio spread: every kind, evenly
    for call in mix:
        x -= call.weight
        if x < 0:
            return call
    return mix[-1]


async def open_loop(
    base_url: str, mix: Sequence[Call], *, rate: float, seconds: float, timeout: float = 2.0
) -> Report:
    """Send ``rate`` requests per second for ``seconds``, each on schedule whatever the answers."""
    client = Client(base_url, timeout=timeout)
    report = Report()
    loop_start = time.perf_counter()
    tasks: list[asyncio.Task[None]] = []

    async def one(i: int, at: float) -> None:
        call = pick(mix, i)
        status, latency, ctype = await client.request(call)
        report.outcomes.append(Outcome(call.name, at, status, latency, ctype))

    n = int(rate * seconds)
    for i in range(n):
        at = i / rate
        delay = loop_start + at - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(i, at)))
    await asyncio.gather(*tasks)
    report.seconds = max(seconds, time.perf_counter() - loop_start)
    client.close()
    return report


async def closed_loop(
    base_url: str, mix: Sequence[Call], *, clients: int, seconds: float, timeout: float = 10.0
) -> Report:
    """Run ``clients`` callers, each sending its next request when the last one is answered."""
    client = Client(base_url, timeout=timeout)
    report = Report()
    start = time.perf_counter()
    counter = iter(range(10**9))

    async def caller() -> None:
        while time.perf_counter() - start < seconds:
            i = next(counter)
            call = pick(mix, i)
            at = time.perf_counter() - start
            status, latency, ctype = await client.request(call)
            report.outcomes.append(Outcome(call.name, at, status, latency, ctype))

    await asyncio.gather(*(caller() for _ in range(clients)))
    report.seconds = time.perf_counter() - start
    client.close()
    return report


async def probe(base_url: str, path: str, *, every: float, until: asyncio.Event) -> list[float]:
    """GET ``path`` every ``every`` seconds on a connection of its own until ``until`` is set;
    return the latencies (inf for no answer within 2 s)."""
    client = Client(base_url, timeout=2.0)
    out: list[float] = []
    while not until.is_set():
        status, latency, _ = await client.request(Call("probe", "GET", path))
        out.append(latency if status == 200 else float("inf"))
        await asyncio.sleep(every)
    client.close()
    return out


def json_call(
    name: str, method: str, path: str, body: Any, headers: dict[str, str], weight: float = 1.0
) -> Call:
    """Return a call with a JSON body."""
    raw = json.dumps(body, ensure_ascii=False).encode()
    hdrs = tuple(headers.items()) + (("Content-Type", "application/json"),)
    return Call(name, method, path, raw, hdrs, weight)


@dataclass
class ServerProcess:
    """A ``vocmatch serve`` process."""

    process: subprocess.Popen[bytes]
    url: str
    log: Path

    def rss_mb(self) -> float:
        """Return the resident memory of the server process in MB."""
        return rss_mb(self.process.pid)

    def stop(self, timeout: float = 30.0) -> float:
        """SIGTERM the process; return the seconds it took to exit (kill -9 after ``timeout``)."""
        started = time.perf_counter()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return time.perf_counter() - started


def serving_normally(url: str, headers: dict[str, str]) -> bool:
    """True when five requests in a row are answered 200, each within half a second."""
    for _ in range(5):
        started = time.perf_counter()
        r = httpx.get(url + "/api/v1/postings?limit=20", headers=headers, timeout=5)
        if r.status_code != 200 or time.perf_counter() - started > 0.5:
            return False
    return True


def rss_mb(pid: int) -> float:
    """Return the resident set size of ``pid`` in MB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(
    database_url: str, *, env: dict[str, str] | None = None, log: Path, startup: float = 90.0
) -> Iterator[ServerProcess]:
    """Run ``vocmatch serve`` on a free port against ``database_url``; stop it afterwards."""
    port = free_port()
    environment = {
        **os.environ,
        "VOCMATCH_DATABASE_URL": database_url,
        "VOCMATCH_LOG_LEVEL": "WARNING",
        **(env or {}),
    }
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "vocmatch", "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=environment,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    server = ServerProcess(proc, url, log)
    deadline = time.monotonic() + startup
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited: {log.read_text()[-2000:]}")
            try:
                if httpx.get(url + "/readyz", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"server not ready: {log.read_text()[-2000:]}")
            time.sleep(0.2)
        yield server
    finally:
        server.stop()


def quantiles_ms(values: Sequence[float]) -> dict[str, float]:
    """Return p50/p99/max of latencies (seconds) in milliseconds."""
    if not values:
        return {"p50": float("nan"), "p99": float("nan"), "max": float("nan")}
    ordered = sorted(values)
    return {
        "p50": round(1000 * statistics.median(ordered), 1),
        "p99": round(1000 * ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))], 1),
        "max": round(1000 * ordered[-1], 1),
    }


def _calls(spec: list[dict[str, Any]]) -> list[Call]:
    return [
        Call(
            c["name"],
            c["method"],
            c["path"],
            c.get("body", "").encode(),
            tuple((k, v) for k, v in c.get("headers", {}).items()),
            float(c.get("weight", 1.0)),
        )
        for c in spec
    ]


def spec(calls: Sequence[Call]) -> list[dict[str, Any]]:
    """Return ``calls`` as JSON-able dicts (for ``python -m tests.ops.loadgen --mix``)."""
    return [
        {
            "name": c.name,
            "method": c.method,
            "path": c.path,
            "body": c.body.decode(),
            "headers": dict(c.headers),
            "weight": c.weight,
        }
        for c in calls
    ]


def main(argv: Sequence[str] | None = None) -> None:
    """Run a load or a probe in a process of its own (so its CPU does not delay the measure)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--mix", help="JSON file: a list of calls (see spec())")
    parser.add_argument("--rate", type=float, default=0.0, help="open loop: requests per second")
    parser.add_argument("--clients", type=int, default=0, help="closed loop: concurrent callers")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--timeout", type=float, default=2.0)
    parser.add_argument("--probe", help="instead: GET this path every --every s until stdin closes")
    parser.add_argument("--every", type=float, default=0.05)
    parser.add_argument("--nice", type=int, default=0, help="lower this process's priority")
    parser.add_argument("--out", required=True, help="JSON file for the outcomes")
    args = parser.parse_args(argv)
    if args.nice:
        os.nice(args.nice)
    if args.probe:
        latencies = asyncio.run(_probe_until_stdin_closes(args.url, args.probe, args.every))
        Path(args.out).write_text(json.dumps(latencies))
        return
    mix = _calls(json.loads(Path(args.mix).read_text()))
    if args.clients:
        run = closed_loop(
            args.url, mix, clients=args.clients, seconds=args.seconds, timeout=args.timeout
        )
    else:
        run = open_loop(args.url, mix, rate=args.rate, seconds=args.seconds, timeout=args.timeout)
    report = asyncio.run(run)
    Path(args.out).write_text(
        json.dumps(
            {
                "seconds": report.seconds,
                "outcomes": [
                    [o.name, o.sent, o.status, o.latency, o.problem] for o in report.outcomes
                ],
            }
        )
    )


async def _probe_until_stdin_closes(url: str, path: str, every: float) -> list[list[float]]:
    """Probe ``path``; return [[seconds since start, latency or -1]] until stdin reaches EOF."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_reader(sys.stdin.fileno(), lambda: stop.set() if not sys.stdin.read(1) else None)
    client = Client(url, timeout=2.0)
    start = time.perf_counter()
    out: list[list[float]] = []
    while not stop.is_set():
        at = time.perf_counter() - start
        status, latency, _ = await client.request(Call("probe", "GET", path))
        out.append([at, latency if status == 200 else -1.0])
        await asyncio.sleep(every)
    client.close()
    return out


def load_report(path: Path) -> Report:
    """Read the outcomes written by ``main``."""
    data = json.loads(path.read_text())
    return Report([Outcome(*o) for o in data["outcomes"]], data["seconds"])


if __name__ == "__main__":
    main()


def run_load(
    url: str,
    mix: Sequence[Call],
    *,
    workdir: Path,
    seconds: float,
    rate: float = 0.0,
    clients: int = 0,
    timeout: float = 2.0,
    nice: int = 5,
) -> Report:
    """Run a load in a separate, lower-priority process (it stands for clients elsewhere)."""
    mix_file = workdir / "mix.json"
    out = workdir / "load.json"
    mix_file.write_text(json.dumps(spec(mix), ensure_ascii=False))
    args = ["--url", url, "--mix", str(mix_file), "--seconds", str(seconds), "--out", str(out)]
    args += ["--timeout", str(timeout), "--nice", str(nice)]
    args += ["--clients", str(clients)] if clients else ["--rate", str(rate)]
    subprocess.run(
        [sys.executable, "-m", "tests.ops.loadgen", *args],
        cwd=ROOT,
        check=True,
        timeout=seconds + timeout + 60,
    )
    return load_report(out)


@contextmanager
def probing(
    url: str, path: str, *, workdir: Path, every: float = 0.05
) -> Iterator[list[list[float]]]:
    """Probe ``path`` from a process of its own; the yielded list is filled when the block ends
    with [[seconds since start, latency in seconds, or -1 for no answer]]."""
    out = workdir / f"probe-{path.strip('/').replace('/', '-')}.json"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.ops.loadgen",
            "--url",
            url,
            "--probe",
            path,
            "--every",
            str(every),
            "--out",
            str(out),
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
    )
    found: list[list[float]] = []
    try:
        yield found
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=30)
        found.extend(json.loads(out.read_text()))


NGINX_CONF = ROOT / "deploy" / "nginx.conf"


def start_nginx(
    tmp: Path, upstreams: Sequence[ServerProcess]
) -> tuple[subprocess.Popen[bytes], str]:
    """Run nginx (the foreground master) with deploy/nginx.conf on a free port, its upstream
    block listing ``upstreams`` (one ``server`` line each, as the shipped file's lines are)."""
    binary = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    if binary is None:
        raise RuntimeError("nginx is missing: run `make nginx` (root: apt-get install nginx-light)")
    port = free_port()
    site = NGINX_CONF.read_text()
    shipped = re.findall(r"^ *server 127\.0\.0\.1:800[12] [^\n]*;\n", site, flags=re.MULTILINE)
    assert len(shipped) == 2, "deploy/nginx.conf: expected the two example upstream servers"
    lines = "".join(
        shipped[0].replace("127.0.0.1:8001", u.url.removeprefix("http://")) for u in upstreams
    )
    replaced = site.replace(shipped[0] + shipped[1], lines)
    replaced = replaced.replace("listen 80;", f"listen 127.0.0.1:{port};")
    assert replaced.count(":8001") + replaced.count(":8002") + replaced.count("listen 80;") == 0
    (tmp / "vocmatch.conf").write_text(replaced)
    for d in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp / d).mkdir(exist_ok=True)
    user = "user root;" if os.geteuid() == 0 else ""
    (tmp / "nginx.conf").write_text(
        f"""{user}
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    log_format upstream '$status $request_method $uri $upstream_addr';
    access_log {tmp}/access.log upstream;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/vocmatch.conf;
}}
"""
    )
    proc = subprocess.Popen(
        [binary, "-p", str(tmp), "-c", str(tmp / "nginx.conf")],
        stdout=subprocess.DEVNULL,
        stderr=(tmp / "nginx.stderr").open("wb"),
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while True:
        try:
            if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            proc.terminate()
            logs = (tmp / "nginx.stderr", tmp / "error.log")
            raise RuntimeError(
                "nginx did not start: " + "".join(p.read_text()[-1500:] for p in logs if p.exists())
            )
        time.sleep(0.2)
