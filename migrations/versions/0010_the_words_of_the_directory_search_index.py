"""the words of the directory's search index, so a long prefix is searched as its words

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-27 08:10:00.000000

SQLite only, like the FTS5 index it mirrors (espace/directory/search_sql.py): every term
of ``directory_search`` per column, filled here from the index itself (fts5vocab) and
then by each import.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(
        "CREATE TABLE directory_search_words (part TEXT NOT NULL, word TEXT NOT NULL, "
        "PRIMARY KEY (part, word)) WITHOUT ROWID"
    )
    op.execute(
        "CREATE VIRTUAL TABLE temp.directory_search_vocabulary "
        "USING fts5vocab(main, directory_search, 'col')"
    )
    op.execute(
        "INSERT OR IGNORE INTO directory_search_words (part, word) "
        "SELECT col, term FROM temp.directory_search_vocabulary"
    )
    op.execute("DROP TABLE temp.directory_search_vocabulary")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS directory_search_words")
