"""SQLite under several workers: a GET reads a snapshot and takes the write lock only at
its first write (the history chain's head is then read under the lock), and a writer
waiting for the lock gets it when the holder ends, through the lock file beside the base.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event, func, select, text

from espace.audit.chain import verify
from espace.db import database
from espace.models import AuditEntry

pytestmark = pytest.mark.sqlite_only

JEANNE = "jeanne.martin@example.org"


@contextmanager
def statements(app) -> Iterator[list[str]]:  # type: ignore[no-untyped-def]
    """Every statement SQLite runs for the app, BEGIN and COMMIT included, in order."""
    seen: list[str] = []
    engine = database(app).engine

    def trace(dbapi_connection, *_pool) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.set_trace_callback(seen.append)

    def untrace(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        if dbapi_connection is not None:  # None when the connection was invalidated
            dbapi_connection.set_trace_callback(None)

    event.listen(engine, "checkout", trace)
    event.listen(engine, "checkin", untrace)
    try:
        yield seen
    finally:
        event.remove(engine, "checkout", trace)
        event.remove(engine, "checkin", untrace)


def first(seen: list[str], prefix: str) -> int:
    return next(i for i, statement in enumerate(seen) if statement.startswith(prefix))


def test_a_page_that_only_reads_never_takes_the_write_lock(app, login_as):
    client = login_as(JEANNE)
    client.get("/tableau-de-bord")  # the session's last activity is written now, not below
    with statements(app) as seen:
        assert client.get("/tableau-de-bord").status_code == 200
    assert "BEGIN" in seen
    assert "BEGIN IMMEDIATE" not in seen


def test_a_page_that_writes_history_reads_the_chain_head_under_the_lock(app, login_as):
    client = login_as(JEANNE)
    client.get("/tableau-de-bord")
    with statements(app) as seen:
        assert client.get("/documents").status_code == 200
    assert seen[0] == "BEGIN"  # the page's reads: a snapshot, no lock
    locked = seen.index("BEGIN IMMEDIATE")
    assert seen[locked - 1] == "COMMIT"  # the snapshot ends before the lock is taken
    assert locked < first(seen, "INSERT")
    assert locked < first(seen, "SELECT audit_head")
    assert first(seen, "SELECT audit_head") < first(seen, "INSERT INTO audit_entry")
    assert first(seen, "SELECT document") < locked  # the list itself was read before


def test_many_readers_writing_history_at_once_keep_one_unbroken_chain(app, login_as, db):
    clients = [login_as(JEANNE) for _ in range(6)]
    for client in clients:
        client.get("/tableau-de-bord")
    before = db.scalar(select(func.count()).select_from(AuditEntry))
    failures: list[BaseException] = []

    def browse(client) -> None:  # type: ignore[no-untyped-def]
        try:
            for _ in range(8):
                assert client.get("/documents").status_code == 200
        except BaseException as error:  # noqa: BLE001 - collected and asserted below
            failures.append(error)

    threads = [threading.Thread(target=browse, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    db.reload()
    assert db.scalar(select(func.count()).select_from(AuditEntry)) == before + 6 * 8
    assert verify(db).ok


def lock_file_is_free(app) -> bool:  # type: ignore[no-untyped-def]
    path = f"{database(app).engine.url.database}-writelock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)  # closing drops a lock taken here
    return True


def test_a_writer_holds_the_lock_file_until_its_connection_is_released(app):
    engine = database(app).engine
    assert lock_file_is_free(app)
    started = threading.Event()

    def second_writer() -> None:
        with engine.begin() as connection:
            started.set()
            connection.execute(text("SELECT 1"))

    with engine.begin() as holder:
        holder.execute(text("SELECT 1"))
        assert not lock_file_is_free(app)
        waiting = threading.Thread(target=second_writer)
        waiting.start()
        assert not started.wait(0.3)  # waiting for the lock, not past BEGIN IMMEDIATE
    assert started.wait(5)
    waiting.join()
    assert lock_file_is_free(app)
    with engine.connect() as reader, reader.execution_options(sqlite_deferred=True).begin():
        reader.execute(text("SELECT 1"))
        assert lock_file_is_free(app)  # a deferred transaction that only reads holds nothing
