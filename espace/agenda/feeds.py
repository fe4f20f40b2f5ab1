"""Private subscription links to the agenda (.ics): the secret token is the key.

Only the token's SHA-256 is stored: the full link is shown once, at creation, and a copy
of the database opens no agenda. A token has 256 bits of randomness, so a hash without
salt is enough (nothing to guess from it). The holder can revoke a link at any time; a
revoked or unknown token gets the same 404 as any missing page.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from espace.actors import Actor, ActorRole
from espace.audit import record
from espace.models import Appointment, CalendarFeed, HealthSpace
from espace.policy.access import OPEN_STATUSES

TOKEN_BYTES = 32
FEED_PAST = timedelta(days=365)  # the feed also keeps the last year's appointments
MAX_TOKEN_LENGTH = 100


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create(db: Session, actor: Actor, space: HealthSpace, now: datetime) -> str:
    """A new link; returns the token, which is stored nowhere."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    db.add(CalendarFeed(space_id=space.id, token_hash=token_hash(token), created_at=now))
    db.flush()
    record(db, actor, "calendar_feed.created", space, now=now)
    return token


def active(db: Session, space: HealthSpace) -> list[CalendarFeed]:
    return list(
        db.scalars(
            select(CalendarFeed)
            .where(CalendarFeed.space_id == space.id, CalendarFeed.revoked_at.is_(None))
            .order_by(CalendarFeed.created_at, CalendarFeed.id)
        )
    )


def find(db: Session, space: HealthSpace, feed_id: int) -> CalendarFeed | None:
    if not 0 < feed_id < 2**63:
        return None
    return db.scalar(
        select(CalendarFeed).where(
            CalendarFeed.id == feed_id,
            CalendarFeed.space_id == space.id,
            CalendarFeed.revoked_at.is_(None),
        )
    )


def revoke(db: Session, actor: Actor, space: HealthSpace, feed: CalendarFeed,
           now: datetime) -> None:  # fmt: skip
    feed.revoked_at = now
    record(db, actor, "calendar_feed.revoked", space, now=now)


def space_of(db: Session, token: str) -> HealthSpace | None:
    """The open space a live token opens, or None (unknown, revoked, space not open)."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    feed = db.scalar(
        select(CalendarFeed).where(
            CalendarFeed.token_hash == token_hash(token), CalendarFeed.revoked_at.is_(None)
        )
    )
    if feed is None:
        return None
    space = db.get(HealthSpace, feed.space_id)
    return space if space is not None and space.status in OPEN_STATUSES else None


def read(db: Session, space: HealthSpace, now: datetime) -> list[Appointment]:
    """What the feed holds, written in the space's history as read through a link (by the
    holder's calendar application: the holder's role, no account)."""
    appointments = db.scalars(
        select(Appointment)
        .where(
            Appointment.space_id == space.id,
            Appointment.cancelled_at.is_(None),
            Appointment.starts_at >= now - FEED_PAST,
        )
        .order_by(Appointment.starts_at, Appointment.id)
    ).all()
    record(db, Actor(ActorRole.HOLDER), "calendar_feed.read", space, now=now)
    return list(appointments)
