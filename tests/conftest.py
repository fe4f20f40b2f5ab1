"""Fixtures in the flaskr shape: ``app``, ``client``, ``runner``, ``db``, ``login_as``.

Each test gets its own SQLite file, copied from a template built once per run by the real
migrations (so the migrations are exercised, and a test costs a file copy, not a schema).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from espace import create_app
from espace.commands import upgrade
from espace.db import database, get_session
from espace.demo import seed as demo_seed
from tests.support import CheckedClient, Outbox, sign_in

TEST_CONFIG = {
    "ESPACE_ENV": "test",
    "PASSWORD_HASH_PROFILE": "fast",
    "DEMO": False,
    "PRINT_EMAILS": False,
}


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never depend on the developer's ESPACE_* variables."""
    import os

    for name in list(os.environ):
        if name.startswith("ESPACE_"):
            monkeypatch.delenv(name)


# `make test-postgres` sets it: the whole suite then runs on a real PostgreSQL server, each
# test on its own database cloned from a template (CREATE DATABASE ... TEMPLATE).
POSTGRES_URL = os.environ.get("ESPACE_TEST_POSTGRES_URL")
SQLITE_ONLY = "sqlite_only"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", f"{SQLITE_ONLY}: checks SQLite itself (files, pragmas, VACUUM INTO)"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On PostgreSQL the tests of SQLite itself are deselected (they ran on SQLite)."""
    if not POSTGRES_URL:
        return
    kept = [item for item in items if item.get_closest_marker(SQLITE_ONLY) is None]
    deselected = [item for item in items if item.get_closest_marker(SQLITE_ONLY) is not None]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


