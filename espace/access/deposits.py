"""A professional deposits a document into a patient's space, optionally "à annoncer":
held from the holder until released (CSP R1111-53)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from espace.access import AccessError
from espace.actors import Actor
from espace.audit import record
from espace.files.storage import FileStore
from espace.models import AuthorKind, Document, DocumentCategory, HealthSpace
from espace.policy.access import professional_access

NOTICE_AFTER = timedelta(days=14)
RELEASE_AFTER = timedelta(days=30)  # "after one month"


def deposit(
    db: Session,
    store: FileStore,
    actor: Actor,
    space: HealthSpace,
    *,
    content: bytes,
    filename: str | None,
    title: str,
    category: DocumentCategory,
    document_date: date,
    held: bool,
    now: datetime,
    confidential: bool = False,
) -> Document:
    """Raises AccessError (not allowed) or RefusedFile (the file is not acceptable)."""
    assert actor.professional is not None  # noqa: S101 - the view checked the role
    decision = professional_access(db, actor.professional, space, now).deposit()
    if not decision:
        raise AccessError(
            "Seuls le médecin traitant et les professionnels de l'équipe de soins peuvent "
            "déposer un document. Déclarez d'abord la prise en charge du patient."
        )
    stored = store.save(db, content, filename)
    document = Document(
        space_id=space.id,
        title=title,
        category=category,
        document_date=document_date,
        author_kind=AuthorKind.PROFESSIONAL,
        author_professional_id=actor.professional.id,
        added_by_account_id=actor.account_id,
        file=stored,
        masked=False,
        held=held,
        confidential=confidential,
        created_at=now,
        updated_at=now,
    )
    db.add(document)
    db.flush()
    # A held result is announced to no one yet: the holder is told when it is released.
    record(
        db,
        actor,
        "document.added",
        space,
        target_type="document",
        target_id=document.id,
        category=category.value,
        notify=not held,
        confidential=confidential,
        now=now,
    )
    return document


def release(
    db: Session, actor: Actor, space: HealthSpace, document: Document, now: datetime
) -> None:
    """The author releases the held result (after the consultation where it was announced)."""
    if actor.professional is None or document.author_professional_id != actor.professional.id:
        raise AccessError("Seul l'auteur du document peut le rendre visible au patient.")
    if not document.held:
        raise AccessError("Ce document est déjà visible par le patient.")
    _release(db, actor, space, document, now)


def _release(
    db: Session, actor: Actor, space: HealthSpace, document: Document, now: datetime
) -> None:
    document.held = False
    document.released_at = now
    record(
        db,
        actor,
        "document.released",
        space,
        target_type="document",
        target_id=document.id,
        confidential=document.confidential,
        category=document.category.value,
        now=now,
    )


def release_due(db: Session, now: datetime) -> int:
    """Job: release what has been held for a month. Each row is claimed by an UPDATE that
    only succeeds once, so two runs at the same time never release twice."""
    released = 0
    due = db.scalars(
        select(Document.id).where(
            Document.held.is_(True), Document.created_at <= now - RELEASE_AFTER
        )
    ).all()
    for document_id in due:
        claimed = db.execute(
            update(Document)
            .where(Document.id == document_id, Document.held.is_(True))
            .values(held=False, released_at=now)
            .returning(Document.id)
        ).first()
        if claimed is None:
            continue
        document = db.get(Document, document_id)
        db.refresh(document)
        space = db.get(HealthSpace, document.space_id)
        record(
            db,
            Actor.system(),
            "document.released",
            space,
            target_type="document",
            target_id=document.id,
            confidential=document.confidential,
            category=document.category.value,
            now=now,
        )
        released += 1
    return released


def send_held_notices(db: Session, now: datetime) -> int:
    """Job: after 14 days on hold, a neutral notice: "a new element awaits, see your doctor"."""
    sent = 0
    due = db.scalars(
        select(Document.id).where(
            Document.held.is_(True),
            Document.held_notice_sent_at.is_(None),
            Document.created_at <= now - NOTICE_AFTER,
        )
    ).all()
    for document_id in due:
        claimed = db.execute(
            update(Document)
            .where(Document.id == document_id, Document.held_notice_sent_at.is_(None))
            .values(held_notice_sent_at=now)
            .returning(Document.space_id)
        ).first()
        if claimed is None:
            continue
        space = db.get(HealthSpace, claimed[0])
        # No category, no author: the notice must not announce the result itself.
        record(
            db,
            Actor.system(),
            "document.held_notice",
            space,
            target_type="document",
            target_id=document_id,
            notify_kind="held_result_waiting",
            now=now,
        )
        sent += 1
    return sent
