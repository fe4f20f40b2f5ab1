"""Matrix rows of the agenda, facing Jeanne Martin's space, and the helpers the agenda
tests share: her appointments, a feed with a known token, an appointment form."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from espace import clock
from espace.agenda.feeds import token_hash
from espace.models import Appointment, CalendarFeed, HealthSpace
from tests.matrix import ANYONE, HOLDERS_ONLY, JEANNE_ONLY, ROLES
from tests.matrix.pro import IN_JEANNES_SPACE

JEANNE_NIR = "254033155512362"
KARIM_NIR = "188014410904575"
BLOOD_TEST = "Prise de sang (HbA1c)"  # Jeanne's, upcoming, no professional, same-day reminder
DURAND_APPOINTMENT = "Consultation de suivi du diabète"  # added by Dr Durand (and a past one)
FEED_TOKEN = "jeton-de-test-connu-de-la-matrice-0123456789abcdef"


def space_id(db, nir: str = JEANNE_NIR) -> int:  # type: ignore[no-untyped-def]
    return db.scalar(select(HealthSpace.id).where(HealthSpace.nir == nir))


def appointment(db, title: str = BLOOD_TEST, nir: str = JEANNE_NIR) -> Appointment:  # type: ignore[no-untyped-def]
    """The first appointment of that title in the space (by id)."""
    return db.scalars(
        select(Appointment)
        .where(Appointment.space_id == space_id(db, nir), Appointment.title == title)
        .order_by(Appointment.id)
    ).first()


def appointment_url(path: str = "", title: str = BLOOD_TEST):  # type: ignore[no-untyped-def]
    return lambda db: f"/agenda/{appointment(db, title).id}{path}"


def known_feed(db, token: str = FEED_TOKEN, nir: str = JEANNE_NIR) -> CalendarFeed:  # type: ignore[no-untyped-def]
    """A live subscription link of the space whose token the test knows."""
    db.rollback()  # a fresh snapshot: requests may have written since the last read
    found = db.scalar(select(CalendarFeed).where(CalendarFeed.token_hash == token_hash(token)))
    if found is None:
        found = CalendarFeed(space_id=space_id(db, nir), token_hash=token_hash(token),
                             created_at=clock.now())  # fmt: skip
        db.add(found)
        db.commit()
    return found


def feed_url(db) -> str:  # type: ignore[no-untyped-def]
    known_feed(db)
    return f"/agenda/flux/{FEED_TOKEN}.ics"


def day_fields(day: date, prefix: str = "day") -> dict[str, str]:
    return {f"{prefix}-jour": str(day.day), f"{prefix}-mois": str(day.month),
            f"{prefix}-annee": str(day.year)}  # fmt: skip


def form(days_ahead: int = 30, at: str = "14:30", **fields: str) -> dict[str, str]:
    """A valid appointment form, ``days_ahead`` Paris days from today."""
    day = clock.today_in_paris() + timedelta(days=days_ahead)
    values = {
        **day_fields(day),
        "time": at,
        "title": "Consultation chez le cardiologue",
        "place": "Clinique Pasteur, Toulouse",
        "professional": "",
        "searched": "",
        "note": "Apporter l'électrocardiogramme.",
    }
    values.update(fields)
    return values


JEANNES_APPOINTMENT = JEANNE_ONLY
PRO_ADD = IN_JEANNES_SPACE  # her GP and her care team; not the SAMU doctor, not the blocked one
assert set(PRO_ADD) == set(ROLES)

ROWS = {
    ("agenda.index", "GET"): HOLDERS_ONLY,
    ("agenda.past", "GET"): HOLDERS_ONLY,
    ("agenda.add", "GET"): HOLDERS_ONLY,
    ("agenda.detail", "GET"): JEANNES_APPOINTMENT,
    ("agenda.change", "GET"): JEANNES_APPOINTMENT,
    ("agenda.cancel", "GET"): JEANNES_APPOINTMENT,
    ("agenda.export", "GET"): JEANNES_APPOINTMENT,
    ("agenda.feeds_page", "GET"): HOLDERS_ONLY,
    ("agenda.prevention_page", "GET"): HOLDERS_ONLY,
    # No sign-in: the secret token is the key, whoever holds it (anonymous included).
    ("agenda.feed", "GET"): ANYONE,
    ("agenda.pro_add", "GET"): PRO_ADD,
}
URLS = {
    "agenda.detail": appointment_url(),
    "agenda.change": appointment_url("/modifier"),
    "agenda.cancel": appointment_url("/annuler"),
    "agenda.export": appointment_url("/fichier"),
    "agenda.feed": feed_url,
    "agenda.pro_add": lambda db: f"/agenda/pro/{space_id(db)}/ajouter",
}
POST_ONLY = {
    "agenda.create_feed",
    "agenda.revoke_feed",
    "agenda.hide_prevention",
    "agenda.show_prevention",
}
