#!/usr/bin/env python3
"""Build the vocmatch SAMPLE deployment in data/sample/ from its sources in data/sample/src/.

SAMPLE DATA -- fictional people, real organisations where named; not official statistics.

The hand-written content is data in ``data/sample/src/*.yaml|csv``; this script adds what is
generated (credit codes and ID numbers with the package's own check characters, names, phones,
dates, jitter) from one ``random.Random(20261129)``, and copies every other ``src/*.csv`` as it is.
It validates nothing itself: the files are loaded into a fresh SQLite database by the package's
loaders, each teacher's ``design`` is checked with the package's dual-qualified rules, and the
README's figures are ``vocmatch sample summary`` on that database. ``make sample-data`` writes
data/sample/; ``make sample-check`` (``--check``) fails unless a fresh build is byte-identical.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import filecmp
import io
import logging
import random
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.orm import Session

from vocmatch.catalogue.models import Programme
from vocmatch.enterprises.credit_code import check_character, organisation_check_character
from vocmatch.kit import migrate
from vocmatch.kit.db import make_engine, transaction
from vocmatch.kit.errors import DataFileError
from vocmatch.loading import load_reference, load_sample
from vocmatch.sample_summary import SAMPLE_TODAY, render, sample_summary, standing
from vocmatch.teachers.dual_qualified.evaluation import evaluate
from vocmatch.teachers.dual_qualified.rules import load_rules
from vocmatch.teachers.identity import id_check_character
from vocmatch.teachers.shares.service import evaluate_roster

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SRC = DATA / "sample" / "src"
RULES = DATA / "dual_qualified_rules.yaml"
SEED = 20261129
AS_OF = SAMPLE_TODAY
YEAR = AS_OF.year
EVIDENCE = "https://example.org/vocmatch-sample/evidence/"  # a reserved documentation domain
READ = {"offerings.csv", "indicator_values.csv"}  # src CSVs read here; the others are copied
LEVELS = ("none", "junior", "intermediate", "senior")  # of dual-qualified recognition
STATUS = ((0.76, "open"), (0.85, "filled"), (0.91, "closed"), (1.0, "expired"))  # of postings
COLUMNS = yaml.safe_load((SRC / "columns.yaml").read_text(encoding="utf-8"))  # file → columns
D = dt.date.fromisoformat
Row = list[Any]
Item = dict[str, Any]


def source(name: str) -> Any:
    """Return a file of src/: YAML parsed, CSV as a list of dicts."""
    text = (SRC / name).read_text(encoding="utf-8")
    return (
        list(csv.DictReader(io.StringIO(text))) if name.endswith(".csv") else yaml.safe_load(text)
    )


def write_csv(out: Path, name: str, rows: list[Row]) -> None:
    """Write ``out/name`` with its COLUMNS (dates as ISO)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS[name].split())
    w.writerows([[v.isoformat() if isinstance(v, dt.date) else v for v in row] for row in rows])
    (out / name).write_text(buf.getvalue(), encoding="utf-8", newline="")


class Gen:
    """All randomness of the sample goes through this one seeded generator."""

    ORG_BODY = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # letters I O S V Z never used

    def __init__(self, people: Item) -> None:
        self.r = random.Random(SEED)
        self.p = people
        self.used: set[str] = set()

    def _new(self, value: str) -> bool:
        fresh = value not in self.used
        self.used.add(value)
        return fresh

    def uscc(self, division: str) -> str:
        while True:
            body = "".join(self.r.choice(self.ORG_BODY) for _ in range(8))
            first17 = "91" + division + body + organisation_check_character(body)
            if self._new(code := first17 + check_character(first17)):
                return code

    def id_card(self, division: str, birth_year: int, male: bool) -> str:
        while True:
            born = dt.date(birth_year, 1, 1) + dt.timedelta(days=self.r.randrange(365))
            seq = self.r.randrange(0, 500) * 2 + (1 if male else 0)  # odd = male
            first17 = f"{division}{born:%Y%m%d}{seq:03d}"
            if self._new(idn := first17 + id_check_character(first17)):
                return idn

    def phone(self) -> str:
        while True:
            p = self.r.choice(self.p["mobile_prefixes"]) + f"{self.r.randrange(10**8):08d}"
            if self._new(p):
                return p

    def name(self, male: bool) -> str:
        pool = self.p["given_male"] if male else self.p["given_female"]
        while True:
            s = self.r.choice(self.p["surnames"])
            s = next((c for c in self.p["compound_surnames"] if s in c), s)
            if self.r.random() < 0.18:
                n = s + self.r.choice(pool)
            else:
                n = s + self.r.choice(self.p["given_any"] + pool) + self.r.choice(pool)
            given = n[len(s) :]
            if len(set(given)) == len(given) and self._new(n):
                return n

    def date_between(self, a: dt.date, b: dt.date) -> dt.date:
        return a + dt.timedelta(days=self.r.randrange((b - a).days + 1))


