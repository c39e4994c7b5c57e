"""Programme → chain and segment mapping (work in progress)."""

from __future__ import annotations

from sqlalchemy.orm import Session


def store_model_mappings(session: Session) -> int:
    """Compute and store every programme's chain mapping; return how many programmes."""
    return 0
