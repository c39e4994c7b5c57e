"""The model's programme → chain rows: whether they come from the current model.

The rows are computed in ``vocmatch.matching.programme_chains`` (the matcher sits above this
domain) and are proposals only: the curated lists of industries.yaml decide, and a planner accepts
a proposal or decides otherwise (``governance.py``, ``placements.py``).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from vocmatch.catalogue.models import Programme
from vocmatch.industries.models import ProgrammeChain


def is_current(session: Session, *, version: str) -> bool:
    """Return True when the stored model rows come from model ``version`` (or there is nothing
    to map: no programmes loaded)."""
    if session.scalar(select(Programme.code).limit(1)) is None:
        return True
    stored = session.scalar(
        select(ProgrammeChain.model_version).where(ProgrammeChain.source == "model").limit(1)
    )
    return stored == version
