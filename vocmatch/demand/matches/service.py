"""Read side of matching: what a posting, an enterprise or a programme is matched with."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar, cast

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from vocmatch.catalogue.models import Programme
from vocmatch.demand import repository as repo
from vocmatch.demand.models import Posting, PostingProgramme
from vocmatch.demand.postings.service import get_posting, ranked_programmes
from vocmatch.demand.schemas import (
    DemandPosting,
    EnterpriseMatches,
    EnterpriseProgramme,
    OccupationMatch,
    PostingMatches,
    ProgrammeDemand,
    ProgrammeMatch,
    SchoolSupply,
)
from vocmatch.enterprises.models import Enterprise
from vocmatch.enterprises.service import get_enterprise
from vocmatch.kit import shared
from vocmatch.kit.errors import Forbidden, NotFound
from vocmatch.kit.principal import Principal
from vocmatch.kit.ttlcache import TTLCache

STAFF = ("admin", "planner", "platform")


def _supply(session: Session, codes: list[str]) -> dict[str, list[SchoolSupply]]:
    return {
        code: [
            SchoolSupply(
                school_id=s.id,
                school_code=s.code,
                school_name=s.name,
                year=o.year,
                graduates_per_year=o.graduates_per_year,
            )
            for s, o in pairs
        ]
        for code, pairs in repo.supply(session, codes).items()
    }


def posting_matches(session: Session, *, principal: Principal, posting_id: int) -> PostingMatches:
    """Return the stored match of a posting with the correction applied and schools per programme."""
    p = get_posting(session, principal=principal, posting_id=posting_id)
    match: dict[str, Any] = p.match or {}
    occupations = [OccupationMatch(**o) for o in match.get("occupations", [])]
    if p.occupation_override:
        occupations = [
            OccupationMatch(
                code=p.occupation_override,
                name=repo.occupation_name(session, p.occupation_override),
                score=1.0,
                evidence="corrected by a person",
                corrected=True,
            )
        ] + [o for o in occupations if o.code != p.occupation_override]
    linked = (
        repo.programmes_of_occupation(session, p.occupation_override)
        if p.occupation_override
        else []
    )
    ranked = ranked_programmes(match, p.occupation_override, linked)
    codes = [c for c, _ in ranked]
    names = repo.programme_names(session, codes)
    evidence = {str(x["code"]): x.get("evidence") for x in match.get("programmes", [])}
    supply = _supply(session, codes)
    return PostingMatches(
        posting_id=p.id,
        chain=p.chain_override or p.chain,
        chain_corrected=p.chain_override is not None,
        chains=list(match.get("chains", [])),
        occupations=occupations,
        programmes=[
            ProgrammeMatch(
                code=c,
                name=names.get(c, ""),
                score=round(s, 4),
                evidence=evidence.get(c, "linked to the corrected occupation"),
                schools=supply.get(c, []),
            )
            for c, s in ranked
        ],
        model_version=p.model_version,
        matched_at=p.matched_at,
    )


def enterprise_matches(
    session: Session, *, principal: Principal, enterprise_id: int, limit: int = 20
) -> EnterpriseMatches:
    """Return the programmes (and the schools offering them) that can supply an enterprise's demand."""
    get_enterprise(session, principal=principal, enterprise_id=enterprise_id)
    return cached(
        session,
        ("enterprise", enterprise_id, limit),
        lambda: _enterprise_matches(session, enterprise_id, limit),
    )


def _enterprise_matches(session: Session, enterprise_id: int, limit: int) -> EnterpriseMatches:
    n_postings, headcount = session.execute(
        select(func.count(Posting.id), func.coalesce(func.sum(Posting.headcount), 0)).where(
            Posting.enterprise_id == enterprise_id,
            Posting.deleted_at.is_(None),
            Posting.status == "open",
        )
    ).one()
    pp = PostingProgramme
    weighted = func.sum(pp.score * pp.headcount)
    agg = list(
        session.execute(
            select(pp.programme_code, weighted, func.sum(pp.headcount), func.count())
            .where(pp.enterprise_id == enterprise_id)
            .group_by(pp.programme_code)
            .order_by(weighted.desc())
            .limit(limit)
        )
    )
    codes = [r[0] for r in agg]
    names = repo.programme_names(session, codes)
    supply = _supply(session, codes)
    total = max(int(headcount), 1)
    return EnterpriseMatches(
        enterprise_id=enterprise_id,
        open_postings=int(n_postings),
        headcount=int(headcount),
        programmes=[
            EnterpriseProgramme(
                code=code,
                name=names.get(code, ""),
                score=round(float(weighted) / total, 4),
                headcount=int(hc),
                postings=int(n),
                schools=supply.get(code, []),
            )
            for code, weighted, hc, n in agg
        ],
    )


