#!/usr/bin/env python3
"""Validate data/industries.yaml (the four-chain domain model) and print a summary.

Usage:
    python scripts/check_industries.py [--yaml PATH] [--shared-data DIR] [--strict] [--quiet]

Checks (any failure -> exit 1, each message names chain / segment / field):
  * exact key sets at every level (top level, `none`, chain, segment, skill);
  * the four chain keys in the fixed order, and their Chinese names as in plan item 三(五)15;
  * >= 6 segments per chain, unique snake_case segment keys, stage in
    upstream|midstream|downstream|service and ordered upstream -> service;
  * every occupation code is a level-4 code of the 2022 classification
    (shared/data/csco22_occupations_2022.csv), 3-10 per segment;
  * every programme code is a 中职 code of the MoE catalogue
    (shared/data/moe_vocational_catalogue_all_levels.csv), 2-8 per segment;
  * >= 30 distinct Chinese skill terms per chain, no skill term repeated inside a chain,
    no bare generic term (操作, 管理, 设备 ...) as a term or synonym;
  * every enterprise name is an exact `enterprise_name` of
    shared/data/ganzhou_enterprises_from_public_pages.csv or is in ADDED_ENTERPRISES below;
  * `none.examples_zh` has >= 15 distinct titles.

Warnings (reported, exit 0 unless --strict): segments with < 8 skills, synonyms shared between
chains, very short Latin acronyms, synonyms with parenthesised qualifiers, spaces between Chinese
characters in *_zh text, segments without enterprises, enterprises used outside the chain the
shared list gives them.

The shared data directory defaults to <repo>/../shared/data (the repo is the parent of this
script's directory); override with --shared-data or VOCMATCH_SHARED_DATA.

Dependencies: Python 3.11+ standard library and PyYAML.
"""

from __future__ import annotations

import argparse
import csv
import datetime as _dt
import os
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.exit("PyYAML is required: pip install pyyaml")

REPO = Path(__file__).resolve().parents[1]
DEFAULT_YAML = REPO / "data" / "industries.yaml"
DEFAULT_SHARED = REPO.parent / "shared" / "data"

CHAIN_KEYS = ["rare_earth", "tungsten", "new_energy", "intelligent_equipment"]
# Names as written in plan item 三(五)15 (full-width parentheses normalised before comparing).
CHAIN_NAMES_ZH = {
    "rare_earth": "稀土新材料",
    "tungsten": "钨精深加工及应用",
    "new_energy": "钴(镍、锰、锂)等新能源材料",
    "intelligent_equipment": "高端智能装备制造",
}
# chain column of ganzhou_enterprises_from_public_pages.csv -> chain key
CSV_CHAIN = {
    "稀土新材料": "rare_earth",
    "钨精深加工及应用": "tungsten",
    "钴镍锰锂新能源材料": "new_energy",
    "高端智能装备制造": "intelligent_equipment",
}
STAGES = ["upstream", "midstream", "downstream", "service"]

TOP_KEYS = {"version", "updated", "none", "chains"}
NONE_KEYS = {"key", "name_zh", "name_en", "description_zh", "description_en", "examples_zh"}
CHAIN_FIELDS = {
    "key",
    "name_zh",
    "name_en",
    "plan_ref",
    "description_zh",
    "description_en",
    "segments",
}
SEGMENT_FIELDS = {
    "key",
    "name_zh",
    "name_en",
    "stage",
    "description_zh",
    "description_en",
    "products",
    "occupations",
    "programmes",
    "skills",
    "enterprises",
}
SKILL_FIELDS = {"zh", "en", "synonyms"}

MIN_SEGMENTS = 6
MIN_SKILLS_PER_CHAIN = 30
IDEAL_SKILLS_PER_SEGMENT = 8
OCC_RANGE = (3, 10)
PROG_RANGE = (2, 8)
MIN_NONE_EXAMPLES = 15

# Terms so generic they would match every posting; never allowed alone as a term or synonym.
GENERIC_TERMS = {
    "操作",
    "管理",
    "设备",
    "维修",
    "维护",
    "检测",
    "检验",
    "生产",
    "加工",
    "技术",
    "质量",
    "安全",
    "烧结",
    "萃取",
    "电解",
    "焊接",
    "编程",
    "装配",
    "调试",
    "测试",
    "分析",
    "设计",
    "工艺",
    "operation",
    "management",
    "equipment",
    "maintenance",
    "testing",
    "production",
    "quality",
}

