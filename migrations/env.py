"""Alembic environment: runs on the application's own engine (SQLite pragmas included)."""

from __future__ import annotations

from alembic import context

from espace.directory.search_sql import include_name
from espace.models import Base
from espace.models.base import UTCDateTime

config = context.config


def render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    """Migrations stay free of application imports: our UTC type is a plain DateTime."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    return False


engine = config.attributes["engine"]


def run_migrations_online() -> None:
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
            render_item=render_item,
            # The search index (FTS5 tables, GIN index) is written by hand in its migration.
            include_name=include_name,
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("Les migrations hors ligne ne sont pas prises en charge.")
run_migrations_online()
