"""merge heads: rematch resume + designations

Revision ID: 2004bf44889a
Revises: 20261205_designations, 20261205_rematch_resume
Create Date: 2026-12-05 04:50:35.906421+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import vocmatch.kit.db

revision: str = '2004bf44889a'
down_revision: str | Sequence[str] | None = ('20261205_designations', '20261205_rematch_resume')
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
