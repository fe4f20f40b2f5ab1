"""SQLite set up for concurrent workers (its own tests), foreign keys, and migrations that
match the models (on SQLite and PostgreSQL alike)."""

from __future__ import annotations

import threading

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from espace.db import database, make_engine
from espace.directory.search_sql import include_name
from espace.models import Base


@pytest.mark.sqlite_only
def test_every_connection_uses_wal_foreign_keys_busy_timeout_and_full_sync(app):
    with database(app).engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


@pytest.mark.sqlite_only
def test_transactions_begin_immediately(app):
    statements: list[str] = []
    engine = database(app).engine
    with engine.connect() as connection:
        connection.connection.driver_connection.set_trace_callback(statements.append)
        with connection.begin():
            connection.execute(text("SELECT 1"))
    assert statements[0] == "BEGIN IMMEDIATE"


@pytest.mark.sqlite_only
def test_many_writers_at_once_never_see_database_is_locked(tmp_path):
    """Each thread reads then writes in one transaction: with deferred transactions some
    would fail at once with "database is locked"; BEGIN IMMEDIATE makes them wait."""
    engine = make_engine(f"sqlite:///{tmp_path / 'concurrent.sqlite3'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE counter (n INTEGER NOT NULL)"))
        connection.execute(text("INSERT INTO counter VALUES (0)"))
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(20):
                with engine.begin() as connection:
                    n = connection.execute(text("SELECT n FROM counter")).scalar_one()
                    connection.execute(text("UPDATE counter SET n = :n"), {"n": n + 1})
        except BaseException as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with engine.connect() as connection:
        assert connection.execute(text("SELECT n FROM counter")).scalar_one() == 160
    engine.dispose()


def test_foreign_keys_are_enforced(app):
    from sqlalchemy.exc import IntegrityError

    engine = database(app).engine
    try:
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO auth_session (id, account_id, factor, created_at, last_seen_at) "
                    "VALUES ('x', 999999, 'totp', '2026-01-01', '2026-01-01')"
                )
            )
    except IntegrityError as error:
        assert "FOREIGN KEY" in str(error).upper()
    else:
        raise AssertionError("a session for a missing account was accepted")


def test_the_migrations_build_exactly_the_schema_of_the_models(app):
    with database(app).engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": include_name}
        )
        differences = compare_metadata(context, Base.metadata)
    assert differences == []
