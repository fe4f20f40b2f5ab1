"""Demo agenda: Jeanne's upcoming and past appointments (one added by Dr Durand, who is
her GP: Jeanne is notified), and one for Léa, whose prevention calendar comes from her
birth date (14 June 2018). Times are Paris times, days counted from today."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from espace.actors import Actor, ActorRole
from espace.agenda.times import paris_instant
from espace.audit import record
from espace.clock import PARIS
from espace.demo.seed import Seeded
from espace.models import Appointment

DURAND_CABINET = "Cabinet médical des Carmes, 12 rue des Filatiers, 31000 Toulouse"
LAB = "Laboratoire d'analyses du Capitole, 3 place du Capitole, 31000 Toulouse"

# (persona, days from today, hh, mm, title, place, professional persona or free text, note,
#  remind on the day)
APPOINTMENTS = [
    ("jeanne", 2, 8, 0, "Prise de sang (HbA1c)", LAB, None, "Venir à jeun. Apporter l'ordonnance.", True),
    ("jeanne", 20, 14, 30, "Fond d'œil", "Cabinet d'ophtalmologie Saint-Cyprien, Toulouse", "Dr Lemoine, ophtalmologue", None, True),
    ("jeanne", 45, 11, 0, "Podologue : soins des pieds", None, "Cabinet de podologie des Minimes", None, False),
    ("jeanne", -15, 9, 30, "Consultation de suivi du diabète", DURAND_CABINET, "sophie", None, False),
    ("jeanne", -40, 10, 0, "Contrôle de la glycémie à domicile", "À domicile", "amina", None, False),
    ("jeanne", -60, 15, 15, "Échographie abdominale", "Centre d'imagerie du Capitole, Toulouse", None, None, False),
    ("lea", 12, 17, 0, "Examen de santé des 8 ans", "Cabinet de pédiatrie, 9 rue Crébillon, 44000 Nantes", "Dr Claire Nguyen, pédiatre", "Apporter le carnet de santé.", False),
]  # fmt: skip


def _at(today: date, days: int, hour: int, minute: int) -> datetime:
    return paris_instant(today + timedelta(days=days), time(hour, minute)).utc


def seed(db: Session, seeded: Seeded, now: datetime) -> None:
    today = now.astimezone(PARIS).date()
    for persona, days, hour, minute, title, place, who, note, same_day in APPOINTMENTS:
        space = seeded.spaces[persona]
        professional = seeded.professionals.get(who or "")
        db.add(
            Appointment(
                space_id=space.id, starts_at=_at(today, days, hour, minute), title=title,
                place=place, professional_id=professional.id if professional else None,
                professional_text=None if professional else who, note=note,
                remind_same_day=same_day, created_by_account_id=space.holder_account_id
                or seeded.accounts["karim"].id, created_at=now, updated_at=now,
            )
        )  # fmt: skip
    # Dr Durand, her GP, adds the next consultation herself: Jeanne is notified.
    sophie = seeded.professionals["sophie"]
    jeanne = seeded.spaces["jeanne"]
    appointment = Appointment(
        space_id=jeanne.id, starts_at=_at(today, 6, 10, 30),
        title="Consultation de suivi du diabète", place=DURAND_CABINET,
        professional_id=sophie.id, note="Apporter le carnet de glycémies.",
        created_by_professional_id=sophie.id, created_by_account_id=sophie.account_id,
        created_at=now, updated_at=now,
    )  # fmt: skip
    db.add(appointment)
    db.flush()
    actor = Actor(ActorRole.PROFESSIONAL, seeded.accounts["sophie"], sophie)
    record(db, actor, "appointment.added", jeanne, target_type="appointment",
           target_id=appointment.id, now=now)  # fmt: skip
