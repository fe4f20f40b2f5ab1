"""Appointments of a space: list, find, add, change, cancel, each with its one history
entry. A professional's appointment tells the holder (``appointment.added`` notifies)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from espace.actors import Actor
from espace.audit import record
from espace.models import Appointment, HealthSpace, Professional
from espace.web.paging import Paged

PAST_ON_INDEX = 5
PER_PAGE = 20
MAX_ID = 2**63 - 1


@dataclass(frozen=True)
class Details:
    """What a person typed or chose for an appointment."""

    starts_at: datetime
    title: str
    place: str | None
    professional: Professional | None
    professional_text: str | None
    note: str | None
    remind_same_day: bool


@dataclass(frozen=True)
class PastPage(Paged):
    appointments: list[Appointment]
    number: int
    count: int
    total: int


def _live(space: HealthSpace) -> list[ColumnElement[bool]]:
    return [Appointment.space_id == space.id, Appointment.cancelled_at.is_(None)]


def upcoming(db: Session, space: HealthSpace, now: datetime) -> list[Appointment]:
    return list(
        db.scalars(
            select(Appointment)
            .where(*_live(space), Appointment.starts_at > now)
            .order_by(Appointment.starts_at, Appointment.id)
        )
    )


def recent_past(db: Session, space: HealthSpace, now: datetime, page: int = 1,
                per_page: int = PER_PAGE) -> PastPage:  # fmt: skip
    conditions = [*_live(space), Appointment.starts_at <= now]
    total = db.scalar(select(func.count()).select_from(Appointment).where(*conditions)) or 0
    count = max(1, -(-total // per_page))
    number = min(max(page, 1), count)
    rows = db.scalars(
        select(Appointment)
        .where(*conditions)
        .order_by(Appointment.starts_at.desc(), Appointment.id.desc())
        .limit(per_page)
        .offset((number - 1) * per_page)
    ).all()
    return PastPage(list(rows), number, count, total)


def find(db: Session, space: HealthSpace, appointment_id: int) -> Appointment | None:
    """The space's appointment, not cancelled; None for anyone else's (the view says 404)."""
    if not 0 < appointment_id <= MAX_ID:
        return None
    return db.scalar(select(Appointment).where(Appointment.id == appointment_id, *_live(space)))


def record_list(db: Session, actor: Actor, space: HealthSpace, now: datetime) -> None:
    record(db, actor, "agenda.viewed", space, now=now)


def record_view(db: Session, actor: Actor, space: HealthSpace, appointment: Appointment,
                now: datetime) -> None:  # fmt: skip
    record(db, actor, "appointment.viewed", space, target_type="appointment",
           target_id=appointment.id, now=now)  # fmt: skip


def add(db: Session, actor: Actor, space: HealthSpace, details: Details,
        now: datetime) -> Appointment:  # fmt: skip
    """The holder (or their representative) adds an appointment, or a professional of the
    care team does: then the holder is notified (the event's notification)."""
    appointment = Appointment(
        space_id=space.id,
        created_by_professional_id=actor.professional.id if actor.professional else None,
        created_by_account_id=actor.account_id,
        created_at=now,
    )
    _write(appointment, details, now)
    db.add(appointment)
    db.flush()
    record(db, actor, "appointment.added", space, target_type="appointment",
           target_id=appointment.id, now=now)  # fmt: skip
    return appointment


def change(db: Session, actor: Actor, space: HealthSpace, appointment: Appointment,
           details: Details, now: datetime) -> None:  # fmt: skip
    moved = appointment.starts_at != details.starts_at
    _write(appointment, details, now)
    if moved:  # reminders follow the new date
        appointment.day_before_reminded_at = None
        appointment.same_day_reminded_at = None
    record(db, actor, "appointment.changed", space, target_type="appointment",
           target_id=appointment.id, now=now)  # fmt: skip


def cancel(db: Session, actor: Actor, space: HealthSpace, appointment: Appointment,
           now: datetime) -> None:  # fmt: skip
    appointment.cancelled_at = now
    appointment.updated_at = now
    record(db, actor, "appointment.cancelled", space, target_type="appointment",
           target_id=appointment.id, now=now)  # fmt: skip


def record_export(db: Session, actor: Actor, space: HealthSpace, appointment: Appointment,
                  now: datetime) -> None:  # fmt: skip
    record(db, actor, "appointment.exported", space, target_type="appointment",
           target_id=appointment.id, now=now)  # fmt: skip


def _write(appointment: Appointment, details: Details, now: datetime) -> None:
    appointment.starts_at = details.starts_at
    appointment.title = details.title
    appointment.place = details.place or None
    appointment.professional_id = details.professional.id if details.professional else None
    appointment.professional = details.professional
    appointment.professional_text = None if details.professional else details.professional_text
    appointment.note = details.note or None
    appointment.remind_same_day = details.remind_same_day
    appointment.updated_at = now


def author_label(db: Session, appointment: Appointment) -> str | None:
    """Who added it, when it was a professional: "Dr Sophie Durand (Médecin)"."""
    if appointment.created_by_professional_id is None:
        return None
    professional = db.get(Professional, appointment.created_by_professional_id)
    if professional is None:
        return None
    return f"{professional.display_name} ({professional.profession})"
