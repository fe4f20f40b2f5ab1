"""Letters to print (for people without an e-mail address): listed by enrolment batch,
printed by runs of at most ``PRINT_RUN`` letters. Printing draws each letter's code at
that moment; reprinting a run draws new codes, and the old ones stop working."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from espace.actors import Actor
from espace.audit import record
from espace.lifecycle.notices import Letter, print_letter
from espace.models import EnrolmentBatch, HealthSpace, Notice, NoticeChannel, SpaceStatus

PRINT_RUN = 50
PRINTABLE = {SpaceStatus.NOTIFIED, SpaceStatus.OPEN}


@dataclass(frozen=True)
class Waiting:
    batch: EnrolmentBatch | None  # None: new codes asked for, migrated DMPs
    count: int


@dataclass(frozen=True)
class PrintRun:
    batch_id: int | None
    printed_at: datetime
    count: int


def _letters() -> Select[tuple[Notice, HealthSpace]]:
    return (
        select(Notice, HealthSpace)
        .join(HealthSpace, HealthSpace.id == Notice.space_id)
        .where(Notice.channel == NoticeChannel.LETTER, HealthSpace.status.in_(PRINTABLE))
    )


def waiting(db: Session) -> list[Waiting]:
    rows = db.execute(
        select(Notice.batch_id, func.count())
        .join(HealthSpace, HealthSpace.id == Notice.space_id)
        .where(
            Notice.channel == NoticeChannel.LETTER,
            Notice.printed_at.is_(None),
            HealthSpace.status.in_(PRINTABLE),
        )
        .group_by(Notice.batch_id)
    ).all()
    batches = {
        b.id: b
        for b in db.scalars(
            select(EnrolmentBatch).where(
                EnrolmentBatch.id.in_({batch_id for batch_id, _ in rows if batch_id is not None})
            )
        )
    }
    groups = [Waiting(batches.get(batch_id) if batch_id else None, n) for batch_id, n in rows]
    return sorted(groups, key=lambda w: (w.batch is not None, w.batch.id if w.batch else 0))


def recent_runs(db: Session, limit: int = 10) -> list[PrintRun]:
    rows = db.execute(
        select(Notice.batch_id, Notice.printed_at, func.count())
        .where(Notice.channel == NoticeChannel.LETTER, Notice.printed_at.is_not(None))
        .group_by(Notice.batch_id, Notice.printed_at)
        .order_by(Notice.printed_at.desc())
        .limit(limit)
    ).all()
    return [PrintRun(batch_id, printed_at, n) for batch_id, printed_at, n in rows]


def print_waiting(db: Session, batch_id: int | None, now: datetime) -> list[Letter]:
    """The next letters of the batch (``None``: those outside any batch)."""
    query = _letters().where(Notice.printed_at.is_(None))
    query = query.where(
        Notice.batch_id == batch_id if batch_id is not None else Notice.batch_id.is_(None)
    )
    rows = db.execute(query.order_by(Notice.id).limit(PRINT_RUN)).all()
    return [print_letter(db, notice, space, now) for notice, space in rows]


def reprint(
    db: Session, actor: Actor, batch_id: int | None, printed_at: datetime, now: datetime
) -> list[Letter]:
    """The letters of an earlier run again, with new codes (the old ones stop working)."""
    query = _letters().where(Notice.printed_at == printed_at)
    query = query.where(
        Notice.batch_id == batch_id if batch_id is not None else Notice.batch_id.is_(None)
    )
    rows = db.execute(query.order_by(Notice.id)).all()
    letters = []
    for notice, space in rows:
        letters.append(print_letter(db, notice, space, now))
        record(db, actor, "activation_code.reissued", space, now=now)
    return letters
