"""Helpers of the closure and export tests: Jeanne's space, arranging a closed space or a
ready export straight in the database, running the jobs at a given time."""

from __future__ import annotations

import io
import secrets
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from espace import clock
from espace.actors import Actor, ActorRole
from espace.lifecycle.closure import close_space
from espace.models import Account, Export, ExportStatus, HealthSpace, StoredFile

JEANNE = "jeanne.martin@example.org"
JEANNE_NIR = "254033155512362"
KARIM = "karim.benali@example.org"
GP = "sophie.durand@example.org"
NURSE = "amina.diallo@example.org"


def jeanne(db: Session) -> HealthSpace:
    return db.scalars(select(HealthSpace).where(HealthSpace.nir == JEANNE_NIR)).one()


def account(db: Session, email: str) -> Account:
    return db.scalars(select(Account).where(Account.email == email)).one()


def holder_actor(db: Session, email: str = JEANNE) -> Actor:
    return Actor(ActorRole.HOLDER, account(db, email))


def close_jeanne(db: Session, at: datetime | None = None, reason: str = "holder") -> HealthSpace:
    """Close Jeanne's space as she would (arranging a test: no page involved)."""
    db.commit()  # a fresh snapshot: an old one cannot become a write (SQLite WAL)
    space = jeanne(db)
    close_space(db, holder_actor(db), space, reason, at or clock.now())
    db.commit()
    return space


def files_folder(db: Session) -> Path:
    """The file store of the test's instance (the ``db`` fixture knows it)."""
    return Path(db.info["instance_path"]) / "files"


def ready_export(db: Session, email: str = JEANNE, *, ready_at: datetime | None = None) -> int:
    """A ready export of the person's own space, with a small ZIP on disk."""
    db.commit()  # a fresh snapshot: an old one cannot become a write (SQLite WAL)
    owner = account(db, email)
    space = db.scalars(select(HealthSpace).where(HealthSpace.holder_account_id == owner.id)).one()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.html", "<!doctype html><title>x</title>")
    content = buffer.getvalue()
    name = secrets.token_hex(24)
    path = files_folder(db) / name[:2] / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    moment = ready_at or clock.now()
    stored = StoredFile(
        storage_name=name, sha256="0" * 64, size=len(content), media_type="application/zip",
        original_name="donnees.zip", created_at=moment,
    )  # fmt: skip
    db.add(stored)
    db.flush()
    export = Export(
        space_id=space.id, requested_by_account_id=owner.id, requested_at=moment,
        status=ExportStatus.READY, ready_at=moment, expires_at=moment + timedelta(days=7),
        file_id=stored.id,
    )  # fmt: skip
    db.add(export)
    db.commit()
    return export.id


def run_jobs(app, at: datetime) -> str:  # type: ignore[no-untyped-def]
    with clock.frozen_at(at):
        result = app.test_cli_runner().invoke(args=["jobs", "run"])
    assert result.exit_code == 0, result.output
    return result.output
