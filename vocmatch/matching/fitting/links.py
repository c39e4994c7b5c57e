"""Fit-time bridges: programme links per source, profile similarity, segment lists, job level.

* ``occupations × programmes`` matrices of the official links, one per source (the MOHRSS 2023
  crosswalk; the profiles' 职业面向, whose group links cover every occupation of the group);
  doubtful links (a ``note`` in the file) carry no weight;
* the profile-similarity bridge for occupations without links;
* ``segments × occupations`` and ``segments × programmes`` from industries.yaml;
* the job-level prior: how often each major and middle group of the classification is the
  occupation of a 中职 programme (the crosswalk's 中职 sheet and the profiles), as log shares.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import scipy.sparse as sp

from vocmatch.matching.fitting.documents import Segments
from vocmatch.matching.fitting.reference import ReferenceData
from vocmatch.matching.fitting.tables import group_level, matrix, records

# How strongly a profile link binds a programme to an occupation, by how it was resolved.
PROFILE_WEIGHT = {"occupation": 1.0, "work_type": 1.0, "alias": 1.0, "variant": 0.9, "partial": 0.8}
GROUP_WEIGHT = {3: 0.6, 2: 0.35}
SOURCES = ("crosswalk", "profile")


def link_matrices(
    ref: ReferenceData, occ_codes: list[str], prog_codes: list[str]
) -> dict[str, sp.csr_matrix]:
    """Return ``{source: occupations × programmes}`` link weights (groups expanded)."""
    occ_index = {c: i for i, c in enumerate(occ_codes)}
    prog_index = {c: i for i, c in enumerate(prog_codes)}
    occ = pd.Series(occ_codes)
    rows: dict[str, list[tuple[int, int, float]]] = {s: [] for s in SOURCES}
    for row in records(ref.links):
        code, p = row["occupation_code"], prog_index.get(row["programme_code"])
        source = row.get("source") or "profile"
        if not code or p is None or row.get("note") or source not in rows:
            continue  # unresolved, unknown, doubtful (data/SOURCES.md) or not a file source
        level = group_level(code)
        expanded = [
            int(i) for i in occ.index[occ.str.startswith(code[: {1: 2, 2: 5, 3: 8}.get(level, 10)])]
        ]
        if level == 4 or expanded == [occ_index.get(code)]:
            # A detailed occupation, or a minor group without subdivisions (x-xx-xx-00).
            weight = 1.0 if source == "crosswalk" else PROFILE_WEIGHT.get(row["how"], 0.8)
            members = [(occ_index[code], weight)] if code in occ_index else []
        else:
            members = [(i, GROUP_WEIGHT.get(level, 0.3)) for i in expanded]
        rows[source] += [(o, p, w) for o, w in members]
    shape = (len(occ_codes), len(prog_codes))
    return {source: matrix(r, shape) for source, r in rows.items()}


def sibling_links(links: sp.csr_matrix, occupation_group: np.ndarray) -> sp.csr_matrix:
    """Return occupations × programmes: the strongest link of the occupation's *siblings*.

    An occupation no programme names still has neighbours in its minor group that some do
    (中式面点师 → 中式烹调师 → 中餐烹饪): the occupation bridge for programmes off the links. The
    occupation's own links are not counted (they have their own feature).
    """
    links = sp.csr_matrix(links)
    rows: list[tuple[int, int, float]] = []
    members: dict[int, list[int]] = {}
    for o, g in enumerate(occupation_group.tolist()):
        members.setdefault(g, []).append(o)
    for group in members.values():
        if len(group) < 2:
            continue
        block = links[group].toarray()
        for k, o in enumerate(group):
            others = np.delete(block, k, axis=0).max(axis=0)
            rows += [(o, int(p), float(others[p])) for p in np.nonzero(others)[0]]
    return matrix(rows, links.shape)


def similar_programmes(
    occ_docs: sp.csr_matrix, prog_docs: sp.csr_matrix, k: int = 5
) -> sp.csr_matrix:
    """Return occupations × programmes keeping, per occupation, its ``k`` most similar profiles.

    A bridge beside the official links for occupations that no programme names: 中式烹调师
    reaches 中餐烹饪 through the cooking words both texts use. Values are cosines divided by the
    occupation's best one (the best programme gets 1).
    """
    sim = np.asarray((occ_docs @ prog_docs.T).toarray(), dtype=np.float32)
    rows: list[tuple[int, int, float]] = []
    for o in range(sim.shape[0]):
        best = np.argsort(-sim[o])[:k]
        top = float(sim[o, best[0]]) if len(best) else 0.0
        if top > 0.05:
            rows += [(o, int(p), float(sim[o, p]) / top) for p in best]
    return matrix(rows, sim.shape)


def segment_lists(
    segs: Segments, occ_codes: list[str], prog_codes: list[str]
) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """Return segments × occupations and segments × programmes (listed order: 1, 0.8, 0.67…)."""
    occ_index = {c: i for i, c in enumerate(occ_codes)}
    prog_index = {c: i for i, c in enumerate(prog_codes)}
    occ_rows, prog_rows = [], []
    for si, (occs, progs) in enumerate(zip(segs.occupations, segs.programmes, strict=True)):
        occ_rows += [
            (si, occ_index[c], 1.0 / (1.0 + 0.25 * r)) for r, c in enumerate(occs) if c in occ_index
        ]
        prog_rows += [
            (si, prog_index[c], 1.0 / (1.0 + 0.25 * r))
            for r, c in enumerate(progs)
            if c in prog_index
        ]
    n_s = len(segs.keys)
    return (
        matrix(occ_rows, (n_s, len(occ_codes))),
        matrix(prog_rows, (n_s, len(prog_codes))),
    )


def level_prior(ref: ReferenceData, occ_codes: list[str]) -> np.ndarray:
    """Return (occupations × 2): log share of its major group and of its middle group.

    The shares are those of the occupations 中职 programmes lead to (crosswalk and profile
    links, detailed occupations only), add-one smoothed over the groups of the classification:
    a job-board title is more likely a level-4/6 post than an engineer's (2-xx) unless the text
    asks for one. Held-out occupations' links are not in ``ref``, so they do not count.
    """
    linked = {
        row["occupation_code"]
        for row in records(ref.links)
        if row["occupation_code"]
        and not row.get("note")
        and group_level(row["occupation_code"]) == 4
    }
    out = np.zeros((len(occ_codes), 2), np.float32)
    for col, width in ((0, 1), (1, 4)):
        groups = [c[:width] for c in occ_codes]
        counts = Counter(c[:width] for c in linked)
        total = sum(counts.values()) + len(set(groups))
        out[:, col] = [np.log((counts[g] + 1) / total) for g in groups]
    return out
