"""A compact in-memory projection of open demand, kept per data version.

Three layers, each rebuilt only when what it depends on changed (see ``cache.py``):

* ``Lexicon`` — skill terms and segments (change with ``industries.yaml``).
* ``Facts`` per posting — what analytics need from a posting and its stored match: effective
  chain and segment, occupation, skill terms found, and each relevant programme's share. Updated
  incrementally: only postings written since the last look are re-read.
* ``Cube`` per day — headcounts summed into cells (chain, segment, type, location, occupation,
  enterprise, skill term), in total, per programme (attributed) and for unmatched postings. Every
  analytics figure is a sum over cells, so a request never loops over postings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from vocmatch.analytics.scoring import attribution_shares
from vocmatch.analytics.terms import TermIndex

Cell = tuple[Any, ...]
UNASSIGNED = ""  # segment key of chain demand no segment claims


@dataclass(frozen=True)
class SegmentInfo:
    chain: str
    key: str
    name_zh: str
    name_en: str
    occupations: frozenset[str]
    programmes: tuple[str, ...]
    terms: frozenset[str]


@dataclass
class Lexicon:
    """Skill terms and segments, as loaded from industries.yaml."""

    terms: TermIndex
    segments: list[SegmentInfo]
    by_chain: dict[str, list[SegmentInfo]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for s in self.segments:
            self.by_chain.setdefault(s.chain, []).append(s)


def build_lexicon(segment_rows: Iterable[Any], term_rows: Iterable[Any]) -> Lexicon:
    """Return the lexicon of ``segment_rows`` and ``term_rows`` (see repository)."""
    segs = list(segment_rows)
    terms = list(term_rows)
    by_segment: dict[int, set[str]] = defaultdict(set)
    for t in terms:
        by_segment[t.segment_id].add(t.zh)
    infos = [
        SegmentInfo(
            chain=s.chain_key,
            key=s.key,
            name_zh=s.name_zh,
            name_en=s.name_en,
            occupations=frozenset(s.occupation_codes or ()),
            programmes=tuple(s.programme_codes or ()),
            terms=frozenset(by_segment[s.id]),
        )
        for s in segs
    ]
    index = TermIndex.build((t.chain_key, t.zh, t.en, t.synonyms or ()) for t in terms)
    return Lexicon(terms=index, segments=infos)


@dataclass(frozen=True, slots=True)
class Facts:
    """What the analytics use of one posting."""

    id: int
    enterprise_id: int
    headcount: int
    type: str
    live: bool  # open and not deleted
    valid_until: date | None
    matched: bool  # has a stored match (or a person's chain)
    chain: str
    segment: str
    occupation: str
    terms: frozenset[str]
    shares: tuple[tuple[str, float, float], ...]  # (programme, share, relevance)

    def counts_on(self, day: date) -> bool:
        """True when the posting is open demand on ``day``."""
        return self.live and (self.valid_until is None or self.valid_until >= day)


def dormant(posting_id: int) -> Facts:
    """Return the placeholder facts of a posting that is not open (it never counts)."""
    return Facts(posting_id, 0, 0, "", False, None, False, "none", UNASSIGNED, "", frozenset(), ())


def posting_segment(
    chain: str, terms: frozenset[str], occupation: str, programmes: Iterable[str], lexicon: Lexicon
) -> str:
    """Return the segment of a posting within its chain (``""`` when none claims it).

    score(segment) = 2 · |skill terms of the segment found in the posting| + 1 if the posting's
    occupation is one of the segment's + 1 if its most relevant programme is one of the segment's;
    the highest positive score wins, ties to the more upstream segment.
    """
    best, best_score = UNASSIGNED, 0
    top = next(iter(programmes), None)
    for seg in lexicon.by_chain.get(chain, ()):
        score = 2 * len(terms & seg.terms)
        score += occupation in seg.occupations
        score += top is not None and top in seg.programmes
        if score > best_score:
            best, best_score = seg.key, score
    return best


def _text(value: Any) -> str:
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value or "")


def facts_of(row: Any, lexicon: Lexicon, *, min_relevance: float, max_programmes: int) -> Facts:
    """Return the facts of one posting row (``repository.POSTING_COLUMNS``)."""
    match: dict[str, Any] = row.match if isinstance(row.match, dict) else {}
    chain = row.chain_override or row.chain or match.get("chain") or ""
    programmes = match.get("programmes") or []
    scores = [
        (str(p.get("code")), float(p.get("score") or 0.0))
        for p in programmes
        if isinstance(p, dict) and p.get("code")
    ]
    occupations = match.get("occupations") or []
    occupation = row.occupation_override or (
        str(occupations[0].get("code") or "")
        if occupations and isinstance(occupations[0], dict)
        else ""
    )
    shares_raw = attribution_shares(
        scores, min_relevance=min_relevance, max_programmes=max_programmes
    )
    relevance = dict(scores)
    terms = lexicon.terms.find(_text(row.skills), row.title or "", row.description or "")
    segment = match.get("segment") or (
        posting_segment(chain, terms, occupation, (c for c, _ in shares_raw), lexicon)
        if chain and chain != "none"
        else UNASSIGNED
    )
    return Facts(
        id=row.id,
        enterprise_id=row.enterprise_id,
        headcount=int(row.headcount or 0),
        type=row.type,
        live=row.status == "open" and row.deleted_at is None,
        valid_until=row.valid_until,
        matched=bool(chain),
        chain=chain or "none",
        segment=segment,
        occupation=occupation,
        terms=terms,
        shares=tuple((c, s, max(relevance.get(c, 0.0), 0.0)) for c, s in shares_raw),
    )


def _nested() -> defaultdict[Any, defaultdict[Any, float]]:
    return defaultdict(lambda: defaultdict(float))


@dataclass
class Cube:
    """Open demand on ``as_of`` summed into cells: in total, per programme and unmatched.

    * ``total`` / ``unmatched``: headcount per coarse cell — ``("all",)``, ``("chain", k)``,
      ``("seg", k, s)``, ``("type", k, s, t)``, ``("loc", k, s, l)``;
    * ``detail_total`` / ``unmatched_detail``: headcount per (kind, chain) → key, for the kinds
      ``occ`` (occupation code), ``ent`` (enterprise id) and ``term`` (skill term);
    * per programme c (attributed demand a_pc): ``demand[c]`` = D_c, ``chains[c][k]``,
      ``segments[c][(k, s)]``, ``terms[c][t]``, ``detail[c][(kind, k, key)]``, and
      ``rel[c]`` = Σ a_pc · s_pc; ``postings_of[c]`` maps posting id → a_pc.
    """

    as_of: date
    type_weights: dict[str, float]
    total: defaultdict[Cell, float] = field(default_factory=lambda: defaultdict(float))
    unmatched: defaultdict[Cell, float] = field(default_factory=lambda: defaultdict(float))
    detail_total: defaultdict[Any, defaultdict[Any, float]] = field(default_factory=_nested)
    unmatched_detail: defaultdict[Any, defaultdict[Any, float]] = field(default_factory=_nested)
    demand: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    chains: defaultdict[str, defaultdict[str, float]] = field(default_factory=_nested)
    segments: defaultdict[str, defaultdict[Any, float]] = field(default_factory=_nested)
    terms: defaultdict[str, defaultdict[str, float]] = field(default_factory=_nested)
    detail: defaultdict[str, defaultdict[Any, float]] = field(default_factory=_nested)
    rel: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    postings_of: defaultdict[str, dict[int, float]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    not_matched: list[float] = field(default_factory=lambda: [0, 0.0])  # postings, headcount
    postings: int = 0

    def add(self, f: Facts, location: str, sign: int = 1) -> None:
        """Add (sign=1) or remove (sign=-1) a posting's contribution."""
        if not f.counts_on(self.as_of):
            return
        h = sign * f.headcount * self.type_weights.get(f.type, 1.0)
        if not f.matched:
            self.not_matched[0] += sign
            self.not_matched[1] += h
            return
        self.postings += sign
        k, s = f.chain, f.segment
        coarse = (("all",), ("chain", k), ("seg", k, s))
        keys = [("occ", f.occupation), ("ent", f.enterprise_id), *(("term", t) for t in f.terms)]
        total = self.total
        for cell in coarse:
            total[cell] += h
        total[("type", k, s, f.type)] += h
        total[("loc", k, s, location)] += h
        for kind, key in keys:
            self.detail_total[(kind, k)][key] += h
        if not f.shares:
            for cell in coarse:
                self.unmatched[cell] += h
            for kind, key in keys:
                self.unmatched_detail[(kind, k)][key] += h
            return
        for code, share, relevance in f.shares:
            a = h * share
            self.demand[code] += a
            self.chains[code][k] += a
            self.segments[code][(k, s)] += a
            detail = self.detail[code]
            for kind, key in keys:
                detail[(kind, k, key)] += a
            terms = self.terms[code]
            for t in f.terms:
                terms[t] += a
            self.rel[code] += a * relevance
            if sign > 0:
                self.postings_of[code][f.id] = a
            else:
                self.postings_of[code].pop(f.id, None)
