"""Benchmark the partnership views at district scale: 40 schools, 400 offerings, 5,000 activities.

Prints a table and writes bench/results/partnerships.json. Run: .venv/bin/python bench/bench_partnerships.py
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("VOCMATCH_ENVIRONMENT", "test")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, select  # noqa: E402

from vocmatch.catalogue.models import Programme  # noqa: E402
from vocmatch.kit import migrate  # noqa: E402
from vocmatch.kit.db import make_engine, transaction  # noqa: E402
from vocmatch.kit.principal import SYSTEM  # noqa: E402
from vocmatch.loading import load_reference  # noqa: E402
from vocmatch.partnerships import page_context, report  # noqa: E402
from vocmatch.partnerships.activities import service  # noqa: E402
from vocmatch.partnerships.coverage import service as coverage  # noqa: E402
from vocmatch.partnerships.models import Activity, Agreement, Partner, activity_partner  # noqa: E402
from vocmatch.partnerships.vocab import ACTIVITY_TYPES, AGREEMENT_TYPES  # noqa: E402
from vocmatch.schools.models import Offering, School  # noqa: E402

AS_OF = date(2026, 11, 29)


def build(engine: Any, rng: random.Random) -> dict[str, int]:
    """Write 40 schools × 10 offerings, 60 partners, 200 agreements and 5,000 activities."""
    with transaction(engine) as s:
        codes = list(s.scalars(select(Programme.code).order_by(Programme.code)))
        s.execute(
            insert(School),
            [{"code": f"B{i:03d}", "name": f"基准学校{i}", "kind": "public"} for i in range(40)],
        )
        schools = list(s.scalars(select(School.id)))
        offerings = []
        for sid in schools:
            for code in rng.sample(codes, 10):
                flags = rng.random() < 0.3
                offerings.append(
                    {
                        "school_id": sid,
                        "programme_code": code,
                        "year": 2026,
                        "key_demonstration": flags,
                    }
                )
        s.execute(insert(Offering), offerings)
        s.execute(
            insert(Partner),
            [
                {
                    "key": f"BP{i}",
                    "name": f"基准合作方{i}",
                    "kind": "college",
                    "region": "bay_area" if i % 2 else "ganzhou",
                }
                for i in range(60)
            ],
        )
        partners = list(s.scalars(select(Partner.id)))
        by_school: dict[int, list[str]] = {}
        for o in offerings:
            by_school.setdefault(o["school_id"], []).append(o["programme_code"])
        s.execute(
            insert(Agreement),
            [
                {
                    "key": f"BAG{i}",
                    "partner_id": rng.choice(partners),
                    "school_id": (sid := rng.choice(schools)),
                    "type": rng.choice(AGREEMENT_TYPES),
                    "title": "基准协议",
                    "signed_on": date(2022, 1, 1) + timedelta(days=rng.randrange(1500)),
                    "programmes": rng.sample(by_school[sid], 2),
                }
                for i in range(200)
            ],
        )
        acts = []
        for i in range(5000):
            sid = rng.choice(schools)
            acts.append(
                {
                    "key": f"BACT{i}",
                    "date": date(2022, 1, 1) + timedelta(days=rng.randrange(1800)),
                    "type": rng.choice(ACTIVITY_TYPES),
                    "school_id": sid,
                    "programmes": rng.sample(by_school[sid], 1),
                    "status": rng.choice(["done", "done", "planned"]),
                    "title": "基准活动",
                }
            )
        s.execute(insert(Activity), acts)
        ids = list(s.scalars(select(Activity.id)))
        s.execute(
            insert(activity_partner),
            [{"activity_id": a, "partner_id": rng.choice(partners)} for a in ids],
        )
    return {"schools": 40, "offerings": len(offerings), "activities": 5000, "agreements": 200}


def timed(label: str, fn: Any, repeat: int = 5) -> dict[str, Any]:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return {"what": label, "best_ms": round(best * 1000, 1)}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/bench.db")
        migrate.upgrade(engine)
        load_reference(engine, ROOT / "data")
        sizes = build(engine, random.Random(7))
        rows = []
        with transaction(engine, write=False) as s:
            rows.append(timed("indicators (district)", lambda: service.indicators(s, as_of=AS_OF)))
            rows.append(
                timed(
                    "five-commons matrix (all)",
                    lambda: coverage.five_commons_matrix(s, as_of=AS_OF),
                )
            )
            rows.append(
                timed("featured gaps (all)", lambda: coverage.featured_gaps(s, as_of=AS_OF))
            )
            rows.append(
                timed("partner timelines", lambda: coverage.partner_timelines(s, principal=SYSTEM))
            )
            rows.append(
                timed(
                    "overview page context (admin)",
                    lambda: page_context.overview(
                        s, principal=SYSTEM, as_of=AS_OF, school_id=None, year=2026, lang="zh"
                    ),
                )
            )
        with transaction(engine) as s:
            rows.append(
                timed(
                    "year report XLSX",
                    lambda: report.export_report(s, principal=SYSTEM, year=2025, as_of=AS_OF),
                    repeat=2,
                )
            )
        engine.dispose()
    print(f"partnerships at {sizes}")
    print(f"{'view':32} {'best ms':>9}")
    for r in rows:
        print(f"{r['what']:32} {r['best_ms']:>9}")
    out = ROOT / "bench" / "results" / "partnerships.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"sizes": sizes, "results": rows}, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
