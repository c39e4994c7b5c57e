"""Fit-time construction of what the matcher compares a query with (pure functions, no DB).

From the reference data this builds: the titles of every occupation (name, 工种, market titles,
everyday and English titles from the glossary) and their cores after title normalisation; the
documents of occupations, programmes and segments (texts for TF-IDF); and the phrase dictionary
(skill terms, titles, names, ``none`` examples) with what each phrase points to.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from vocmatch.matching.engine.glossary import Glossary
from vocmatch.matching.engine.titles import TitleNormaliser
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
from vocmatch.matching.fitting.lexicon import english_words
from vocmatch.matching.fitting.reference import ReferenceData
from vocmatch.matching.fitting.tables import join, records, split_list
from vocmatch.matching.text import normalise


@dataclass
class Titles:
    """Every title of every occupation, normalised, with its kind and its core."""

    by_occupation: list[list[str]]  # per occupation: name first, then 工种, market, glossary
    texts: list[str] = field(default_factory=list)  # flat: cleaned title text (core + notes)
    cores: list[str] = field(default_factory=list)
    occupation: list[int] = field(default_factory=list)
    kinds: list[int] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # glossary entries naming no occupation


def chinese_of(title: str, glossary: Glossary) -> str | None:
    """Return the Chinese an English title reads as, word by word, or None.

    ``electrical installer`` → 电气安装工: the glossary's Chinese of each of its words, in order
    (longest terms first, as queries are read). None when a word has no Chinese or more than one
    (``出纳 收银员``): a Chinese job-board title is then not what the words say.
    """
    text = title.lower()
    found = glossary.find(text)
    if not found:
        return None
    covered = "".join(text[a:b] for a, b, _, _ in found)
    if len(covered.replace(" ", "")) != len(text.replace(" ", "").replace("-", "")):
        return None
    zh = [z for _, _, _, z in found]
    if any(" " in z for z in zh):
        return None
    return "".join(zh)


def glossary_titles(ref: ReferenceData) -> tuple[dict[str, list[str]], list[str]]:
    """Return ``{occupation code: [everyday and English titles]}`` and the unknown entries.

    Each English title also gives its Chinese as the glossary's words say it
    (:func:`chinese_of`): so a Chinese posting titled the way the English one reads (电气安装工
    beside "electrical installer") meets the same occupation, as the bilingual pairs require.
    """
    glossary = Glossary(english_words(ref.glossary))
    by_name: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for row in records(ref.occupations):
        by_name.setdefault(row["name"], []).append(row["code"])
        names[row["code"]] = row["name"]
    out: dict[str, list[str]] = {}
    unknown: list[str] = []
    for title, targets in ref.glossary.colloquial.items():
        for name in targets:
            if name not in by_name:
                unknown.append(f"colloquial {title} → {name}")
            for code in by_name.get(name, []):
                out.setdefault(code, []).append(title)
    for code, entry in ref.glossary.occupations_en.items():
        if names.get(code) != entry.name:
            unknown.append(f"occupations_en {code} {entry.name}")
            continue
        titles = out.setdefault(code, [])
        titles.extend(entry.en)
        titles.extend(zh for en in entry.en if (zh := chinese_of(en, glossary)))
    return out, unknown


def occupation_titles(ref: ReferenceData, normaliser: TitleNormaliser) -> Titles:
    """Return the titles of every occupation, in ``occupations.csv`` order."""
    extra, unknown = glossary_titles(ref)
    titles = Titles(by_occupation=[], unknown=unknown)
    for i, row in enumerate(records(ref.occupations)):
        kinds: dict[str, int] = {normalise(row["name"]): OCC_NAME}
        for w in split_list(row["work_types"]):
            kinds.setdefault(normalise(w), OCC_WORK_TYPE)
        for m in [*split_list(row["market_titles"]), *extra.get(row["code"], [])]:
            kinds.setdefault(normalise(m), OCC_MARKET)
        titles.by_occupation.append(list(kinds))
        for title, kind in kinds.items():
            clean = normaliser.clean(title)
            titles.texts.append(clean.core_text or title)
            titles.cores.append(clean.core.replace(" ", "") or title)
            titles.occupation.append(i)
            titles.kinds.append(kind)
    return titles


def occupation_docs(ref: ReferenceData, titles: Titles) -> tuple[list[str], list[str]]:
    """Return each occupation's title document and full document (titles, group, definition)."""
    groups = {g["code"]: g["name"] for g in records(ref.groups)}
    title_docs, full_docs = [], []
    for row, own in zip(records(ref.occupations), titles.by_occupation, strict=True):
        name = own[0]
        title_docs.append(join(name, name, *own))
        group = normalise(groups.get(row["minor_code"], "") or groups.get(row["middle_code"], ""))
        full_docs.append(
            join(name, name, *own, group, normalise(row["definition"]), normalise(row["tasks"]))
        )
    return title_docs, full_docs


# The 2022 profile as it is written: no linked occupation names, no class name. The programme
# ranking's own-profile channel and the plain TF-IDF baseline read these fields.
PROFILE_FIELDS = ("name", "occupations_text", "goal", "abilities", "courses", "certificates")


def profile_texts(ref: ReferenceData) -> dict[str, str]:
    """Return programme code → its profile text (``PROFILE_FIELDS``, normalised)."""
    return {
        row["code"]: join(*(normalise(row[f]) for f in PROFILE_FIELDS))
        for row in records(ref.programmes)
    }


