"""merge teacher recognition and 2004bf44889a

Revision ID: d752e9ded240
Revises: 20261205_teacher_recog, 2004bf44889a
Create Date: 2026-12-05 05:05:22.821912+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import vocmatch.kit.db

revision: str = 'd752e9ded240'
down_revision: str | Sequence[str] | None = ('20261205_teacher_recog', '2004bf44889a')
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
