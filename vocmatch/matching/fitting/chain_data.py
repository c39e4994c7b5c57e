"""The chain classifier's training texts: the reference data's own chain labels."""

from __future__ import annotations

import re

from vocmatch.matching.engine.vocab import CHAINS
from vocmatch.matching.fitting.reference import ReferenceData
from vocmatch.matching.fitting.tables import records, split_list
from vocmatch.matching.text import normalise

_CLAUSE = re.compile(r"[，,、；;。：:（）()\n/]+")


def chain_training_docs(
    ref: ReferenceData, extra_titles: dict[str, list[str]] | None = None
) -> tuple[list[str], list[int]]:
    """Return short texts labelled with a chain index (``len(CHAINS)`` = none) for the classifier.

    Everything comes from the reference data: a chain's skill terms, synonyms, products,
    segment names and description clauses, and the titles of occupations and names of
    programmes that industries.yaml lists under exactly one chain are that chain's; titles of
    occupations and programmes listed under no chain, and the ``none`` examples, are ``none``.
    Occupations and programmes listed under several chains teach nothing about which chain, and
    are left out. ``extra_titles`` (code → everyday and English titles of the glossary) count as
    the occupation's titles: 打荷 is kitchen work, outside the chains.
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
            *(extra_titles or {}).get(row["code"], []),
        ]:
            add(title, label)
    for row in records(ref.programmes):
        chains = prog_chains.get(row["code"], set())
        if len(chains) > 1:
            continue
        label = next(iter(chains)) if chains else none
        add(row["name"], label)
    return texts, labels
