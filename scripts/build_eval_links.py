#!/usr/bin/env python3
"""Build and check the vocmatch evaluation data (stdlib only, deterministic).

Default action: build ``data/eval/programme_links.jsonl``, an *official* link set seen from the
高职 (higher vocational) side, which the matching engine never trains on:

    for every 高职专科 programme of moe2022_zhuanye_jianjie_all_levels_brief.csv that is named in
    some 中职 profile's "接续高职专科专业举例：A、B、C" list, emit
    {"id": "gz-<code>", "title": <高职 name>, "text": <its 职业面向>,
     "programmes": [中职 codes whose 接续 list names it],
     "occupations": [level-4 codes resolved from occupation names in its 职业面向 by exact name
                     match against level-4 occupation names or 工种 (work-type) names],
     "source": "official"}
    Entries with no resolved 中职 programme are skipped.

``--check``: validate data/eval/postings.jsonl, titles.jsonl and programme_links.jsonl
(required keys, unique ids, valid chains, every occupation code exists at level 4 of the 2022
classification, every programme code is a 中职 row of the catalogue), flag titles that appear
verbatim in the reference title lists, flag long verbatim overlaps with reference texts, and
print counts per chain for each file. Exit status 1 on any error.

Reference data directory: ``--data-dir``, else $VOCMATCH_REF_DATA, else /work/shared/data.
"""

import argparse
import csv
import json
import os
import re
import sys
from collections import Counter, OrderedDict, defaultdict

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EVAL_DIR = os.path.join(REPO, "data", "eval")
CHAINS = ("rare_earth", "tungsten", "new_energy", "intelligent_equipment", "none")

F_OCC = "csco22_occupations_2022.csv"
F_WT = "csco2022_gongzhong_worktypes.csv"
F_MARKET = "mohrss2026_occupation_to_market_job_titles.csv"
F_CAT = "moe_vocational_catalogue_all_levels.csv"
F_ZZ = "moe2022_zhuanye_jianjie_zhongzhi.jsonl"
F_BRIEF = "moe2022_zhuanye_jianjie_all_levels_brief.csv"