class PostgresDatabases:
    """Create and drop the test databases on the server of ``ESPACE_TEST_POSTGRES_URL``."""

    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        self.admin = create_engine(self.url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        self.prefix = f"espace_{os.environ.get('PYTEST_XDIST_WORKER', 'gw')}_{os.getpid()}"
        self.count = 0
        self._copier = ThreadPoolExecutor(max_workers=1)
        self._next: dict[str, Future[str]] = {}

    def url_of(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def create(self, name: str, template: str | None = None) -> str:
        with self.admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            copy = f' TEMPLATE "{template}" STRATEGY FILE_COPY' if template else ""
            connection.execute(text(f'CREATE DATABASE "{name}"{copy}'))
        return self.url_of(name)

    def new_name(self) -> str:
        self.count += 1
        return f"{self.prefix}_{self.count}"

    def clone(self, template: str) -> tuple[str, str]:
        """(name, url) of a fresh copy of ``template``. The next copy is made in the
        background while the test runs: copying is the server's work, not this process's."""
        ready = self._next.pop(template, None)
        if ready is None:
            ready = self._copier.submit(self._copy, template)
        name = ready.result()
        self._next[template] = self._copier.submit(self._copy, template)
        return name, self.url_of(name)

    def _copy(self, template: str) -> str:
        name = self.new_name()
        self.create(name, template=template)
        return name

    def drop_later(self, name: str) -> None:
        self._copier.submit(self.drop, name)

    def close(self) -> None:
        for pending in self._next.values():
            pending.cancel()
        self._copier.shutdown(wait=True)

    def drop(self, name: str) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresDatabases | None]:
    if not POSTGRES_URL:
        yield None
        return
    databases = PostgresDatabases(POSTGRES_URL)
    yield databases
    databases.close()
    with databases.admin.connect() as connection:
        names = connection.scalars(
            text("SELECT datname FROM pg_database WHERE datname LIKE :p"),
            {"p": databases.prefix + "%"},
        ).all()
    for name in names:
        databases.drop(name)


def _build_template(folder: Path, seeded: bool, postgres: PostgresDatabases | None) -> str:
    """The migrated (and seeded) database every test copies: a file, or a PostgreSQL
    template database. Returns what ``make_app`` copies from."""
    if postgres:
        name = f"{postgres.prefix}_template_{int(seeded)}"
        url = postgres.create(name)
    else:
        name = str(folder / "espace.sqlite3")
        url = f"sqlite:///{name}"
    app = create_app({**TEST_CONFIG, "INSTANCE_PATH": str(folder), "DATABASE_URL": url})
    with app.app_context():
        upgrade()
        if seeded:
            demo_seed.seed(get_session())
            get_session().commit()
    database(app).dispose()
    return name


@pytest.fixture(scope="session")
def db_templates(
    tmp_path_factory: pytest.TempPathFactory, postgres: PostgresDatabases | None
) -> dict[bool, tuple[Path, str]]:
    templates = {}
    for seeded in (False, True):
        folder = tmp_path_factory.mktemp(f"template-{seeded}")
        templates[seeded] = (folder, _build_template(folder, seeded, postgres))
    return templates


@pytest.fixture
def make_app(
    tmp_path: Path,
    db_templates: dict[bool, tuple[Path, str]],
    postgres: PostgresDatabases | None,
) -> Iterator[Callable[..., Flask]]:
    """Build an app on a fresh copy of the (seeded or empty) database."""
    apps: list[Flask] = []
    databases: list[str] = []
    shared: dict[Path, str] = {}

    def factory(seeded: bool = True, instance: Path | None = None, **config: Any) -> Flask:
        folder = instance or tmp_path / f"instance{len(apps)}"
        folder.mkdir(parents=True, exist_ok=True)
        template_folder, template = db_templates[seeded]
        path = folder / "espace.sqlite3"
        if postgres and "DATABASE_URL" not in config:
            if folder not in shared:  # two apps on one instance share its database
                name, shared[folder] = postgres.clone(template)
                databases.append(name)
            url = shared[folder]
        else:
            url = f"sqlite:///{path}"
            if not path.exists():
                shutil.copyfile(template, path)
        files = template_folder / "files"
        if files.exists() and not (folder / "files").exists():  # the demo documents' files
            shutil.copytree(files, folder / "files")
        app = create_app(
            {**TEST_CONFIG, "INSTANCE_PATH": str(folder), "DATABASE_URL": url, **config}
        )
        app.test_client_class = CheckedClient
        apps.append(app)
        return app

    yield factory
    for app in apps:
        database(app).dispose()
    for name in databases:
        postgres.drop_later(name)  # type: ignore[union-attr]


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Flask:
    return make_app()


@pytest.fixture
def client(app: Flask) -> CheckedClient:
    return app.test_client()  # type: ignore[return-value]


@pytest.fixture
def runner(app: Flask):  # type: ignore[no-untyped-def]
    return app.test_cli_runner()


class ReloadingSession(Session):
    def reload(self) -> None:
        """Forget the snapshot and every loaded object: the next read sees the database."""
        self.rollback()
        self.expire_all()


@pytest.fixture
def db(app: Flask) -> Iterator[Session]:
    """A session outside any request, for arranging and checking data.

    Its transactions are deferred (they read a snapshot without the write lock), so a test
    can hold it open while requests write. ``db.commit()`` after arranging, and
    ``db.reload()`` before checking what a request wrote. No application context is
    held (Flask would share it, and ``g``, with every request of the test client).
    """
    engine = database(app).engine.execution_options(sqlite_deferred=True)
    session = ReloadingSession(engine, expire_on_commit=False)
    session.info["instance_path"] = app.instance_path  # where the test's files are
    yield session
    session.close()


@pytest.fixture
def outbox(app: Flask) -> Outbox:
    return Outbox(app.instance_path)


@pytest.fixture
def login_as(app: Flask, outbox: Outbox) -> Callable[..., CheckedClient]:
    """``login_as("jeanne.martin@example.org")``: a new client, signed in through the UI."""

    def sign_in_as(email_address: str, **kwargs: Any) -> CheckedClient:
        client: CheckedClient = app.test_client()  # type: ignore[assignment]
        sign_in(client, outbox, email_address, **kwargs)
        return client

    return sign_in_as
