"""SQLite set up for several workers: WAL, foreign keys, durable commits, and a write lock
that is taken only when a request writes, and handed over without sleeping.

Every transaction that may write starts with ``BEGIN IMMEDIATE``: the write lock is taken
up front, so two workers never deadlock upgrading a read to a write, which is what produces
"database is locked" under load (SQLite docs, "BEGIN IMMEDIATE").

A GET or HEAD request mostly reads. It starts a deferred transaction, a snapshot that holds
no lock, so pages are served by both workers at once. Its first write (a history entry, the
session's last activity, a message marked read) ends that snapshot and begins an immediate
transaction: everything after it, the head of the history chain included, is read under the
write lock. Read-only scripts ask for ``sqlite_deferred`` and get the same treatment.

SQLite's own busy handler sleeps 1, 2, 5, 10... ms between tries, whatever the holder does:
with transactions of a millisecond, the waiting worker sleeps longer than the work it waits
for. So each connection also takes an advisory lock on a file beside the database before
``BEGIN IMMEDIATE`` (polled every few tenths of a millisecond) and drops it when the
connection goes back to the pool; SQLite's busy timeout stays as the last resort.
"""

from __future__ import annotations

import fcntl
import os
import time
from typing import Any

from flask import has_request_context, request
from sqlalchemy import Connection, Engine, event

BUSY_TIMEOUT_MS = 15_000
UPGRADE = "espace.upgrade_on_write"
LOCK_FD = "espace.write_lock_fd"
LOCKED = "espace.write_locked"
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLAC")


def configure(engine: Engine, path: str | None) -> None:
    """Attach the pragmas, the transaction modes and the write lock to ``engine``."""
    lock_path = f"{path}-writelock" if path and path != ":memory:" else None

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, record) -> None:  # type: ignore[no-untyped-def]
        # Let SQLAlchemy's "begin" event emit BEGIN itself instead of pysqlite.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()
        if lock_path:
            # One open file per connection: flock() excludes other connections of the
            # same process too (threads in tests, jobs).
            record.info[LOCK_FD] = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        deferred = connection.get_execution_options().get("sqlite_deferred", False)
        if deferred or _reading_request():
            connection.info[UPGRADE] = True
            connection.exec_driver_sql("BEGIN")
        else:
            connection.info[UPGRADE] = False
            _take_write_lock(connection.info)
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    @event.listens_for(engine, "before_cursor_execute")
    def _before_execute(connection, cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if connection.info.get(UPGRADE) and statement.lstrip()[:6].upper() in WRITES:
            _upgrade(connection.info, cursor)

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_connection, record) -> None:  # type: ignore[no-untyped-def]
        if record is not None:
            record.info[UPGRADE] = False
            _drop_write_lock(record.info)

    @event.listens_for(engine, "close")
    def _on_close(_dbapi_connection, record) -> None:  # type: ignore[no-untyped-def]
        _drop_write_lock(record.info)
        fd = record.info.pop(LOCK_FD, None)
        if fd is not None:
            os.close(fd)


def write_now(connection: Connection) -> None:
    """Take the write lock now if this transaction has only read so far: what it reads
    next (the head of the history chain...) is then read under the lock."""
    if connection.info.get(UPGRADE):
        cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            _upgrade(connection.info, cursor)
        finally:
            cursor.close()


def _upgrade(info: dict[str, Any], cursor: Any) -> None:
    info[UPGRADE] = False
    cursor.execute("COMMIT")  # only a snapshot was read: nothing is lost
    _take_write_lock(info)
    cursor.execute("BEGIN IMMEDIATE")


def _reading_request() -> bool:
    return has_request_context() and request.method in ("GET", "HEAD")


def _take_write_lock(info: dict[str, Any]) -> None:
    fd = info.get(LOCK_FD)
    if fd is None or info.get(LOCKED):
        return
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = 0.0001
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if time.monotonic() > deadline:
                return  # SQLite's busy timeout decides from here
            time.sleep(pause)
            pause = min(pause * 2, 0.001)
        else:
            info[LOCKED] = True
            return


def _drop_write_lock(info: dict[str, Any]) -> None:
    if info.pop(LOCKED, False):
        fcntl.flock(info[LOCK_FD], fcntl.LOCK_UN)
