"""Fit-time construction of what the matcher compares a query with (pure functions, no DB).

From the reference data this builds: the documents of occupations, programmes and segments
(texts for TF-IDF), the phrase dictionary (skill terms, titles, names, ``none`` examples) with
what each phrase points to, and the bridges (occupation → programme from the official
职业面向 links; segment → occupation / programme from industries.yaml).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import cast

import numpy as np
import pandas as pd
import scipy.sparse as sp

from vocmatch.matching.engine.vocab import (
    CHAINS,
    GROUP_NAME,
    NONE_EXAMPLE,
    OCC_MARKET,
    OCC_NAME,
    OCC_WORK_TYPE,
    PROG_NAME,
    SEG_NAME,
    SKILL,
)
from vocmatch.matching.fitting.aliases import COLLOQUIAL
from vocmatch.matching.fitting.reference import ReferenceData
from vocmatch.matching.text import normalise

# How strongly an official link binds a programme to an occupation, by how it was resolved.
LINK_WEIGHT = {
    "code": 1.0,  # crosswalk, same name as 2022
    "renamed": 1.0,  # crosswalk, 2022 renamed the occupation
    "occupation": 1.0,
    "work_type": 1.0,
    "alias": 1.0,
    "variant": 0.9,
    "partial": 0.8,
}
GROUP_LINK_WEIGHT = {3: 0.6, 2: 0.35}


def split_list(value: str) -> list[str]:
    """Split a ``；``-joined cell into items."""
    return [v.strip() for v in value.split("；") if v.strip()]


def group_level(code: str) -> int:
    """Return 1–4: the level of a classification code (``6-17-00-00`` → 2)."""
    parts = code.split("-")
    return 4 - sum(1 for p in parts[1:] if p == "00")


@dataclass
class Built:
    """Everything :class:`~vocmatch.matching.fitting.estimator.Matcher` fits, as plain Python/numpy."""

    occ_codes: list[str]
    occ_names: list[str]
    occ_titles: list[list[str]]  # normalised name, work types, market titles
    occ_title_docs: list[str]
    occ_full_docs: list[str]
    prog_codes: list[str]
    prog_names: list[str]
    prog_docs: list[str]
    prog_focus_docs: list[str]  # name, 职业面向 and linked occupation titles: the job-facing part
    seg_keys: list[str]  # "chain.segment"
    seg_names: list[str]
    seg_chain: np.ndarray  # chain index per segment
    seg_docs: list[str]
    skill_names: list[str]
    skill_seg: np.ndarray  # segment index per skill
    phrases: list[str] = field(default_factory=list)
    payloads: list[list[tuple[int, int]]] = field(default_factory=list)  # (kind, target)
    generality: np.ndarray = field(default_factory=lambda: np.zeros(0))
    occ_prog: sp.csr_matrix = field(default_factory=lambda: sp.csr_matrix((0, 0)))
    seg_occ: sp.csr_matrix = field(default_factory=lambda: sp.csr_matrix((0, 0)))
    seg_prog: sp.csr_matrix = field(default_factory=lambda: sp.csr_matrix((0, 0)))


def records(df: pd.DataFrame) -> list[dict[str, str]]:
    """Return the rows of an all-string DataFrame as dicts."""
    return cast(list[dict[str, str]], df.to_dict("records"))


def _join(*parts: str) -> str:
    return " ; ".join(p for p in parts if p)


def alias_titles(ref: ReferenceData, use_aliases: bool) -> dict[str, list[str]]:
    """Return ``{occupation code: [everyday titles]}`` from :mod:`vocmatch.matching.aliases`."""
    if not use_aliases:
        return {}
    by_name: dict[str, list[str]] = {}
    for row in records(ref.occupations):
        by_name.setdefault(row["name"], []).append(row["code"])
    out: dict[str, list[str]] = {}
    for title, names in COLLOQUIAL.items():
        for name in names:
            for code in by_name.get(name, []):
                out.setdefault(code, []).append(title)
    return out


def _occupations(
    ref: ReferenceData, aliases: dict[str, list[str]]
) -> tuple[list[str], list[str], list[list[str]], list[str], list[str]]:
    groups = {g["code"]: g["name"] for g in records(ref.groups)}
    codes: list[str] = []
    names: list[str] = []
    titles: list[list[str]] = []
    title_docs: list[str] = []
    full_docs: list[str] = []
    for row in records(ref.occupations):
        name = normalise(row["name"])
        wts = [normalise(w) for w in split_list(row["work_types"])]
        mts = [normalise(m) for m in split_list(row["market_titles"])]
        mts += [normalise(a) for a in aliases.get(row["code"], [])]
        own = list(dict.fromkeys([name, *wts, *mts]))
        codes.append(row["code"])
        names.append(row["name"])
        titles.append(own)
        title_docs.append(_join(name, name, *own))
        group = normalise(groups.get(row["minor_code"], "") or groups.get(row["middle_code"], ""))
        full_docs.append(
            _join(name, name, *own, group, normalise(row["definition"]), normalise(row["tasks"]))
        )
    return codes, names, titles, title_docs, full_docs


def _programmes(
    ref: ReferenceData, occ_name_by_code: dict[str, str]
) -> tuple[list[str], list[str], list[str], list[str]]:
    linked: dict[str, list[str]] = {}
    for link in records(ref.links):
        if link["occupation_code"] and not link.get("note"):
            linked.setdefault(link["programme_code"], []).append(
                occ_name_by_code.get(link["occupation_code"], link["occupation_name"])
            )
    codes: list[str] = []
    names: list[str] = []
    docs: list[str] = []
    focus: list[str] = []
    for row in records(ref.programmes):
        name = normalise(row["name"])
        codes.append(row["code"])
        names.append(row["name"])
        focus.append(
            _join(
                name,
                name,
                normalise(row["occupations_text"]),
                *(normalise(n) for n in dict.fromkeys(linked.get(row["code"], []))),
            )
        )
        docs.append(
            _join(
                name,
                name,
                normalise(row["class_name"]),
                normalise(row["occupations_text"]),
                *(normalise(n) for n in dict.fromkeys(linked.get(row["code"], []))),
                normalise(row["goal"]),
                normalise(row["abilities"]),
                normalise(row["courses"]),
                normalise(row["certificates"]),
            )
        )
    return codes, names, docs, focus


def build(ref: ReferenceData, use_aliases: bool = True) -> Built:
    """Return the documents, phrases and bridges of ``ref`` (plus everyday titles if asked)."""
    aliases = alias_titles(ref, use_aliases)
    occ_codes, occ_names, occ_titles, occ_title_docs, occ_full_docs = _occupations(ref, aliases)
    occ_index = {c: i for i, c in enumerate(occ_codes)}
    prog_codes, prog_names, prog_docs, prog_focus = _programmes(
        ref, dict(zip(occ_codes, occ_names, strict=False))
    )
    prog_index = {c: i for i, c in enumerate(prog_codes)}

    seg_keys: list[str] = []
    seg_names: list[str] = []
    seg_chain: list[int] = []
    seg_docs: list[str] = []
    skill_names: list[str] = []
    skill_seg: list[int] = []
    phrases: dict[str, list[tuple[int, int]]] = {}

    def add(phrase: str, kind: int, target: int) -> None:
        p = normalise(phrase)
        if len(p) < 2:
            return
        lst = phrases.setdefault(p, [])
        if (kind, target) not in lst:
            lst.append((kind, target))

    seg_occ_rows: list[tuple[int, int, float]] = []
    seg_prog_rows: list[tuple[int, int, float]] = []
    for chain in ref.industries["chains"]:
        ci = CHAINS.index(chain["key"])
        for seg in chain["segments"]:
            si = len(seg_keys)
            seg_keys.append(f"{chain['key']}.{seg['key']}")
            seg_names.append(seg["name_zh"])
            seg_chain.append(ci)
            terms = []
            for skill in seg.get("skills", []):
                ki = len(skill_names)
                skill_names.append(skill["zh"])
                skill_seg.append(si)
                for t in [skill["zh"], skill.get("en", ""), *skill.get("synonyms", [])]:
                    if t:
                        add(str(t), SKILL, ki)
                        terms.append(normalise(str(t)))
            add(seg["name_zh"], SEG_NAME, si)
            for product in seg.get("products", []):
                add(product, SEG_NAME, si)
            seg_docs.append(
                _join(
                    normalise(chain["name_zh"]),
                    normalise(seg["name_zh"]),
                    normalise(seg.get("description_zh", "")),
                    *(normalise(p) for p in seg.get("products", [])),
                    *terms,
                )
            )
            for rank, code in enumerate(seg.get("occupations", [])):
                if code in occ_index:
                    seg_occ_rows.append((si, occ_index[code], 1.0 / (1.0 + 0.25 * rank)))
            for rank, code in enumerate(seg.get("programmes", [])):
                if code in prog_index:
                    seg_prog_rows.append((si, prog_index[code], 1.0 / (1.0 + 0.25 * rank)))

    for i, titles in enumerate(occ_titles):
        add(titles[0], OCC_NAME, i)
    for i, row in enumerate(records(ref.occupations)):
        for w in split_list(row["work_types"]):
            add(w, OCC_WORK_TYPE, i)
        for m in [*split_list(row["market_titles"]), *aliases.get(row["code"], [])]:
            add(m, OCC_MARKET, i)
    for example in ref.industries.get("none", {}).get("examples_zh", []):
        add(example, NONE_EXAMPLE, 0)
    for i, name in enumerate(prog_names):
        add(name, PROG_NAME, i)
    for g in records(ref.groups):
        if g["level"] == "3":
            add(g["name"], GROUP_NAME, -1)

    built = Built(
        occ_codes=occ_codes,
        occ_names=occ_names,
        occ_titles=occ_titles,
        occ_title_docs=occ_title_docs,
        occ_full_docs=occ_full_docs,
        prog_codes=prog_codes,
        prog_names=prog_names,
        prog_docs=prog_docs,
        prog_focus_docs=prog_focus,
        seg_keys=seg_keys,
        seg_names=seg_names,
        seg_chain=np.asarray(seg_chain, np.int64),
        seg_docs=seg_docs,
        skill_names=skill_names,
        skill_seg=np.asarray(skill_seg, np.int64),
    )
    built.phrases = sorted(phrases)
    built.payloads = [phrases[p] for p in built.phrases]
    built.generality = title_generality(built.phrases, occ_titles)
    built.occ_prog = _links(ref, occ_codes, occ_index, prog_index)
    n_s, n_o, n_p = len(seg_keys), len(occ_codes), len(prog_codes)
    built.seg_occ = _matrix(seg_occ_rows, (n_s, n_o))
    built.seg_prog = _matrix(seg_prog_rows, (n_s, n_p))
    return built


def title_generality(phrases: list[str], occ_titles: list[list[str]]) -> np.ndarray:
    """Return, per phrase, ``1 / (1 + ln n)`` where n = distinct job titles containing it.

    A title that is part of many others (操作工, 技术员, 电工) says little on its own when found
    inside a longer text: 操作工 is a 工种 of one occupation but ends hundreds of job titles.
    """
    counts: Counter[str] = Counter()
    for title in {t for titles in occ_titles for t in titles}:
        n = len(title)
        counts.update({title[i:j] for i in range(n) for j in range(i + 2, n + 1)})
    return np.asarray([1.0 / (1.0 + np.log(max(1, counts[p]))) for p in phrases], np.float32)


def _matrix(rows: list[tuple[int, int, float]], shape: tuple[int, int]) -> sp.csr_matrix:
    m = sp.coo_matrix(
        (
            np.asarray([r[2] for r in rows], np.float32),
            (
                np.asarray([r[0] for r in rows], np.int64),
                np.asarray([r[1] for r in rows], np.int64),
            ),
        ),
        shape=shape,
    ).tocsr()
    # Duplicates (an occupation listed twice) keep the strongest weight, not the sum.
    m.sum_duplicates()
    m.data = np.minimum(m.data, 1.0)
    return m


def _links(
    ref: ReferenceData,
    occ_codes: list[str],
    occ_index: dict[str, int],
    prog_index: dict[str, int],
) -> sp.csr_matrix:
    """Return occupations × programmes: the official links, groups expanded to their members."""
    occ = pd.Series(occ_codes)
    weights: dict[tuple[int, int], float] = {}
    for row in records(ref.links):
        code, p = row["occupation_code"], prog_index.get(row["programme_code"])
        if not code or p is None or row.get("note"):
            continue  # unresolved, unknown, or doubtful (data/SOURCES.md)
        level = group_level(code)
        prefix = code[: {1: 2, 2: 5, 3: 8}.get(level, 10)]
        expanded = [int(i) for i in occ.index[occ.str.startswith(prefix)]]
        if level == 4 or expanded == [occ_index.get(code)]:
            # A detailed occupation, or a minor group without subdivisions (x-xx-xx-00).
            members = (
                [(occ_index[code], LINK_WEIGHT.get(row["how"], 0.8))] if code in occ_index else []
            )
        else:
            w = GROUP_LINK_WEIGHT.get(level, 0.3)
            members = [(i, w) for i in expanded]
        for o, w in members:
            weights[(o, p)] = max(weights.get((o, p), 0.0), w)
    if not weights:
        return sp.csr_matrix((len(occ_codes), len(prog_index)), dtype=np.float32)
    keys = list(weights)
    return sp.csr_matrix(
        (
            np.asarray([weights[k] for k in keys], np.float32),
            (np.asarray([k[0] for k in keys]), np.asarray([k[1] for k in keys])),
        ),
        shape=(len(occ_codes), len(prog_index)),
    )


_CLAUSE = re.compile(r"[，,、；;。：:（）()\n/]+")


def chain_training_docs(
    ref: ReferenceData, aliases: dict[str, list[str]] | None = None
) -> tuple[list[str], list[int]]:
    """Return short texts labelled with a chain index (``len(CHAINS)`` = none) for the classifier.

    Everything comes from the reference data: a chain's skill terms, synonyms, products,
    segment names and description clauses, and the titles of occupations and names/职业面向 of
    programmes that industries.yaml lists under exactly one chain are that chain's; titles of
    occupations and programmes listed under no chain, and the ``none`` examples, are ``none``.
    Occupations and programmes listed under several chains teach nothing about which chain, and
    are left out.
    """
    texts: list[str] = []
    labels: list[int] = []

    def add(text: str, label: int) -> None:
        t = normalise(text)
        if len(t) >= 2:
            texts.append(t)
            labels.append(label)

    occ_chains: dict[str, set[int]] = {}
    prog_chains: dict[str, set[int]] = {}
    for chain in ref.industries["chains"]:
        ci = CHAINS.index(chain["key"])
        add(chain["name_zh"], ci)
        for seg in chain["segments"]:
            add(seg["name_zh"], ci)
            for product in seg.get("products", []):
                add(product, ci)
            for clause in _CLAUSE.split(seg.get("description_zh", "")):
                add(clause, ci)
            for skill in seg.get("skills", []):
                for term in [skill["zh"], skill.get("en", ""), *skill.get("synonyms", [])]:
                    if term:
                        add(str(term), ci)
            for code in seg.get("occupations", []):
                occ_chains.setdefault(code, set()).add(ci)
            for code in seg.get("programmes", []):
                prog_chains.setdefault(code, set()).add(ci)
    none = len(CHAINS)
    for example in ref.industries.get("none", {}).get("examples_zh", []):
        add(example, none)
    for row in records(ref.occupations):
        chains = occ_chains.get(row["code"], set())
        if len(chains) > 1:
            continue
        label = next(iter(chains)) if chains else none
        for title in [
            row["name"],
            *split_list(row["work_types"]),
            *split_list(row["market_titles"]),
        ]:
            add(title, label)
    for row in records(ref.programmes):
        chains = prog_chains.get(row["code"], set())
        if len(chains) > 1:
            continue
        label = next(iter(chains)) if chains else none
        add(row["name"], label)
    return texts, labels
