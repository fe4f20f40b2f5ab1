"""Writing in the messaging: opening a thread, replying, closing; marking a thread read.

Each one checks ``rules.py`` on facts gathered now, writes, records exactly one history
entry, and tells the other side: the holder through ``record()`` (when a professional
writes), the professional directly (when the holder writes). Notifications and e-mails
carry no content (espace/notifications/kinds.py).
"""

from __future__ import annotations

from datetime import datetime
from functools import cache

from sqlalchemy import Executable, Integer, bindparam, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from espace.access import AccessError
from espace.actors import Actor, ActorRole
from espace.audit import record
from espace.clock import PARIS
from espace.db import run_prebuilt
from espace.documents.forms import ChosenFile
from espace.files.storage import FileStore
from espace.messaging import facts as gathering
from espace.messaging.rules import (
    MessagingFacts,
    Party,
    may_close,
    may_open,
    may_reply,
    may_write_first,
)
from espace.models import (
    AuditEntry,
    HealthSpace,
    Message,
    MessageAttachment,
    MessageKind,
    Professional,
    Side,
    Thread,
    ThreadRead,
)
from espace.models.base import UTCDateTime
from espace.notifications.services import Notice, notify
from espace.representatives.queries import is_minor

SUBJECT_MAX = 200
BODY_MAX = 5000
REASON_MAX = 500


def side_of(party: Party) -> Side:
    if party == Party.HOLDER:
        return Side.HOLDER
    if party == Party.PROFESSIONAL:
        return Side.PROFESSIONAL
    raise AccessError(
        "Seuls le titulaire de l'espace et le professionnel de la conversation y écrivent."
    )


def start_thread(
    db: Session,
    store: FileStore,
    actor: Actor,
    space: HealthSpace,
    professional: Professional,
    *,
    subject: str,
    body: str,
    upload: ChosenFile | None,
    now: datetime,
    confidential: bool = False,
) -> Thread:
    """A new thread: opened by the professional (``may_open``) or written first by the
    holder (``may_write_first``). Raises AccessError with the reason otherwise.
    ``confidential`` holds only for a minor's space and never by a representative."""
    facts = gathering.gather(db, actor, space, professional, now)
    decision = may_open(facts) if facts.party == Party.PROFESSIONAL else may_write_first(facts)
    if not decision:
        raise AccessError(decision.reason)
    side = side_of(facts.party)
    thread = Thread(
        space_id=space.id,
        professional_id=professional.id,
        subject=subject,
        opened_by=side,
        created_at=now,
        last_message_at=now,
        confidential=confidential
        and actor.role != ActorRole.REPRESENTATIVE
        and is_minor(space, now.astimezone(PARIS).date()),
    )
    db.add(thread)
    db.flush()
    add_message(db, store, actor, thread, side, body=body, upload=upload, now=now)
    entry = record(db, actor, "messages.thread_opened", space, target_type="thread",
                   confidential=thread.confidential,
                   target_id=thread.id, now=now)  # fmt: skip
    tell_professional(db, facts, thread, entry, now)
    return thread


def reply(
    db: Session,
    store: FileStore,
    actor: Actor,
    thread: Thread,
    *,
    body: str,
    upload: ChosenFile | None,
    now: datetime,
) -> Message:
    space = _space(db, thread)
    facts = gathering.gather(db, actor, space, thread.professional, now)
    decision = may_reply(facts, thread.closed_at is not None)
    if not decision:
        raise AccessError(decision.reason)
    message = add_message(
        db, store, actor, thread, side_of(facts.party), body=body, upload=upload, now=now
    )
    entry = record(db, actor, "messages.sent", space, target_type="thread",
                   confidential=thread.confidential,
                   target_id=thread.id, now=now)  # fmt: skip
    tell_professional(db, facts, thread, entry, now)
    return message


def close_thread(db: Session, actor: Actor, thread: Thread, reason: str, now: datetime) -> None:
    space = _space(db, thread)
    facts = gathering.gather(db, actor, space, thread.professional, now)
    decision = may_close(facts, thread.closed_at is not None)
    if not decision:
        raise AccessError(decision.reason)
    # Conditional: two closings at once leave the first reason, and one history entry.
    closed = db.execute(
        update(Thread)
        .where(Thread.id == thread.id, Thread.closed_at.is_(None))
        .values(closed_at=now, closed_reason=reason)
    )
    if closed.rowcount != 1:  # type: ignore[attr-defined]
        raise AccessError("Cette conversation est déjà close.")
    db.refresh(thread)
    record(db, actor, "messages.thread_closed", space, target_type="thread",
           target_id=thread.id, now=now)  # fmt: skip


