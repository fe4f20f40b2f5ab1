"""Fixtures in the flaskr shape: ``app``, ``client``, ``runner``, ``db``, ``login_as``.

Each test gets its own SQLite file, copied from a template built once per run by the real
migrations (so the migrations are exercised, and a test costs a file copy, not a schema).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy.orm import Session

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


def _build_template(folder: Path, seeded: bool) -> Path:
    path = folder / "espace.sqlite3"
    app = create_app(
        {**TEST_CONFIG, "INSTANCE_PATH": str(folder), "DATABASE_URL": f"sqlite:///{path}"}
    )
    with app.app_context():
        upgrade()
        if seeded:
            demo_seed.seed(get_session())
            get_session().commit()
    database(app).dispose()
    return path


@pytest.fixture(scope="session")
def db_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, Path]:
    return {
        seeded: _build_template(tmp_path_factory.mktemp(f"template-{seeded}"), seeded)
        for seeded in (False, True)
    }


@pytest.fixture
def make_app(tmp_path: Path, db_templates: dict[bool, Path]) -> Iterator[Callable[..., Flask]]:
    """Build an app on a fresh copy of the (seeded or empty) database."""
    apps: list[Flask] = []

    def factory(seeded: bool = True, instance: Path | None = None, **config: Any) -> Flask:
        folder = instance or tmp_path / f"instance{len(apps)}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "espace.sqlite3"
        if not path.exists():
            shutil.copyfile(db_templates[seeded], path)
            files = db_templates[seeded].parent / "files"
            if files.exists():  # the demo documents' files
                shutil.copytree(files, folder / "files")
        app = create_app(
            {
                **TEST_CONFIG,
                "INSTANCE_PATH": str(folder),
                "DATABASE_URL": f"sqlite:///{path}",
                **config,
            }
        )
        app.test_client_class = CheckedClient
        apps.append(app)
        return app

    yield factory
    for app in apps:
        database(app).dispose()


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