def default_data_dir():
    return os.environ.get("VOCMATCH_REF_DATA") or "/work/shared/data"


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_jsonl(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise SystemExit(f"{path}:{n}: bad JSON: {e}") from None
    return out


def norm_name(s):
    """Normalise an occupation / programme name for exact matching."""
    s = re.sub(r"\s+", "", s or "")
    s = s.replace("（", "(").replace("）", ")")
    return s


def strip_green_digital(name):
    # 2022 classification marks digital (S) and green (L) occupations with a suffix: "…员S", "…L/S".
    return re.sub(r"(?:L/S|S/L|L|S)$", "", name)


class Ref:
    def __init__(self, data_dir):
        self.dir = data_dir

        def p(f):
            return os.path.join(data_dir, f)

        self.occ_rows = read_csv(p(F_OCC))
        self.level4 = OrderedDict()
        for r in self.occ_rows:
            if r["level"] == "4":
                self.level4.setdefault(r["code"], r)
        self.wt_rows = read_csv(p(F_WT))
        self.cat_rows = read_csv(p(F_CAT))
        self.zz_codes = OrderedDict(
            (r["code"], r["name"]) for r in self.cat_rows if r["level"] == "中职"
        )
        self.zz_profiles = read_jsonl(p(F_ZZ))
        self.brief_rows = read_csv(p(F_BRIEF))
        self.market_rows = read_csv(p(F_MARKET))

    def occupation_name_index(self):
        """name -> set(level-4 codes).

        Level-4 occupation names win; 工种 names are used only when no level-4 occupation has that
        name. 工种 rows flagged ocr_suspect=1, and 工种 names that equal a level-1..3 category name
        (OCR spill-over such as "炼钢人员"), are ignored. Level-4 rows without a definition
        (6-20-03-00, an artefact of the source) are not link targets.
        """
        idx = defaultdict(set)
        for code, r in self.level4.items():
            if not r.get("definition", "").strip():
                continue
            n = norm_name(r["name"])
            idx[n].add(code)
            idx[strip_green_digital(n)].add(code)
        upper = {norm_name(r["name"]) for r in self.occ_rows if r["level"] in ("1", "2", "3")}
        wt_idx = defaultdict(set)
        for w in self.wt_rows:
            if w.get("ocr_suspect", "0") == "1":
                continue
            code = w["occupation_code"]
            if code not in self.level4 or not self.level4[code].get("definition", "").strip():
                continue
            n = norm_name(w["work_type"])
            if len(n) >= 2 and n not in upper:
                wt_idx[n].add(code)
        for n, codes in wt_idx.items():
            if n not in idx:
                idx[n] = set(codes)
        return idx

    def reference_titles(self):
        """Every title-like string in the market-title and work-type files (for verbatim checks)."""
        titles = set()
        for r in self.market_rows:
            for part in re.split(r"[，,、；;]", r["job_titles_or_description"]):
                t = norm_name(part.replace("*", ""))
                if 1 < len(t) <= 20:
                    titles.add(t)
            titles.add(norm_name(r["occupation_name"]))
        for w in self.wt_rows:
            titles.add(norm_name(w["work_type"]))
            titles.add(norm_name(w["occupation_name"]))
        for r in self.level4.values():
            titles.add(norm_name(r["name"]))
            titles.add(strip_green_digital(norm_name(r["name"])))
        return titles


# ---------------------------------------------------------------- link builder

# the 高职专科 list runs until the next "接续…" heading; PDF page breaks inside it ("食品质量与\n\n安全")
# are removed before splitting
JIEXU_RE = re.compile(
    r"接续高职专科专业(?:举例)?[：:](.*?)(?:接续高职本科|接续普通本科|接续职业本科|$)", re.S
)


def parse_jiexu(text):
    m = JIEXU_RE.search(text or "")
    if not m:
        return []
    s = re.sub(r"\s+", "", m.group(1))
    names = []
    for part in re.split(r"[、，,；;]", s):
        part = norm_name(part).strip("。.")
        if part and part not in ("暂无", "无"):
            names.append(part)
    return names


def occupation_tokens(text):
    """Candidate occupation-name tokens in a 职业面向 sentence."""
    text = re.sub(r"\s+", "", text or "")
    toks = []
    for piece in re.split(r"[、，,；;。：:（）()]", text):
        piece = re.sub(r"^(?:主要)?面向", "", piece)
        piece = re.sub(r"等(?:职业|岗位|技术领域|领域|工作).*$", "", piece)
        if "的" in piece:
            piece = piece.rsplit("的", 1)[1]
        if not piece:
            continue
        toks.append(piece)
        # "A和B" / "A及B" / "A与B": try the parts too (only used when the whole token fails)
        if re.search(r"[和及与或]", piece):
            toks.extend(p for p in re.split(r"[和及与或]", piece) if p)
    return toks


def build_links(ref):
    zz_by_name_errors = []
    gz_rows = OrderedDict()
    gz_by_name = defaultdict(list)
    for r in ref.brief_rows:
        if r["level"] == "高职专科":
            gz_rows.setdefault(r["code"], r)
    for code, r in gz_rows.items():
        gz_by_name[norm_name(r["name"])].append(code)

    # 中职 profiles: prefer the full jsonl, fall back to brief rows for the 接续 text
    jiexu = OrderedDict()
    for d in ref.zz_profiles:
        jiexu[d["code"]] = d.get("接续专业举例", "")
    for r in ref.brief_rows:
        if r["level"] == "中职" and not jiexu.get(r["code"]):
            jiexu[r["code"]] = r.get("接续专业举例", "")

    feeders = defaultdict(list)  # 高职 code -> [中职 codes]
    unmatched = Counter()
    n_refs = 0
    for zz_code, text in jiexu.items():
        if zz_code not in ref.zz_codes:
            zz_by_name_errors.append(zz_code)
            continue
        for name in parse_jiexu(text):
            n_refs += 1
            codes = gz_by_name.get(name)
            if not codes:
                unmatched[name] += 1
                continue
            for gz in codes:
                if zz_code not in feeders[gz]:
                    feeders[gz].append(zz_code)

    # Source artefact: when a 高职专科 programme is missing from the brief file, the 职业面向 of the
    # missing programme was absorbed by the row before it (e.g. 460104 机械制造及自动化 carries the
    # text of 460105 工业设计; 480103 家具设计与制造 that of 480104 鞋类设计与工艺). Such rows, and
    # rows with an empty 职业面向, are flagged "text_suspect": true (text and occupations unreliable;
    # the programme links themselves come from the 中职 side and are unaffected).
    gz_cat = [r for r in ref.cat_rows if r["level"] == "高职专科"]
    suspect = set()
    by_class = defaultdict(list)
    for r in gz_cat:
        by_class[r["class_code"]].append(r["code"])
    for _cls, codes in by_class.items():
        codes = sorted(codes)
        for a, b in zip(codes, codes[1:], strict=False):
            if a in gz_rows and b not in gz_rows:
                suspect.add(a)
    for code, r in gz_rows.items():
        if not re.sub(r"\s+", "", r.get("职业面向", "") or ""):
            suspect.add(code)

    idx = ref.occupation_name_index()
    out = []
    n_no_occ = 0
    n_suspect = 0
    for gz_code in sorted(feeders):
        r = gz_rows[gz_code]
        progs = sorted(set(feeders[gz_code]))
        if not progs:
            continue
        text = re.sub(r"\s+", "", r.get("职业面向", "") or "")
        occs = []
        for tok in occupation_tokens(text):
            n = norm_name(tok)
            for cand in (n, strip_green_digital(n)):
                for code in sorted(idx.get(cand, ())):
                    if code not in occs:
                        occs.append(code)
        if not occs:
            n_no_occ += 1
        rec = OrderedDict(
            [
                ("id", "gz-" + gz_code),
                ("title", r["name"]),
                ("text", text),
                ("programmes", progs),
                ("occupations", occs),
                ("source", "official"),
            ]
        )
        if gz_code in suspect:
            rec["text_suspect"] = True
            n_suspect += 1
        out.append(rec)
    stats = {
        "zhongzhi_profiles_read": len(jiexu),
        "jiexu_references": n_refs,
        "jiexu_names_unmatched": sum(unmatched.values()),
        "distinct_unmatched_names": len(unmatched),
        "gaozhi_programmes_linked": len(out),
        "links_with_no_occupation": n_no_occ,
        "links_flagged_text_suspect": n_suspect,
        "zhongzhi_codes_not_in_catalogue": len(zz_by_name_errors),
    }
    return out, stats, unmatched


def write_jsonl(path, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------- checks


def is_english(s):
    return bool(s) and not re.search(r"[\u4e00-\u9fff]", s)


def check(ref, eval_dir, verbose=False):
    errors, warnings = [], []
    all_ids = {}
    ref_titles = ref.reference_titles()

    # verbatim-overlap corpus: occupation definitions/tasks, market-title descriptions, programme profiles
    corpus_parts = []
    for r in ref.occ_rows:
        corpus_parts += [r.get("definition", ""), r.get("tasks", "")]
    for r in ref.market_rows:
        corpus_parts.append(r["job_titles_or_description"])
    for d in ref.zz_profiles:
        corpus_parts += [
            str(v)
            for k, v in d.items()
            if k not in ("code", "class_code", "file", "level", "dalei_code")
        ]
    for r in ref.brief_rows:
        corpus_parts += [r.get("职业面向", ""), r.get("接续专业举例", "")]
    corpus = "\n".join(re.sub(r"\s+", "", p) for p in corpus_parts)
    WIN = 16

    def verbatim_overlap(text):
        t = re.sub(r"\s+", "", text or "")
        for i in range(0, max(0, len(t) - WIN + 1)):
            w = t[i : i + WIN]
            if re.search(r"[\u4e00-\u9fff]", w) and w in corpus:
                return w
        return None

    def check_codes(fname, rid, rec):
        occs = rec.get("occupations")
        progs = rec.get("programmes")
        if not isinstance(occs, list) or not isinstance(progs, list):
            errors.append(f"{fname}:{rid}: occupations/programmes must be lists")
            return
        for c in occs:
            if c not in ref.level4:
                errors.append(f"{fname}:{rid}: occupation {c} is not a level-4 code")
            elif not ref.level4[c].get("definition", "").strip():
                errors.append(
                    f"{fname}:{rid}: occupation {c} is a level-4 row without definition (source artefact)"
                )
        for c in progs:
            if c not in ref.zz_codes:
                errors.append(f"{fname}:{rid}: programme {c} is not a 中职 catalogue code")
        if len(set(occs)) != len(occs) or len(set(progs)) != len(progs):
            errors.append(f"{fname}:{rid}: duplicate codes in a list")

    summary = OrderedDict()
    for fname, keys, has_chain, hand in (
        (
            "postings.jsonl",
            ("id", "title", "text", "chain", "occupations", "programmes", "note"),
            True,
            True,
        ),
        ("titles.jsonl", ("id", "title", "chain", "occupations", "programmes"), True, True),
        (
            "programme_links.jsonl",
            ("id", "title", "text", "programmes", "occupations", "source"),
            False,
            False,
        ),
    ):
        path = os.path.join(eval_dir, fname)
        if not os.path.exists(path):
            errors.append(f"missing {path}")
            continue
        rows = read_jsonl(path)
        chains = Counter()
        st = Counter()
        for rec in rows:
            rid = rec.get("id", "<no id>")
            for k in keys:
                if k not in rec:
                    errors.append(f"{fname}:{rid}: missing key {k}")
            if rid in all_ids:
                errors.append(f"{fname}:{rid}: duplicate id (also in {all_ids[rid]})")
            all_ids[rid] = fname
            check_codes(fname, rid, rec)
            if has_chain:
                ch = rec.get("chain")
                if ch not in CHAINS:
                    errors.append(f"{fname}:{rid}: invalid chain {ch!r}")
                chains[ch] += 1
                for alt in rec.get("chain_alt", []) or []:
                    if alt not in CHAINS or alt == ch:
                        errors.append(f"{fname}:{rid}: invalid chain_alt {alt!r}")
                if hand:
                    if not rec.get("occupations"):
                        errors.append(f"{fname}:{rid}: hand-labelled item needs >=1 occupation")
                    if not rec.get("programmes"):
                        errors.append(f"{fname}:{rid}: hand-labelled item needs >=1 programme")
                    if len(rec.get("occupations", [])) > 3:
                        errors.append(f"{fname}:{rid}: more than 3 occupations")
                    if len(rec.get("programmes", [])) > 4:
                        errors.append(f"{fname}:{rid}: more than 4 programmes")
            else:
                if not rec.get("programmes"):
                    errors.append(f"{fname}:{rid}: link without programmes")
                if not rec.get("occupations"):
                    st["no_occupations"] += 1
                if rec.get("text_suspect"):
                    st["text_suspect"] += 1
            title = rec.get("title", "")
            text = rec.get("text", "")
            if fname == "titles.jsonl":
                if rec.get("chain_alt"):
                    st["with_chain_alt"] += 1
                if norm_name(title) in ref_titles:
                    errors.append(
                        f"{fname}:{rid}: title {title!r} appears verbatim in the reference title lists"
                    )
                if is_english(title):
                    st["english"] += 1
            if fname == "postings.jsonl":
                if not text:
                    st["title_only"] += 1
                if is_english(title + text):
                    st["english_only"] += 1
                if norm_name(title) in ref_titles:
                    st["title_is_reference_name"] += 1
                if rec.get("style"):
                    st["style=" + rec["style"]] += 1
                if rec.get("chain_alt"):
                    st["with_chain_alt"] += 1
                hit = verbatim_overlap(title + "\n" + text)
                if hit:
                    warnings.append(
                        f"{fname}:{rid}: {WIN}-char verbatim overlap with reference text: {hit!r}"
                    )
            if fname == "titles.jsonl":
                hit = verbatim_overlap(title)
                if hit:
                    warnings.append(f"{fname}:{rid}: verbatim overlap with reference text: {hit!r}")
        summary[fname] = (len(rows), chains, st)

    for fname, (n, chains, st) in summary.items():
        print(f"{fname}: {n} rows")
        if chains:
            for ch in CHAINS:
                print(f"    {ch:<22} {chains.get(ch, 0)}")
        for k, v in sorted(st.items()):
            print(f"    [{k}] {v}")
    for w in warnings:
        print("WARNING:", w)
    for e in errors:
        print("ERROR:", e)
    print(f"check: {len(errors)} error(s), {len(warnings)} warning(s)")
    return not errors


def main(argv=None):
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data-dir", default=default_data_dir(), help="reference data directory")
    ap.add_argument(
        "--eval-dir", default=EVAL_DIR, help="output / eval directory (default data/eval)"
    )
    ap.add_argument(
        "--check", action="store_true", help="validate the eval files instead of building"
    )
    ap.add_argument(
        "--show-unmatched", action="store_true", help="list 接续 names with no 高职专科 row"
    )
    a = ap.parse_args(argv)
    ref = Ref(a.data_dir)
    if a.check:
        return 0 if check(ref, a.eval_dir) else 1
    links, stats, unmatched = build_links(ref)
    out = os.path.join(a.eval_dir, "programme_links.jsonl")
    write_jsonl(out, links)
    for k, v in stats.items():
        print(f"{k}: {v}")
    print(f"occupation codes per link: total {sum(len(link['occupations']) for link in links)}")
    print(f"wrote {out}")
    if a.show_unmatched:
        for name, n in unmatched.most_common():
            print(f"  unmatched 接续 name: {name} ({n})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
