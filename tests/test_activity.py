"""The history of activity: two tabs, a period, pages; the holder reads it, nobody edits it."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from espace import clock
from espace.models import AuditEntry
from tests.support import error_for, text

JEANNE = "jeanne.martin@example.org"


def test_my_actions_tab_lists_my_sign_ins_and_uploads(login_as):
    client = login_as(JEANNE)
    page = text(client.get("/activite?periode=tout"))
    assert "Historique d'activité – Mes actions" in page
    assert "Vous Connexion" in page and "Vous Ajout d'un document" in page


def test_the_professionals_tab_names_who_and_their_profession(login_as):
    client = login_as(JEANNE)
    page = text(client.get("/activite?vue=professionnels&periode=tout"))
    assert "Dr Sophie Durand (Médecin)" in page
    assert "Paul Leroy (Pharmacien)" in page
    assert "Amina Diallo (Infirmier)" in page
    assert "Document : Ordonnance" in page


def test_the_period_filter_and_pages(login_as, db):
    client = login_as(JEANNE)
    week = text(client.get("/activite?vue=professionnels&periode=7j"))
    everything = text(client.get("/activite?vue=professionnels&periode=tout"))
    assert len(week) < len(everything)
    db.reload()
    total = db.scalar(
        select(func.count()).where(
            AuditEntry.actor_role == "professional", AuditEntry.space_id == 1
        )
    )
    if total > 25:
        assert "Page 1 sur" in everything
        assert client.get("/activite?vue=professionnels&periode=tout&page=2").status_code == 200


def test_bad_filters_get_a_422(login_as):
    client = login_as(JEANNE)
    response = client.get("/activite?periode=hier")
    assert response.status_code == 422
    assert "Choisissez une période" in error_for(response.get_data(as_text=True), "periode")
    assert client.get("/activite?vue=autres").status_code == 422
    assert client.get("/activite?page=0").status_code == 422


def test_reading_the_history_is_itself_in_the_history(login_as, db):
    client = login_as(JEANNE)
    client.get("/activite")
    db.reload()
    last = db.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert last.event == "history.viewed" and last.actor_role == "holder"


def test_times_are_shown_in_paris_time(login_as):
    with clock.frozen_at(datetime(2026, 7, 1, 22, 30, tzinfo=UTC)):
        client = login_as(JEANNE)
        page = text(client.get("/activite"))
    assert "2 juillet 2026 à 0 h 30" in page  # summer time: UTC+2
