"""Reminders through ``jobs run``: the day before from 8 h and on the day from 7 h, Paris
time, each exactly once, on both sides of the daylight saving changes (frozen clocks).

2027: the clocks go forward on Sunday 28 March (2 h → 3 h) and back on Sunday 31 October
(3 h → 2 h). Paris is UTC+1 in winter, UTC+2 in summer.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from espace import clock
from espace.db import database
from espace.jobs import run_all
from espace.models import Appointment, AuditEntry, HealthSpace, Notification, SpaceStatus
from tests.matrix.agenda import space_id

JEANNE = "jeanne.martin@example.org"


@pytest.fixture(autouse=True)
def _no_demo_appointments(db) -> None:
    """The demo's appointments are dated from today: out of the way of the frozen dates."""
    db.execute(update(Appointment).values(cancelled_at=clock.now()))
    db.commit()


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def make(db, starts_at: datetime, same_day: bool = False) -> int:  # type: ignore[no-untyped-def]
    db.rollback()
    appointment = Appointment(
        space_id=space_id(db),
        starts_at=starts_at,
        title="Kinésithérapie",
        place="Cabinet de l'Erdre",
        note="Séance 3 sur 10",
        remind_same_day=same_day,
        created_at=clock.now(),
        updated_at=clock.now(),
    )
    db.add(appointment)
    db.commit()
    return appointment.id


def run_jobs(app, at: datetime) -> str:  # type: ignore[no-untyped-def]
    with clock.frozen_at(at):
        result = app.test_cli_runner().invoke(args=["jobs", "run"])
    assert result.exit_code == 0, result.output
    return result.output


def reminder_emails(outbox) -> list:  # type: ignore[no-untyped-def]
    return [m for m in outbox.to(JEANNE) if m["Subject"] == "Espace santé : rappel"]


def reminders(db, appointment_id: int) -> int:  # type: ignore[no-untyped-def]
    db.reload()
    return db.scalar(
        select(func.count())
        .select_from(AuditEntry)
        .where(AuditEntry.event == "appointment.reminded", AuditEntry.target_id == appointment_id)
    )


def reminded_at(app, db, appointment_id: int, *instants: datetime) -> list[int]:  # type: ignore[no-untyped-def]
    """The count of reminders after a run at each instant, in order."""
    counts = []
    for instant in instants:
        run_jobs(app, instant)
        counts.append(reminders(db, appointment_id))
    return counts


def test_the_day_before_from_8_h_paris_time_once_and_the_holder_is_told(app, db, outbox):
    # Wednesday 13 January 2027 at 10:00 in Paris (UTC+1).
    appointment = make(db, utc(2027, 1, 13, 9, 0))
    emails_before = len(reminder_emails(outbox))
    assert reminded_at(app, db, appointment, utc(2027, 1, 11, 12, 0), utc(2027, 1, 12, 6, 59)) == [
        0,
        0,
    ]
    output = run_jobs(app, utc(2027, 1, 12, 7, 0))  # 8:00 in Paris
    assert "1  rappels de rendez-vous envoyés" in output
    assert reminders(db, appointment) == 1
    entry = db.scalars(
        select(AuditEntry).where(
            AuditEntry.target_id == appointment, AuditEntry.event == "appointment.reminded"
        )
    ).one()
    assert entry.actor_role == "system" and entry.target_type == "appointment"
    notice = db.scalars(
        select(Notification).where(
            Notification.kind == "reminder", Notification.target_id == appointment
        )
    ).one()
    assert notice.target_id == appointment and notice.category is None
    emails = reminder_emails(outbox)
    assert len(emails) == emails_before + 1
    body = emails[-1].get_content()
    assert "Kinésithérapie" not in body and "Erdre" not in body and "Séance" not in body
    # Again and again: nothing more, and no reminder on the day (not asked for).
    assert reminded_at(
        app,
        db,
        appointment,
        utc(2027, 1, 12, 7, 1),
        utc(2027, 1, 12, 22, 0),
        utc(2027, 1, 13, 6, 30),
        utc(2027, 1, 13, 8, 0),
    ) == [1, 1, 1, 1]
    db.reload()
    assert db.get(Appointment, appointment).same_day_reminded_at is None


def test_on_the_day_from_7_h_when_asked_and_not_once_it_has_begun(app, db):
    appointment = make(db, utc(2027, 1, 13, 9, 0), same_day=True)
    counts = reminded_at(
        app,
        db,
        appointment,
        utc(2027, 1, 12, 7, 0),
        utc(2027, 1, 13, 5, 59),
        utc(2027, 1, 13, 6, 0),
        utc(2027, 1, 13, 6, 30),
    )
    assert counts == [1, 1, 2, 2]
    late = make(db, utc(2027, 1, 13, 6, 30), same_day=True)  # 7:30: created too late for both
    assert reminded_at(app, db, late, utc(2027, 1, 13, 6, 40)) == [0]


def test_a_missed_window_sends_nothing_late(app, db):
    appointment = make(db, utc(2027, 1, 13, 15, 0))
    # The server was down on the 12th: on the day, a "day before" reminder would mislead.
    assert reminded_at(app, db, appointment, utc(2027, 1, 13, 8, 0)) == [0]


def test_a_cancelled_appointment_is_never_reminded(app, db):
    appointment = make(db, utc(2027, 1, 13, 9, 0), same_day=True)
    db.get(Appointment, appointment).cancelled_at = utc(2027, 1, 1)
    db.commit()
    assert reminded_at(app, db, appointment, utc(2027, 1, 12, 8, 0), utc(2027, 1, 13, 7, 0)) == [
        0,
        0,
    ]


