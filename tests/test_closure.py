"""Closing a space (CSP R1111-36), the holder's side: a summary in plain words, the
password typed again; professionals lose access on the next request; the record of a
closed space is out of sight; reopening brings everything back."""

from __future__ import annotations

from sqlalchemy import func, select

from espace.demo.personas import DEMO_PASSWORD
from espace.models import Allergy, AuditEntry, CareTeamMember, Document, SpaceStatus
from tests.closure_support import GP, JEANNE, NURSE, close_jeanne, jeanne
from tests.matrix.pro import find
from tests.support import error_for, text


def close_by_page(client, password: str = DEMO_PASSWORD):  # type: ignore[no-untyped-def]
    client.get("/espace/fermer")
    return client.post_form("/espace/fermer", {"password": password})


def events(db, name: str) -> list[AuditEntry]:  # type: ignore[no-untyped-def]
    """Jeanne's entries of this event (the demo may close other spaces)."""
    db.reload()
    return list(
        db.scalars(
            select(AuditEntry).where(AuditEntry.event == name, AuditEntry.space_id == jeanne(db).id)
        )
    )


def count(db, model, space_id: int) -> int:  # type: ignore[no-untyped-def]
    return db.scalar(select(func.count()).select_from(model).where(model.space_id == space_id))


def test_my_space_page_leads_to_the_export_and_to_closing(login_as):
    page = login_as(JEANNE).get("/espace")
    assert page.status_code == 200
    body = text(page)
    assert "Mon espace santé" in body and "Activé" in body
    html = page.get_data(as_text=True)
    assert 'href="/mes-donnees"' in html and 'href="/espace/fermer"' in html


def test_the_summary_says_in_plain_words_what_closing_means(login_as):
    page = login_as(JEANNE).get("/espace/fermer")
    body = text(page)
    assert "même le médecin traitant" in body
    assert "ne reçoit plus de documents" in body
    assert "pendant 10 ans" in body and "rouvrir l'espace" in body
    assert "dans les 90 jours" in body
    assert "télécharger les données de l'espace" in body
    html = page.get_data(as_text=True)
    assert 'type="password"' in html and 'autocomplete="current-password"' in html
    assert 'href="/mes-donnees"' in html


def test_closing_needs_the_password_of_the_account(login_as, db):
    jeanne_client = login_as(JEANNE)
    response = close_by_page(jeanne_client, "")
    assert response.status_code == 422
    assert error_for(response.get_data(as_text=True), "password") == (
        "Saisissez votre mot de passe pour confirmer."
    )
    response = close_by_page(jeanne_client, "pas-le-bon")
    assert response.status_code == 422
    assert "ne correspond pas à votre compte" in error_for(
        response.get_data(as_text=True), "password"
    )
    db.reload()
    assert jeanne(db).status == SpaceStatus.ACTIVE
    assert events(db, "space.closed") == []


def test_wrong_passwords_count_towards_the_sign_in_lock(login_as):
    jeanne_client = login_as(JEANNE)
    for _ in range(5):
        response = close_by_page(jeanne_client, "pas-le-bon")
    assert "Trop d'essais de mot de passe" in error_for(response.get_data(as_text=True), "password")
    # Even the right one is refused while the lock lasts.
    response = close_by_page(jeanne_client, DEMO_PASSWORD)
    assert response.status_code == 422


def test_professionals_lose_access_on_the_next_request(login_as, db):
    gp, nurse = login_as(GP), login_as(NURSE)
    find(gp), find(nurse)
    space_id = jeanne(db).id
    assert gp.get(f"/pro/patients/{space_id}").status_code == 200
    assert nurse.get(f"/pro/patients/{space_id}").status_code == 200
    document = db.scalar(select(Document.id).where(Document.space_id == space_id))

    response = close_by_page(login_as(JEANNE))
    assert response.status_code == 302 and response.headers["Location"] == "/espace"

    for client in (gp, nurse):
        assert client.get(f"/pro/patients/{space_id}").status_code == 404
        assert client.get(f"/pro/patients/{space_id}/documents/{document}").status_code == 404
        assert client.get(f"/pro/patients/{space_id}/profil").status_code == 404
    db.reload()
    entry = events(db, "space.closed")[0]
    assert entry.actor_role == "holder" and entry.reason == "à la demande du titulaire"


