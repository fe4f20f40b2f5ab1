"""Server-side sessions: the browser holds a random token, the database its state.

A new token is issued at every sign-in (no session fixation, ASVS 3.2.1). A session ends
after 15 minutes without activity or 12 hours in all (ANSSI), or when the person signs
out: the row is ended, so the old cookie is worthless even if it was copied.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import String, bindparam, or_, select, update
from sqlalchemy.orm import Session, joinedload

from espace import clock
from espace.models import Account, AuthSession, SecondFactor

# last_seen_at is written at most this often: fewer writes, idle timeout still to the minute.
TOUCH_EVERY = timedelta(seconds=30)


def token_id(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(db: Session, account: Account, factor: SecondFactor, now: datetime) -> str:
    token = secrets.token_urlsafe(32)
    db.add(
        AuthSession(
            id=token_id(token), account=account, factor=factor, created_at=now, last_seen_at=now
        )
    )
    db.flush()
    return token


@dataclass(frozen=True)
class Loaded:
    account: Account | None
    expired: bool = False


def load_session(
    db: Session, token: str, now: datetime, idle: timedelta, absolute: timedelta, touch: bool
) -> Loaded:
    row = db.scalar(_WITH_ACCOUNT, {"id": token_id(token)})
    if row is None or row.ended_at is not None:
        return Loaded(None)
    if now - row.last_seen_at > idle:
        _end(row, now, "idle")
        return Loaded(None, expired=True)
    if now - row.created_at > absolute:
        _end(row, now, "absolute")
        return Loaded(None, expired=True)
    if not row.account.is_active:
        _end(row, now, "disabled")
        return Loaded(None)
    if touch and now - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = now
    return Loaded(row.account)


# The account comes with the session: one query on every signed-in page, built once.
_WITH_ACCOUNT = (
    select(AuthSession)
    .options(joinedload(AuthSession.account))
    .where(AuthSession.id == bindparam("id", type_=String))
)


def keep_alive(db: Session, token: str, now: datetime) -> None:
    row = db.get(AuthSession, token_id(token))
    if row is not None and row.ended_at is None:
        row.last_seen_at = now


def end_session(db: Session, token: str, now: datetime, reason: str = "sign-out") -> None:
    row = db.get(AuthSession, token_id(token))
    if row is not None and row.ended_at is None:
        _end(row, now, reason)


def _end(row: AuthSession, now: datetime, reason: str) -> None:
    row.ended_at = now
    row.end_reason = reason
    row.last_search = None
    row.last_search_space_id = None


def remember_search(db: Session, token: str, words: str, space_id: int | None) -> None:
    """Keep the words of a messaging search with the session, and the space searched
    (None: a professional's messages): the results page reads them from here, so they
    never appear in an address, the browser's history or a server's logs."""
    row = db.get(AuthSession, token_id(token))  # loaded with the request: no query
    if row is not None and row.ended_at is None:
        row.last_search = words
        row.last_search_space_id = space_id


def remembered_search(db: Session, token: str, space_id: int | None) -> str | None:
    """The words last searched in this session, if they were searched in ``space_id``: a
    parent who switched to a child's space since then gets an empty form, not the search
    run again in the child's space unasked (and written to its history)."""
    row = db.get(AuthSession, token_id(token))
    if row is None or row.ended_at is not None or row.last_search_space_id != space_id:
        return None
    return row.last_search


def forget_searches(db: Session, _now: datetime) -> int:
    """Job: forget the words of sessions that ended without signing out (idle, closed
    browser). Uses the real time, like the sessions themselves (a workshop's simulated date
    does not end a session)."""
    idle = current_app.config["SESSION_IDLE_TIMEOUT"]
    result = db.execute(
        update(AuthSession)
        .where(
            AuthSession.last_search.is_not(None),
            or_(
                AuthSession.ended_at.is_not(None),
                AuthSession.last_seen_at < clock.wall_now() - idle,
            ),
        )
        .values(last_search=None, last_search_space_id=None)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0
