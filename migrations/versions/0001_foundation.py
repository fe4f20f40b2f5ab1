"""foundation: accounts, spaces, professionals, sign-in

Revision ID: 0001
Revises:
Create Date: 2026-11-27 00:34:55.226967
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "holder",
                "professional",
                "operator",
                "facilitator",
                name="account_role",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "active",
                "disabled",
                name="account_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("display_name", sa.String(length=120), nullable=False),
        sa.Column("totp_secret", sa.String(length=64), nullable=True),
        sa.Column("totp_last_step", sa.Integer(), nullable=True),
        sa.Column("totp_pending_secret", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account")),
        sa.UniqueConstraint("email", name=op.f("uq_account_email")),
    )
    op.create_table(
        "throttle",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("first_failure_at", sa.DateTime(), nullable=True),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_throttle")),
    )
    op.create_table(
        "auth_session",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column(
            "factor",
            sa.Enum(
                "email_code",
                "totp",
                name="second_factor",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("end_reason", sa.String(length=20), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_auth_session_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auth_session")),
    )
    with op.batch_alter_table("auth_session", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_auth_session_account_id"), ["account_id"], unique=False
        )

    op.create_table(
        "health_space",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("holder_account_id", sa.Integer(), nullable=True),
        sa.Column("nir", sa.String(length=15), nullable=False),
        sa.Column("given_name", sa.String(length=100), nullable=False),
        sa.Column("family_name", sa.String(length=100), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("department", sa.String(length=3), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "notified",
                "opposed",
                "open",
                "active",
                "closed",
                name="space_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("notice_sent_at", sa.DateTime(), nullable=True),
        sa.Column("opened_at", sa.DateTime(), nullable=True),
        sa.Column("activated_at", sa.DateTime(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["holder_account_id"],
            ["account.id"],
            name=op.f("fk_health_space_holder_account_id_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_health_space")),
        sa.UniqueConstraint("holder_account_id", name=op.f("uq_health_space_holder_account_id")),
        sa.UniqueConstraint("nir", name=op.f("uq_health_space_nir")),
    )
    with op.batch_alter_table("health_space", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_health_space_status"), ["status"], unique=False)

    op.create_table(
        "professional",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rpps", sa.String(length=11), nullable=False),
        sa.Column("profession_code", sa.String(length=3), nullable=False),
        sa.Column("specialty", sa.String(length=120), nullable=True),
        sa.Column("given_name", sa.String(length=100), nullable=False),
        sa.Column("family_name", sa.String(length=100), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_professional_account_id_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_professional")),
        sa.UniqueConstraint("account_id", name=op.f("uq_professional_account_id")),
        sa.UniqueConstraint("rpps", name=op.f("uq_professional_rpps")),
    )
    with op.batch_alter_table("professional", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_professional_profession_code"), ["profession_code"], unique=False
        )

    op.create_table(
        "signin_attempt",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column(
            "factor",
            sa.Enum(
                "email_code",
                "totp",
                name="second_factor",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("code_hash", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("failed_tries", sa.Integer(), nullable=False),
        sa.Column("codes_sent", sa.Integer(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_signin_attempt_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signin_attempt")),
    )


def downgrade() -> None:

    op.drop_table("signin_attempt")
    with op.batch_alter_table("professional", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_professional_profession_code"))

    op.drop_table("professional")
    with op.batch_alter_table("health_space", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_health_space_status"))

    op.drop_table("health_space")
    with op.batch_alter_table("auth_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_auth_session_account_id"))

    op.drop_table("auth_session")
    op.drop_table("throttle")
    op.drop_table("account")
