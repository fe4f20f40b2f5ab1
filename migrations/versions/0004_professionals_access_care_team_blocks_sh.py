"""professionals access: care team, blocks, share codes, consents, emergency, held results

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 01:51:11.287338
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "block",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("professional_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["professional_id"],
            ["professional.id"],
            name=op.f("fk_block_professional_id_professional"),
        ),
        sa.ForeignKeyConstraint(
            ["space_id"],
            ["health_space.id"],
            name=op.f("fk_block_space_id_health_space"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_block")),
        sa.UniqueConstraint("space_id", "professional_id", name="uq_block_pair"),
    )
    op.create_table(
        "care_team_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("professional_id", sa.Integer(), nullable=False),
        sa.Column("joined_at", sa.DateTime(), nullable=False),
        sa.Column("removed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["professional_id"],
            ["professional.id"],
            name=op.f("fk_care_team_member_professional_id_professional"),
        ),
        sa.ForeignKeyConstraint(
            ["space_id"],
            ["health_space.id"],
            name=op.f("fk_care_team_member_space_id_health_space"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_care_team_member")),
        sa.UniqueConstraint("space_id", "professional_id", name="uq_care_team_pair"),
    )
    with op.batch_alter_table("care_team_member", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_care_team_member_professional_id"), ["professional_id"], unique=False
        )

    op.create_table(
        "consultation_consent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("professional_id", sa.Integer(), nullable=False),
        sa.Column("granted_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["professional_id"],
            ["professional.id"],
            name=op.f("fk_consultation_consent_professional_id_professional"),
        ),
        sa.ForeignKeyConstraint(
            ["space_id"],
            ["health_space.id"],
            name=op.f("fk_consultation_consent_space_id_health_space"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation_consent")),
    )
    with op.batch_alter_table("consultation_consent", schema=None) as batch_op:
        batch_op.create_index(
            "ix_consultation_consent_pair", ["space_id", "professional_id"], unique=False
        )

    op.create_table(
        "emergency_access",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("professional_id", sa.Integer(), nullable=False),
        sa.Column(
            "mode",
            sa.Enum(
                "emergency",
                "samu",
                name="emergency_mode",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("reason_category", sa.String(length=40), nullable=False),
        sa.Column("reason_text", sa.String(length=500), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["professional_id"],
            ["professional.id"],
            name=op.f("fk_emergency_access_professional_id_professional"),
        ),
        sa.ForeignKeyConstraint(
            ["space_id"],
            ["health_space.id"],
            name=op.f("fk_emergency_access_space_id_health_space"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_emergency_access")),
    )
    with op.batch_alter_table("emergency_access", schema=None) as batch_op:
        batch_op.create_index(
            "ix_emergency_access_pair", ["space_id", "professional_id"], unique=False
        )

    op.create_table(
        "share_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.Column("used_by_professional_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["space_id"],
            ["health_space.id"],
            name=op.f("fk_share_code_space_id_health_space"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["used_by_professional_id"],
            ["professional.id"],
            name=op.f("fk_share_code_used_by_professional_id_professional"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_share_code")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_share_code_code_hash")),
    )
    with op.batch_alter_table("share_code", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_share_code_space_id"), ["space_id"], unique=False)

    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("held", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("held_notice_sent_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("released_at", sa.DateTime(), nullable=True))
        # The author filter's index also covers "held" now.
        batch_op.drop_index("ix_document_space_author")
        batch_op.create_index(
            "ix_document_space_author",
            ["space_id", "held", "author_kind", "author_professional_id"],
            unique=False,
        )

    with op.batch_alter_table("health_space", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("mask_all", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(
            sa.Column(
                "emergency_consent", sa.Boolean(), server_default=sa.true(), nullable=False
            )
        )
        batch_op.add_column(
            sa.Column("samu_consent", sa.Boolean(), server_default=sa.true(), nullable=False)
        )

    with op.batch_alter_table("professional", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("samu_regulator", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("professional", schema=None) as batch_op:
        batch_op.drop_column("samu_regulator")

    with op.batch_alter_table("health_space", schema=None) as batch_op:
        batch_op.drop_column("samu_consent")
        batch_op.drop_column("emergency_consent")
        batch_op.drop_column("mask_all")

    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_index("ix_document_space_author")
        batch_op.create_index(
            "ix_document_space_author",
            ["space_id", "author_kind", "author_professional_id"],
            unique=False,
        )
        batch_op.drop_column("released_at")
        batch_op.drop_column("held_notice_sent_at")
        batch_op.drop_column("held")

    with op.batch_alter_table("share_code", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_share_code_space_id"))

    op.drop_table("share_code")
    with op.batch_alter_table("emergency_access", schema=None) as batch_op:
        batch_op.drop_index("ix_emergency_access_pair")

    op.drop_table("emergency_access")
    with op.batch_alter_table("consultation_consent", schema=None) as batch_op:
        batch_op.drop_index("ix_consultation_consent_pair")

    op.drop_table("consultation_consent")
    with op.batch_alter_table("care_team_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_care_team_member_professional_id"))

    op.drop_table("care_team_member")
    op.drop_table("block")
