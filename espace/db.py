"""Database engine and the request's unit of work.

One engine and one session factory per application. A request gets one session, opened on
first use; it is committed after the view returns (so an audit entry and the change it
records land together) and rolled back when anything fails.

On SQLite every connection runs in WAL mode with foreign keys on, a busy timeout and
``synchronous=FULL``; a transaction that may write holds the write lock from its start, and
a GET request reads a snapshot until it first writes (``espace.sqlite``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask, Response, current_app, g
from sqlalchemy import Engine, Result, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from espace import sqlite


@dataclass
class Database:
    engine: Engine
    sessions: sessionmaker[Session]

    def dispose(self) -> None:
        self.engine.dispose()


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": sqlite.BUSY_TIMEOUT_MS / 1000})
        sqlite.configure(engine, parsed.database)
        return engine
    return create_engine(url, pool_pre_ping=True)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def init_app(app: Flask) -> None:
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["espace.db"] = Database(engine, sessionmaker(engine, expire_on_commit=False))
    app.after_request(_commit_request_session)
    app.teardown_appcontext(_close_request_session)


def database(app: Flask | None = None) -> Database:
    return (app or current_app).extensions["espace.db"]


def get_session() -> Session:
    """The session of the current request or CLI command, opened on first use."""
    if "db_session" not in g:
        g.db_session = database().sessions()
    return g.db_session


def commit_before_rendering() -> None:
    """Commit what the view wrote, then read on in a transaction that holds no lock.

    Rendering a page takes as long as the view itself: holding SQLite's write lock through
    it would make the other workers wait for nothing. What the template still loads is
    read from a snapshot (a deferred transaction on SQLite).
    """
    session = g.get("db_session")
    if session is None:
        return
    session.commit()
    if is_sqlite(session.get_bind()):
        session.connection(execution_options={"sqlite_deferred": True})


def begin_writing(session: Session) -> None:
    """About to read what a write depends on (a counter, the head of a chain): on SQLite,
    take the write lock first, so that the read is not from an older snapshot. Nothing to
    do on PostgreSQL, where such reads say ``FOR UPDATE``."""
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        sqlite.write_now(connection)


def rollback_request_session() -> None:
    """Undo what the request wrote (called by the error pages)."""
    session = g.get("db_session")
    if session is not None:
        session.rollback()


def _commit_request_session(response: Response) -> Response:
    session = g.get("db_session")
    if session is not None and response.status_code < 500:
        session.commit()
    return response


def _close_request_session(_exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.rollback()
        session.close()


def insert_if_absent(session: Session, table: Any, values: dict[str, Any]) -> None:
    """INSERT ... ON CONFLICT DO NOTHING, on SQLite and PostgreSQL alike."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    session.execute(insert(table).values(**values).on_conflict_do_nothing())


def run_prebuilt(session: Session, statement: Any, values: dict[str, Any]) -> Result[Any]:
    """A statement built once (with bound values) run on the session's connection, for the
    questions of every page (counters, access facts): it skips the ORM's per-query work,
    0.04 ms against 0.1. Same transaction and write lock as the session; pending changes
    are flushed first, as the ORM would (a thread just marked read is not counted)."""
    if session.autoflush:
        session.flush()
    return session.connection().execute(statement, values)


def prebuilt_count(session: Session, statement: Any, values: dict[str, Any]) -> int:
    return run_prebuilt(session, statement, values).scalar() or 0
