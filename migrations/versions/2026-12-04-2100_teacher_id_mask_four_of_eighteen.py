"""teacher ID masks show 4 of 18 characters (36**************34), not 8

Revision ID: 20261204_id_mask
Revises: 726cbf05e06d
Create Date: 2026-12-04 21:00:00+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "20261204_id_mask"
down_revision: str | Sequence[str] | None = "726cbf05e06d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The stored mask is all that is left of the number: keep its first two and last two.
    op.execute(
        "UPDATE teacher SET id_card_mask = SUBSTR(id_card_mask, 1, 2) || '**************' "
        "|| SUBSTR(id_card_mask, 17, 2) WHERE LENGTH(id_card_mask) = 18"
    )


def downgrade() -> None:
    # The hidden digits are gone; nothing to restore.
    pass
