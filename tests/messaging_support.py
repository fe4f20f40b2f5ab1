"""Arranging messaging data for the tests: the personas' spaces, professionals and threads."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from espace import clock
from espace.models import (
    Account,
    HealthSpace,
    Message,
    MessageAttachment,
    Professional,
    Side,
    StoredFile,
    Thread,
    ThreadRead,
)
from tests.matrix.privacy import AMINA_RPPS, JEANNE_NIR, MARC_RPPS, SAMU_RPPS, SOPHIE_RPPS

JEANNE = "jeanne.martin@example.org"
KARIM = "karim.benali@example.org"
SOPHIE = "sophie.durand@example.org"
PAUL = "paul.leroy@example.org"
AMINA = "amina.diallo@example.org"
MARC = "marc.roux@example.org"
SAMU = "urgence.samu@example.org"
OPERATOR = "agent.cpam@example.org"
FACILITATOR = "animation@example.org"
KARIM_NIR = "188014410904575"
PAUL_RPPS = "10100000029"
RPPS = {SOPHIE: SOPHIE_RPPS, PAUL: PAUL_RPPS, AMINA: AMINA_RPPS, MARC: MARC_RPPS, SAMU: SAMU_RPPS}


def space_of(db: Session, nir: str = JEANNE_NIR) -> HealthSpace:
    return db.scalars(select(HealthSpace).where(HealthSpace.nir == nir)).one()


def professional(db: Session, email: str) -> Professional:
    return db.scalars(select(Professional).where(Professional.rpps == RPPS[email])).one()


def account(db: Session, email: str) -> Account:
    return db.scalars(select(Account).where(Account.email == email)).one()


def make_thread(
    db: Session,
    space: HealthSpace,
    who: Professional,
    *,
    subject: str = "Question de test",
    body: str = "Bonjour, voici un message de test.",
    side: Side = Side.PROFESSIONAL,
    closed: bool = False,
    when: datetime | None = None,
    attachment: StoredFile | None = None,
) -> Thread:
    """A thread with one message, committed (after ending the session's read snapshot:
    requests may have written since)."""
    db.commit()
    moment = when or clock.now() - timedelta(minutes=5)
    thread = Thread(space_id=space.id, professional_id=who.id, subject=subject, opened_by=side,
                    created_at=moment, last_message_at=moment)  # fmt: skip
    if closed:
        thread.closed_at, thread.closed_reason = moment, "Question traitée en consultation."
    db.add(thread)
    db.flush()
    author = who.account_id if side == Side.PROFESSIONAL else space.holder_account_id
    message = Message(thread_id=thread.id, side=side, author_account_id=author, body=body,
                      created_at=moment)  # fmt: skip
    db.add(message)
    db.flush()
    if attachment is not None:
        db.add(MessageAttachment(message_id=message.id, file_id=attachment.id))
    db.commit()
    return thread


def mark_read(db: Session, thread: Thread, email: str) -> None:
    db.add(ThreadRead(thread_id=thread.id, account_id=account(db, email).id, read_at=clock.now()))
    db.commit()


def messages_of(db: Session, thread_id: int) -> list[Message]:
    return list(
        db.scalars(select(Message).where(Message.thread_id == thread_id).order_by(Message.id))
    )


def search(client, words: str):  # type: ignore[no-untyped-def]
    """Search the messages as the browser does: the form posted (the words never go in an
    address), then the results page it is sent back to."""
    return client.post_form("/messagerie/recherche", {"q": words}, follow_redirects=True)
