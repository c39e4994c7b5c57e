"""programme_occupation: provenance of each link (profile, crosswalk, planner) and a note

Revision ID: 20261204_link_source
Revises: 228a0bc7523f
Create Date: 2026-12-04 18:40:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '20261204_link_source'
down_revision: str | Sequence[str] | None = '228a0bc7523f'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('programme_occupation', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('source', sa.String(length=20), server_default='profile', nullable=False)
        )
        batch_op.add_column(
            sa.Column('note', sa.String(length=300), server_default='', nullable=False)
        )
        batch_op.create_index(
            batch_op.f('ix_programme_occupation_source'), ['source'], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table('programme_occupation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_programme_occupation_source'))
        batch_op.drop_column('note')
        batch_op.drop_column('source')
