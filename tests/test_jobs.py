"""Held results (CSP R1111-53) through ``jobs run``: a neutral notice at 14 days, release
at one month, each exactly once, even when two runs overlap."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from espace import clock
from espace.db import database
from espace.jobs import run_all
from espace.models import AuditEntry, Document, Notification

HELD_TITLE = "Résultats d'analyses – bilan annuel"


def held(db) -> Document:
    db.reload()
    return db.scalars(select(Document).where(Document.title == HELD_TITLE)).one()


def count(db, model, *where) -> int:
    db.reload()
    return db.scalar(select(func.count()).select_from(model).where(*where))


def run_jobs(app, at: datetime) -> str:
    with clock.frozen_at(at):
        result = app.test_cli_runner().invoke(args=["jobs", "run"])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_demo_result_is_held_from_the_holder_but_not_from_its_author(login_as, db):
    document = held(db)
    assert document.held and document.released_at is None
    jeanne = login_as("jeanne.martin@example.org")
    assert HELD_TITLE not in jeanne.get("/documents").get_data(as_text=True)
    assert jeanne.get(f"/documents/{document.id}").status_code == 404
    assert jeanne.get(f"/documents/{document.id}/fichier").status_code == 404


def test_a_neutral_notice_at_14_days_then_release_at_one_month_each_once(app, db, outbox):
    created = held(db).created_at
    run_jobs(app, created + timedelta(days=13, hours=23))
    assert held(db).held_notice_sent_at is None
    output = run_jobs(app, created + timedelta(days=14, minutes=1))
    assert "1  avis neutres" in output
    document = held(db)
    assert document.held and document.held_notice_sent_at is not None
    notice = db.scalars(
        select(Notification).where(Notification.kind == "held_result_waiting")
    ).one()
    assert notice.category is None and notice.actor_professional_id is None  # says nothing
    email = outbox.last_to("jeanne.martin@example.org")
    assert email["Subject"] == "Espace santé : un nouvel élément vous attend"
    assert "analyses" not in email.get_content().lower()
    run_jobs(app, created + timedelta(days=20))  # nothing new to do
    assert count(db, Notification, Notification.kind == "held_result_waiting") == 1

    run_jobs(app, created + timedelta(days=29, hours=23))
    assert held(db).held
    output = run_jobs(app, created + timedelta(days=30, minutes=1))
    assert "1  résultats rendus visibles" in output
    document = held(db)
    assert not document.held and document.released_at is not None
    assert count(db, AuditEntry, AuditEntry.event == "document.released") == 1
    assert count(db, Notification, Notification.kind == "document_added",
                 Notification.target_id == document.id) == 1  # fmt: skip
    run_jobs(app, created + timedelta(days=40))
    assert count(db, AuditEntry, AuditEntry.event == "document.released") == 1


def test_two_runs_at_the_same_time_release_once(app, db):
    created = held(db).created_at
    errors: list[BaseException] = []
    engine = database(app).engine

    def run() -> None:
        from sqlalchemy.orm import Session

        try:
            with app.app_context(), Session(engine) as session:
                run_all(session, created + timedelta(days=31))
        except BaseException as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert count(db, AuditEntry, AuditEntry.event == "document.released") == 1
    assert count(db, AuditEntry, AuditEntry.event == "document.held_notice") == 1
    assert count(db, Notification, Notification.kind == "held_result_waiting") == 1


def test_jobs_run_on_an_empty_database_does_nothing(make_app):
    output = run_jobs(make_app(seeded=False), datetime(2026, 11, 27, tzinfo=UTC))
    assert "0  résultats rendus visibles" in output
