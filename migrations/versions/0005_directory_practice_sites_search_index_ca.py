"""directory practice sites search index, catalogue of services

The search index is dialect-specific (espace/directory/search_sql.py queries it):
- SQLite: an FTS5 table over practice_site's folded ``search_*`` columns (external
  content), with prefix indexes for 2 and 3 characters. Deletes and updates reach it by
  triggers; inserts by the one function that inserts sites (``insert_sites``), in one
  INSERT ... SELECT per batch, four times faster than a trigger per row;
- PostgreSQL: a GIN index on the weighted tsvector of the same columns. The text is folded
  (lower case, accents removed) by the application before it is stored, identically for
  both, so no ``unaccent`` extension is needed and both find the same professionals.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 02:04:34.627079
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Same text as espace/directory/search_sql.py PG_VECTOR (a test checks they are equal).
PG_VECTOR = (
    "setweight(to_tsvector('simple'::regconfig, search_names), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, search_town), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, search_codes), 'C')"
)
SQLITE_SEARCH = [
    "CREATE VIRTUAL TABLE directory_search USING fts5("
    "search_names, search_town, search_codes, content='practice_site', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2', prefix='2 3', detail=column)",
    "CREATE TRIGGER practice_site_search_delete AFTER DELETE ON practice_site BEGIN "
    "INSERT INTO directory_search(directory_search, rowid, search_names, search_town, "
    "search_codes) VALUES ('delete', old.id, old.search_names, old.search_town, "
    "old.search_codes); END",
    "CREATE TRIGGER practice_site_search_update AFTER UPDATE ON practice_site BEGIN "
    "INSERT INTO directory_search(directory_search, rowid, search_names, search_town, "
    "search_codes) VALUES ('delete', old.id, old.search_names, old.search_town, "
    "old.search_codes); "
    "INSERT INTO directory_search(rowid, search_names, search_town, search_codes) "
    "VALUES (new.id, new.search_names, new.search_town, new.search_codes); END",
]


def upgrade() -> None:
    op.create_table(
        "directory_code",
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("kind", "code", name=op.f("pk_directory_code")),
    )
    op.create_table(
        "directory_import",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=255), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("lines_read", sa.Integer(), nullable=False),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("retired", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_directory_import")),
    )
    op.create_table(
        "health_service",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=60), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("publisher", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("data_shared", sa.Text(), nullable=False),
        sa.Column("retention", sa.String(length=300), nullable=False),
        sa.Column("url", sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_health_service")),
        sa.UniqueConstraint("slug", name=op.f("uq_health_service_slug")),
    )
    op.create_table(
        "practice_site",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("professional_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("structure", sa.String(length=200), nullable=False),
        sa.Column("complement", sa.String(length=300), nullable=False),
        sa.Column("street", sa.String(length=300), nullable=False),
        sa.Column("distribution", sa.String(length=100), nullable=False),
        sa.Column("cedex_office", sa.String(length=100), nullable=False),
        sa.Column("postcode", sa.String(length=10), nullable=False),
        sa.Column("town", sa.String(length=100), nullable=False),
        sa.Column("department_code", sa.String(length=3), nullable=False),
        sa.Column("department_label", sa.String(length=60), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("mode", sa.String(length=60), nullable=False),
        sa.Column("sector", sa.String(length=120), nullable=False),
        sa.Column("search_names", sa.String(length=500), nullable=False),
        sa.Column("search_town", sa.String(length=200), nullable=False),
        sa.Column("search_codes", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["professional_id"],
            ["professional.id"],
            name=op.f("fk_practice_site_professional_id_professional"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice_site")),
    )
    with op.batch_alter_table("practice_site", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_practice_site_professional_id"), ["professional_id"], unique=False
        )

    op.create_table(
        "service_consent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("granted_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["health_service.id"],
            name=op.f("fk_service_consent_service_id_health_service"),
        ),
        sa.ForeignKeyConstraint(
            ["space_id"],
            ["health_space.id"],
            name=op.f("fk_service_consent_space_id_health_space"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_consent")),
    )
    with op.batch_alter_table("service_consent", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_service_consent_space_id"), ["space_id"], unique=False)
        batch_op.create_index(
            "uq_service_consent_in_force",
            ["space_id", "service_id"],
            unique=True,
            sqlite_where=sa.text("revoked_at IS NULL"),
            postgresql_where=sa.text("revoked_at IS NULL"),
        )

    with op.batch_alter_table("professional", schema=None) as batch_op:
        batch_op.add_column(sa.Column("identifier_type", sa.String(length=1), nullable=True))
        batch_op.add_column(sa.Column("profession_label", sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column("specialty_code", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("practice_title", sa.String(length=10), nullable=True))
        batch_op.add_column(
            sa.Column("sort_key", sa.String(length=210), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("last_seen_run", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("import_digest", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("retired_at", sa.DateTime(), nullable=True))

    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_SEARCH:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute(
            f"CREATE INDEX ix_practice_site_search ON practice_site USING gin (({PG_VECTOR}))"
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for trigger in ("delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS practice_site_search_{trigger}")
        op.execute("DROP TABLE IF EXISTS directory_search")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_practice_site_search")

    with op.batch_alter_table("professional", schema=None) as batch_op:
        batch_op.drop_column("retired_at")
        batch_op.drop_column("import_digest")
        batch_op.drop_column("last_seen_run")
        batch_op.drop_column("sort_key")
        batch_op.drop_column("practice_title")
        batch_op.drop_column("specialty_code")
        batch_op.drop_column("profession_label")
        batch_op.drop_column("identifier_type")

    with op.batch_alter_table("service_consent", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_service_consent_in_force",
            sqlite_where=sa.text("revoked_at IS NULL"),
            postgresql_where=sa.text("revoked_at IS NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_service_consent_space_id"))

    op.drop_table("service_consent")
    with op.batch_alter_table("practice_site", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_practice_site_professional_id"))

    op.drop_table("practice_site")
    op.drop_table("health_service")
    op.drop_table("directory_import")
    op.drop_table("directory_code")
