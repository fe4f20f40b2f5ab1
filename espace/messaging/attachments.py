"""Attachments: opening one, and the holder saving one into their documents in one action.

A saved attachment becomes a document of the chosen category that keeps its author: the
thread's professional when the professional sent it (DOMAIN.md: what professionals wrote
stays theirs), the holder otherwise. Its file is copied: deleting the document later
leaves the conversation whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from espace.access import AccessError
from espace.audit import record
from espace.clock import PARIS
from espace.files.storage import FileStore
from espace.messaging.viewer import Viewer
from espace.models import (
    AuthorKind,
    Document,
    DocumentCategory,
    HealthSpace,
    Message,
    MessageAttachment,
    Side,
    StoredFile,
    Thread,
)

TITLE_MAX = 200


@dataclass(frozen=True)
class Found:
    attachment: MessageAttachment
    message: Message
    thread: Thread
    space: HealthSpace


def find(db: Session, viewer: Viewer, attachment_id: int, now: datetime) -> Found | None:
    """The attachment if its thread is one the viewer may read (else None: a 404)."""
    if not 0 < attachment_id < 2**63:
        return None
    row = db.execute(
        select(MessageAttachment, Message, Thread, HealthSpace)
        .join(Message, Message.id == MessageAttachment.message_id)
        .join(Thread, Thread.id == Message.thread_id)
        .join(HealthSpace, HealthSpace.id == Thread.space_id)
        .where(MessageAttachment.id == attachment_id, viewer.scope(now))
    ).one_or_none()
    return Found(*row) if row is not None else None


def record_download(db: Session, viewer: Viewer, found: Found, now: datetime) -> None:
    record(db, viewer.actor, "messages.attachment_downloaded", found.space,
           target_type="message_attachment", target_id=found.attachment.id, now=now)  # fmt: skip


def already_saved(db: Session, space: HealthSpace, stored: StoredFile) -> Document | None:
    """A document of the space with the same content (saving twice makes one document)."""
    return db.scalar(
        select(Document)
        .join(StoredFile, StoredFile.id == Document.file_id)
        .where(Document.space_id == space.id, StoredFile.sha256 == stored.sha256)
        .limit(1)
    )


def save_to_documents(
    db: Session,
    store: FileStore,
    viewer: Viewer,
    found: Found,
    category: DocumentCategory,
    now: datetime,
) -> Document:
    """The holder's side only; one history entry (``messages.attachment_saved``)."""
    if viewer.space is None or viewer.space.id != found.space.id:
        raise AccessError("Seul le titulaire de l'espace enregistre une pièce jointe.")
    source = found.attachment.file
    copy = store.save(db, store.path(source).read_bytes(), source.original_name)
    from_professional = found.message.side == Side.PROFESSIONAL
    document = Document(
        space_id=found.space.id,
        title=title_of(source.original_name),
        category=category,
        document_date=found.message.created_at.astimezone(PARIS).date(),
        author_kind=AuthorKind.PROFESSIONAL if from_professional else AuthorKind.HOLDER,
        author_professional_id=found.thread.professional_id if from_professional else None,
        added_by_account_id=viewer.actor.account_id,
        file=copy,
        masked=False,
        created_at=now,
        updated_at=now,
    )
    db.add(document)
    db.flush()
    record(db, viewer.actor, "messages.attachment_saved", found.space, target_type="document",
           target_id=document.id, category=category.value, now=now)  # fmt: skip
    return document


def title_of(name: str) -> str:
    """ "compte-rendu_mars.pdf" → "compte-rendu mars": the file's name, readable."""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    readable = " ".join(stem.replace("_", " ").split())
    return (readable or "Pièce jointe")[:TITLE_MAX]
