"""Finding a patient by NIR and birth date, "mes patients", and the nudge towards an
authenticator app. A NIR never travels in a URL (logs, history, referrers)."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from espace.models import AuditEntry, HealthSpace, SpaceStatus
from tests.matrix.pro import (
    GP,
    JEANNE_BIRTH,
    JEANNE_NIR,
    KARIM_BIRTH,
    KARIM_NIR,
    NURSE,
    PHYSIO,
    SAMU,
    find,
    space_id,
)
from tests.support import error_for, text


def history(db, event: str) -> list[AuditEntry]:  # type: ignore[no-untyped-def]
    db.reload()
    return list(db.scalars(select(AuditEntry).where(AuditEntry.event == event)))


def test_the_right_nir_and_birth_date_lead_to_the_patient_page_and_the_history(login_as, db):
    client = login_as(SAMU)
    response = find(client)
    jeanne = space_id(db)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/pro/patients/{jeanne}"
    [found] = history(db, "patient.found")
    assert found.space_id == jeanne and found.actor_profession_code == "10"
    with client.session_transaction() as cookie:
        assert cookie["pro_found"] == [jeanne]


def test_spaces_and_dashes_in_the_nir_are_accepted(login_as, db):
    client = login_as(SAMU)
    response = find(client, "2 54 03 31 555 123 62")
    assert response.headers["Location"] == f"/pro/patients/{space_id(db)}"


def test_a_wrong_birth_date_gives_the_same_neutral_answer_as_an_unknown_nir(login_as, db):
    client = login_as(SAMU)
    wrong_date = find(client, JEANNE_NIR, ("13", "3", "1954"))
    assert wrong_date.status_code == 422
    message = error_for(client.last_html, "nir")
    assert "Aucun espace santé ouvert ne correspond" in message
    unknown = find(client, "188014410904575", JEANNE_BIRTH)  # Karim's NIR, Jeanne's date
    assert unknown.status_code == 422
    assert error_for(client.last_html, "nir") == message
    assert history(db, "patient.found") == []
    # The answers are kept, and the title says there is an error.
    assert 'value="188014410904575"' in client.last_html
    assert "<title>Erreur : Mes patients" in client.last_html


def test_a_wrong_nir_key_says_how_to_fix_it(login_as):
    client = login_as(SAMU)
    response = find(client, "254033155512363")
    assert response.status_code == 422
    assert "la clé" in error_for(client.last_html, "nir")


def test_missing_answers_are_each_explained(login_as):
    client = login_as(SAMU)
    response = find(client, "", ("", "", ""))
    assert response.status_code == 422
    assert "numéro de sécurité sociale du patient" in error_for(client.last_html, "nir")
    assert "date de naissance" in error_for(client.last_html, "birth_date", link="birth_date-jour")


def test_closed_opposed_and_notified_spaces_cannot_be_found(login_as, db):
    client = login_as(SAMU)
    for status in (SpaceStatus.CLOSED, SpaceStatus.OPPOSED, SpaceStatus.NOTIFIED):
        db.reload()
        karim = db.scalars(select(HealthSpace).where(HealthSpace.nir == KARIM_NIR)).one()
        karim.status = status
        db.commit()
        assert find(client, KARIM_NIR, KARIM_BIRTH).status_code == 422, status
    db.reload()
    karim.status = SpaceStatus.OPEN
    db.commit()
    assert find(client, KARIM_NIR, KARIM_BIRTH).status_code == 302


def test_ten_misses_lock_the_search_even_for_a_right_answer(login_as, db):
    client = login_as(SAMU)
    for n in range(9):
        assert find(client, JEANNE_NIR, ("1", "1", str(1930 + n))).status_code == 422
    locked = find(client, JEANNE_NIR, ("1", "1", "1960"))
    assert locked.status_code == 429
    assert "suspendue jusqu'à" in error_for(client.last_html, "nir")
    assert find(client).status_code == 429  # the right answer too: no sweeping around it
    assert history(db, "patient.found") == []
    # The lock is per professional: a colleague still searches.
    assert find(login_as(NURSE)).status_code == 302


def test_a_nir_never_appears_in_a_url_a_redirect_or_the_history(login_as, db):
    client = login_as(SAMU)
    page = client.get("/pro")
    form = re.search(r'<form method="post" action="([^"]+)"[^>]*>\s*<input type="hidden" '
                     r'name="csrf_token"[^>]*>\s*<div class="field[^"]*">\s*<label for="nir"',
                     page.get_data(as_text=True))  # fmt: skip
    assert form and form.group(1) == "/pro/recherche"
    assert client.get(f"/pro/recherche?nir={JEANNE_NIR}").status_code == 405
    for response in (find(client), find(client, JEANNE_NIR, ("1", "1", "1950"))):
        assert JEANNE_NIR not in response.headers.get("Location", "")
        assert JEANNE_NIR not in response.request.url
    db.reload()
    for entry in db.scalars(select(AuditEntry)):
        row = repr([getattr(entry, c.name) for c in AuditEntry.__table__.columns])
        assert JEANNE_NIR not in row
    with client.session_transaction() as cookie:
        assert JEANNE_NIR not in repr(dict(cookie))


def test_mes_patients_lists_the_care_team_patients_with_the_basis(login_as, db):
    durand = login_as(GP)
    page = text(durand.get("/pro"))
    assert "Jeanne Martin" in page and "12 mars 1954" in page
    assert "Médecin traitant" in page
    assert "Karim Benali" not in page
    nurse = text(login_as(NURSE).get("/pro"))
    assert "Jeanne Martin" in nurse and "Équipe de soins" in nurse
    marc = text(login_as(PHYSIO).get("/pro"))
    assert "Karim Benali" in marc and "Jeanne Martin" not in marc
    samu = text(login_as(SAMU).get("/pro"))
    assert "aucun patient" in samu
    assert db.scalar(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.event == "document.listed")) == 0  # fmt: skip


def test_mes_patients_is_paginated(login_as, db):
    from tests.factories import make_holder
    from tests.matrix.pro import professional

    samu = professional(db, "Garnier")
    for n in range(25):
        make_holder(db, family_name=f"Patient{n:02d}", gp_professional_id=samu.id)
    db.commit()
    client = login_as(SAMU)
    first = text(client.get("/pro"))
    assert "Patient00" in first and "Patient24" not in first and "Page 1 sur 2" in first
    second = text(client.get("/pro?page=2"))
    assert "Patient24" in second and "Mes patients (page 2)" in second


def test_a_professional_without_an_authenticator_is_encouraged_to_use_one(login_as, db):
    client = login_as(GP)
    html = client.get("/pro").get_data(as_text=True)
    assert 'href="/compte/authentificateur"' in html
    db.reload()
    durand = professional_account(db, GP)
    durand.totp_secret = "JBSWY3DPEHPK3PXP"
    db.commit()
    # A new sign-in would ask for the app's code: the page is checked with the same session.
    assert 'href="/compte/authentificateur"' not in client.get("/pro").get_data(as_text=True)


def professional_account(db, email: str):  # type: ignore[no-untyped-def]
    from espace.models import Account

    return db.scalars(select(Account).where(Account.email == email)).one()


def test_mes_patients_is_in_the_menu_of_professionals_only(login_as):
    assert 'href="/pro"' in login_as(GP).get("/tableau-de-bord").get_data(as_text=True)
    jeanne = login_as("jeanne.martin@example.org").get("/tableau-de-bord")
    assert 'href="/pro"' not in jeanne.get_data(as_text=True)
    assert login_as("jeanne.martin@example.org").get("/pro").status_code == 404


def test_a_professional_s_dashboard_shows_their_directory_entry(login_as, db):
    from espace.models import Professional

    account = professional_account(db, GP)
    entry = db.scalars(select(Professional).where(Professional.account_id == account.id)).one()
    page = text(login_as(GP).get("/tableau-de-bord"))
    assert f"Numéro RPPS {entry.rpps}" in page
    assert f"Profession {entry.profession}" in page
