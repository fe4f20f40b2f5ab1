"""Files on disk under ``instance/files/``, named by us, tied to the database transaction.

A file written during a transaction is removed if the transaction rolls back, and a file
deleted during a transaction is removed only once it commits: the disk never holds a file
the database does not know, nor loses one it does.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from datetime import datetime
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.orm import Session

from espace import clock
from espace.files.sniffing import FileType, sniff
from espace.models import StoredFile

PENDING_WRITES = "espace.files.written"
PENDING_DELETES = "espace.files.deleted"


def clean_name(name: str | None, file_type: FileType) -> str:
    """A display name from what the person's computer sent: no folders, no control
    characters, the extension of the real type."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = unicodedata.normalize("NFC", base)
    base = re.sub(r"[\x00-\x1f\x7f\"<>:|?*;]", "", base).strip(" .")
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = stem[:100] or "document"
    return f"{stem}.{file_type.extension}"


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, stored: StoredFile) -> Path:
        return self.root / stored.storage_name[:2] / stored.storage_name

    def save(self, db: Session, content: bytes, name: str | None) -> StoredFile:
        """Check the content (RefusedFile if it is not acceptable), write it, record it."""
        file_type = sniff(content)
        stored = StoredFile(
            storage_name=secrets.token_hex(24),
            sha256=hashlib.sha256(content).hexdigest(),
            size=len(content),
            media_type=file_type.media_type,
            original_name=clean_name(name, file_type),
            created_at=clock.now(),
        )
        path = self.path(stored)
        path.parent.mkdir(parents=True, exist_ok=True)
        _track(db, PENDING_WRITES, path)
        path.write_bytes(content)
        db.add(stored)
        db.flush()
        return stored

    def adopt(
        self, db: Session, source: Path, *, name: str, media_type: str, sha256: str, now: datetime
    ) -> StoredFile:
        """Take in a file the application generated (an export): moved under a generated
        name, removed again if the transaction rolls back."""
        stored = StoredFile(
            storage_name=secrets.token_hex(24),
            sha256=sha256,
            size=source.stat().st_size,
            media_type=media_type,
            original_name=name,
            created_at=now,
        )
        path = self.path(stored)
        path.parent.mkdir(parents=True, exist_ok=True)
        _track(db, PENDING_WRITES, path)
        source.replace(path)
        db.add(stored)
        db.flush()
        return stored

    def delete(self, db: Session, stored: StoredFile) -> None:
        _track(db, PENDING_DELETES, self.path(stored))
        db.delete(stored)

    def remove_after_commit(self, db: Session, stored_files: list[StoredFile]) -> None:
        """For bulk deletions done in SQL (a reset, a purge): the files go on commit."""
        for stored in stored_files:
            _track(db, PENDING_DELETES, self.path(stored))


def _track(db: Session, key: str, path: Path) -> None:
    db.info.setdefault(key, []).append(path)


@event.listens_for(Session, "after_commit")
def _after_commit(db: Session) -> None:
    for path in db.info.pop(PENDING_DELETES, []):
        path.unlink(missing_ok=True)
    db.info.pop(PENDING_WRITES, None)


@event.listens_for(Session, "after_rollback")
def _after_rollback(db: Session) -> None:
    for path in db.info.pop(PENDING_WRITES, []):
        path.unlink(missing_ok=True)
    db.info.pop(PENDING_DELETES, None)
