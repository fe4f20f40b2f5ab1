"""messaging, agenda and the life of a space

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 03:04:43.572486
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "enrolment_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("lines_read", sa.Integer(), nullable=False),
        sa.Column("spaces_created", sa.Integer(), nullable=False),
        sa.Column("outside_pilot", sa.Integer(), nullable=False),
        sa.Column("already_known", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrolment_batch")),
    )
    op.create_table(
        "activation_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["space_id"],
            ["health_space.id"],
            name=op.f("fk_activation_code_space_id_health_space"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activation_code")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_activation_code_code_hash")),
    )
    with op.batch_alter_table("activation_code", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_activation_code_space_id"), ["space_id"], unique=False)

    op.create_table(
        "appointment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=True),
        sa.Column("professional_id", sa.Integer(), nullable=True),
        sa.Column("professional_text", sa.String(length=200), nullable=True),
        sa.Column("note", sa.String(length=1000), nullable=True),
        sa.Column("remind_same_day", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_by_professional_id", sa.Integer(), nullable=True),
        sa.Column("created_by_account_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(), nullable=True),
        sa.Column("day_before_reminded_at", sa.DateTime(), nullable=True),
        sa.Column("same_day_reminded_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_account_id"],
            ["account.id"],
            name=op.f("fk_appointment_created_by_account_id_account"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by_professional_id"],
            ["professional.id"],
            name=op.f("fk_appointment_created_by_professional_id_professional"),
        ),
        sa.ForeignKeyConstraint(
            ["professional_id"],
            ["professional.id"],
            name=op.f("fk_appointment_professional_id_professional"),
        ),
        sa.ForeignKeyConstraint(
            ["space_id"],
            ["health_space.id"],
            name=op.f("fk_appointment_space_id_health_space"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointment")),
    )
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.create_index(
            "ix_appointment_space_starts", ["space_id", "starts_at"], unique=False
        )
        batch_op.create_index("ix_appointment_starts", ["starts_at"], unique=False)

    op.create_table(
        "calendar_feed",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["space_id"],
            ["health_space.id"],
            name=op.f("fk_calendar_feed_space_id_health_space"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_feed")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_calendar_feed_token_hash")),
    )
    with op.batch_alter_table("calendar_feed", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_calendar_feed_space_id"), ["space_id"], unique=False)

    op.create_table(
        "export",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("requested_by_account_id", sa.Integer(), nullable=True),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "ready",
                "failed",
                name="export_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("ready_at", sa.DateTime(), nullable=True),
        sa.Column("expires_at", sa.DateTime(), nullable=True),
        sa.Column("file_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["file_id"], ["stored_file.id"], name=op.f("fk_export_file_id_stored_file")
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_account_id"],
            ["account.id"],
            name=op.f("fk_export_requested_by_account_id_account"),
        ),
        sa.ForeignKeyConstraint(
            ["space_id"],
            ["health_space.id"],
            name=op.f("fk_export_space_id_health_space"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_export")),
    )
    with op.batch_alter_table("export", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_export_space_id"), ["space_id"], unique=False)

    op.create_table(
        "notice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.Column(
            "channel",
            sa.Enum(
                "email", "letter", name="notice_channel", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("window_ends_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("printed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["enrolment_batch.id"], name=op.f("fk_notice_batch_id_enrolment_batch")
        ),
        sa.ForeignKeyConstraint(
            ["space_id"],
            ["health_space.id"],
            name=op.f("fk_notice_space_id_health_space"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notice")),
    )
    with op.batch_alter_table("notice", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notice_space_id"), ["space_id"], unique=False)

    op.create_table(
        "opposition",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column(
            "channel",
            sa.Enum(
                "online",
                "post",
                name="opposition_channel",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("recorded_by_account_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["recorded_by_account_id"],
            ["account.id"],
            name=op.f("fk_opposition_recorded_by_account_id_account"),
        ),
        sa.ForeignKeyConstraint(
            ["space_id"],
            ["health_space.id"],
            name=op.f("fk_opposition_space_id_health_space"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opposition")),
        sa.UniqueConstraint("space_id", name=op.f("uq_opposition_space_id")),
    )
    op.create_table(
        "prevention_hidden",
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.String(length=60), nullable=False),
        sa.Column("hidden_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["space_id"],
            ["health_space.id"],
            name=op.f("fk_prevention_hidden_space_id_health_space"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("space_id", "item_key", name=op.f("pk_prevention_hidden")),
    )
    op.create_table(
        "representation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "parent",
                "carer",
                name="representation_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("sections", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("granted_by_account_id", sa.Integer(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_representation_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["granted_by_account_id"],
            ["account.id"],
            name=op.f("fk_representation_granted_by_account_id_account"),
        ),
        sa.ForeignKeyConstraint(
            ["space_id"],
            ["health_space.id"],
            name=op.f("fk_representation_space_id_health_space"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_representation")),
    )
    with op.batch_alter_table("representation", schema=None) as batch_op:
        batch_op.create_index(
            "ix_representation_account", ["account_id", "revoked_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_representation_space_id"), ["space_id"], unique=False)

    op.create_table(
        "thread",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("professional_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column(
            "opened_by",
            sa.Enum(
                "holder",
                "professional",
                name="thread_side",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_message_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("closed_reason", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["professional_id"],
            ["professional.id"],
            name=op.f("fk_thread_professional_id_professional"),
        ),
        sa.ForeignKeyConstraint(
            ["space_id"],
            ["health_space.id"],
            name=op.f("fk_thread_space_id_health_space"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_thread")),
    )
    with op.batch_alter_table("thread", schema=None) as batch_op:
        batch_op.create_index(
            "ix_thread_professional_last", ["professional_id", "last_message_at"], unique=False
        )
        batch_op.create_index("ix_thread_space_last", ["space_id", "last_message_at"], unique=False)

    op.create_table(
        "message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=False),
        sa.Column(
            "side",
            sa.Enum(
                "holder",
                "professional",
                name="message_side",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("author_account_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "text",
                "renewal_request",
                name="message_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_account_id"], ["account.id"], name=op.f("fk_message_author_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_message_document_id_document"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["thread_id"],
            ["thread.id"],
            name=op.f("fk_message_thread_id_thread"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message")),
    )
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.create_index(
            "ix_message_thread_created", ["thread_id", "created_at"], unique=False
        )

    op.create_table(
        "thread_read",
        sa.Column("thread_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_thread_read_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["thread_id"],
            ["thread.id"],
            name=op.f("fk_thread_read_thread_id_thread"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("thread_id", "account_id", name=op.f("pk_thread_read")),
    )
    op.create_table(
        "message_attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("file_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["file_id"], ["stored_file.id"], name=op.f("fk_message_attachment_file_id_stored_file")
        ),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["message.id"],
            name=op.f("fk_message_attachment_message_id_message"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_attachment")),
    )
    with op.batch_alter_table("message_attachment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_message_attachment_message_id"), ["message_id"], unique=False
        )

    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("confidential", sa.Boolean(), server_default=sa.false(), nullable=False)
        )

    with op.batch_alter_table("health_space", schema=None) as batch_op:
        batch_op.add_column(sa.Column("email_on_file", sa.String(length=254), nullable=True))
        batch_op.add_column(sa.Column("address_line", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("postcode", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("town", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("insured_parent_nir", sa.String(length=15), nullable=True))
        batch_op.add_column(sa.Column("closure_reason", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("death_recorded_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("deletion_requested_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("purged_at", sa.DateTime(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_health_space_insured_parent_nir"), ["insured_parent_nir"], unique=False
        )

    with op.batch_alter_table("reimbursement", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("confidential", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("reimbursement", schema=None) as batch_op:
        batch_op.drop_column("confidential")

    with op.batch_alter_table("health_space", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_health_space_insured_parent_nir"))
        batch_op.drop_column("purged_at")
        batch_op.drop_column("deletion_requested_at")
        batch_op.drop_column("death_recorded_at")
        batch_op.drop_column("closure_reason")
        batch_op.drop_column("insured_parent_nir")
        batch_op.drop_column("town")
        batch_op.drop_column("postcode")
        batch_op.drop_column("address_line")
        batch_op.drop_column("email_on_file")

    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_column("confidential")

    with op.batch_alter_table("message_attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_message_attachment_message_id"))

    op.drop_table("message_attachment")
    op.drop_table("thread_read")
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.drop_index("ix_message_thread_created")

    op.drop_table("message")
    with op.batch_alter_table("thread", schema=None) as batch_op:
        batch_op.drop_index("ix_thread_space_last")
        batch_op.drop_index("ix_thread_professional_last")

    op.drop_table("thread")
    with op.batch_alter_table("representation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_representation_space_id"))
        batch_op.drop_index("ix_representation_account")

    op.drop_table("representation")
    op.drop_table("prevention_hidden")
    op.drop_table("opposition")
    with op.batch_alter_table("notice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notice_space_id"))

    op.drop_table("notice")
    with op.batch_alter_table("export", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_export_space_id"))

    op.drop_table("export")
    with op.batch_alter_table("calendar_feed", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calendar_feed_space_id"))

    op.drop_table("calendar_feed")
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.drop_index("ix_appointment_starts")
        batch_op.drop_index("ix_appointment_space_starts")

    op.drop_table("appointment")
    with op.batch_alter_table("activation_code", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activation_code_space_id"))

    op.drop_table("activation_code")
    op.drop_table("enrolment_batch")
