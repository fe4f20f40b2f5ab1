"""workshops, sandbox clock, feedback; export start; confidential threads

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27 03:39:38.660098
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sandbox_clock",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("offset_seconds", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sandbox_clock")),
    )
    op.create_table(
        "workshop_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("scenario", sa.Text(), nullable=True),
        sa.Column("join_code_hash", sa.String(length=64), nullable=False),
        sa.Column("facilitator_account_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["facilitator_account_id"],
            ["account.id"],
            name=op.f("fk_workshop_session_facilitator_account_id_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshop_session")),
        sa.UniqueConstraint("join_code_hash", name=op.f("uq_workshop_session_join_code_hash")),
    )
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("page", sa.String(length=200), nullable=False),
        sa.Column("persona", sa.String(length=40), nullable=True),
        sa.Column("trying", sa.String(length=1000), nullable=False),
        sa.Column("worked", sa.String(length=10), nullable=False),
        sa.Column("hard", sa.String(length=1000), nullable=True),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["workshop_session.id"],
            name=op.f("fk_feedback_session_id_workshop_session"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
    )
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.create_index("ix_feedback_session_page", ["session_id", "page"], unique=False)

    with op.batch_alter_table("export", schema=None) as batch_op:
        batch_op.add_column(sa.Column("started_at", sa.DateTime(), nullable=True))

    with op.batch_alter_table("thread", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("confidential", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("thread", schema=None) as batch_op:
        batch_op.drop_column("confidential")

    with op.batch_alter_table("export", schema=None) as batch_op:
        batch_op.drop_column("started_at")

    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_index("ix_feedback_session_page")

    op.drop_table("feedback")
    op.drop_table("workshop_session")
    op.drop_table("sandbox_clock")