# Real enterprises not in the shared public-pages list, added deliberately (Ganzhou or Greater
# Bay Area, well known). Keep this list short; every entry must be marked "# 补充" in the YAML.
ADDED_ENTERPRISES = {
    "崇义章源钨业股份有限公司": "Ganzhou (崇义县) tungsten miner/processor, SZSE 002378",
    "深圳市金洲精工科技股份有限公司": "Shenzhen (GBA), PCB micro drills and carbide tools",
    "格林美股份有限公司": "Shenzhen (GBA), precursors and battery recycling",
    "广东邦普循环科技有限公司": "Foshan (GBA), battery recycling, CATL subsidiary",
    "比亚迪股份有限公司": "Shenzhen (GBA), batteries, PACK, EVs",
    "欣旺达电子股份有限公司": "Shenzhen (GBA), lithium cells and PACK",
    "深圳市汇川技术股份有限公司": "Shenzhen (GBA), PLC, servo, VFD, robots",
    "广州数控设备有限公司": "Guangzhou (GBA), CNC systems and industrial robots",
    "大族激光科技产业集团股份有限公司": "Shenzhen (GBA), laser equipment",
}

SNAKE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
OCC_CODE = re.compile(r"^\d-\d{2}-\d{2}-\d{2}$")
PROG_CODE = re.compile(r"^\d{6}$")
LATIN_ONLY = re.compile(r"^[A-Za-z0-9.+\-/]+$")


# --------------------------------------------------------------------------- YAML loading
class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that rejects duplicate mapping keys (PyYAML silently keeps the last one)."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"duplicate key {key!r} (first at line {seen[key] + 1})",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


# --------------------------------------------------------------------------- reference data
def load_occupations(shared: Path) -> dict[str, str]:
    path = shared / "csco22_occupations_2022.csv"
    with path.open(encoding="utf-8") as f:
        return {r["code"]: r["name"] for r in csv.DictReader(f) if r["level"].strip() == "4"}


def load_programmes(shared: Path) -> dict[str, str]:
    path = shared / "moe_vocational_catalogue_all_levels.csv"
    with path.open(encoding="utf-8") as f:
        return {r["code"]: r["name"] for r in csv.DictReader(f) if r["level"].strip() == "中职"}


def load_enterprises(shared: Path) -> dict[str, str]:
    path = shared / "ganzhou_enterprises_from_public_pages.csv"
    with path.open(encoding="utf-8") as f:
        return {
            r["enterprise_name"]: CSV_CHAIN.get(r["chain"], r["chain"]) for r in csv.DictReader(f)
        }


# --------------------------------------------------------------------------- helpers
def norm_paren(s: str) -> str:
    return s.replace("（", "(").replace("）", ")").strip()


def norm_term(s: str) -> str:
    return re.sub(r"\s+", "", s).lower()


class Report:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def err(self, where: str, msg: str) -> None:
        self.errors.append(f"{where}: {msg}")

    def warn(self, where: str, msg: str) -> None:
        self.warnings.append(f"{where}: {msg}")


def check_keys(rep: Report, where: str, obj, expected: set[str]) -> bool:
    if not isinstance(obj, dict):
        rep.err(where, f"expected a mapping, got {type(obj).__name__}")
        return False
    missing = expected - obj.keys()
    extra = obj.keys() - expected
    if missing:
        rep.err(where, f"missing key(s): {', '.join(sorted(missing))}")
    if extra:
        rep.err(where, f"unexpected key(s): {', '.join(sorted(map(str, extra)))}")
    return not missing


CJK_SPACE = re.compile(
    r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef] +[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
)


def check_text(rep: Report, where: str, value) -> None:
    if not isinstance(value, str) or not value.strip():
        rep.err(where, "must be a non-empty string")
    elif where.endswith("_zh") and (m := CJK_SPACE.search(value)):
        # typical symptom of a folded (>-) YAML scalar wrapping Chinese text
        rep.warn(
            where,
            f"space between Chinese characters near '{m.group(0)}' "
            "(use a double-quoted scalar with trailing backslash for wrapped Chinese)",
        )