def test_the_record_of_a_closed_space_is_out_of_sight(login_as, db, outbox):
    client = login_as(JEANNE)
    document = db.scalar(select(Document).where(Document.space_id == jeanne(db).id))
    close_by_page(client)
    for url in [
        "/tableau-de-bord", "/documents", f"/documents/{document.id}",
        f"/documents/{document.id}/fichier", "/profil", "/profil/allergies",
        "/historique-des-soins", "/activite", "/confidentialite", "/catalogue",
        "/mes-donnees", "/agenda", "/messagerie",
    ]:  # fmt: skip
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"] == "/espace", url
    page = client.get("/espace")
    body = text(page)
    assert "Votre espace santé est fermé" in body
    assert "Rouvrir mon espace" in body
    assert "Demander la suppression de mes données" in body
    assert document.title not in body
    # The account and its notifications are the person's, not the space's.
    assert client.get("/compte").status_code == 200
    assert client.get("/notifications").status_code == 200
    # An e-mail says it happened (nothing of the content), in case it was not her.
    email = outbox.last_to(JEANNE)
    assert email["Subject"] == "Espace santé : votre espace santé est fermé"
    assert "Si ce n'était pas vous" in email.get_content()


def test_reopening_restores_everything(login_as, db):
    space = jeanne(db)
    before = {model: count(db, model, space.id) for model in (Document, Allergy, CareTeamMember)}
    assert all(before.values())
    gp = login_as(GP)
    find(gp)
    client = login_as(JEANNE)
    close_by_page(client)
    assert gp.get(f"/pro/patients/{space.id}").status_code == 404

    client.get("/espace")
    response = client.post_form("/espace/rouvrir")
    assert response.status_code == 302 and response.headers["Location"] == "/tableau-de-bord"
    assert "L'espace est rouvert" in text(client.get("/tableau-de-bord"))
    db.reload()
    space = jeanne(db)
    assert space.status == SpaceStatus.ACTIVE and space.closed_at is None
    assert {model: count(db, model, space.id) for model in before} == before
    assert client.get("/documents").status_code == 200
    assert gp.get(f"/pro/patients/{space.id}").status_code == 200
    assert len(events(db, "space.reopened")) == 1


def test_closing_twice_or_reopening_an_open_space_changes_nothing(login_as, db):
    client = login_as(JEANNE)
    client.get("/espace")
    response = client.post_form("/espace/rouvrir")
    assert response.status_code == 302
    assert "ne peut plus être rouvert" not in text(client.get("/espace"))
    close_by_page(client)
    assert client.get("/espace/fermer").headers["Location"] == "/espace"
    db.reload()
    assert len(events(db, "space.closed")) == 1
    assert events(db, "space.reopened") == []


def test_asking_for_deletion_needs_a_closed_space_and_the_password(login_as, db, outbox):
    client = login_as(JEANNE)
    assert client.get("/espace/suppression").headers["Location"] == "/espace"
    close_by_page(client)
    page = client.get("/espace/suppression")
    assert page.status_code == 200
    assert "sera faite au plus tard le" in text(page)
    response = client.post_form("/espace/suppression", {"password": "pas-le-bon"})
    assert response.status_code == 422
    assert "ne correspond pas" in error_for(response.get_data(as_text=True), "password")
    response = client.post_form("/espace/suppression", {"password": DEMO_PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/espace"
    db.reload()
    assert jeanne(db).deletion_requested_at is not None
    assert len(events(db, "space.deletion_requested")) == 1
    body = text(client.get("/espace"))
    assert "Suppression demandée le" in body and "Demander la suppression" not in body
    assert client.get("/espace/suppression").headers["Location"] == "/espace"
    assert outbox.last_to(JEANNE)["Subject"] == (
        "Espace santé : votre demande de suppression est enregistrée"
    )


def test_reopening_cancels_the_deletion_request(login_as, db):
    client = login_as(JEANNE)
    close_by_page(client)
    client.get("/espace/suppression")
    client.post_form("/espace/suppression", {"password": DEMO_PASSWORD})
    client.get("/espace")
    client.post_form("/espace/rouvrir")
    db.reload()
    space = jeanne(db)
    assert space.status == SpaceStatus.ACTIVE and space.deletion_requested_at is None


def test_a_space_closed_on_death_is_not_reopened_from_the_holder_side(login_as, db):
    client = login_as(JEANNE)
    close_jeanne(db, reason="death")
    page = client.get("/espace")
    body = text(page)
    assert "à la suite d'un décès" in body
    assert "Rouvrir" not in body and "Demander la suppression" not in body
    response = client.post_form("/espace/rouvrir")
    assert response.status_code == 302
    assert "ne peut pas être rouvert" in text(client.get("/espace"))
    assert client.get("/espace/suppression").headers["Location"] == "/espace"
    db.reload()
    assert jeanne(db).status == SpaceStatus.CLOSED
    assert events(db, "space.reopened") == []


def test_htmx_requests_on_a_closed_space_are_sent_to_the_closed_page(login_as):
    client = login_as(JEANNE)
    close_by_page(client)
    response = client.get("/documents", headers={"HX-Request": "true"})
    # A plain redirect would be followed by the browser and swapped into the page.
    assert response.status_code == 204 and response.headers["HX-Redirect"] == "/espace"
