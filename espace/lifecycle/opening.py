"""The opening job (``jobs run``): a space whose opposition window has passed without an
opposition opens (DOMAIN.md, "Opposition window").

Only a notice that reached the person starts the window (an e-mail sent, a letter
printed): a letter still waiting to be printed never lets a space open. Spaces are
claimed by a conditional UPDATE (still ``notified``), so two runs at the same time open
each space once and tell each person once. Work is committed by chunks, so a large run
neither holds the database for long nor keeps everything in memory.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import exists, select, update
from sqlalchemy.orm import Session

from espace.actors import Actor
from espace.audit import record
from espace.lifecycle.notices import send_opened_email
from espace.models import HealthSpace, Notice, SpaceStatus

CHUNK = 500


def due_space_ids(db: Session, now: datetime) -> list[int]:
    window_passed = exists().where(
        Notice.space_id == HealthSpace.id,
        Notice.window_ends_at <= now,
        (Notice.sent_at.is_not(None)) | (Notice.printed_at.is_not(None)),
    )
    return list(
        db.scalars(
            select(HealthSpace.id)
            .where(HealthSpace.status == SpaceStatus.NOTIFIED, window_passed)
            .order_by(HealthSpace.id)
        )
    )


def open_due(db: Session, now: datetime) -> int:
    """Job: open every space due; returns how many this run opened."""
    opened = 0
    due = due_space_ids(db, now)
    for start in range(0, len(due), CHUNK):
        opened += open_spaces(db, due[start : start + CHUNK], now)
        db.commit()
        db.expunge_all()
    return opened


def open_spaces(db: Session, space_ids: list[int], now: datetime) -> int:
    """Open those of the spaces still ``notified`` (claimed by one UPDATE), record it and
    tell each person; returns how many this call opened."""
    if not space_ids:
        return 0
    claimed = db.scalars(
        update(HealthSpace)
        .where(HealthSpace.id.in_(space_ids), HealthSpace.status == SpaceStatus.NOTIFIED)
        .values(status=SpaceStatus.OPEN, opened_at=now)
        .returning(HealthSpace.id)
        .execution_options(synchronize_session=False)
    ).all()
    if not claimed:
        return 0
    spaces = db.scalars(
        select(HealthSpace)
        .where(HealthSpace.id.in_(claimed))
        .order_by(HealthSpace.id)
        .execution_options(populate_existing=True)
    ).all()
    for space in spaces:
        record(db, Actor.system(), "space.opened", space, now=now)
        send_opened_email(db, space)
    return len(spaces)
