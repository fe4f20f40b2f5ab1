"""A professional of the care team (or the GP) adds an appointment to a patient's agenda;
the holder is notified, in the app and by an e-mail that says nothing of it. Anyone else is
refused, the refusal written to the patient's history."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from espace import clock
from espace.agenda.pro_routes import REFUSAL
from espace.models import Appointment, AuditEntry, ConsultationConsent, Notification
from tests.matrix.agenda import form, space_id
from tests.matrix.pro import GP, NURSE, PHYSIO, professional
from tests.support import error_for, text

JEANNE = "jeanne.martin@example.org"
TITLE = "Contrôle tensionnel au cabinet"


def latest(db) -> Appointment:
    db.reload()
    return db.scalars(select(Appointment).order_by(Appointment.id.desc())).first()


def test_the_gp_adds_an_appointment_and_the_holder_is_told(login_as, db, outbox):
    jeanne_space = space_id(db)
    client = login_as(GP)
    patient = client.get(f"/pro/patients/{jeanne_space}").get_data(as_text=True)
    assert f'href="/agenda/pro/{jeanne_space}/ajouter"' in patient
    page = client.get(f"/agenda/pro/{jeanne_space}/ajouter").get_data(as_text=True)
    sophie = professional(db, "Durand")
    assert 'value="Dr Sophie Durand"' in page and f'value="{sophie.id}"' in page
    emails_before = len(outbox.to(JEANNE))
    data = {
        **form(days_ahead=10, at="11:00", title=TITLE, note="Venir avec le carnet."),
        "professional": "Dr Sophie Durand",
        "searched": "Dr Sophie Durand",
        "professional_choice": str(sophie.id),
    }
    response = client.post_form(f"/agenda/pro/{jeanne_space}/ajouter", data)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/pro/patients/{jeanne_space}"
    saved = latest(db)
    assert saved.space_id == jeanne_space and saved.title == TITLE
    assert saved.created_by_professional_id == sophie.id == saved.professional_id
    entry = db.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert (entry.event, entry.actor_role, entry.target_id) == (
        "appointment.added",
        "professional",
        saved.id,
    )
    notice = db.scalars(select(Notification).order_by(Notification.id.desc())).first()
    assert (notice.kind, notice.target_id, notice.actor_professional_id) == (
        "appointment_added",
        saved.id,
        sophie.id,
    )
    emails = outbox.to(JEANNE)
    assert len(emails) == emails_before + 1
    mail = emails[-1]
    assert mail["Subject"] == "Espace santé : un rendez-vous a été ajouté à votre agenda"
    body = mail.get_content()
    assert TITLE not in body and "carnet" not in body and "Durand" not in body
    assert "Le rendez-vous est ajouté à l'agenda du patient" in text(
        client.get(response.headers["Location"])
    )
    holder = login_as(JEANNE)
    assert "Dr Sophie Durand (Médecin) a ajouté ou modifié un rendez-vous dans votre agenda" in (
        text(holder.get("/notifications"))
    )
    assert "Ajouté par Dr Sophie Durand (Médecin)" in text(holder.get(f"/agenda/{saved.id}"))


def test_a_nurse_of_the_care_team_adds_one_with_another_place_and_no_professional(login_as, db):
    client = login_as(NURSE)
    url = f"/agenda/pro/{space_id(db)}/ajouter"
    client.get(url)
    response = client.post_form(url, form(title="Pansement", place="À domicile"))
    assert response.status_code == 302
    saved = latest(db)
    assert saved.professional_id is None and saved.place == "À domicile"
    assert saved.created_by_professional_id == professional(db, "Diallo").id


def test_the_professional_form_explains_its_errors(login_as, db):
    client = login_as(GP)
    url = f"/agenda/pro/{space_id(db)}/ajouter"
    client.get(url)
    response = client.post_form(url, form(days_ahead=-3, title=""))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Choisissez une date à venir" in error_for(html, "day", link="day-jour")
    assert "Saisissez l'objet du rendez-vous" in error_for(html, "title")


def test_a_consultation_consent_is_not_enough_and_the_refusal_is_recorded(login_as, db):
    marc, now = professional(db, "Roux"), clock.now()
    db.add(
        ConsultationConsent(
            space_id=space_id(db),
            professional_id=marc.id,
            granted_at=now,
            expires_at=now + timedelta(hours=4),
        )
    )
    db.commit()
    client = login_as(PHYSIO)
    patient = client.get(f"/pro/patients/{space_id(db)}")
    assert patient.status_code == 200  # he may read, with her consent...
    assert "/agenda/pro/" not in patient.get_data(as_text=True)  # ...but is offered no link
    count_before = db.scalar(select(func.count()).select_from(Appointment))
    for method in ("GET", "POST"):
        url = f"/agenda/pro/{space_id(db)}/ajouter"
        response = client.get(url) if method == "GET" else client.post_form(url, form())
        assert response.status_code == 404, method
    db.reload()
    assert db.scalar(select(func.count()).select_from(Appointment)) == count_before
    reasons = db.scalars(
        select(AuditEntry.reason).where(
            AuditEntry.event == "access.refused", AuditEntry.actor_professional_id == marc.id
        )
    ).all()
    assert reasons[-2:] == [REFUSAL, REFUSAL]


def test_a_holder_cannot_use_the_professional_page(login_as, db):
    client = login_as(JEANNE)
    assert client.get(f"/agenda/pro/{space_id(db)}/ajouter").status_code == 404
    assert client.post_form(f"/agenda/pro/{space_id(db)}/ajouter", form()).status_code == 404
