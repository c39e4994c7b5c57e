"""Occupation folds, and reference data with some occupations' titles and links held out.

Occupations are split into ``FOLDS`` folds by a hash of their code (stable across runs and
machines). The evaluation scores a model fitted without the ``TEST_FOLD`` occupations' 工种,
market titles, everyday and English titles and programme links; the combination weights are
learned on the ``TUNE_FOLD`` the same way. So the figures measure how the engine finds an
occupation from a title it has never seen, and programmes for an occupation whose crosswalk links
it does not have.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Collection

from vocmatch.matching.fitting.lexicon import EnglishTitles, GlossaryFile
from vocmatch.matching.fitting.reference import ReferenceData

FOLDS = 5
TEST_FOLD = 0
TUNE_FOLD = 1


def fold_of(code: str) -> int:
    """Return the fold (0…FOLDS-1) of an occupation code."""
    return int(hashlib.sha256(code.encode()).hexdigest(), 16) % FOLDS


def fold_codes(codes: Collection[str], fold: int) -> frozenset[str]:
    """Return the codes among ``codes`` that fall in ``fold``."""
    return frozenset(c for c in codes if fold_of(c) == fold)


def half_of(code: str) -> int:
    """Return 0 or 1: which half of its fold an occupation is in (independent of the fold)."""
    return int(hashlib.sha256(code.encode()).hexdigest(), 16) // FOLDS % 2


def without(
    ref: ReferenceData, codes: Collection[str], links_of: Collection[str] | None = None
) -> ReferenceData:
    """Return ``ref`` without the titles and crosswalk links of the occupations ``codes``.

    Kept: their codes, names, definitions, tasks and groups (the classification itself), the
    programme profiles and the links parsed from them (职业面向 text is profile text), and
    industries.yaml. Removed: 工种, market titles, everyday (colloquial) and English titles, and
    every MOHRSS crosswalk link naming them (or naming ``links_of``, when given).
    """
    held = set(codes)
    if not held:
        return ref
    unlinked = held if links_of is None else set(links_of)
    occupations = ref.occupations.copy()
    mask = occupations["code"].isin(held)
    occupations.loc[mask, ["work_types", "work_types_suspect", "market_titles"]] = ""
    crosswalk = ref.links["source"] == "crosswalk"
    links = ref.links[~(crosswalk & ref.links["occupation_code"].isin(unlinked))].reset_index(
        drop=True
    )
    held_names = set(ref.occupations.loc[mask, "name"])
    colloquial = {
        title: kept
        for title, names in ref.glossary.colloquial.items()
        if (kept := [n for n in names if n not in held_names])
    }
    english: dict[str, EnglishTitles] = {
        code: titles for code, titles in ref.glossary.occupations_en.items() if code not in held
    }
    glossary = GlossaryFile(
        english=ref.glossary.english, occupations_en=english, colloquial=colloquial
    )
    return dataclasses.replace(
        ref, occupations=occupations, links=links, glossary=glossary, holdout=sorted(held)
    )