def programme_docs(ref: ReferenceData, occ_names: dict[str, str]) -> tuple[list[str], list[str]]:
    """Return each programme's whole-profile document and its job-facing (职业面向) document."""
    linked: dict[str, list[str]] = {}
    for link in records(ref.links):
        if link["occupation_code"] and not link.get("note"):
            linked.setdefault(link["programme_code"], []).append(
                occ_names.get(link["occupation_code"], link["occupation_name"])
            )
    docs, focus = [], []
    for row in records(ref.programmes):
        name = normalise(row["name"])
        jobs = [normalise(n) for n in dict.fromkeys(linked.get(row["code"], []))]
        occupations_text = normalise(row["occupations_text"])
        focus.append(join(name, name, occupations_text, *jobs))
        docs.append(
            join(
                name,
                name,
                normalise(row["class_name"]),
                occupations_text,
                *jobs,
                normalise(row["goal"]),
                normalise(row["abilities"]),
                normalise(row["courses"]),
                normalise(row["certificates"]),
            )
        )
    return docs, focus


@dataclass
class Segments:
    """The chain segments of industries.yaml: keys, names, documents, skills, listings."""

    keys: list[str] = field(default_factory=list)  # "chain.segment"
    names: list[str] = field(default_factory=list)
    chain: list[int] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)
    skill_names: list[str] = field(default_factory=list)
    skill_segment: list[int] = field(default_factory=list)
    skill_terms: list[list[str]] = field(default_factory=list)
    products: list[list[str]] = field(default_factory=list)
    occupations: list[list[str]] = field(default_factory=list)  # codes, in listed order
    programmes: list[list[str]] = field(default_factory=list)


def segments(ref: ReferenceData) -> Segments:
    """Return the segments of the four chains, in industries.yaml order."""
    out = Segments()
    for chain in ref.industries["chains"]:
        ci = CHAINS.index(chain["key"])
        for seg in chain["segments"]:
            si = len(out.keys)
            out.keys.append(f"{chain['key']}.{seg['key']}")
            out.names.append(seg["name_zh"])
            out.chain.append(ci)
            terms: list[str] = []
            for skill in seg.get("skills", []):
                out.skill_names.append(skill["zh"])
                out.skill_segment.append(si)
                own = [str(t) for t in [skill["zh"], skill.get("en", "")] if t]
                own += [str(t) for t in skill.get("synonyms", [])]
                out.skill_terms.append(own)
                terms += [normalise(t) for t in own]
            products = [str(p) for p in seg.get("products", [])]
            out.products.append(products)
            out.occupations.append(list(seg.get("occupations", [])))
            out.programmes.append(list(seg.get("programmes", [])))
            out.docs.append(
                join(
                    normalise(chain["name_zh"]),
                    normalise(seg["name_zh"]),
                    normalise(seg.get("description_zh", "")),
                    *(normalise(p) for p in products),
                    *terms,
                )
            )
    return out


def phrases(
    ref: ReferenceData, titles: Titles, segs: Segments, prog_names: list[str]
) -> tuple[list[str], list[list[tuple[int, int]]]]:
    """Return the phrase dictionary (sorted) and, per phrase, the ``(kind, target)`` it names."""
    table: dict[str, list[tuple[int, int]]] = {}

    def add(phrase: str, kind: int, target: int) -> None:
        p = normalise(phrase)
        if len(p) < 2:
            return
        lst = table.setdefault(p, [])
        if (kind, target) not in lst:
            lst.append((kind, target))

    for k, terms in enumerate(segs.skill_terms):
        for t in terms:
            add(t, SKILL, k)
    for si, name in enumerate(segs.names):
        add(name, SEG_NAME, si)
        for product in segs.products[si]:
            add(product, SEG_NAME, si)
    for i, own in enumerate(titles.by_occupation):
        add(own[0], OCC_NAME, i)
    for title, occ, kind in zip(
        (t for own in titles.by_occupation for t in own),
        titles.occupation,
        titles.kinds,
        strict=True,
    ):
        if kind != OCC_NAME:
            add(title, kind, occ)
    for example in ref.industries.get("none", {}).get("examples_zh", []):
        add(example, NONE_EXAMPLE, 0)
    for i, name in enumerate(prog_names):
        add(name, PROG_NAME, i)
    for g in records(ref.groups):
        if g["level"] == "3":
            add(g["name"], GROUP_NAME, -1)
    ordered = sorted(table)
    return ordered, [table[p] for p in ordered]


def title_generality(phrases: list[str], by_occupation: list[list[str]]) -> np.ndarray:
    """Return, per phrase, ``1 / (1 + ln n)`` where n = distinct job titles containing it.

    A title that is part of many others (操作工, 技术员, 电工) says little on its own when found
    inside a longer text: 操作工 is a 工种 of one occupation but ends hundreds of job titles.
    """
    counts: Counter[str] = Counter()
    for title in {t for own in by_occupation for t in own}:
        n = len(title)
        counts.update({title[i:j] for i in range(n) for j in range(i + 2, n + 1)})
    return np.asarray([1.0 / (1.0 + np.log(max(1, counts[p]))) for p in phrases], np.float32)
