"""representatives are invited with a code

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27 03:07:02.522638
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("representation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("invited_email", sa.String(length=254), nullable=True))
        batch_op.add_column(sa.Column("invitation_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("invitation_expires_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("accepted_at", sa.DateTime(), nullable=True))
        batch_op.alter_column("account_id", existing_type=sa.INTEGER(), nullable=True)
        batch_op.create_unique_constraint(
            batch_op.f("uq_representation_invitation_hash"), ["invitation_hash"]
        )


def downgrade() -> None:
    with op.batch_alter_table("representation", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_representation_invitation_hash"), type_="unique")
        batch_op.alter_column("account_id", existing_type=sa.INTEGER(), nullable=False)
        batch_op.drop_column("accepted_at")
        batch_op.drop_column("invitation_expires_at")
        batch_op.drop_column("invitation_hash")
        batch_op.drop_column("invited_email")
