"""posting identity includes the writer's namespace (an enterprise's ids are its own)

Revision ID: 20261204_posting_ns
Revises: 20261204_planner
Create Date: 2026-12-04 19:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261204_posting_ns"
down_revision: str | Sequence[str] | None = "20261204_planner"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("posting") as batch:
        batch.add_column(
            sa.Column("namespace", sa.String(length=24), server_default="", nullable=False)
        )
    # Postings written through the portal were written by their enterprise's users.
    op.execute(
        "UPDATE posting SET namespace = 'enterprise:' || CAST(enterprise_id AS VARCHAR) "
        "WHERE source = 'portal'"
    )
    with op.batch_alter_table("posting") as batch:
        batch.drop_constraint("uq_posting_source_external_id", type_="unique")
        batch.create_unique_constraint(
            "uq_posting_source_namespace_external_id", ["source", "namespace", "external_id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("posting") as batch:
        batch.drop_constraint("uq_posting_source_namespace_external_id", type_="unique")
        batch.create_unique_constraint("uq_posting_source_external_id", ["source", "external_id"])
        batch.drop_column("namespace")