def schools(out: Path, g: Gen) -> tuple[list[Item], int]:
    """Write schools, offerings and enrolment; return the schools and the total intake plan."""
    rows = source("schools.yaml")
    write_csv(out, "schools.csv", [[s[k] for k in COLUMNS["schools.csv"].split()] for s in rows])
    offerings, totals = [], Counter[str]()
    for o in source("offerings.csv"):
        intake, since = int(o["intake_plan"]), int(o["since_year"])
        enrolled = round(intake * min(3, YEAR - since + 1) * 0.9 * g.r.uniform(0.93, 1.05))
        graduates = round(intake * 0.85 * g.r.uniform(0.95, 1.04))
        totals[o["school_code"]] += enrolled
        flags = [o["key_demonstration"], o["characteristic"], o["provincial_quality"]]
        numbers = [YEAR, intake, enrolled, graduates, *flags, since]
        offerings.append([o["school_code"], o["programme_code"], *numbers])
    write_csv(out, "offerings.csv", offerings)
    history = [  # from the plan's 2020 baseline; a school from its first year; this year's is summed
        [s["code"], y, totals[s["code"]] if y == YEAR else s["enrolment"].get(y)]
        for s in rows
        for y in range(2020, YEAR + 1)
    ]
    write_csv(out, "enrolment_history.csv", [h for h in history if h[2]])
    return rows, sum(o[3] for o in offerings)


def enterprises(out: Path, g: Gen) -> dict[str, Item]:
    """Write enterprises.csv (fictional credit codes and contacts); return them by name."""
    ents = {e["name"]: e for e in source("enterprises.yaml")}
    rows = []
    for e in ents.values():
        code = g.uscc(e["division"])
        male = g.r.random() < 0.45
        contact = g.name(male) if e.get("contact", True) else ""
        phone = g.phone() if contact else ""
        note = "；".join(filter(None, [e["notes"], "统一社会信用代码为虚构；联系人为虚构人物"]))
        where = [e["location_kind"], e["city"], e["address"], e["size"], int(e["is_leading"])]
        web = [e["website"], e["source_url"], note]
        names = [e["name"], ";".join(e["short_names"]), code]
        rows.append([*names, *where, ";".join(e["chains"]), "", contact, phone, *web])
    write_csv(out, "enterprises.csv", rows)
    return ents


def postings(out: Path, g: Gen, ents: dict[str, Item]) -> None:
    """Write postings.csv and the answer key postings_labels.csv (the designer's chains)."""
    items = source("postings.yaml")
    order = list(range(len(items)))
    g.r.shuffle(order)
    n, rows, labels = 100, [], []
    for i in order:
        p = items[i]
        n += g.r.randint(3, 41)
        roll = g.r.random()
        status = next(s for limit, s in STATUS if roll < limit)
        if status == "expired":
            start = g.date_between(D("2026-06-01"), D("2026-08-31"))
            end = g.date_between(
                max(start + dt.timedelta(days=30), D("2026-08-15")), D("2026-11-28")
            )
        else:
            start = g.date_between(D("2026-06-01"), D("2026-11-27"))
            end = g.date_between(D("2026-12-01"), D("2027-06-30"))
        text = [p["enterprise"], p["title"], p["description"], ";".join(p["skills"])]
        place = p.get("location") or ents[p["enterprise"]]["posting_location"]
        terms = [p["headcount"], p["education"], p["type"], place, *(p.get("salary") or ["", ""])]
        rows.append([f"HTZ-2026-{n:06d}", *text, *terms, start, end, status])
        labels.append([f"HTZ-2026-{n:06d}", p["chain"]])
    write_csv(out, "postings.csv", rows)
    write_csv(out, "postings_labels.csv", labels)


def qualification(q: Item, subject: str, w: Item) -> Row:
    """Return a teacher's certificate or title entry as a teacher_qualifications.csv row."""
    d = q["date"]
    if "skill" in q:
        state = d < dt.date(2020, 1, 1)  # before 2020: the state's 职业资格证书
        kind = w["certificate_before_2020" if state else "certificate"]
        name = f"{q['skill']}{kind}（{w['skill_levels'][q['level']]}）"
        issuer = w["issuers"]["state" if state else "skill"]
        return ["skill_certificate", name, q["level"], issuer, d, q["skill"]]
    title = q.get("teaching_title") or q["industry_title"]
    rank = next((v for k, v in w["title_ranks"].items() if title.startswith(k)), "intermediate")
    issuer = w["issuers"]["state" if rank in ("senior", "full_senior") else "city"]
    if "teaching_title" in q:
        return ["professional_title", f"中等职业学校{title}", rank, issuer, d, subject]
    issuer = w["issuers"]["accounting"] if "会计" in title else issuer
    return ["industry_title", title, rank, issuer, d, q["field"]]


