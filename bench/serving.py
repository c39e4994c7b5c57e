"""Shared by ``bench_overload.py`` and ``bench_soak.py``: a database with the real reference data
and the sample deployment, a platform key, the operator's mix of issue 11, CPU and load figures.

Not a benchmark itself (``make bench`` runs ``bench/bench_*.py`` only).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("VOCMATCH_ENVIRONMENT", "development")

from tests.ops.loadgen import Call, json_call  # noqa: E402
from vocmatch.accounts import service as accounts  # noqa: E402
from vocmatch.demand.models import Posting  # noqa: E402
from vocmatch.kit import migrate  # noqa: E402
from vocmatch.kit.db import make_engine, transaction  # noqa: E402
from vocmatch.loading import load_reference, load_sample  # noqa: E402

DATA = ROOT / "data"
RESULTS = ROOT / "bench" / "results"


def databases(only: str | None) -> list[tuple[str, str]]:
    """Return [(name, url)]: a fresh SQLite file, and PostgreSQL when VOCMATCH_BENCH_POSTGRES_URL
    is set (its public schema is dropped and rebuilt)."""
    out = [("sqlite", f"sqlite:///{tempfile.mkdtemp(prefix='vocmatch-bench-')}/bench.db")]
    pg = os.environ.get("VOCMATCH_BENCH_POSTGRES_URL")
    if pg:
        out.append(("postgresql", pg))
    return [(n, u) for n, u in out if only in (None, n)]


def prepare(url: str) -> tuple[dict[str, str], list[int]]:
    """Migrate, load the real reference data and the sample deployment (matched); return the
    headers of a platform client allowed any rate and the ids of a few postings."""
    engine = make_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    migrate.upgrade(engine)
    load_reference(engine, DATA)
    load_sample(engine, DATA, match_postings=True)
    with transaction(engine) as s:
        accounts.create_user(s, username="bench-ops", role="platform", password=None)
        secret = accounts.create_key(
            s, username="bench-ops", name="bench", rate_limit_per_minute=100_000_000
        ).secret
        postings = list(s.scalars(select(Posting.id).order_by(Posting.id).limit(2)))
    engine.dispose()
    return {"Authorization": f"Bearer {secret}"}, postings


def mix(headers: dict[str, str], postings: list[int], *, writes: bool = True) -> list[Call]:
    """The operator's mix (issue 11): postings, match and analytics at today's ``as_of``.

    Weights: list postings 3, match 2, analytics 2, and (``writes``) edit a posting 1 — two edits
    that alternate a headcount, so the database does not grow during a long run.
    """
    h = tuple(headers.items())
    today = date.today().isoformat()
    calls = [
        Call("postings", "GET", "/api/v1/postings?limit=20", headers=h, weight=3),
        json_call(
            "match",
            "POST",
            "/api/v1/match",
            {"text": "数控车床操作工，熟悉 FANUC 系统，能看懂机械图纸，三班倒"},
            headers,
            weight=2,
        ),
        Call("analytics", "GET", f"/api/v1/analytics/fit?as_of={today}", headers=h, weight=2),
    ]
    if writes:
        for headcount in (3, 4):
            path = f"/api/v1/postings/{postings[0]}"
            calls.append(json_call("edit", "PATCH", path, {"headcount": headcount}, headers, 0.5))
    return calls


def save(filename: str, results: list[dict[str, Any]]) -> Path:
    """Write ``results`` to bench/results/``filename``, keeping the entries of databases this run
    did not measure (so ``--only sqlite`` then ``--only postgresql`` leaves both)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / filename
    measured = {r["database"] for r in results}
    try:
        kept = [r for r in json.loads(path.read_text()) if r.get("database") not in measured]
    except (FileNotFoundError, ValueError, AttributeError, TypeError):
        kept = []
    order = {"sqlite": 0, "postgresql": 1}
    merged = sorted(kept + results, key=lambda r: order.get(r.get("database", ""), 2))
    path.write_text(json.dumps(merged, ensure_ascii=False, indent=1) + "\n")
    return path


def load_average() -> str:
    """Return the 1/5/15-minute load averages as text."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def cpu_seconds(pid: int) -> float:
    """Return the user + system CPU seconds of process ``pid`` so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_env() -> dict[str, Any]:
    """Settings every bench server runs with (quiet logs; everything else is the default)."""
    return {"VOCMATCH_LOG_LEVEL": "WARNING", "VOCMATCH_ENVIRONMENT": "development"}
