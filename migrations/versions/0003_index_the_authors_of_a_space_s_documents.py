"""index the authors of a space's documents

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 01:40:10.885324
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.create_index(
            "ix_document_space_author",
            ["space_id", "author_kind", "author_professional_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_index("ix_document_space_author")
