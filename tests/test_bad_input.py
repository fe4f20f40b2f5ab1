"""Bad input gets a French message linked to its field, a 422 and never a 500."""

from __future__ import annotations

import pytest

from tests.support import error_for


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"email": "", "password": ""}, "email", "Saisissez votre adresse e-mail"),
        ({"email": "", "password": ""}, "password", "Saisissez votre mot de passe"),
        ({"email": "   ", "password": "x"}, "email", "Saisissez votre adresse e-mail"),
        (
            {"email": "jeanne", "password": "x"},
            "email",
            "au bon format, par exemple nom@exemple.fr",
        ),
        ({"email": "a@b@c.fr", "password": "x"}, "email", "au bon format"),
        ({"email": "x" * 250 + "@example.org", "password": "x"}, "email", "au plus 254 caractères"),
        ({"email": "a@example.org", "password": "p" * 5000}, "password", "au plus 200 caractères"),
        ({"email": "jeanne@exa mple.org", "password": "x"}, "email", "au bon format"),
    ],
)
def test_sign_in_form_errors(client, fields, field, message):
    client.get("/connexion")
    response = client.post_form("/connexion", fields)
    assert response.status_code == 422
    assert message in error_for(response.get_data(as_text=True), field)


def test_both_errors_are_listed_in_the_summary_in_page_order(client):
    client.get("/connexion")
    html = client.post_form("/connexion", {"email": "", "password": ""}).get_data(as_text=True)
    assert html.index('href="#email"') < html.index('href="#password"')
    assert "Il y a un problème" in html and "autofocus" in html


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "Saisissez le code à 6 chiffres"),
        ("abcdef", "que des chiffres"),
        ("１２３４５６", "que des chiffres"),  # fullwidth digits are not ASCII digits
        ("12345", "compte 6 chiffres"),
        ("1234567", "compte 6 chiffres"),
        ("9" * 500, "au plus 20 caractères"),
    ],
)
def test_code_form_errors(client, code, message):
    client.get("/connexion")
    client.post_form(
        "/connexion", {"email": "jeanne.martin@example.org", "password": "Espace-Demo-2026"}
    )
    client.get("/connexion/code")
    response = client.post_form("/connexion/code", {"code": code})
    assert response.status_code == 422
    assert message in error_for(response.get_data(as_text=True), "code")


def test_a_code_with_spaces_is_accepted(client, outbox):
    client.get("/connexion")
    client.post_form(
        "/connexion", {"email": "jeanne.martin@example.org", "password": "Espace-Demo-2026"}
    )
    code = outbox.last_code_for("jeanne.martin@example.org")
    client.get("/connexion/code")
    response = client.post_form("/connexion/code", {"code": f" {code[:3]} {code[3:]} "})
    assert response.headers["Location"] == "/tableau-de-bord"


def test_a_request_too_large_gets_a_french_413(client):
    client.get("/connexion")
    response = client.post_form(
        "/connexion", {"email": "a@example.org", "password": "x" * (13 * 1024 * 1024)}
    )
    assert response.status_code == 413
    assert "Fichier trop volumineux" in response.get_data(as_text=True)


def test_the_code_page_without_an_attempt_sends_back_to_sign_in(client):
    response = client.get("/connexion/code")
    assert response.headers["Location"] == "/connexion"


def test_a_nul_character_is_dropped_from_every_form_field(login_as, db):
    from sqlalchemy import select

    from espace.models import PrivateNote

    client = login_as("jeanne.martin@example.org")
    client.get("/profil/notes/ajouter")
    response = client.post_form("/profil/notes/ajouter", {"title": "No\x00te", "body": "a\x00b"})
    assert response.status_code == 302
    db.reload()
    note = db.scalars(select(PrivateNote).where(PrivateNote.title == "Note")).one()
    assert note.body == "ab"
