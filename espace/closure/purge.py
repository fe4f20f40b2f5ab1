"""The purge (CSP R1111-36): a closed space's data is deleted 10 years after closure, or
within 90 days of the holder's request (``purge_due_at``).

Everything the space holds goes: documents and their files, the profile, private notes,
reimbursements, messages and attachments, appointments, calendar feeds, exports,
notifications, representations, care team and consents. What stays: the space row itself
(status closed, ``purged_at``: so the person is not enrolled again as new) and the history,
which names ids and categories only. Files leave the disk once the deletion commits.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from espace.actors import Actor
from espace.audit import record
from espace.files import file_store
from espace.files.storage import FileStore
from espace.lifecycle.closure import ARCHIVE_FOR, DELETION_WITHIN, purge_due_at
from espace.models import (
    ActivationCode,
    Allergy,
    Appointment,
    Block,
    CalendarFeed,
    CareTeamMember,
    ConsultationConsent,
    Contact,
    Document,
    EmergencyAccess,
    Export,
    HealthSpace,
    Measurement,
    MedicalHistory,
    Message,
    MessageAttachment,
    MyProfessional,
    Notification,
    PreventionHidden,
    PrivateNote,
    Reimbursement,
    Representation,
    ServiceConsent,
    ShareCode,
    SpaceStatus,
    StoredFile,
    Thread,
    ThreadRead,
    Treatment,
    Vaccination,
    Wishes,
)

# Deleted by space, in this order (no row is left pointing at a deleted one).
BY_SPACE: tuple[Any, ...] = (
    Thread,
    Document,
    Export,
    MedicalHistory,
    Allergy,
    Treatment,
    Vaccination,
    Measurement,
    Wishes,
    Contact,
    MyProfessional,
    PrivateNote,
    Reimbursement,
    Appointment,
    CalendarFeed,
    PreventionHidden,
    CareTeamMember,
    Block,
    ShareCode,
    ConsultationConsent,
    EmergencyAccess,
    ServiceConsent,
    Representation,
    Notification,
    ActivationCode,
)


def purge_due(db: Session, now: datetime) -> int:
    """Job: purge every closed space whose time has come. Each space is claimed by an
    UPDATE that only succeeds once (``purged_at IS NULL``): two runs purge it once."""
    store = file_store()
    purged = 0
    candidates = db.scalars(
        select(HealthSpace).where(
            HealthSpace.status == SpaceStatus.CLOSED,
            HealthSpace.purged_at.is_(None),
            or_(
                HealthSpace.closed_at <= now - ARCHIVE_FOR,
                HealthSpace.deletion_requested_at <= now - DELETION_WITHIN,
            ),
        )
    ).all()
    for space in candidates:
        due = purge_due_at(space)  # the rule's one definition decides
        if due is None or due > now:
            continue
        claimed = db.execute(
            update(HealthSpace)
            .where(
                HealthSpace.id == space.id,
                HealthSpace.purged_at.is_(None),
                HealthSpace.status == SpaceStatus.CLOSED,
            )
            .values(purged_at=now)
            .returning(HealthSpace.id)
        ).first()
        if claimed is None:
            continue
        db.refresh(space)
        purge_space(db, store, space, now)
        purged += 1
    return purged


def purge_space(db: Session, store: FileStore, space: HealthSpace, now: datetime) -> None:
    """Delete the space's data (the caller has set ``purged_at``)."""
    file_ids = _file_ids(db, space.id)
    threads = select(Thread.id).where(Thread.space_id == space.id)
    messages = select(Message.id).where(Message.thread_id.in_(threads))
    db.execute(delete(MessageAttachment).where(MessageAttachment.message_id.in_(messages)))
    db.execute(delete(ThreadRead).where(ThreadRead.thread_id.in_(threads)))
    db.execute(delete(Message).where(Message.thread_id.in_(threads)))
    for model in BY_SPACE:
        db.execute(delete(model).where(model.space_id == space.id))
    _delete_unused_files(db, store, file_ids)
    space.gp_professional_id = None
    record(db, Actor.system(), "space.purged", space, now=now)


def _file_ids(db: Session, space_id: int) -> set[int]:
    documents = select(Document.file_id).where(Document.space_id == space_id)
    exports = select(Export.file_id).where(Export.space_id == space_id, Export.file_id.is_not(None))
    attachments = (
        select(MessageAttachment.file_id)
        .join(Message, Message.id == MessageAttachment.message_id)
        .join(Thread, Thread.id == Message.thread_id)
        .where(Thread.space_id == space_id)
    )
    return {file_id for query in (documents, exports, attachments) for file_id in db.scalars(query)}


def _delete_unused_files(db: Session, store: FileStore, file_ids: set[int]) -> None:
    """Delete the files no row refers to any more (an attachment saved into the documents
    may share its file)."""
    if not file_ids:
        return
    still_used: set[int] = set()
    for column in (Document.file_id, MessageAttachment.file_id, Export.file_id):
        still_used.update(db.scalars(select(column).where(column.in_(file_ids))))
    unused = db.scalars(select(StoredFile).where(StoredFile.id.in_(file_ids - still_used))).all()
    for stored in unused:
        store.delete(db, stored)
    db.flush()
