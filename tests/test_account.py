"""The authenticator app: enrol with a code, then sign in with it; remove it."""

from __future__ import annotations

from datetime import UTC, datetime

import pyotp
from sqlalchemy import select

from espace import clock
from espace.models import Account
from tests.support import error_for, text

JEANNE = "jeanne.martin@example.org"
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


def pending_secret(db) -> str:
    db.reload()
    return db.scalars(select(Account.totp_pending_secret).where(Account.email == JEANNE)).one()


def test_a_holder_enrols_an_authenticator_with_a_code_from_it(login_as, db):
    with clock.frozen_at(NOW):
        enrol(login_as, db)


def enrol(login_as, db):
    client = login_as(JEANNE)
    page = client.get("/compte/authentificateur")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    secret = pending_secret(db)
    assert secret in html and 'role="img"' in html and "<svg" in html
    # The same secret is shown again on reload, until it is confirmed.
    client.get("/compte/authentificateur")
    assert pending_secret(db) == secret
    response = client.post_form("/compte/authentificateur", {"code": pyotp.TOTP(secret).at(NOW)})
    assert response.headers["Location"] == "/compte"
    assert "application d'authentification est activée" in text(client.get("/compte"))
    db.reload()
    account = db.scalars(select(Account).where(Account.email == JEANNE)).one()
    assert account.totp_secret == secret and account.totp_pending_secret is None


def test_a_wrong_enrolment_code_is_refused_with_a_hint(login_as, db):
    client = login_as(JEANNE)
    client.get("/compte/authentificateur")
    secret = pending_secret(db)
    wrong = "123456" if pyotp.TOTP(secret).now() != "123456" else "654321"
    response = client.post_form("/compte/authentificateur", {"code": wrong})
    assert response.status_code == 422
    assert "30 secondes" in error_for(response.get_data(as_text=True), "code")
    response = client.post_form("/compte/authentificateur", {"code": "12a"})
    assert response.status_code == 422
    assert "que des chiffres" in error_for(response.get_data(as_text=True), "code")


def test_removing_the_authenticator_needs_a_current_code(app, db):
    from tests.test_sign_in import send_code, start

    secret = pyotp.random_base32()
    account = db.scalars(select(Account).where(Account.email == JEANNE)).one()
    account.totp_secret = secret
    db.commit()
    client = app.test_client()
    with clock.frozen_at(NOW) as frozen:
        start(client)
        send_code(client, pyotp.TOTP(secret).at(NOW))
        client.get("/compte")
        assert client.get("/compte/authentificateur").headers["Location"] == "/compte"
        client.get("/compte/authentificateur/retirer")
        response = client.post_form("/compte/authentificateur/retirer", {"code": "000000"})
        assert response.status_code == 422
        frozen.advance(seconds=30)
        response = client.post_form(
            "/compte/authentificateur/retirer", {"code": pyotp.TOTP(secret).at(clock.now())}
        )
    assert response.headers["Location"] == "/compte"
    db.reload()
    assert db.scalars(select(Account).where(Account.email == JEANNE)).one().totp_secret is None
