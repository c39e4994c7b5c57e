"""How long the dual-qualified figures take as the roster grows (nothing derived is stored).

Builds a throw-away SQLite database with the reference catalogue and N synthetic teachers
(certificates, titles, work and practice dated over ten years), then times the calls the
dashboard and the planner indicator make. Prints a table; writes bench/results/teachers.json.

    .venv/bin/python bench/bench_teachers.py [--sizes 100 1000 3000]
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from vocmatch.kit import migrate
from vocmatch.kit.config import ROOT
from vocmatch.kit.db import make_engine, transaction
from vocmatch.kit.principal import SYSTEM
from vocmatch.loading import load_reference
from vocmatch.schools.models import School
from vocmatch.teachers.models import (
    Teacher,
    TeacherExperience,
    TeacherPractice,
    TeacherQualification,
)
from vocmatch.teachers.roster import service as roster
from vocmatch.teachers.shares import service

AS_OF = date(2026, 11, 29)
PROGRAMMES = ["660103", "660301", "660303", "630501", "660702", "670207", "730301", "710201"]
FIELDS = {"660103": "数控车工", "660301": "电工", "660303": "工业机器人系统运维员", "630501": "稀土冶炼工",
          "660702": "汽车维修工", "670207": "化学检验员", "730301": "会计", "710201": "计算机程序设计员"}  # fmt: skip


def build(engine: object, n: int, rng: random.Random) -> None:
    with transaction(engine) as s:  # type: ignore[arg-type]
        schools = [
            School(code=f"B{i}", name=f"基准学校{i}", kind="public")
            for i in range(max(1, n // 200))
        ]
        s.add_all(schools)
        s.flush()
        for i in range(n):
            prog = rng.choice(PROGRAMMES)
            t = Teacher(
                school_id=rng.choice(schools).id, staff_no=f"B-{i:06d}", name=f"教师{i}",
                programme_code=prog if rng.random() > 0.2 else None,
                employment="full_time" if rng.random() > 0.1 else "part_time",
                hired_on=date(2010, 9, 1) + timedelta(days=rng.randrange(5000)),
                has_teacher_certificate=rng.random() > 0.1,
            )  # fmt: skip
            s.add(t)
            s.flush()
            if rng.random() < 0.35:
                s.add(TeacherQualification(teacher_id=t.id, kind="skill_certificate", name="证书",
                                           level=str(rng.randint(2, 5)), field=FIELDS[prog],
                                           issued_on=date(2014, 1, 1) + timedelta(days=rng.randrange(4700))))  # fmt: skip
            if rng.random() < 0.5:
                s.add(TeacherQualification(teacher_id=t.id, kind="professional_title", name="讲师",
                                           level="intermediate", issued_on=date(2015, 12, 1)))  # fmt: skip
            if rng.random() < 0.2:
                start = date(2000, 1, 1) + timedelta(days=rng.randrange(4000))
                s.add(TeacherExperience(teacher_id=t.id, employer="企业", start_date=start,
                                        end_date=start + timedelta(days=rng.randrange(300, 3000))))  # fmt: skip
            for _ in range(rng.randrange(0, 4)):
                start = date(2019, 1, 1) + timedelta(days=rng.randrange(2800))
                days = rng.randrange(10, 120)
                s.add(TeacherPractice(teacher_id=t.id, enterprise_name="企业", start_date=start,
                                      end_date=start + timedelta(days=days - 1), days=days))  # fmt: skip


def timed(fn: object) -> float:
    t0 = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 3000])
    args = parser.parse_args()
    rows = []
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
            migrate.upgrade(engine)
            load_reference(engine, ROOT / "data")
            build(engine, n, random.Random(20261129))
            with transaction(engine, write=False) as s:
                row = {
                    "teachers": n,
                    "district_share_s": timed(lambda s=s: service.district_share(s, as_of=AS_OF)),
                    "history_24_months_s": timed(
                        lambda s=s: service.share_history(s, months=24, as_of=AS_OF)
                    ),
                    "projection_s": timed(lambda s=s: service.projection(s, as_of=AS_OF)),
                    "shares_by_chain_s": timed(
                        lambda s=s: service.shares(s, as_of=AS_OF, by="chain")
                    ),
                    "action_plan_s": timed(
                        lambda s=s: roster.action_plan(s, principal=SYSTEM, as_of=AS_OF)
                    ),
                }
                s.rollback()  # the action plan's audit entry
            engine.dispose()
        rows.append(row)
    keys = list(rows[0])
    print(" ".join(f"{k:>20}" for k in keys))
    for row in rows:
        print(
            " ".join(
                f"{row[k]:>20.3f}" if isinstance(row[k], float) else f"{row[k]:>20}" for k in keys
            )
        )
    out = ROOT / "bench" / "results" / "teachers.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"as_of": str(AS_OF), "results": rows}, indent=2), encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
