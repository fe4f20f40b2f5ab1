"""Documents of a space: listing, reading, uploading, deleting — each one in the history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from espace.actors import Actor, ActorRole
from espace.audit import record
from espace.files.storage import FileStore
from espace.models import AuthorKind, Document, DocumentCategory, HealthSpace, Professional
from espace.models.document import WITHOUT_FILE
from espace.web.paging import Paged

PER_PAGE = 20
HOLDER_AUTHOR = "vous"
MIGRATION_AUTHOR = "dmp"


@dataclass(frozen=True)
class Page(Paged):
    documents: list[Document]
    number: int
    count: int
    total: int


@dataclass(frozen=True)
class AuthorChoice:
    value: str
    label: str


def visible_to_holder(space: HealthSpace, actor: Actor | None = None) -> ColumnElement[bool]:
    """Everything of the space but results still held by their author (CSP R1111-53), and
    for a representative, but a minor's confidential care (CSP R1111-33)."""
    visible = and_(Document.space_id == space.id, Document.held.is_(False))
    if actor is not None and actor.role == ActorRole.REPRESENTATIVE:
        visible = and_(visible, Document.confidential.is_(False))
    return visible


def list_documents(
    db: Session,
    actor: Actor,
    space: HealthSpace,
    category: DocumentCategory | None = None,
    author: str | None = None,
    page: int = 1,
) -> Page:
    """Newest first (by the date of the document, then when it was added)."""
    conditions: list[ColumnElement[bool]] = [visible_to_holder(space, actor)]
    if category is not None:
        conditions.append(Document.category == category)
    if author == HOLDER_AUTHOR:
        conditions.append(Document.author_kind == AuthorKind.HOLDER)
    elif author == MIGRATION_AUTHOR:
        conditions.append(Document.author_kind == AuthorKind.MIGRATION)
    elif author:
        conditions.append(Document.author_professional_id == int(author))
    total = db.scalar(select(func.count()).select_from(Document).where(*conditions)) or 0
    count = max(1, -(-total // PER_PAGE))
    number = min(max(page, 1), count)
    documents = db.scalars(
        select(Document)
        .options(WITHOUT_FILE)
        .where(*conditions)
        .order_by(Document.document_date.desc(), Document.id.desc())
        .limit(PER_PAGE)
        .offset((number - 1) * PER_PAGE)
    ).all()
    record(db, actor, "document.listed", space)
    return Page(list(documents), number, count, total)


def author_choices(
    db: Session, space: HealthSpace, actor: Actor | None = None
) -> list[AuthorChoice]:
    """Who wrote documents in this space, for the filter."""
    rows = db.execute(
        select(Document.author_kind, Professional)
        .outerjoin(Professional, Professional.id == Document.author_professional_id)
        .where(visible_to_holder(space, actor))
        .distinct()
        .order_by(Professional.family_name, Professional.given_name, Professional.id)
    ).all()  # one pass over the space's documents: the kinds and the professionals
    kinds = {kind for kind, _ in rows}
    choices = []
    if AuthorKind.HOLDER in kinds:
        choices.append(AuthorChoice(HOLDER_AUTHOR, "Vous"))
    seen: set[int] = set()
    for _, professional in rows:
        if professional is not None and professional.id not in seen:
            seen.add(professional.id)
            choices.append(AuthorChoice(str(professional.id), professional.display_name))
    if AuthorKind.MIGRATION in kinds:
        choices.append(AuthorChoice(MIGRATION_AUTHOR, "Ancien dossier médical partagé (DMP)"))
    return choices


def find(
    db: Session, space: HealthSpace, document_id: int, actor: Actor | None = None
) -> Document | None:
    """The document if this space's holder side may see it (else None: the caller answers
    404, the same as for a missing one)."""
    return db.scalar(
        select(Document).where(Document.id == document_id, visible_to_holder(space, actor))
    )


def record_view(db: Session, actor: Actor, space: HealthSpace, document: Document) -> None:
    record(
        db, actor, "document.viewed", space,
        target_type="document", target_id=document.id, category=document.category.value,
    )  # fmt: skip


def record_download(db: Session, actor: Actor, space: HealthSpace, document: Document) -> None:
    record(
        db, actor, "document.downloaded", space,
        target_type="document", target_id=document.id, category=document.category.value,
    )  # fmt: skip


def upload(
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
    now: datetime,
) -> Document:
    """Add a document written by the holder. Raises RefusedFile for an unacceptable file."""
    stored = store.save(db, content, filename)
    document = Document(
        space_id=space.id,
        title=title,
        category=category,
        document_date=document_date,
        author_kind=AuthorKind.HOLDER,
        added_by_account_id=actor.account_id,
        file=stored,
        masked=False,
        created_at=now,
        updated_at=now,
    )
    db.add(document)
    db.flush()
    record(
        db, actor, "document.added", space,
        target_type="document", target_id=document.id, category=category.value, now=now,
    )  # fmt: skip
    return document


def set_confidential(
    db: Session, actor: Actor, space: HealthSpace, document: Document, on: bool, now: datetime
) -> None:
    if document.confidential == on:
        return
    document.confidential = on
    record(
        db,
        actor,
        "document.confidential_changed",
        space,
        target_type="document",
        target_id=document.id,
        category=document.category.value,
        now=now,
    )


def may_delete(document: Document) -> bool:
    """The holder deletes what they added; what professionals wrote stays (it can be masked)."""
    return document.author_kind == AuthorKind.HOLDER


def delete(
    db: Session, store: FileStore, actor: Actor, space: HealthSpace, document: Document
) -> None:
    if not may_delete(document):
        raise PermissionError("only documents added by the holder can be deleted")
    record(
        db, actor, "document.deleted", space,
        target_type="document", target_id=document.id, category=document.category.value,
    )  # fmt: skip
    stored = document.file
    db.delete(document)
    db.flush()
    store.delete(db, stored)