def check_str_list(
    rep: Report, where: str, value, min_len: int = 0, max_len: int | None = None
) -> list[str]:
    if not isinstance(value, list):
        rep.err(where, f"must be a list, got {type(value).__name__}")
        return []
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            rep.err(
                where, f"item {i} must be a non-empty string (got {item!r}); quote codes in YAML"
            )
        else:
            out.append(item)
    dups = [k for k, n in Counter(out).items() if n > 1]
    if dups:
        rep.err(where, f"duplicate item(s): {', '.join(dups)}")
    if len(value) < min_len or (max_len is not None and len(value) > max_len):
        rng = f"{min_len}-{max_len}" if max_len is not None else f">= {min_len}"
        rep.err(where, f"has {len(value)} item(s), expected {rng}")
    return out


# --------------------------------------------------------------------------- validation
@dataclass
class ChainStats:
    segments: int = 0
    skills: int = 0  # distinct zh skill terms
    synonyms: int = 0
    occupations: set[str] = field(default_factory=set)
    programmes: set[str] = field(default_factory=set)
    enterprises: set[str] = field(default_factory=set)
    ent_shared: set[str] = field(default_factory=set)
    ent_added: set[str] = field(default_factory=set)
    stages: Counter[str] = field(default_factory=Counter)


@dataclass
class Stats:
    chains: dict[str, ChainStats] = field(default_factory=dict)
    none_examples: int | None = None


