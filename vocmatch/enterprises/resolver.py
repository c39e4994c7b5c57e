"""Find the registered enterprise behind a name as the HR platform sends it.

The platform writes names every way: short (金力永磁), full (江西金力永磁科技有限公司), with or without
有限公司/股份/集团 or a place in brackets (孚能科技（赣州）), in traditional characters, with a typo.
An exact Unified Social Credit Code always wins. Otherwise names are compared as *keys*:

* ``full``: normalised (NFKC, simplified, lower case), spaces, punctuation and brackets removed;
* ``core``: ``full`` without bracketed text and legal-form words (股份有限公司, 集团…);
* ``bare``: ``core`` without a leading place (江西省, 赣州市, 赣县区…), unless fewer than three
  characters would remain (赣州稀土集团 stays 赣州稀土, it does not become 稀土).

An equal key is an ``exact`` (legal name) or ``alias`` (short name) match. Otherwise the best
rapidfuzz ``WRatio`` of the bare keys decides, when it is at least ``FUZZY_MIN`` and clearly
ahead of the next enterprise; else the answer is ``none`` with the closest candidates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from vocmatch.enterprises.models import Enterprise
from vocmatch.matching.text import normalise

How = Literal["credit_code", "exact", "alias", "fuzzy", "none"]

# WRatio of bare keys: one wrong character in a 6-character name scores 83, in a 4-character one
# 75 (too short to tell a typo from another firm), an unrelated firm with a shared word ~50–65.
FUZZY_MIN = 80.0
MARGIN = 3.0  # the best enterprise must lead the next one by this much
CANDIDATE_MIN = 60.0
ALIAS_SCORE = 0.97

_BRACKETED = re.compile(r"[(（\[【〔][^)）\]】〕]*[)）\]】〕]")
_NOT_WORD = re.compile(r"[^0-9a-z\u3400-\u4dbf\u4e00-\u9fff]+")
LEGAL_FORMS = (
    "集团股份有限公司",
    "股份有限公司",
    "有限责任公司",
    "集团有限公司",
    "有限公司",
    "控股集团",
    "集团公司",
    "总公司",
    "集团",
    "股份",
    "公司",
    "co.,ltd.",
    "co.,ltd",
    "co ltd",
    "limited",
    "ltd",
)
PLACES = (
    "中华人民共和国",
    "江西省",
    "江西",
    "赣州市",
    "赣州",
    "赣县区",
    "赣县",
    "章贡区",
    "南康区",
    "南康",
    "广东省",
    "广东",
    "深圳市",
    "深圳",
    "广州市",
    "广州",
    "东莞市",
    "东莞",
    "佛山市",
    "佛山",
    "珠海市",
    "珠海",
    "中山市",
    "中山",
    "惠州市",
    "惠州",
    "香港",
    "澳门",
    "南昌市",
    "南昌",
    "宜春市",
    "宜春",
    "吉安市",
    "吉安",
)


def _strip_suffixes(key: str) -> str:
    changed = True
    while changed:
        changed = False
        for form in LEGAL_FORMS:
            form_key = _NOT_WORD.sub("", form)
            if key.endswith(form_key) and len(key) > len(form_key):
                key = key[: -len(form_key)]
                changed = True
    return key


def _strip_places(key: str) -> str:
    changed = True
    while changed:
        changed = False
        for place in PLACES:
            if key.startswith(place) and len(key) - len(place) >= 3:
                key = key[len(place) :]
                changed = True
    return key


def name_keys(name: str) -> tuple[str, str, str]:
    """Return the ``(full, core, bare)`` comparison keys of an enterprise name."""
    text = normalise(name)
    full = _NOT_WORD.sub("", text)
    core = _strip_suffixes(_NOT_WORD.sub("", _BRACKETED.sub("", text))) or full
    bare = _strip_places(core)
    return full, core, bare


def normalise_credit_code(code: str | None) -> str:
    """Return ``code`` upper-cased without spaces (``""`` for None)."""
    return re.sub(r"\s+", "", normalise(code)).upper() if code else ""


@dataclass
class Resolution:
    """The enterprise found for a name (or none), how, how surely, and the runners-up."""

    enterprise_id: int | None
    score: float
    how: How
    candidates: list[tuple[int, str, float]] = field(default_factory=list)


class EnterpriseResolver:
    """Resolve enterprise names and credit codes against a fixed list of enterprises."""

    def __init__(self) -> None:
        self.names: dict[int, str] = {}
        self.by_code: dict[str, int] = {}
        self.by_key: dict[str, set[int]] = {}
        self.by_alias: dict[str, set[int]] = {}
        self._fuzzy_keys: list[str] = []
        self._fuzzy_owner: list[int] = []

    @classmethod
    def from_records(
        cls, records: Iterable[tuple[int, str, list[str], str | None]]
    ) -> EnterpriseResolver:
        """Build from ``(id, legal name, short names/aliases, credit code)`` records."""
        r = cls()
        for ent_id, name, aliases, code in records:
            r.names[ent_id] = name
            if code:
                r.by_code[normalise_credit_code(code)] = ent_id
            for key in name_keys(name):
                r.by_key.setdefault(key, set()).add(ent_id)
            r._add_fuzzy(name_keys(name)[2], ent_id)
            for alias in aliases or []:
                if not alias or not alias.strip():
                    continue
                for key in name_keys(alias):
                    r.by_alias.setdefault(key, set()).add(ent_id)
                r._add_fuzzy(name_keys(alias)[2], ent_id)
        return r

    def _add_fuzzy(self, key: str, ent_id: int) -> None:
        if key:
            self._fuzzy_keys.append(key)
            self._fuzzy_owner.append(ent_id)

    def _candidates(self, bare: str, limit: int = 5) -> list[tuple[int, str, float]]:
        best: dict[int, float] = {}
        hits = process.extract(
            bare,
            self._fuzzy_keys,
            scorer=fuzz.WRatio,
            limit=limit * 3,
            score_cutoff=CANDIDATE_MIN,
        )
        for _key, score, idx in hits:
            owner = self._fuzzy_owner[idx]
            best[owner] = max(best.get(owner, 0.0), float(score))
        ranked = sorted(best.items(), key=lambda kv: -kv[1])[:limit]
        return [(e, self.names[e], round(s / 100.0, 3)) for e, s in ranked]

    def resolve(self, name: str | None, credit_code: str | None = None) -> Resolution:
        """Return the enterprise for ``credit_code`` (wins when known) or ``name``."""
        code = normalise_credit_code(credit_code)
        if code and code in self.by_code:
            ent = self.by_code[code]
            return Resolution(ent, 1.0, "credit_code", [(ent, self.names[ent], 1.0)])
        if not name or not name.strip():
            return Resolution(None, 0.0, "none", [])
        keys = name_keys(name)
        for table, how, score in (
            (self.by_key, "exact", 1.0),
            (self.by_alias, "alias", ALIAS_SCORE),
        ):
            for key in keys:
                found = table.get(key, set())
                if len(found) == 1:
                    ent = next(iter(found))
                    return Resolution(ent, score, how, [(ent, self.names[ent], score)])  # type: ignore[arg-type]
                if len(found) > 1:  # the same key names two enterprises: let a person decide
                    cands = [(e, self.names[e], score) for e in sorted(found)]
                    return Resolution(None, 0.0, "none", cands)
        cands = self._candidates(keys[2])
        if cands:
            best = cands[0][2] * 100
            runner_up = cands[1][2] * 100 if len(cands) > 1 else 0.0
            if best >= FUZZY_MIN and best - runner_up >= MARGIN:
                return Resolution(cands[0][0], cands[0][2], "fuzzy", cands)
        return Resolution(None, 0.0, "none", cands)


def resolver_from_session(session: Session) -> EnterpriseResolver:
    """Return a resolver over the enterprises in the database (rejected ones excluded)."""
    rows = session.execute(
        select(
            Enterprise.id, Enterprise.name, Enterprise.short_names, Enterprise.credit_code
        ).where(Enterprise.status != "rejected")
    )
    return EnterpriseResolver.from_records(
        (int(i), str(n), [str(a) for a in (s or [])], c) for i, n, s, c in rows
    )
