"""What goes into an export: everything the person who asked may see in the space, read
in one go (one snapshot).

Results still held by their author are not in it (CSP R1111-53), and a minor's
confidential care is in it only when the minor asks for their own data, never when a
parent does (CSP R1111-50).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from espace.models import (
    Appointment,
    Document,
    Export,
    HealthSpace,
    Measurement,
    Message,
    MessageAttachment,
    MyProfessional,
    PrivateNote,
    Professional,
    Reimbursement,
    Thread,
    Wishes,
)
from espace.profile.sections import SECTIONS


@dataclass(frozen=True)
class CareLine:
    """A reimbursed care, with the professional's name when the directory knows them."""

    line: Reimbursement
    professional: str | None


@dataclass(frozen=True)
class PostedMessage:
    message: Message
    attachments: list[MessageAttachment]


@dataclass(frozen=True)
class Conversation:
    thread: Thread
    messages: list[PostedMessage]


@dataclass
class SpaceData:
    export_id: int
    space: HealthSpace
    by_holder: bool  # the holder asked (not a parent): confidential care is included
    generated_at: datetime
    documents: list[Document] = field(default_factory=list)
    items: dict[str, list[Any]] = field(default_factory=dict)  # profile list sections
    measurements: list[Measurement] = field(default_factory=list)
    wishes: Wishes | None = None
    professionals: list[MyProfessional] = field(default_factory=list)
    notes: list[PrivateNote] = field(default_factory=list)
    care: list[CareLine] = field(default_factory=list)
    appointments: list[Appointment] = field(default_factory=list)
    conversations: list[Conversation] = field(default_factory=list)


def gather(db: Session, export: Export, now: datetime) -> SpaceData:
    space = db.get(HealthSpace, export.space_id)
    if space is None:
        raise LookupError(f"export {export.id}: space missing")
    by_holder = (
        export.requested_by_account_id is not None
        and export.requested_by_account_id == space.holder_account_id
    )
    data = SpaceData(export.id, space, by_holder, now)
    documents = select(Document).where(Document.space_id == space.id, Document.held.is_(False))
    if not by_holder:
        documents = documents.where(Document.confidential.is_(False))
    data.documents = list(
        db.scalars(documents.order_by(Document.document_date.desc(), Document.id.desc())).unique()
    )
    for slug, spec in SECTIONS.items():
        data.items[slug] = list(
            db.scalars(
                select(spec.model).where(spec.model.space_id == space.id).order_by(*spec.order)
            )
        )
    data.measurements = _of_space(db, Measurement, space, Measurement.measured_on.desc())
    data.wishes = db.scalar(select(Wishes).where(Wishes.space_id == space.id))
    data.professionals = list(
        db.scalars(select(MyProfessional).where(MyProfessional.space_id == space.id)).unique()
    )
    data.notes = _of_space(db, PrivateNote, space, PrivateNote.updated_at.desc())
    data.care = _care(db, space, by_holder)
    data.appointments = list(
        db.scalars(
            select(Appointment)
            .where(Appointment.space_id == space.id)
            .order_by(Appointment.starts_at.desc(), Appointment.id)
        ).unique()
    )
    data.conversations = _conversations(db, space)
    return data


def _of_space(db: Session, model: Any, space: HealthSpace, *order: Any) -> list[Any]:
    return list(db.scalars(select(model).where(model.space_id == space.id).order_by(*order)))


def _care(db: Session, space: HealthSpace, by_holder: bool) -> list[CareLine]:
    query = (
        select(Reimbursement, Professional)
        .outerjoin(Professional, Professional.rpps == Reimbursement.professional_rpps)
        .where(Reimbursement.space_id == space.id)
        .order_by(Reimbursement.care_date.desc(), Reimbursement.id.desc())
    )
    if not by_holder:
        query = query.where(Reimbursement.confidential.is_(False))
    return [
        CareLine(line, professional.display_name if professional else None)
        for line, professional in db.execute(query).unique()
    ]


def _conversations(db: Session, space: HealthSpace) -> list[Conversation]:
    threads = list(
        db.scalars(
            select(Thread)
            .where(Thread.space_id == space.id)
            .order_by(Thread.last_message_at.desc(), Thread.id)
        ).unique()
    )
    if not threads:
        return []
    messages = db.scalars(
        select(Message)
        .where(Message.thread_id.in_([t.id for t in threads]))
        .order_by(Message.created_at, Message.id)
    ).all()
    attachments: dict[int, list[MessageAttachment]] = {}
    if messages:
        for attachment in db.scalars(
            select(MessageAttachment)
            .where(MessageAttachment.message_id.in_([m.id for m in messages]))
            .order_by(MessageAttachment.id)
        ).unique():
            attachments.setdefault(attachment.message_id, []).append(attachment)
    by_thread: dict[int, list[PostedMessage]] = {}
    for message in messages:
        by_thread.setdefault(message.thread_id, []).append(
            PostedMessage(message, attachments.get(message.id, []))
        )
    return [Conversation(t, by_thread.get(t.id, [])) for t in threads]
