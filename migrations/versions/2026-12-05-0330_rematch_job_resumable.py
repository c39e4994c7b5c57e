"""re-match jobs resume after their worker dies: cursor, attempts, worker

Revision ID: 20261205_rematch_resume
Revises: 20261204_id_mask
Create Date: 2026-12-05 03:30:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261205_rematch_resume"
down_revision: str | Sequence[str] | None = "20261204_id_mask"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("rematch_job") as batch:
        batch.add_column(sa.Column("cursor", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(
            sa.Column("worker", sa.String(length=100), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("rematch_job") as batch:
        batch.drop_column("worker")
        batch.drop_column("attempts")
        batch.drop_column("cursor")
