"""Counting failures per subject in the database, so a limit holds across workers.

Used for passwords (ASVS 2.2.1), and by later features for codes typed by people
(activation, opposition, share codes). Subjects are hashed: the table never holds an
e-mail address or a NIR.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from espace.db import insert_if_absent
from espace.models import Throttle


@dataclass(frozen=True)
class Limit:
    name: str
    max_failures: int
    window: timedelta  # failures older than this are forgotten
    lock_for: timedelta


@dataclass(frozen=True)
class ThrottleState:
    failures: int
    locked_until: datetime | None
    just_locked: bool = False

    def lock_end(self, now: datetime) -> datetime | None:
        """When the lock ends, if it is on at ``now``."""
        if self.locked_until is not None and self.locked_until > now:
            return self.locked_until
        return None


def _key(limit: Limit, subject: str) -> str:
    digest = hashlib.sha256(subject.strip().lower().encode()).hexdigest()
    return f"{limit.name}:{digest[:64]}"


def _row(session: Session, limit: Limit, subject: str) -> Throttle:
    key = _key(limit, subject)
    insert_if_absent(session, Throttle.__table__, {"key": key, "failures": 0})
    # FOR UPDATE serialises concurrent counting on PostgreSQL; SQLite's BEGIN IMMEDIATE
    # already holds the write lock.
    return session.execute(
        select(Throttle).where(Throttle.key == key).with_for_update()
    ).scalar_one()


def state(session: Session, limit: Limit, subject: str) -> ThrottleState:
    row = session.get(Throttle, _key(limit, subject))
    if row is None:
        return ThrottleState(0, None)
    return ThrottleState(row.failures, row.locked_until)


def record_failure(session: Session, limit: Limit, subject: str, now: datetime) -> ThrottleState:
    row = _row(session, limit, subject)
    if row.first_failure_at is None or now - row.first_failure_at > limit.window:
        row.failures, row.first_failure_at = 0, now
    if row.locked_until is not None and row.locked_until <= now:
        row.failures, row.first_failure_at, row.locked_until = 0, now, None
    row.failures += 1
    just_locked = False
    if row.failures >= limit.max_failures and row.locked_until is None:
        row.locked_until = now + limit.lock_for
        just_locked = True
    session.flush()
    return ThrottleState(row.failures, row.locked_until, just_locked)


def reset(session: Session, limit: Limit, subject: str) -> None:
    row = session.get(Throttle, _key(limit, subject))
    if row is not None:
        session.delete(row)
        session.flush()
