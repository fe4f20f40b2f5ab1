"""threads the professional has read, so the menu's unread count skips them

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-27 06:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("thread", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "unread_by_professional", sa.Boolean(), server_default=sa.true(), nullable=False
            )
        )
        batch_op.create_index(
            "ix_thread_professional_unread",
            ["professional_id", "unread_by_professional"],
            unique=False,
        )
    # Threads whose professional already read the latest message.
    op.execute(
        sa.text(
            "UPDATE thread SET unread_by_professional = false WHERE EXISTS ("
            " SELECT 1 FROM thread_read JOIN professional"
            " ON professional.account_id = thread_read.account_id"
            " WHERE thread_read.thread_id = thread.id"
            " AND professional.id = thread.professional_id"
            " AND thread_read.read_at >= thread.last_message_at)"
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("thread", schema=None) as batch_op:
        batch_op.drop_index("ix_thread_professional_unread")
        batch_op.drop_column("unread_by_professional")
