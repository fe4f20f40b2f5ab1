"""Searching one's own messages: plain text, ignoring case and accents ("glycemie" finds
"Glycémie"), within the threads the viewer may read and nowhere else.

Folding is done in Python, the same for SQLite and PostgreSQL, over the viewer's own
messages only, newest first, stopping at ``LIMIT`` matches.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from espace.audit import record
from espace.messaging.reading import MESSAGES_PER_PAGE, author_name
from espace.messaging.viewer import Viewer
from espace.models import Account, HealthSpace, Message, Thread
from espace.profile.sections import unique_names
from espace.web.filters import datetime_fr

LIMIT = 50
QUERY_MAX = 100
EXCERPT = 160  # characters around the match
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower case, accents removed, runs of spaces made one: "Glycémie  À" → "glycemie a".
    Each step runs in C (normalize, a regular expression, casefold): messages are many."""
    bare = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return _SPACES.sub(" ", bare.casefold())


@dataclass(frozen=True)
class Hit:
    message: Message
    thread: Thread
    space: HealthSpace
    excerpt: str  # plain text around the first match (escaped when shown)
    author: str = ""
    page: int = 1  # the page of the thread that shows the message
    suffix: str = ""  # said after the subject in the link, so each link says where it goes


def search(db: Session, viewer: Viewer, query: str, now: datetime) -> list[Hit]:
    """The viewer's messages whose text, or whose thread's subject, holds ``query``;
    newest first, at most ``LIMIT``. One history entry (the words searched are not kept)."""
    wanted = fold(query).strip()
    found: list[tuple[int, str]] = []  # (message id, excerpt)
    subjects: dict[int, bool] = {}  # thread id -> its subject holds the words
    rows = db.execute(
        select(Message.id, Message.body, Thread.id, Thread.subject)
        .join(Thread, Thread.id == Message.thread_id)
        .join(HealthSpace, HealthSpace.id == Thread.space_id)
        .where(viewer.scope(now))
        .order_by(Message.created_at.desc(), Message.id.desc())
        .execution_options(yield_per=1000)
    )
    for message_id, body, thread_id, subject in rows:
        if thread_id not in subjects:
            subjects[thread_id] = wanted in fold(subject)
        if subjects[thread_id] or wanted in fold(body):
            found.append((message_id, excerpt(body, wanted)))
            if len(found) == LIMIT:
                break
    rows.close()
    loaded = {
        message.id: (message, thread, space)
        for message, thread, space in db.execute(
            select(Message, Thread, HealthSpace)
            .join(Thread, Thread.id == Message.thread_id)
            .join(HealthSpace, HealthSpace.id == Thread.space_id)
            .where(Message.id.in_([message_id for message_id, _ in found]))
        )
    }
    hits = [Hit(*loaded[message_id], shown) for message_id, shown in found]
    record(db, viewer.actor, "messages.searched", viewer.space, now=now)
    return _placed(db, viewer, hits)


def _placed(db: Session, viewer: Viewer, hits: list[Hit]) -> list[Hit]:
    """Who wrote each message, and the page of its thread that shows it."""
    ids = {h.message.author_account_id for h in hits if h.message.author_account_id}
    accounts = {a.id: a for a in db.scalars(select(Account).where(Account.id.in_(ids)))}
    ranks = _ranks(db, [hit.message for hit in hits])
    placed = []
    for hit in hits:
        message = hit.message
        author = author_name(viewer, hit.thread, hit.space, message,
                             accounts.get(message.author_account_id or 0))  # fmt: skip
        page = (ranks[message.id] - 1) // MESSAGES_PER_PAGE + 1
        placed.append(replace(hit, author=author, page=page))
    labels = unique_names(
        f"{h.thread.subject}, {h.author}, {datetime_fr(h.message.created_at)}" for h in placed
    )
    return [
        replace(h, suffix=label[len(h.thread.subject) :])
        for h, label in zip(placed, labels, strict=True)
    ]


def _ranks(db: Session, messages: list[Message]) -> dict[int, int]:
    """Each message's place in its thread, newest first (1: on the thread's first page), in
    one statement for all the hits rather than one count each: pages show the newest
    first, so the place gives the page."""
    if not messages:
        return {}
    place = func.row_number().over(
        partition_by=Message.thread_id, order_by=(Message.created_at.desc(), Message.id.desc())
    )
    ranked = (
        select(Message.id, place.label("place"))
        .where(Message.thread_id.in_({m.thread_id for m in messages}))
        .subquery()
    )
    rows = db.execute(
        select(ranked.c.id, ranked.c.place).where(ranked.c.id.in_([m.id for m in messages]))
    )
    return dict(rows.all())


def excerpt(body: str, wanted: str) -> str:
    """The words around the first match, from the text as written (cut on spaces)."""
    flat = _SPACES.sub(" ", body).strip()
    folded = [fold(ch) for ch in flat]  # one entry per character of ``flat``
    joined = "".join(folded)
    found = joined.find(wanted)
    if found < 0 or len(flat) <= EXCERPT:
        return _cut(flat, 0)
    # Map the position in the folded text back to a character of ``flat``.
    position, length = 0, 0
    for index, piece in enumerate(folded):
        if length >= found:
            position = index
            break
        length += len(piece)
    return _cut(flat, max(0, position - EXCERPT // 3))


def _cut(text: str, start: int) -> str:
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    end = start + EXCERPT
    piece = text[start:end]
    if end < len(text):
        space = piece.rfind(" ")
        piece = (piece[:space] if space > EXCERPT // 2 else piece) + " …"
    return ("… " if start > 0 else "") + piece