def add_message(
    db: Session,
    store: FileStore,
    actor: Actor,
    thread: Thread,
    side: Side,
    *,
    body: str,
    upload: ChosenFile | None,
    now: datetime,
    kind: MessageKind = MessageKind.TEXT,
    document_id: int | None = None,
) -> Message:
    """The message (body stored exactly as written), its file, and the thread read by its
    author. Raises RefusedFile for an unacceptable file."""
    message = Message(
        thread_id=thread.id,
        side=side,
        author_account_id=actor.account_id,
        kind=kind,
        body=body,
        document_id=document_id,
        created_at=now,
    )
    db.add(message)
    db.flush()
    if upload is not None:
        stored = store.save(db, upload.content, upload.name)
        db.add(MessageAttachment(message_id=message.id, file_id=stored.id))
    thread.last_message_at = now
    thread.unread_by_professional = True  # until its author, if the professional, reads it
    if actor.account_id is not None:
        mark_read(db, thread, actor.account_id, now)
    db.flush()
    return message


def tell_professional(
    db: Session, facts: MessagingFacts, thread: Thread, entry: AuditEntry, now: datetime
) -> None:
    """When the holder writes, ``record()`` tells nobody (it tells the holder of what others
    do): the professional is told here, in the app and by an e-mail without content."""
    account = thread.professional.account
    if facts.party != Party.HOLDER or account is None:
        return
    notify(
        db,
        account,
        Notice("patient_message", space_id=thread.space_id, target_type="thread",
               target_id=thread.id, audit_seq=entry.seq),
        now,
    )  # fmt: skip


def mark_read(db: Session, thread: Thread, account_id: int, now: datetime) -> None:
    """Read up to ``now`` (never moves back): one INSERT ... ON CONFLICT, so two tabs
    opening the same thread at once cannot collide (SQLite and PostgreSQL alike)."""
    values = {"read_thread": thread.id, "reader": account_id, "read_until": now}
    db.execute(_mark_read_statement(db.get_bind().dialect.name), values)
    if thread.professional.account_id == account_id:
        # Read by its professional: the menu's count skips it until the next message. In
        # SQL, under the write lock: a message sent meanwhile keeps it unread.
        db.execute(_READ_BY_PROFESSIONAL, values)


@cache
def _mark_read_statement(dialect: str) -> Executable:
    """Built once per database kind (every thread page marks itself read)."""
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(ThreadRead).values(
        thread_id=bindparam("read_thread", type_=Integer),
        account_id=bindparam("reader", type_=Integer),
        read_at=bindparam("read_until", type_=UTCDateTime),
    )
    return statement.on_conflict_do_update(
        index_elements=[ThreadRead.thread_id, ThreadRead.account_id],
        set_={"read_at": statement.excluded.read_at},
        where=ThreadRead.read_at < statement.excluded.read_at,
    )


_READ_BY_PROFESSIONAL = (
    update(Thread)
    .where(
        Thread.id == bindparam("read_thread", type_=Integer),
        Thread.unread_by_professional.is_(True),
        Thread.last_message_at <= bindparam("read_until", type_=UTCDateTime),
    )
    .values(unread_by_professional=False)
    .execution_options(synchronize_session="fetch")
)


def last_read(db: Session, thread_id: int, account_id: int) -> datetime | None:
    values = {"thread_id": thread_id, "account_id": account_id}
    return run_prebuilt(db, _LAST_READ, values).scalar()


_LAST_READ = select(ThreadRead.read_at).where(
    ThreadRead.thread_id == bindparam("thread_id", type_=Integer),
    ThreadRead.account_id == bindparam("account_id", type_=Integer),
)


def _space(db: Session, thread: Thread) -> HealthSpace:
    space = db.get(HealthSpace, thread.space_id)
    assert space is not None  # noqa: S101 - a foreign key
    return space
