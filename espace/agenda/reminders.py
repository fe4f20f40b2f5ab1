"""Job: appointment reminders, the day before and (when asked) on the day, each once.

Days are Paris calendar days, so the reminder follows the clocks across daylight saving:
- the day before: on the Paris day before the appointment, from 8 h Paris time;
- on the day (``remind_same_day``): from 7 h Paris time, while the appointment is to come.
A run that misses a window (the server was down) sends nothing late: a reminder "the day
before" that arrives on the day would mislead. Each reminder is claimed by an UPDATE that
succeeds only while its column is empty, so two runs at once never send it twice; a
cancelled appointment is never reminded. The holder is told in the app and by an e-mail
that says only that a reminder awaits (``appointment.reminded`` notifies "reminder").
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from espace.actors import Actor
from espace.agenda.times import paris_day, paris_moment
from espace.audit import record
from espace.clock import PARIS
from espace.models import Appointment, HealthSpace
from espace.policy.access import OPEN_STATUSES

DAY_BEFORE_FROM_HOUR = 8
SAME_DAY_FROM_HOUR = 7
# The furthest an appointment can be when its day-before reminder is due: 8 h on the day
# before, to 23:59 the next day (49 h on the night the clocks go back) — with a margin.
LOOKAHEAD = timedelta(hours=50)


def day_before_due(starts_at: datetime, now: datetime) -> bool:
    day = paris_day(starts_at)
    today = now.astimezone(PARIS).date()
    return (
        today == day - timedelta(days=1)
        and now >= paris_moment(today, DAY_BEFORE_FROM_HOUR)
        and now < starts_at
    )


def same_day_due(starts_at: datetime, now: datetime) -> bool:
    today = now.astimezone(PARIS).date()
    return (
        paris_day(starts_at) == today
        and now >= paris_moment(today, SAME_DAY_FROM_HOUR)
        and now < starts_at
    )


def send_reminders(db: Session, now: datetime) -> int:
    sent = _send(db, now, Appointment.day_before_reminded_at, day_before_due)
    return sent + _send(db, now, Appointment.same_day_reminded_at, same_day_due,
                        Appointment.remind_same_day.is_(True))  # fmt: skip


def _send(db: Session, now: datetime, column: InstrumentedAttribute[Any], due: Any,
          *extra: Any) -> int:  # fmt: skip
    candidates = db.execute(
        select(Appointment.id, Appointment.starts_at)
        .join(HealthSpace, HealthSpace.id == Appointment.space_id)
        .where(
            HealthSpace.status.in_(OPEN_STATUSES),  # a closed space is told nothing
            column.is_(None),
            Appointment.cancelled_at.is_(None),
            Appointment.starts_at > now,
            Appointment.starts_at <= now + LOOKAHEAD,
            *extra,
        )
    ).all()
    sent = 0
    for appointment_id, starts_at in candidates:
        if not due(starts_at, now):
            continue
        claimed = db.execute(
            update(Appointment)
            .where(
                Appointment.id == appointment_id,
                column.is_(None),
                Appointment.cancelled_at.is_(None),
                Appointment.starts_at == starts_at,  # not moved since it was read
            )
            .values({column.key: now})
            .returning(Appointment.space_id)
        ).first()
        if claimed is None:
            continue
        space = db.get(HealthSpace, claimed[0])
        record(db, Actor.system(), "appointment.reminded", space, target_type="appointment",
               target_id=appointment_id, now=now)  # fmt: skip
        sent += 1
    return sent
