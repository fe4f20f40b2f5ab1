"""The export job: builds the ZIP of each pending export, and forgets expired ones.

An export is claimed by a conditional UPDATE that succeeds once (two runs never build the
same export), and that claim is committed before the build, so the archive is written
while no write lock is held: SQLite has one writer, and a space with a thousand documents
takes a while. While an export is pending, ``started_at`` holds when a run claimed it (a
lease): a run that died leaves it to be claimed again after ``LEASE``.

A failure marks the export failed and logs its id and the kind of error, never the error
itself (a validation message quotes the health data it refused).
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from espace.actors import Actor
from espace.audit import record
from espace.db import is_sqlite
from espace.export.archive import MEDIA_TYPE, write_archive
from espace.export.gather import gather
from espace.files import file_store
from espace.files.storage import FileStore
from espace.models import Account, Export, ExportStatus, HealthSpace, SpaceStatus
from espace.notifications import services as notifications

log = logging.getLogger(__name__)
LIFETIME = timedelta(days=7)
LEASE = timedelta(hours=1)
OPEN_STATUSES = (SpaceStatus.OPEN, SpaceStatus.ACTIVE)


def run(db: Session, now: datetime) -> int:
    """Job: build every pending export of an open space; returns how many are ready."""
    store = file_store()
    forget_expired(db, store, now)
    db.commit()
    built = 0
    for export_id in _due(db, now):
        if not _claim(db, export_id, now):
            db.commit()
            continue
        db.commit()  # the claim is seen by every other run from now on
        if _build(db, store, export_id, now):
            built += 1
        db.commit()
    return built


def _due(db: Session, now: datetime) -> list[int]:
    return list(
        db.scalars(
            select(Export.id)
            .join(HealthSpace, HealthSpace.id == Export.space_id)
            .where(
                Export.status == ExportStatus.PENDING,
                or_(Export.started_at.is_(None), Export.started_at < now - LEASE),
                HealthSpace.status.in_(OPEN_STATUSES),
            )
            .order_by(Export.requested_at)
        )
    )


def _claim(db: Session, export_id: int, now: datetime) -> bool:
    claimed = db.execute(
        update(Export)
        .where(
            Export.id == export_id,
            Export.status == ExportStatus.PENDING,
            or_(Export.started_at.is_(None), Export.started_at < now - LEASE),
        )
        .values(started_at=now)
        .returning(Export.id)
    ).first()
    return claimed is not None


def _still_ours(export_id: int, now: datetime) -> tuple:
    return (Export.id == export_id, Export.status == ExportStatus.PENDING, Export.started_at == now)


def _build(db: Session, store: FileStore, export_id: int, now: datetime) -> bool:
    """Write the archive from a snapshot, then store it if the claim still holds."""
    if is_sqlite(db.get_bind()):
        db.connection(execution_options={"sqlite_deferred": True})  # read without the lock
    temporary = store.root / f".export-{secrets.token_hex(12)}.part"
    temporary.parent.mkdir(parents=True, exist_ok=True)
    try:
        export = db.get(Export, export_id)
        if export is None:
            return False
        written = write_archive(gather(db, export, now), store, temporary)
    except Exception as error:  # noqa: BLE001 - any failure marks the export failed
        temporary.unlink(missing_ok=True)
        db.rollback()
        log.error("export %s failed: %s", export_id, type(error).__name__)  # no content
        db.execute(
            update(Export)
            .where(*_still_ours(export_id, now))
            .values(status=ExportStatus.FAILED, started_at=None)
        )
        return False
    db.commit()  # end the snapshot; what follows writes
    return _store(db, store, export_id, temporary, written.size, written.sha256, now)


def _store(
    db: Session, store: FileStore, export_id: int, temporary: Path, size: int, sha256: str,
    now: datetime,
) -> bool:  # fmt: skip
    export = db.get(Export, export_id)
    space = db.get(HealthSpace, export.space_id) if export else None
    if export is None or space is None:
        temporary.unlink(missing_ok=True)
        return False
    name = f"donnees-espace-sante-{now.date().isoformat()}.zip"
    stored = store.adopt(db, temporary, name=name, media_type=MEDIA_TYPE, sha256=sha256, now=now)
    done = db.execute(
        update(Export)
        .where(*_still_ours(export_id, now))
        .values(status=ExportStatus.READY, ready_at=now, expires_at=now + LIFETIME,
                file_id=stored.id)
        .returning(Export.id)
    ).first()  # fmt: skip
    if done is None:  # another run took it over: this file is not needed
        db.rollback()
        return False
    db.refresh(export)
    entry = record(db, Actor.system(), "export.ready", space, target_type="export",
                   target_id=export.id, notify=False, now=now)  # fmt: skip
    # Only the person who asked is told: it is their file (a minor's own export may hold
    # care their parents must not learn of).
    requester = (
        db.get(Account, export.requested_by_account_id)
        if export.requested_by_account_id is not None
        else None
    )
    if requester is not None:
        notifications.notify(
            db,
            requester,
            notifications.Notice("export_ready", space_id=space.id, target_type="export",
                                 target_id=export.id, audit_seq=entry.seq),
            now,
        )  # fmt: skip
    return True


def forget_expired(db: Session, store: FileStore, now: datetime) -> int:
    """Delete the files of expired exports: a full copy of someone's health data does not
    stay on the server once its link is dead."""
    expired = db.scalars(
        select(Export).where(
            Export.status == ExportStatus.READY,
            Export.expires_at <= now,
            Export.file_id.is_not(None),
        )
    ).all()
    for export in expired:
        stored = export.file
        export.file = None
        db.flush()
        if stored is not None:
            store.delete(db, stored)
    return len(expired)
