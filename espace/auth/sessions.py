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

from sqlalchemy import String, bindparam, select
from sqlalchemy.orm import Session, joinedload

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