def test_a_closed_space_is_sent_nothing(app, db):
    appointment = make(db, utc(2027, 1, 13, 9, 0))
    db.get(HealthSpace, space_id(db)).status = SpaceStatus.CLOSED
    db.commit()
    assert reminded_at(app, db, appointment, utc(2027, 1, 12, 8, 0)) == [0]


def test_a_moved_appointment_is_reminded_again_for_its_new_date(app, db, login_as):
    appointment = make(db, utc(2027, 1, 13, 9, 0))
    assert reminded_at(app, db, appointment, utc(2027, 1, 12, 8, 0)) == [1]
    with clock.frozen_at(utc(2027, 1, 12, 9, 0)):
        client = login_as(JEANNE)
        data = {
            "day-jour": "20",
            "day-mois": "1",
            "day-annee": "2027",
            "time": "10:00",
            "title": "Kinésithérapie",
            "place": "",
            "professional": "",
            "searched": "",
            "note": "",
        }
        assert client.post_form(f"/agenda/{appointment}/modifier", data).status_code == 302
    db.reload()
    assert db.get(Appointment, appointment).day_before_reminded_at is None
    assert reminded_at(app, db, appointment, utc(2027, 1, 19, 6, 59), utc(2027, 1, 19, 7, 0)) == [
        1,
        2,
    ]


def test_two_runs_at_the_same_time_remind_once(app, db):
    appointment = make(db, utc(2027, 1, 13, 9, 0), same_day=True)
    engine = database(app).engine
    errors: list[BaseException] = []

    def run(at: datetime) -> None:
        try:
            with app.app_context(), Session(engine) as session:
                run_all(session, at)
        except BaseException as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    for at in (utc(2027, 1, 12, 8, 0), utc(2027, 1, 13, 6, 15)):
        threads = [threading.Thread(target=run, args=(at,)) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    assert reminders(db, appointment) == 2  # one the day before, one on the day
    assert (
        db.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.kind == "reminder", Notification.target_id == appointment)
        )
        == 2
    )


# Spring: Sunday 28 March 2027, 2:00 CET (UTC+1) becomes 3:00 CEST (UTC+2).


def test_spring_the_reminder_on_the_day_of_the_change_comes_at_8_h_summer_time(app, db):
    # Monday 29 March at 9:00 CEST = 7:00 UTC; reminded on Sunday 28 from 8:00 CEST = 6:00 UTC.
    appointment = make(db, utc(2027, 3, 29, 7, 0))
    counts = reminded_at(
        app,
        db,
        appointment,
        utc(2027, 3, 27, 22, 30),  # Saturday 23:30 CET: not yet Sunday
        utc(2027, 3, 28, 0, 30),  # Sunday 1:30 CET: before the change
        utc(2027, 3, 28, 5, 59),  # Sunday 7:59 CEST
        utc(2027, 3, 28, 6, 0),
    )  # Sunday 8:00 CEST
    assert counts == [0, 0, 0, 1]


def test_spring_an_appointment_on_the_day_of_the_change(app, db):
    # Sunday 28 March at 10:00 CEST = 8:00 UTC: the day before at 8:00 CET (7:00 UTC), and
    # on the day at 7:00 CEST (5:00 UTC), after the change.
    appointment = make(db, utc(2027, 3, 28, 8, 0), same_day=True)
    counts = reminded_at(
        app,
        db,
        appointment,
        utc(2027, 3, 27, 6, 59),
        utc(2027, 3, 27, 7, 0),
        utc(2027, 3, 28, 4, 59),
        utc(2027, 3, 28, 5, 0),
    )
    assert counts == [0, 1, 1, 2]


# Autumn: Sunday 31 October 2027, 3:00 CEST (UTC+2) becomes 2:00 CET (UTC+1).


def test_autumn_the_reminder_on_the_day_of_the_change_comes_at_8_h_winter_time(app, db):
    # Monday 1 November at 9:00 CET = 8:00 UTC; reminded on Sunday 31 from 8:00 CET = 7:00
    # UTC (a summer-time clock would have said 6:00 UTC).
    appointment = make(db, utc(2027, 11, 1, 8, 0))
    counts = reminded_at(
        app,
        db,
        appointment,
        utc(2027, 10, 30, 23, 30),  # Sunday 1:30 CEST: before the change
        utc(2027, 10, 31, 6, 30),  # Sunday 7:30 CET
        utc(2027, 10, 31, 7, 0),
    )  # Sunday 8:00 CET
    assert counts == [0, 0, 1]


def test_autumn_an_appointment_on_the_day_of_the_change(app, db):
    # Sunday 31 October at 10:00 CET = 9:00 UTC: the day before at 8:00 CEST (6:00 UTC), on
    # the day at 7:00 CET (6:00 UTC), after the change.
    appointment = make(db, utc(2027, 10, 31, 9, 0), same_day=True)
    counts = reminded_at(
        app,
        db,
        appointment,
        utc(2027, 10, 30, 5, 59),
        utc(2027, 10, 30, 6, 0),
        utc(2027, 10, 31, 5, 30),
        utc(2027, 10, 31, 6, 0),
    )
    assert counts == [0, 1, 1, 2]


def test_autumn_an_appointment_in_the_hour_that_happens_twice(app, db):
    # Sunday 31 October at 2:30 summer time (0:30 UTC), as the form saves it: reminded the
    # day before at 8:00 CEST and not on the day (7:00 comes after it).
    appointment = make(db, utc(2027, 10, 31, 0, 30), same_day=True)
    counts = reminded_at(app, db, appointment, utc(2027, 10, 30, 6, 0), utc(2027, 10, 31, 6, 0))
    assert counts == [1, 1]
