"""Shared helpers for the demand tests: batch items and platform clients."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, delete, false, or_, select
from sqlalchemy.orm import Session

from tests.factories import api_key_headers, make_user
from vocmatch.accounts.models import User
from vocmatch.demand.models import Posting, PostingProgramme
from vocmatch.enterprises.models import Enterprise
from vocmatch.kit.db import transaction

RARE_EARTH = "赣州稀土集团有限公司"
RARE_EARTH_CODE = "91360700MA35AB12C1"


def item(external_id: str, **kw: Any) -> dict[str, Any]:
    """Return a valid batch item for the sample rare-earth enterprise."""
    base: dict[str, Any] = {
        "external_id": external_id,
        "enterprise_credit_code": RARE_EARTH_CODE,
        "title": "稀土萃取工",
        "description": "串级萃取分离稀土",
        "skills": ["萃取"],
        "headcount": 3,
        "education": "中职",
        "type": "hire",
    }
    base.update(kw)
    return base


def platform_headers(db: Session) -> dict[str, str]:
    """Return API-key headers of a fresh platform client."""
    return api_key_headers(db, make_user(db, "platform"))


def purge(
    engine: Engine,
    *,
    external_prefix: str | None = None,
    enterprise_names: tuple[str, ...] = (),
    usernames: tuple[str, ...] = (),
) -> None:
    """Delete what a test committed to the shared database (postings, enterprises, users).

    Tests that must commit (real server processes, the browser) clean up after themselves so the
    other domains' tests, which read the same database, see the fixture data only.
    """
    with transaction(engine) as s:
        ent_ids = list(
            s.scalars(select(Enterprise.id).where(Enterprise.name.in_(enterprise_names)))
        )
        doomed = select(Posting.id).where(
            or_(
                Posting.external_id.startswith(external_prefix) if external_prefix else false(),
                Posting.enterprise_id.in_(ent_ids),
            )
        )
        ids = list(s.scalars(doomed))
        s.execute(delete(PostingProgramme).where(PostingProgramme.posting_id.in_(ids)))
        s.execute(delete(Posting).where(Posting.id.in_(ids)))
        s.execute(
            delete(User).where(or_(User.username.in_(usernames), User.enterprise_id.in_(ent_ids)))
        )
        s.execute(delete(Enterprise).where(Enterprise.id.in_(ent_ids)))
