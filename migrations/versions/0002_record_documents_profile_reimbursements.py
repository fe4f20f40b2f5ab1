"""record: documents, profile, reimbursements, history, notifications

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 00:48:10.562276
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_entry",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=True),
        sa.Column("event", sa.String(length=60), nullable=False),
        sa.Column("actor_role", sa.String(length=20), nullable=False),
        sa.Column("actor_account_id", sa.Integer(), nullable=True),
        sa.Column("actor_professional_id", sa.Integer(), nullable=True),
        sa.Column("actor_profession_code", sa.String(length=3), nullable=True),
        sa.Column("target_type", sa.String(length=30), nullable=True),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("category", sa.String(length=40), nullable=True),
        sa.Column("reason", sa.String(length=600), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_entry")),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index(
            "ix_audit_entry_space_actor_role", ["space_id", "actor_role", "seq"], unique=False
        )
        batch_op.create_index("ix_audit_entry_space_seq", ["space_id", "seq"], unique=False)

    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    op.create_table(
        "stored_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("storage_name", sa.String(length=64), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(length=60), nullable=False),
        sa.Column("original_name", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stored_file")),
        sa.UniqueConstraint("storage_name", name=op.f("uq_stored_file_storage_name")),
    )
    op.create_table(
        "notification_preference",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("email", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_notification_preference_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("account_id", "kind", name=op.f("pk_notification_preference")),
    )
    op.create_table(
        "allergy",
        sa.Column("substance", sa.String(length=200), nullable=False),
        sa.Column("reaction", sa.String(length=300), nullable=True),
        sa.Column(
            "severity",
            sa.Enum(
                "mild",
                "moderate",
                "severe",
                name="allergy_severity",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
        sa.Column("noted_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["space_id"],
            ["health_space.id"],
            name=op.f("fk_allergy_space_id_health_space"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_allergy")),
    )
    with op.batch_alter_table("allergy", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_allergy_space_id"), ["space_id"], unique=False)

    op.create_table(
        "contact",
        sa.Column(
            "kind",
            sa.Enum(
                "trusted_person",
                "emergency",
                name="contact_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("relation", sa.String(length=100), nullable=True),
        sa.Column("phone", sa.String(length=30), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["space_id"],
            ["health_space.id"],
            name=op.f("fk_contact_space_id_health_space"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact")),
    )
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_space_id"), ["space_id"], unique=False)

    op.create_table(
        "document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "compte_rendu",
                "synthese",
                "imagerie",
                "prescription",
                "dispensation",
                "plan_de_soins",
                "traitement_administre",
                "certificat",
                "document_patient",
                name="document_category",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("document_date", sa.Date(), nullable=False),
        sa.Column(
            "author_kind",
            sa.Enum(
                "holder",
                "professional",
                "migration",
                name="author_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("author_professional_id", sa.Integer(), nullable=True),
        sa.Column("author_label", sa.String(length=200), nullable=True),
        sa.Column("added_by_account_id", sa.Integer(), nullable=True),
        sa.Column("file_id", sa.Integer(), nullable=False),
        sa.Column("masked", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["added_by_account_id"],
            ["account.id"],
            name=op.f("fk_document_added_by_account_id_account"),
        ),
        sa.ForeignKeyConstraint(
            ["author_professional_id"],
            ["professional.id"],
            name=op.f("fk_document_author_professional_id_professional"),
        ),
        sa.ForeignKeyConstraint(
            ["file_id"], ["stored_file.id"], name=op.f("fk_document_file_id_stored_file")
        ),
        sa.ForeignKeyConstraint(
            ["space_id"],
            ["health_space.id"],
            name=op.f("fk_document_space_id_health_space"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
    )
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_document_author_professional_id"),
            ["author_professional_id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_document_space_date", ["space_id", "document_date", "id"], unique=False
        )

    op.create_table(
        "measurement",
        sa.Column(
            "kind",
            sa.Enum(
                "weight",
                "height",
                "blood_pressure",
                "glycaemia",
                "heart_rate",
                "temperature",
                name="measurement_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("second_value", sa.Float(), nullable=True),
        sa.Column("measured_on", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["space_id"],
            ["health_space.id"],
            name=op.f("fk_measurement_space_id_health_space"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measurement")),
    )
    with op.batch_alter_table("measurement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_measurement_space_id"), ["space_id"], unique=False)
        batch_op.create_index(
            "ix_measurement_space_kind_date", ["space_id", "kind", "measured_on"], unique=False
        )

    op.create_table(
        "medical_history",
        sa.Column(
            "kind",
            sa.Enum(
                "personal", "family", name="history_kind", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("relative", sa.String(length=60), nullable=True),
        sa.Column("since", sa.Date(), nullable=True),
        sa.Column("note", sa.String(length=1000), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["space_id"],
            ["health_space.id"],
            name=op.f("fk_medical_history_space_id_health_space"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_medical_history")),
    )
    with op.batch_alter_table("medical_history", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_medical_history_space_id"), ["space_id"], unique=False)

    op.create_table(
        "my_professional",
        sa.Column("professional_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["professional_id"],
            ["professional.id"],
            name=op.f("fk_my_professional_professional_id_professional"),
        ),
        sa.ForeignKeyConstraint(
            ["space_id"],
            ["health_space.id"],
            name=op.f("fk_my_professional_space_id_health_space"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_my_professional")),
        sa.UniqueConstraint("space_id", "professional_id", name="uq_my_professional_pair"),
    )
    with op.batch_alter_table("my_professional", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_my_professional_space_id"), ["space_id"], unique=False)

    op.create_table(
        "notification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("actor_professional_id", sa.Integer(), nullable=True),
        sa.Column("category", sa.String(length=40), nullable=True),
        sa.Column("target_type", sa.String(length=30), nullable=True),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("audit_seq", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=True),
        sa.Column("emailed", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_notification_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["actor_professional_id"],
            ["professional.id"],
            name=op.f("fk_notification_actor_professional_id_professional"),
        ),
        sa.ForeignKeyConstraint(
            ["space_id"],
            ["health_space.id"],
            name=op.f("fk_notification_space_id_health_space"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification")),
    )
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.create_index(
            "ix_notification_account_unread", ["account_id", "read_at", "id"], unique=False
        )

    op.create_table(
        "private_note",
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["space_id"],
            ["health_space.id"],
            name=op.f("fk_private_note_space_id_health_space"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_private_note")),
    )
    with op.batch_alter_table("private_note", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_private_note_space_id"), ["space_id"], unique=False)

    op.create_table(
        "reimbursement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("care_date", sa.Date(), nullable=False),
        sa.Column("act_code", sa.String(length=20), nullable=False),
        sa.Column("care_type", sa.String(length=30), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("professional_rpps", sa.String(length=11), nullable=True),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("reimbursed_cents", sa.Integer(), nullable=False),
        sa.Column("line_key", sa.String(length=64), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["space_id"],
            ["health_space.id"],
            name=op.f("fk_reimbursement_space_id_health_space"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reimbursement")),
        sa.UniqueConstraint("line_key", name=op.f("uq_reimbursement_line_key")),
    )
    with op.batch_alter_table("reimbursement", schema=None) as batch_op:
        batch_op.create_index(
            "ix_reimbursement_space_date", ["space_id", "care_date"], unique=False
        )

    op.create_table(
        "treatment",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("dosage", sa.String(length=300), nullable=True),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("prescriber", sa.String(length=200), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["space_id"],
            ["health_space.id"],
            name=op.f("fk_treatment_space_id_health_space"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_treatment")),
    )
    with op.batch_alter_table("treatment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_treatment_space_id"), ["space_id"], unique=False)

    op.create_table(
        "vaccination",
        sa.Column("vaccine", sa.String(length=200), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("batch", sa.String(length=60), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["space_id"],
            ["health_space.id"],
            name=op.f("fk_vaccination_space_id_health_space"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vaccination")),
    )
    with op.batch_alter_table("vaccination", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vaccination_space_id"), ["space_id"], unique=False)

    op.create_table(
        "wishes",
        sa.Column("advance_directives", sa.Text(), nullable=True),
        sa.Column("directives_written_on", sa.Date(), nullable=True),
        sa.Column(
            "organ_donation",
            sa.Enum(
                "not_said",
                "agrees",
                "refuses",
                name="organ_donation",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("organ_donation_note", sa.String(length=500), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["space_id"],
            ["health_space.id"],
            name=op.f("fk_wishes_space_id_health_space"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wishes")),
        sa.UniqueConstraint("space_id", name="uq_wishes_space_id"),
    )
    with op.batch_alter_table("wishes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_wishes_space_id"), ["space_id"], unique=False)

    with op.batch_alter_table("health_space", schema=None) as batch_op:
        batch_op.add_column(sa.Column("gp_professional_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_health_space_gp_professional_id_professional"),
            "professional",
            ["gp_professional_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("health_space", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_health_space_gp_professional_id_professional"), type_="foreignkey"
        )
        batch_op.drop_column("gp_professional_id")

    with op.batch_alter_table("wishes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_wishes_space_id"))

    op.drop_table("wishes")
    with op.batch_alter_table("vaccination", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vaccination_space_id"))

    op.drop_table("vaccination")
    with op.batch_alter_table("treatment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_treatment_space_id"))

    op.drop_table("treatment")
    with op.batch_alter_table("reimbursement", schema=None) as batch_op:
        batch_op.drop_index("ix_reimbursement_space_date")

    op.drop_table("reimbursement")
    with op.batch_alter_table("private_note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_private_note_space_id"))

    op.drop_table("private_note")
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_index("ix_notification_account_unread")

    op.drop_table("notification")
    with op.batch_alter_table("my_professional", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_my_professional_space_id"))

    op.drop_table("my_professional")
    with op.batch_alter_table("medical_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_medical_history_space_id"))

    op.drop_table("medical_history")
    with op.batch_alter_table("measurement", schema=None) as batch_op:
        batch_op.drop_index("ix_measurement_space_kind_date")
        batch_op.drop_index(batch_op.f("ix_measurement_space_id"))

    op.drop_table("measurement")
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_index("ix_document_space_date")
        batch_op.drop_index(batch_op.f("ix_document_author_professional_id"))

    op.drop_table("document")
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_space_id"))

    op.drop_table("contact")
    with op.batch_alter_table("allergy", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_allergy_space_id"))

    op.drop_table("allergy")
    op.drop_table("notification_preference")
    op.drop_table("stored_file")
    op.drop_table("audit_head")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_entry_space_seq")
        batch_op.drop_index("ix_audit_entry_space_actor_role")

    op.drop_table("audit_entry")