def programme_demand(
    session: Session, *, principal: Principal, code: str, top: int = 20
) -> ProgrammeDemand:
    """Return the open demand a programme can supply: postings, headcount by chain and type."""
    if principal.role not in STAFF:
        raise Forbidden("demand across enterprises is for staff and the platform")
    prog = session.get(Programme, code)
    if prog is None:
        raise NotFound(f"no 中职 programme with code {code!r}")
    name = prog.name
    return cached(
        session, ("programme", code, top), lambda: _programme_demand(session, code, name, top)
    )


def _programme_demand(session: Session, code: str, name: str, top: int) -> ProgrammeDemand:
    pp = PostingProgramme
    current = (
        pp.programme_code == code,
        or_(pp.valid_until.is_(None), pp.valid_until >= date.today()),
    )
    by_chain: dict[str, int] = defaultdict(int)
    by_type: dict[str, int] = defaultdict(int)
    n = 0
    hc_total = 0
    for ch, typ, cnt, hc in session.execute(
        select(pp.chain, pp.type, func.count(), func.sum(pp.headcount))
        .where(*current)
        .group_by(pp.chain, pp.type)
    ):
        by_chain[ch] += int(hc or 0)
        by_type[typ] += int(hc or 0)
        n += int(cnt)
        hc_total += int(hc or 0)
    top_rows = list(
        session.execute(
            select(
                pp.posting_id,
                pp.enterprise_id,
                Enterprise.name,
                Posting.title,
                pp.headcount,
                pp.type,
                pp.chain,
                pp.score,
                pp.rank,
            )
            .join(Posting, Posting.id == pp.posting_id)
            .join(Enterprise, Enterprise.id == pp.enterprise_id)
            .where(*current)
            .order_by(pp.score.desc(), pp.posting_id)
            .limit(top)
        )
    )
    graduates = sum(s.graduates_per_year for s in _supply(session, [code]).get(code, []))
    return ProgrammeDemand(
        code=code,
        name=name,
        postings=n,
        headcount=hc_total,
        by_chain=dict(by_chain),
        by_type=dict(by_type),
        graduates_per_year=graduates,
        top_postings=[
            DemandPosting(
                id=pid,
                enterprise_id=ent_id,
                enterprise_name=ent_name,
                title=title,
                headcount=hc,
                type=typ,
                chain=None if chain == "unmatched" else chain,
                score=round(score, 4),
                rank=rank,
            )
            for pid, ent_id, ent_name, title, hc, typ, chain, score, rank in top_rows
        ],
    )


# Aggregates are cached per process, keyed by the data they read: the newest posting write (every
# posting write stamps updated_at, and the programme index changes only with it), the shared
# version of the postings (kit.shared: a write through any process, committed late or not, is a
# miss at once when Redis is configured) and the day (expiry). Without Redis a write committed
# late with an older stamp through another process is picked up within CACHE_TTL seconds.
CACHE_TTL = 10.0
# Bounded in entries and in time (kit.ttlcache): at most the answers of the last CACHE_TTL
# seconds, and never more than CACHE_SIZE.
CACHE_SIZE = 256
_cache: TTLCache[Any] = TTLCache(size=CACHE_SIZE, ttl=CACHE_TTL)
_TABLES = ("posting", "posting_programme", "offering")
T = TypeVar("T")


def cached(session: Session, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """Return ``compute()``, reusing the result while no posting was written since (≤ TTL)."""
    version = shared.versions(_TABLES)
    newest = session.scalar(select(func.max(Posting.updated_at)))
    full = (*key, str(newest), date.today().isoformat())
    if version is not None:
        hit = _cache.get(full, version)
        if hit is not None:
            return cast(T, hit)
    return cast(T, _cache.put(full, compute(), version if version is not None else object()))