def teachers(out: Path, g: Gen, schools: list[Item], ents: dict[str, Item]) -> dict[str, Any]:
    """Write the four teacher files; return the teachers and their staff numbers and names."""
    spec = source("teachers.yaml")
    words = spec["qualifications"]  # the names and issuers of certificates and titles
    staff: dict[str, str] = {}
    names: dict[str, str] = {}
    practice: dict[tuple[str, str, dt.date], int] = {}  # (teacher, enterprise, start) → days
    files = ("teachers", "teacher_qualifications", "teacher_experience", "teacher_practice")
    rows: dict[str, list[Row]] = {f"{f}.csv": [] for f in files}
    for s in schools:
        mine = [t for t in spec["teachers"] if t["school"] == s["code"]]
        for i, t in enumerate(sorted(mine, key=lambda t: (t["hired"], t["id"])), 1):
            sno = staff[t["id"]] = f"{s['code']}-T{i:04d}"
            male = t["gender"] == "M"
            names[t["id"]] = name = g.name(male)
            idn = g.id_card(g.r.choice(spec["id_card_divisions"]), t["birth_year"], male)
            year = t["hired"].year - g.r.choice([0, 0, 1, 1, 2]) if t["teacher_certificate"] else 0
            cert = f"{year}36{g.r.randrange(10**11):011d}" if year else ""
            subject = t.get("subject") or spec["subjects"].get(t.get("programme"), "")
            person = [sno, s["code"], name, t["gender"], t["birth_year"], idn]
            post = [t.get("programme", ""), subject, t.get("employment", "full_time")]
            hire = [t.get("source_enterprise", ""), t["hired"], int(t["teacher_certificate"]), cert]
            rows["teachers.csv"].append(person + post + hire + [t.get("post", "")])
            for q in t.get("qualifications", []):
                rows["teacher_qualifications.csv"].append([sno, *qualification(q, subject, words)])
            for e in t.get("experience", []):
                work = [e["employer"], e["role"], e["start"], e.get("end")]
                rows["teacher_experience.csv"].append([sno, *work])
            for p in t.get("practice", []):
                end = p["start"] + dt.timedelta(days=p["days"] - 1)
                bay = int(ents[p["enterprise"]]["location_kind"] == "bay_area")
                practice[t["id"], p["enterprise"], p["start"]] = p["days"]
                days = [p["start"], end, p["days"], bay, p["content"]]
                rows["teacher_practice.csv"].append([sno, p["enterprise"], *days])
    rows["teacher_practice.csv"].sort(key=lambda x: (x[2], x[0]))
    for name, table in rows.items():
        write_csv(out, name, table)
    return {"teachers": spec["teachers"], "staff": staff, "names": names, "practice": practice}


def activities(out: Path, g: Gen, people: dict[str, Any]) -> None:
    """Write activities.csv: teachers by staff number and name, further participants invented."""
    rows = []
    for i, a in enumerate(sorted(source("activities.yaml"), key=lambda a: a["date"]), 1):
        key, teacher = f"ACT-{i:03d}", a.get("teacher", "")
        names = [people["names"][t] for t in [teacher, *a.get("people", [])] if t]
        names += [g.name(g.r.random() < 0.6) for _ in range(a.get("extra_people", 0))]
        done = a["status"] == "done"
        if a["type"] == "teacher_practice" and done:  # the days of the teacher's practice record
            a["days"] = people["practice"][teacher, a["enterprise"], a["date"]]
        evidence = f"{EVIDENCE}{key}.pdf" if done and g.r.random() < 0.72 else ""
        notes = "SAMPLE" + ("；证明材料待上传" if done and not evidence else "")
        what = [a["date"], a["type"], a["school"], ";".join(a["programmes"])]
        how = [";".join(a["partner_keys"]), a["status"], a["title"], ";".join(names)]
        who = [people["staff"].get(teacher, ""), a.get("enterprise", "")]
        more = [a.get(k, "") for k in ("days", "hours", "students", "course")]
        rows.append([key, *what, *how, *who, *more, evidence, notes])
    write_csv(out, "activities.csv", rows)


