"""Labelled items made from public data nobody here wrote, for tuning and for evaluation.

For a set of occupations (a fold, whose titles and links the model scored was not shown):

* ``market`` — each market title mapped to the occupation (MOHRSS 2026) → the occupation, and
  the programmes linked to it (crosswalk or profile, doubtful links left out);
* ``work_type`` — each of its 2022 工种 → the same;
* ``crosswalk`` — the occupation's name and definition → the programmes the MOHRSS 2023
  crosswalk links it to (and the occupation itself).

``seen_noisy_items`` are titles the model *was* shown, padded like job boards pad them.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Collection

from vocmatch.matching.fitting.classifier import noisy
from vocmatch.matching.fitting.devset import Item
from vocmatch.matching.fitting.reference import ReferenceData
from vocmatch.matching.fitting.tables import group_level, records, split_list

SOURCES = ("market", "work_type", "crosswalk")


def _linked(ref: ReferenceData) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Return ``(all direct links, crosswalk links)``: occupation code → programme codes."""
    linked: dict[str, list[str]] = {}
    crosswalk: dict[str, list[str]] = {}
    for row in records(ref.links):
        code = row["occupation_code"]
        if not code or row.get("note") or group_level(code) != 4:
            continue
        for table in (linked, crosswalk) if row.get("source") == "crosswalk" else (linked,):
            progs = table.setdefault(code, [])
            if row["programme_code"] not in progs:
                progs.append(row["programme_code"])
    return linked, crosswalk


def _sample(items: list[Item], limit: int | None) -> list[Item]:
    """Return at most ``limit`` items, the same ones on every run (ordered by a hash of the id)."""
    if limit is None or len(items) <= limit:
        return items
    ranked = sorted(items, key=lambda i: hashlib.sha256(i.id.encode()).hexdigest())
    return sorted(ranked[:limit], key=lambda i: i.id)


def public_items(
    ref: ReferenceData, codes: Collection[str], *, limit: int | None = None
) -> list[Item]:
    """Return the ``market``, ``work_type`` and ``crosswalk`` items of the occupations ``codes``.

    ``ref`` must be the full reference data (the gold programmes come from its links).
    """
    linked, crosswalk = _linked(ref)
    wanted = set(codes)
    by_source: dict[str, list[Item]] = {s: [] for s in SOURCES}
    for row in records(ref.occupations):
        code = row["code"]
        if code not in wanted:
            continue
        progs = linked.get(code, [])
        for source, column in (("market", "market_titles"), ("work_type", "work_types")):
            for k, title in enumerate(dict.fromkeys(split_list(row[column]))):
                by_source[source].append(
                    Item(
                        id=f"{source}-{code}-{k}",
                        source=source,
                        title=title,
                        text="",
                        chain=None,
                        occupations=[code],
                        programmes=list(progs),
                    )
                )
        if crosswalk.get(code):
            by_source["crosswalk"].append(
                Item(
                    id=f"crosswalk-{code}",
                    source="crosswalk",
                    title=row["name"],
                    text=row["definition"],
                    chain=None,
                    occupations=[code],
                    programmes=list(crosswalk[code]),
                )
            )
    return [item for source in SOURCES for item in _sample(by_source[source], limit)]


def seen_noisy_items(
    ref: ReferenceData, *, exclude: Collection[str], limit: int, seed: int = 3
) -> list[Item]:
    """Return known titles of occupations outside ``exclude``, padded like job-board titles."""
    linked, _ = _linked(ref)
    rng = random.Random(seed)
    items = []
    for row in records(ref.occupations):
        code = row["code"]
        if code in exclude:
            continue
        titles = [row["name"], *split_list(row["work_types"]), *split_list(row["market_titles"])]
        for k, title in enumerate(dict.fromkeys(titles)):
            items.append(
                Item(
                    id=f"noisy-{code}-{k}",
                    source="noisy",
                    title=noisy(title, rng),
                    text="",
                    chain=None,
                    occupations=[code],
                    programmes=list(linked.get(code, [])),
                )
            )
    return _sample(items, limit)
