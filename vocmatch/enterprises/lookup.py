"""Find an existing enterprise for a name or credit code: exact keys first, then the name resolver.

Exact keys (credit code, legal name, a short name, the name without its legal-form suffix) answer
most lookups with one query for a whole batch. Only names that miss every exact key go to the fuzzy
resolver (issue 3's ``vocmatch.enterprises.resolver``), which is wired in :func:`fuzzy_candidates`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from vocmatch.enterprises.models import Enterprise
from vocmatch.enterprises.resolver import EnterpriseResolver, resolver_from_session

_PARENS = re.compile(r"[（(][^）)]*[）)]")
_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "集团公司", "公司", "集团", "厂")


def normalise(name: str) -> str:
    """Return ``name`` without spaces, bracketed places and the legal-form suffix, lower-cased."""
    s = _PARENS.sub("", "".join(name.split())).lower()
    for suffix in _SUFFIXES:
        if s.endswith(suffix) and len(s) > len(suffix) + 1:
            s = s[: -len(suffix)]
            break
    return s


@dataclass(frozen=True)
class Candidate:
    """An existing enterprise that may be the one meant, with how it was found."""

    id: int
    name: str
    credit_code: str | None
    status: str
    score: float
    how: str  # credit_code | name | short_name | normalised | resolver


class EnterpriseIndex:
    """Exact-key lookups over every enterprise, loaded with one query."""

    def __init__(self, rows: list[tuple[int, str, list[str], str | None, str]]) -> None:
        self.rows = {r[0]: r for r in rows}
        self.by_code: dict[str, int] = {}
        self.by_name: dict[str, int] = {}
        self.by_alias: dict[str, int] = {}
        self.by_norm: dict[str, int] = {}
        for ent_id, name, aliases, code, status in rows:
            # A pending enterprise's short names never resolve: nobody has checked them yet.
            self.add(ent_id, name, aliases if status == "active" else [], code)

    def add(self, ent_id: int, name: str, aliases: list[str], code: str | None) -> None:
        """Index one enterprise (also used for enterprises created during a batch)."""
        if code:
            self.by_code[code] = ent_id
        self.by_name[name] = ent_id
        self.by_norm.setdefault(normalise(name), ent_id)
        for alias in aliases or []:
            self.by_alias.setdefault(alias, ent_id)
            self.by_norm.setdefault(normalise(alias), ent_id)

    def candidate(self, ent_id: int, how: str, score: float = 1.0) -> Candidate:
        """Return the candidate for ``ent_id``."""
        _id, name, _aliases, code, status = self.rows[ent_id]
        return Candidate(ent_id, name, code, status, score, how)

    def exact(self, *, name: str | None, credit_code: str | None) -> Candidate | None:
        """Return the enterprise a credit code or name names exactly, or None."""
        if credit_code and credit_code in self.by_code:
            return self.candidate(self.by_code[credit_code], "credit_code")
        if not name:
            return None
        for how, table, key in (
            ("name", self.by_name, name),
            ("short_name", self.by_alias, name),
            ("normalised", self.by_norm, normalise(name)),
        ):
            if key in table:
                return self.candidate(table[key], how)
        return None


def load_index(session: Session) -> EnterpriseIndex:
    """Return the exact-key index of every enterprise."""
    rows = session.execute(
        select(
            Enterprise.id,
            Enterprise.name,
            Enterprise.short_names,
            Enterprise.credit_code,
            Enterprise.status,
        )
    )
    idx = EnterpriseIndex([(r[0], r[1], list(r[2] or []), r[3], r[4]) for r in rows])
    return idx


# A resolver candidate at least this similar is offered as "did you mean …" on registration.
SIMILAR_MIN = 0.85


def fuzzy_candidates(
    session: Session,
    *,
    name: str,
    credit_code: str | None,
    resolver: EnterpriseResolver | None = None,
    confident_only: bool = False,
) -> list[Candidate]:
    """Return enterprises the name resolver thinks ``name`` may be (best first).

    With ``confident_only`` only the resolver's own answer counts (it needs a clear margin over
    the runner-up); otherwise close runners-up are included for a person to decide.
    """
    resolver = resolver or resolver_from_session(session)
    res = resolver.resolve(name, credit_code)
    found: list[tuple[int, float]] = []
    if res.enterprise_id is not None:
        found.append((res.enterprise_id, res.score))
    if not confident_only:
        found += [(e, s) for e, _n, s in res.candidates if s >= SIMILAR_MIN]
    out: list[Candidate] = []
    statuses = _statuses(session, [e for e, _ in found])
    for ent_id, score in found:
        if ent_id in statuses and all(c.id != ent_id for c in out):
            name_, code, status = statuses[ent_id]
            out.append(Candidate(ent_id, name_, code, status, score, "resolver"))
    return out


def _statuses(session: Session, ids: list[int]) -> dict[int, tuple[str, str | None, str]]:
    if not ids:
        return {}
    rows = session.execute(
        select(Enterprise.id, Enterprise.name, Enterprise.credit_code, Enterprise.status).where(
            Enterprise.id.in_(ids)
        )
    )
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def find_duplicates(
    session: Session, *, name: str, credit_code: str | None, exclude_id: int | None = None
) -> list[Candidate]:
    """Return existing enterprises that ``name``/``credit_code`` probably duplicate (best first)."""
    index = load_index(session)
    found: list[Candidate] = []
    hit = index.exact(name=name, credit_code=credit_code)
    if hit is not None:
        found.append(hit)
    if credit_code and credit_code in index.by_code:
        c = index.candidate(index.by_code[credit_code], "credit_code")
        if c not in found:
            found.insert(0, c)
    if not found:
        found = fuzzy_candidates(session, name=name, credit_code=credit_code)
    return [c for c in found if c.id != exclude_id]
