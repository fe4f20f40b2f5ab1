"""Reading the messaging: the inbox (unread threads first, then by last message), the
unread count of the menu, and one thread's messages, page by page.

Every list is one query within ``Viewer.scope``: what the viewer may not read is never
loaded, so it can be neither shown nor counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import (
    Integer,
    Select,
    and_,
    bindparam,
    case,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session, aliased

from espace.audit import record
from espace.db import prebuilt_count
from espace.messaging.services import last_read, mark_read
from espace.messaging.viewer import Viewer, bound_scope
from espace.models import (
    Account,
    Document,
    HealthSpace,
    Message,
    MessageAttachment,
    Notification,
    Side,
    Thread,
    ThreadRead,
)
from espace.models.base import UTCDateTime
from espace.profile.sections import unique_names
from espace.web.filters import datetime_fr
from espace.web.paging import Page

THREADS_PER_PAGE = 20
MESSAGES_PER_PAGE = 20


def _bounds(total: int, page: int, per_page: int) -> tuple[int, int]:
    count = max(1, -(-total // per_page))
    return min(max(page, 1), count), count


@dataclass(frozen=True)
class InboxItem:
    thread: Thread
    space: HealthSpace
    unread: bool
    who: str  # the other side: the professional (for the holder) or the patient
    suffix: str  # said after the subject in the link, so each link says where it goes


def other_side(viewer: Viewer, thread: Thread, space: HealthSpace) -> str:
    if viewer.side == Side.HOLDER:
        professional = thread.professional
        return f"{professional.display_name} ({professional.profession.lower()})"
    return space.full_name


# The viewer's own reads, joined on each thread (built once: aliasing costs at each call).
READ = aliased(ThreadRead, name="own_read")
UNREAD = or_(READ.read_at.is_(None), Thread.last_message_at > READ.read_at)


def inbox(db: Session, viewer: Viewer, page: int, now: datetime) -> Page[InboxItem]:
    """Unread threads first, then the most recent; one history entry."""
    values = {**viewer.bound_values(now), "account_id": viewer.account_id}
    total = prebuilt_count(db, _inbox_count(viewer.kind), values)
    number, count = _bounds(total, page, THREADS_PER_PAGE)
    window = {**values, "offset": (number - 1) * THREADS_PER_PAGE}
    rows = db.execute(_inbox_page(viewer.kind), window).all()
    record(db, viewer.actor, "messages.inbox_viewed", viewer.space, now=now)
    described = [
        (t, s, bool(u), other_side(viewer, t, s), f", {other_side(viewer, t, s)}, "
         f"{datetime_fr(t.last_message_at)}")
        for t, s, u in rows
    ]  # fmt: skip
    labels = unique_names(t.subject + suffix for t, _s, _u, _w, suffix in described)
    items = [
        InboxItem(t, s, u, who, label[len(t.subject) :])
        for (t, s, u, who, _), label in zip(described, labels, strict=True)
    ]
    return Page(items, number, count, total)


# The inbox's statements, built once per kind of viewer (the professional's rules cost
# more to build than to run).
@cache
def _inbox_count(kind: str) -> Select[tuple[int]]:
    return (
        select(func.count())
        .select_from(Thread)
        .join(HealthSpace, HealthSpace.id == Thread.space_id)
        .where(bound_scope(kind))
    )


@cache
def _inbox_page(kind: str) -> Select[tuple[Thread, HealthSpace, int]]:
    unread = case((UNREAD, 1), else_=0)
    own_reads = and_(
        READ.thread_id == Thread.id, READ.account_id == bindparam("account_id", type_=Integer)
    )
    return (
        select(Thread, HealthSpace, unread)
        .join(HealthSpace, HealthSpace.id == Thread.space_id)
        .outerjoin(READ, own_reads)
        .where(bound_scope(kind))
        .order_by(unread.desc(), Thread.last_message_at.desc(), Thread.id.desc())
        .limit(THREADS_PER_PAGE)
        .offset(bindparam("offset", type_=Integer))
    )


def unread_count(db: Session, viewer: Viewer, now: datetime) -> int:
    """Threads with something new for this account (the menu's badge: no history entry,
    it names nothing)."""
    values = {**viewer.bound_values(now), "account_id": viewer.account_id}
    return prebuilt_count(db, _unread_statement(viewer.kind), values)


@cache
def _unread_statement(kind: str) -> Select[tuple[int]]:
    """The count on every page, built once with bound values: the same threads as
    ``Viewer.scope``; a professional's count reads only the threads not yet marked read
    by them (a GP may have thousands)."""
    scope = bound_scope(kind)
    if kind == "professional":
        scope = and_(scope, Thread.unread_by_professional.is_(True))
    account_id = bindparam("account_id", type_=Integer)
    return (
        select(func.count())
        .select_from(Thread)
        .join(HealthSpace, HealthSpace.id == Thread.space_id)
        .outerjoin(READ, and_(READ.thread_id == Thread.id, READ.account_id == account_id))
        .where(scope, UNREAD)
    )


@dataclass(frozen=True)
class ShownMessage:
    message: Message
    author: str  # as the viewer says it: "Vous", "Dr Sophie Durand", "Jeanne Martin"
    new: bool  # arrived since the viewer last read the thread
    attachments: list[MessageAttachment]
    document: Document | None  # the prescription of a renewal request, when still there


@dataclass(frozen=True)
class ThreadPage:
    thread: Thread
    space: HealthSpace
    messages: Page[ShownMessage]  # oldest first within the page; page 1 is the latest


def read_thread(
    db: Session, viewer: Viewer, thread: Thread, page: int, now: datetime
) -> ThreadPage:
    """One page of the thread, marked read for this account; one history entry."""
    space = db.get(HealthSpace, thread.space_id)
    assert space is not None  # noqa: S101 - a foreign key
    total = prebuilt_count(db, _MESSAGE_COUNT, {"thread_id": thread.id})
    number, count = _bounds(total, page, MESSAGES_PER_PAGE)
    window = {"thread_id": thread.id, "offset": (number - 1) * MESSAGES_PER_PAGE}
    messages = list(db.scalars(_MESSAGES, window))[::-1]
    seen = last_read(db, thread.id, viewer.account_id)
    shown = _describe(db, viewer, thread, space, messages, seen)
    mark_read(db, thread, viewer.account_id, now)
    # Its "new message" notifications are read too: the two counts in the menu agree.
    values = {"reader": viewer.account_id, "read_thread": thread.id, "read_until": now}
    db.execute(_READ_NOTIFICATIONS, values)
    record_view(db, viewer, space, thread, now)
    return ThreadPage(thread, space, Page(shown, number, count, total))


# The statements of every thread page, built once with bound values.
_MESSAGE_COUNT = select(func.count()).where(
    Message.thread_id == bindparam("thread_id", type_=Integer)
)
_MESSAGES = (
    select(Message)
    .where(Message.thread_id == bindparam("thread_id", type_=Integer))
    .order_by(Message.created_at.desc(), Message.id.desc())
    .limit(MESSAGES_PER_PAGE)
    .offset(bindparam("offset", type_=Integer))
)
_ATTACHMENTS = (
    select(MessageAttachment)
    .where(MessageAttachment.message_id.in_(bindparam("ids", expanding=True)))
    .order_by(MessageAttachment.id)
)
_ACCOUNTS = select(Account).where(Account.id.in_(bindparam("ids", expanding=True)))
_READ_NOTIFICATIONS = (
    update(Notification)
    .where(
        Notification.account_id == bindparam("reader", type_=Integer),
        Notification.kind.in_(("new_message", "patient_message")),
        Notification.target_type == "thread",
        Notification.target_id == bindparam("read_thread", type_=Integer),
        Notification.read_at.is_(None),
    )
    .values(read_at=bindparam("read_until", type_=UTCDateTime))
    .execution_options(synchronize_session=False)
)


def record_view(
    db: Session, viewer: Viewer, space: HealthSpace, thread: Thread, now: datetime
) -> None:
    record(db, viewer.actor, "messages.thread_viewed", space, target_type="thread",
           target_id=thread.id, now=now)  # fmt: skip


def _describe(
    db: Session,
    viewer: Viewer,
    thread: Thread,
    space: HealthSpace,
    messages: list[Message],
    seen: datetime | None,
) -> list[ShownMessage]:
    ids = [m.id for m in messages]
    attachments: dict[int, list[MessageAttachment]] = {}
    for attachment in db.scalars(_ATTACHMENTS, {"ids": ids}):
        attachments.setdefault(attachment.message_id, []).append(attachment)
    document_ids = {m.document_id for m in messages if m.document_id}
    visible = [Document.id.in_(document_ids), Document.space_id == space.id]
    if viewer.side == Side.HOLDER:  # results still held are not the holder's to open yet
        visible.append(Document.held.is_(False))
    documents = (
        {d.id: d for d in db.scalars(select(Document).where(*visible))} if document_ids else {}
    )
    account_ids = {m.author_account_id for m in messages if m.author_account_id}
    accounts = {a.id: a for a in db.scalars(_ACCOUNTS, {"ids": list(account_ids)})}
    return [
        ShownMessage(
            message=m,
            author=author_name(viewer, thread, space, m, accounts.get(m.author_account_id or 0)),
            new=m.author_account_id != viewer.account_id and (seen is None or m.created_at > seen),
            attachments=attachments.get(m.id, []),
            document=documents.get(m.document_id or 0),
        )
        for m in messages
    ]


def author_name(
    viewer: Viewer, thread: Thread, space: HealthSpace, message: Message, account: Account | None
) -> str:
    if account is not None and account.id == viewer.account_id:
        return "Vous"
    if message.side == Side.PROFESSIONAL:
        return thread.professional.display_name
    if account is None or account.id == space.holder_account_id:
        return space.full_name
    return f"{account.display_name}, pour {space.full_name}"  # a representative