def build_files(out: Path) -> dict[str, Any]:
    """Write every CSV of the sample into ``out``; return what the checks and the README need."""
    out.mkdir(parents=True, exist_ok=True)
    g = Gen(source("people.yaml"))
    school_rows, intake = schools(out, g)
    ents = enterprises(out, g)
    postings(out, g, ents)
    people = teachers(out, g, school_rows, ents)
    activities(out, g, people)
    partners = [[p[k] for k in COLUMNS["partners.csv"].split()] for p in source("partners.yaml")]
    write_csv(out, "partners.csv", partners)
    indicators = [list(x.values()) for x in source("indicator_values.csv")]
    evidence = "SAMPLE：2026年中职招生计划，等于 offerings.csv intake_plan 合计"
    indicators.append(["secondary_vocational_places", intake, "2026-06-30", evidence])
    write_csv(out, "indicator_values.csv", indicators)
    for f in sorted(SRC.glob("*.csv")):  # a first column `teacher` (teachers.yaml ids) → staff_no
        rows = [] if f.name in READ else source(f.name)
        if rows and next(iter(rows[0])) == "teacher":
            COLUMNS[f.name] = " ".join(["staff_no", *list(rows[0])[1:]])
            ids = [list(r.values()) for r in rows]
            write_csv(out, f.name, [[people["staff"].get(t, t), *rest] for t, *rest in ids])
        elif f.name not in READ:
            shutil.copyfile(f, out / f.name)
    return {"schools": school_rows, **people}


def check_design(session: Session, ctx: dict[str, Any]) -> list[str]:
    """Return where the catalogue or the package's rules disagree with the sources' design."""
    problems = []
    for o in source("offerings.csv"):
        name = getattr(session.get(Programme, o["programme_code"]), "name", "not a programme")
        if name != o["programme_name"]:
            problems.append(f"src/offerings.csv: {o['programme_code']}: catalogue says {name}")
    rules = load_rules(RULES)
    roster = evaluate_roster(session, as_of=AS_OF, rules=rules).items
    by_staff_no = {e.teacher.staff_no: e for e in roster}
    for t in ctx["teachers"]:
        ok, near, _ = standing(by_staff_no[ctx["staff"][t["id"]]], rules)
        design = t["design"]
        wrong_dq = design.startswith("DQ") != ok and not design.startswith("part-time")
        if wrong_dq or (design.startswith("NEAR") and not near):
            problems.append(
                f"src/teachers.yaml: {t['id']} ({ctx['staff'][t['id']]}) is designed {design!r}"
                f" but under {RULES.name} is dual-qualified={ok}, near-qualified={near}"
            )
    for e in roster:  # a recognition only where the records meet its level on its date
        for r in e.recognitions:
            met = evaluate(e.facts, rules, r.recognised_on).level
            if LEVELS.index(met or "none") < LEVELS.index(r.level):
                problems.append(
                    f"{e.teacher.staff_no}: {r.level} on {r.recognised_on}, meets {met}"
                )
    return problems


def build(out: Path, workdir: Path) -> list[str]:
    """Write the sample into ``out`` and load it into ``workdir/sample.db``; return the problems.

    The README is ``src/README.md`` followed by ``vocmatch sample summary`` of that database.
    """
    ctx = build_files(out)
    engine = make_engine(f"sqlite:///{workdir / 'sample.db'}")
    try:
        migrate.upgrade(engine)
        load_reference(engine, DATA)
        (workdir / "data").mkdir()
        (workdir / "data" / "sample").symlink_to(out.resolve(), target_is_directory=True)
        load_sample(engine, workdir / "data")
        with transaction(engine) as session:
            problems = check_design(session, ctx)
            figures = render(sample_summary(session, as_of=AS_OF, rules=load_rules(RULES)))
    finally:
        engine.dispose()
    text = (SRC / "README.md").read_text(encoding="utf-8") + figures
    (out / "README.md").write_text(text, encoding="utf-8", newline="")
    return problems


def compare(built: Path, committed: Path) -> list[str]:
    """Return how ``committed`` differs from a fresh build (missing, extra or changed files)."""
    d = filecmp.dircmp(built, committed, ignore=[SRC.name])
    _, changed, _ = filecmp.cmpfiles(built, committed, d.common_files, shallow=False)
    return (
        [f"{committed / n}: not written by the generator (move it to {SRC}/)" for n in d.right_only]
        + [f"{committed / n}: missing" for n in d.left_only]
        + [f"{committed / n}: differs from a fresh build" for n in changed]
    )


def main(argv: list[str] | None = None) -> int:
    """Build (or check) the sample; return the exit status."""
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--out", type=Path, default=DATA / "sample", help="default: data/sample")
    ap.add_argument("--check", action="store_true", help="rebuild elsewhere, compare with --out")
    args = ap.parse_args(argv)
    logging.disable(logging.INFO)  # the loaders' progress; problems are printed below
    try:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "sample" if args.check else args.out
            problems = build(out, Path(tmp))
            problems += compare(out, args.out) if args.check else []
    except DataFileError as exc:
        problems = [exc.message]
    if problems:
        print(
            *problems, "fix data/sample/src/ and run `make sample-data`", sep="\n", file=sys.stderr
        )
        return 1
    print(f"{args.out}: {'up to date' if args.check else 'written'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