def validate(
    doc: Any, occ: dict[str, str], prog: dict[str, str], ent: dict[str, str], rep: Report
) -> Stats:
    stats = Stats()
    if not check_keys(rep, "top level", doc, TOP_KEYS) and not isinstance(doc, dict):
        return stats

    if doc.get("version") != 1 or isinstance(doc.get("version"), bool):
        rep.err("version", f"must be the integer 1, got {doc.get('version')!r}")
    upd = doc.get("updated")
    date_ok = isinstance(upd, _dt.date) or (
        isinstance(upd, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", upd) is not None
    )
    if not date_ok:
        rep.err("updated", f"must be a YYYY-MM-DD date, got {upd!r}")

    # ---- none
    none = doc.get("none")
    if check_keys(rep, "none", none, NONE_KEYS):
        if none.get("key") != "none":
            rep.err("none.key", f"must be 'none', got {none.get('key')!r}")
        for f in ("name_zh", "name_en", "description_zh", "description_en"):
            check_text(rep, f"none.{f}", none.get(f))
        ex = check_str_list(rep, "none.examples_zh", none.get("examples_zh"), MIN_NONE_EXAMPLES)
        stats.none_examples = len(set(ex))

    # ---- chains
    chains = doc.get("chains")
    if not isinstance(chains, list):
        rep.err("chains", "must be a list")
        return stats
    keys = [c.get("key") if isinstance(c, dict) else None for c in chains]
    if keys != CHAIN_KEYS:
        rep.err("chains", f"keys must be exactly {CHAIN_KEYS} in this order, got {keys}")

    synonym_chains: dict[str, set[str]] = defaultdict(set)  # normalised synonym -> chains
    term_chains: dict[str, set[str]] = defaultdict(set)  # normalised zh term -> chains

    for ci, chain in enumerate(chains):
        ck = str(chain.get("key")) if isinstance(chain, dict) else f"#{ci}"
        cw = f"chains[{ck}]"
        if not check_keys(rep, cw, chain, CHAIN_FIELDS) and not isinstance(chain, dict):
            continue
        for f in ("name_zh", "name_en", "plan_ref", "description_zh", "description_en"):
            check_text(rep, f"{cw}.{f}", chain.get(f))
        exp_name = CHAIN_NAMES_ZH.get(ck)
        if (
            exp_name
            and isinstance(chain.get("name_zh"), str)
            and norm_paren(chain["name_zh"]) != exp_name
        ):
            rep.err(
                f"{cw}.name_zh", f"must be {exp_name!r} (plan 三(五)15), got {chain['name_zh']!r}"
            )

        segs = chain.get("segments")
        if not isinstance(segs, list):
            rep.err(f"{cw}.segments", "must be a list")
            continue
        if len(segs) < MIN_SEGMENTS:
            rep.err(f"{cw}.segments", f"has {len(segs)} segment(s), need >= {MIN_SEGMENTS}")

        seg_keys: list[str] = []
        chain_terms: dict[str, str] = {}  # normalised zh term -> segment key
        st = ChainStats(segments=len(segs))
        last_stage_idx = -1

        for si, seg in enumerate(segs):
            sk = str(seg.get("key")) if isinstance(seg, dict) else f"#{si}"
            sw = f"{cw}.segments[{sk}]"
            if not check_keys(rep, sw, seg, SEGMENT_FIELDS) and not isinstance(seg, dict):
                continue
            if not SNAKE.match(sk):
                rep.err(f"{sw}.key", f"must be snake_case, got {sk!r}")
            seg_keys.append(sk)
            for f in ("name_zh", "name_en", "description_zh", "description_en"):
                check_text(rep, f"{sw}.{f}", seg.get(f))

            stage = seg.get("stage")
            if stage not in STAGES:
                rep.err(f"{sw}.stage", f"must be one of {'|'.join(STAGES)}, got {stage!r}")
            else:
                idx = STAGES.index(stage)
                if idx < last_stage_idx:
                    rep.err(
                        f"{sw}.stage",
                        f"'{stage}' after '{STAGES[last_stage_idx]}': "
                        "segments must be ordered upstream -> midstream -> downstream -> service",
                    )
                last_stage_idx = max(last_stage_idx, idx)
                st.stages[stage] += 1

            check_str_list(rep, f"{sw}.products", seg.get("products"), 1)

            for code in check_str_list(
                rep, f"{sw}.occupations", seg.get("occupations"), *OCC_RANGE
            ):
                if not OCC_CODE.match(code):
                    rep.err(f"{sw}.occupations", f"{code!r} is not a code like 6-17-07-04")
                elif code not in occ:
                    rep.err(
                        f"{sw}.occupations",
                        f"{code} is not a level-4 occupation in csco22_occupations_2022.csv",
                    )
                else:
                    st.occupations.add(code)

            for code in check_str_list(rep, f"{sw}.programmes", seg.get("programmes"), *PROG_RANGE):
                if not PROG_CODE.match(code):
                    rep.err(f"{sw}.programmes", f"{code!r} is not a 6-digit programme code")
                elif code not in prog:
                    rep.err(
                        f"{sw}.programmes",
                        f"{code} is not a 中职 programme in moe_vocational_catalogue_all_levels.csv",
                    )
                else:
                    st.programmes.add(code)

            ents = check_str_list(rep, f"{sw}.enterprises", seg.get("enterprises"), 0)
            if not ents:
                rep.warn(f"{sw}.enterprises", "no enterprise listed")
            for name in ents:
                if name in ent:
                    st.enterprises.add(name)
                    st.ent_shared.add(name)
                    if ent[name] != ck:
                        rep.warn(
                            f"{sw}.enterprises",
                            f"{name} is listed under chain '{ent[name]}' in the shared enterprise list",
                        )
                elif name in ADDED_ENTERPRISES:
                    st.enterprises.add(name)
                    st.ent_added.add(name)
                else:
                    rep.err(
                        f"{sw}.enterprises",
                        f"{name!r} is neither an exact enterprise_name in ganzhou_enterprises_from_public_pages.csv "
                        "nor in ADDED_ENTERPRISES",
                    )

            skills = seg.get("skills")
            if not isinstance(skills, list) or not skills:
                rep.err(f"{sw}.skills", "must be a non-empty list")
                continue
            if len(skills) < IDEAL_SKILLS_PER_SEGMENT:
                rep.warn(
                    f"{sw}.skills",
                    f"only {len(skills)} skill(s); aim for {IDEAL_SKILLS_PER_SEGMENT}+",
                )
            for ki, sk_item in enumerate(skills):
                kw = f"{sw}.skills[{ki}]"
                if not check_keys(rep, kw, sk_item, SKILL_FIELDS) and not isinstance(sk_item, dict):
                    continue
                zh, en = sk_item.get("zh"), sk_item.get("en")
                check_text(rep, f"{kw}.zh", zh)
                check_text(rep, f"{kw}.en", en)
                if isinstance(zh, str) and zh.strip():
                    kw = f"{sw}.skills[{zh}]"
                    nz = norm_term(zh)
                    if nz in GENERIC_TERMS:
                        rep.err(f"{kw}.zh", f"'{zh}' is too generic to be a skill term")
                    if nz in chain_terms:
                        rep.err(
                            f"{kw}.zh",
                            f"skill term repeated in this chain (also in segment {chain_terms[nz]})",
                        )
                    else:
                        chain_terms[nz] = sk
                    term_chains[nz].add(ck)
                syns = check_str_list(rep, f"{kw}.synonyms", sk_item.get("synonyms"), 1)
                st.synonyms += len(syns)
                for s in syns:
                    ns = norm_term(s)
                    if ns in GENERIC_TERMS:
                        rep.err(f"{kw}.synonyms", f"'{s}' is too generic to be a synonym")
                    if LATIN_ONLY.match(s) and len(s) <= 2:
                        rep.warn(
                            f"{kw}.synonyms",
                            f"'{s}' is a very short Latin token; likely to mis-match",
                        )
                    if re.search(r"[(（][^)）]*[\u4e00-\u9fff][^)）]*[)）]", s):
                        rep.warn(
                            f"{kw}.synonyms",
                            f"'{s}' carries a parenthesised qualifier; job ads will not contain it",
                        )
                    synonym_chains[ns].add(ck)
        dup_seg = [k for k, n in Counter(seg_keys).items() if n > 1]
        if dup_seg:
            rep.err(f"{cw}.segments", f"duplicate segment key(s): {', '.join(map(str, dup_seg))}")
        st.skills = len(chain_terms)
        if len(chain_terms) < MIN_SKILLS_PER_CHAIN:
            rep.err(
                f"{cw}.skills",
                f"{len(chain_terms)} distinct zh skill terms, need >= {MIN_SKILLS_PER_CHAIN}",
            )
        stats.chains[ck] = st

    for term, cs in sorted(term_chains.items()):
        if len(cs) > 1:
            rep.warn(
                "skills", f"zh term '{term}' appears in several chains: {', '.join(sorted(cs))}"
            )
    for syn, cs in sorted(synonym_chains.items()):
        if len(cs) > 1:
            rep.warn("synonyms", f"'{syn}' appears in several chains: {', '.join(sorted(cs))}")
    return stats


def print_summary(stats: Stats) -> None:
    cols = ["chain", "segments", "skills", "synonyms", "occupations", "programmes", "enterprises"]
    rows = []
    for ck in CHAIN_KEYS:
        st = stats.chains.get(ck)
        if st is None:
            continue
        ent = f"{len(st.enterprises)} ({len(st.ent_shared)} listed + {len(st.ent_added)} added)"
        row = [
            ck,
            st.segments,
            st.skills,
            st.synonyms,
            len(st.occupations),
            len(st.programmes),
            ent,
        ]
        rows.append([str(x) for x in row])
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(cols)]
    print("  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)))
    print(
        "(skills = distinct zh skill terms; occupations/programmes/enterprises = distinct per chain)"
    )
    for ck in CHAIN_KEYS:
        st = stats.chains.get(ck)
        if st is not None:
            stages = ", ".join(f"{s} {st.stages[s]}" for s in STAGES if st.stages[s])
            print(f"  {ck}: {stages}")
    if stats.none_examples is not None:
        print(f"none: {stats.none_examples} example titles")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--yaml", type=Path, default=DEFAULT_YAML, help="path to industries.yaml")
    ap.add_argument(
        "--shared-data",
        type=Path,
        default=Path(os.environ.get("VOCMATCH_SHARED_DATA", DEFAULT_SHARED)),
        help="directory with the shared reference CSVs",
    )
    ap.add_argument("--strict", action="store_true", help="treat warnings as errors")
    ap.add_argument("--quiet", action="store_true", help="do not list warnings")
    args = ap.parse_args(argv)

    try:
        occ = load_occupations(args.shared_data)
        prog = load_programmes(args.shared_data)
        ent = load_enterprises(args.shared_data)
    except FileNotFoundError as e:
        print(f"ERROR: reference data not found: {e.filename} (use --shared-data)", file=sys.stderr)
        return 1
    try:
        with args.yaml.open(encoding="utf-8") as f:
            doc = yaml.load(f, Loader=_UniqueKeyLoader)  # SafeLoader subclass
    except FileNotFoundError:
        print(f"ERROR: {args.yaml} not found", file=sys.stderr)
        return 1
    except yaml.YAMLError as e:
        print(f"ERROR: {args.yaml} is not valid YAML: {e}", file=sys.stderr)
        return 1

    rep = Report()
    stats = validate(doc, occ, prog, ent, rep)
    print(f"{args.yaml}")
    print_summary(stats)

    if rep.warnings and not args.quiet:
        print(f"\n{len(rep.warnings)} warning(s):")
        for w in rep.warnings:
            print(f"  WARN  {w}")
    if rep.errors:
        print(f"\n{len(rep.errors)} error(s):")
        for msg in rep.errors:
            print(f"  ERROR {msg}")
        print(f"FAILED: {len(rep.errors)} error(s) in {args.yaml}", file=sys.stderr)
        return 1
    if args.strict and rep.warnings:
        print("\nFAILED (--strict): warnings present", file=sys.stderr)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
