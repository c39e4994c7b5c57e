"""merge partnership, teacher and analytics migrations

Revision ID: 20261129_merge1
Revises: 20261129_pship, c83330e123eb, 20261129_offering_courses
Create Date: 2026-11-29 06:12:30.525548+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import vocmatch.db

revision: str = '20261129_merge1'
down_revision: str | Sequence[str] | None = ('20261129_pship', 'c83330e123eb', '20261129_offering_courses')
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
