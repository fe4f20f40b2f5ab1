"""Signing in: password, then a one-time code; lockout, enumeration, fixation, timeouts."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pyotp
import pytest
from sqlalchemy import select

from espace import clock
from espace.auth import passwords
from espace.models import Account, AuthSession, SignInAttempt
from tests.support import CheckedClient, Outbox, error_for, sign_in, text

JEANNE = "jeanne.martin@example.org"
PASSWORD = "Espace-Demo-2026"
START = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def start(client: CheckedClient, email: str = JEANNE, password: str = PASSWORD):
    client.get("/connexion")
    return client.post_form("/connexion", {"email": email, "password": password})


def send_code(client: CheckedClient, code: str):
    client.get("/connexion/code")
    return client.post_form("/connexion/code", {"code": code})


def test_a_holder_signs_in_with_the_code_received_by_email(client, outbox):
    response = start(client)
    assert response.status_code == 302 and response.headers["Location"] == "/connexion/code"
    message = outbox.last_to(JEANNE)
    assert message["Subject"] == "Espace santé : votre code de connexion"
    response = send_code(client, outbox.last_code_for(JEANNE))
    assert response.headers["Location"] == "/tableau-de-bord"
    page = client.get("/tableau-de-bord")
    assert page.status_code == 200
    assert "Bonjour Jeanne Martin" in page.get_data(as_text=True)
    assert "Vous êtes connecté" in page.get_data(as_text=True)


def test_the_code_has_six_digits_from_a_csprng_and_is_stored_as_an_hmac(client, outbox, db):
    start(client)
    code = outbox.last_code_for(JEANNE)
    assert re.fullmatch(r"\d{6}", code)
    attempt = db.scalars(select(SignInAttempt)).one()
    assert attempt.code_hash and code not in attempt.code_hash and len(attempt.code_hash) == 64


def test_a_wrong_password_is_refused_with_a_message_linked_to_the_field(client):
    response = start(client, password="mauvais")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "<title>Erreur : Se connecter" in html
    assert "incorrect" in error_for(html, "email")
    assert f'value="{JEANNE}"' in html  # the answer is kept
    assert "mauvais" not in html  # the password is not


def test_an_unknown_email_gets_the_same_answer_as_a_wrong_password(client, monkeypatch):
    calls: list[str | None] = []
    real_verify = passwords.verify_password

    def spy(password_hash, password):
        calls.append(password_hash)
        return real_verify(password_hash, password)

    monkeypatch.setattr(passwords, "verify_password", spy)
    known = start(client, password="mauvais")
    unknown = start(client, email="personne.inconnue@example.org", password="mauvais")
    assert known.status_code == unknown.status_code == 422

    def normalised(response):
        html = response.get_data(as_text=True)
        html = re.sub(r'(nonce|content|value)="[^"]*"', r'\1=""', html)
        return html

    assert normalised(known) == normalised(unknown)
    # The same work is done either way: one argon2 verification each (same timing).
    assert len(calls) == 2 and calls[0] is not None and calls[1] is None


def test_a_wrong_code_is_refused_and_a_good_one_still_works_after(client, outbox):
    start(client)
    response = send_code(client, "000000" if outbox.last_code_for(JEANNE) != "000000" else "111111")
    assert response.status_code == 422
    assert "incorrect" in error_for(response.get_data(as_text=True), "code")
    response = send_code(client, outbox.last_code_for(JEANNE))
    assert response.headers["Location"] == "/tableau-de-bord"


def test_a_code_expires_after_ten_minutes(client, outbox):
    with clock.frozen_at(START) as frozen:
        start(client)
        code = outbox.last_code_for(JEANNE)
        frozen.advance(minutes=10, seconds=1)
        response = client.post_form("/connexion/code", {"code": code})
    assert response.status_code == 302 and response.headers["Location"] == "/connexion"
    assert "plus valable" in text(client.get("/connexion"))
    assert client.get("/tableau-de-bord").status_code == 302


def test_a_code_is_single_use(app, client, outbox):
    start(client)
    code = outbox.last_code_for(JEANNE)
    with client.session_transaction() as flask_session:
        attempt_token = flask_session["signin_attempt"]
    send_code(client, code)
    # Replaying the same attempt and code from another browser gets nothing.
    other: CheckedClient = app.test_client()
    other.get("/connexion")
    with other.session_transaction() as flask_session:
        flask_session["signin_attempt"] = attempt_token
    response = other.post_form("/connexion/code", {"code": code})
    assert response.status_code == 302 and response.headers["Location"] == "/connexion"
    assert other.get("/tableau-de-bord").status_code == 302


def test_a_code_belongs_to_its_own_attempt(app, client, outbox):
    start(client)
    first_code = outbox.last_code_for(JEANNE)
    second: CheckedClient = app.test_client()
    start(second)
    response = send_code(second, first_code)
    if outbox.last_code_for(JEANNE) != first_code:
        assert response.status_code == 422


def test_the_code_dies_after_five_wrong_tries(client, outbox, db):
    start(client)
    good = outbox.last_code_for(JEANNE)
    wrong = "000000" if good != "000000" else "111111"
    for left in (4, 3, 2, 1):
        response = send_code(client, wrong)
        assert response.status_code == 422
        assert f"encore {left} essai" in response.get_data(as_text=True)
    response = client.post_form("/connexion/code", {"code": wrong})
    assert response.headers["Location"] == "/connexion"
    assert "5 fois" in text(client.get("/connexion"))
    assert send_code(client, good).headers["Location"] == "/connexion"
    assert db.scalars(select(SignInAttempt)).one().finished_at is not None


def test_a_new_code_can_be_asked_and_replaces_the_old_one(client, outbox):
    start(client)
    first = outbox.last_code_for(JEANNE)
    client.get("/connexion/code")
    response = client.post_form("/connexion/code/nouveau")
    assert response.headers["Location"] == "/connexion/code"
    second = outbox.last_code_for(JEANNE)
    assert len(outbox.to(JEANNE)) == 2
    if first != second:
        assert send_code(client, first).status_code == 422
    assert send_code(client, second).headers["Location"] == "/tableau-de-bord"


def test_no_more_than_three_codes_are_sent_for_one_attempt(client, outbox):
    start(client)
    for _ in range(3):
        client.get("/connexion/code")
        client.post_form("/connexion/code/nouveau")
    assert len(outbox.to(JEANNE)) == 3
    assert "déjà demandé 3 codes" in text(client.get("/connexion/code"))


def test_five_wrong_passwords_lock_the_address_across_two_app_instances(make_app, tmp_path):
    shared = tmp_path / "partage"
    first_app = make_app(instance=shared)
    second_app = make_app(instance=shared)
    outbox = Outbox(first_app.instance_path)
    clients = [first_app.test_client(), second_app.test_client()]
    with clock.frozen_at(START) as frozen:
        for attempt in range(5):
            response = start(clients[attempt % 2], password=f"faux-{attempt}")
        assert response.status_code == 429
        assert "bloquée jusqu'à" in error_for(response.get_data(as_text=True), "email")
        # Even the right password is refused while locked, on either instance.
        assert start(clients[0]).status_code == 429
        assert start(clients[1]).status_code == 429
        warnings = [m for m in outbox.to(JEANNE) if "bloquée" in m["Subject"]]
        assert len(warnings) == 1
        assert PASSWORD not in warnings[0].get_content()
        frozen.advance(minutes=16)
        assert start(clients[1]).headers["Location"] == "/connexion/code"


def test_an_unknown_address_is_locked_the_same_way_as_a_known_one(client, outbox):
    for attempt in range(5):
        response = start(client, email="inconnu@example.org", password=f"faux-{attempt}")
    assert response.status_code == 429
    assert outbox.to("inconnu@example.org") == []


def test_a_new_session_id_is_issued_at_sign_in(app, client, outbox):
    start(client)
    with client.session_transaction() as before:
        assert "sid" not in before
        planted = dict(before)
    send_code(client, outbox.last_code_for(JEANNE))
    with client.session_transaction() as after:
        assert after["sid"] and "signin_attempt" not in after
        assert "csrf_token" not in after or after.get("csrf_token") != planted.get("csrf_token")
    # An attacker who fixed the pre-sign-in cookie gains nothing from it.
    attacker: CheckedClient = app.test_client()
    attacker.get("/connexion")
    with attacker.session_transaction() as fixed:
        fixed.update(planted)
    assert attacker.get("/tableau-de-bord").status_code == 302


def test_two_sign_ins_get_two_different_session_ids(login_as, db):
    first = login_as(JEANNE)
    second = login_as(JEANNE)
    with first.session_transaction() as a, second.session_transaction() as b:
        assert a["sid"] != b["sid"]
    assert len(db.scalars(select(AuthSession)).all()) == 2


def test_the_session_ends_after_fifteen_idle_minutes(login_as):
    with clock.frozen_at(START) as frozen:
        client = login_as(JEANNE)
        frozen.advance(minutes=14)
        assert client.get("/tableau-de-bord").status_code == 200
        frozen.advance(minutes=14)  # 14 minutes since the last request: still fine
        assert client.get("/tableau-de-bord").status_code == 200
        frozen.advance(minutes=15, seconds=30)
        response = client.get("/tableau-de-bord")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/connexion?suivant=/tableau-de-bord")
    assert "15 minutes sans activité" in text(client.get("/connexion"))


def test_the_session_ends_twelve_hours_after_sign_in_whatever_the_activity(login_as):
    with clock.frozen_at(START) as frozen:
        client = login_as(JEANNE)
        for _ in range(12 * 6 - 1):
            frozen.advance(minutes=10)
            assert client.get("/tableau-de-bord").status_code == 200
        frozen.advance(minutes=11)
        assert client.get("/tableau-de-bord").status_code == 302


def test_the_cookie_lasts_as_long_as_the_session_and_is_not_sent_again_on_every_page(
    client, outbox
):
    before = datetime.now(UTC)
    response = sign_in(client, outbox, JEANNE)
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if "espace_session=" in c)
    expires = parsedate_to_datetime(re.search(r"Expires=([^;]+)", cookie).group(1))
    assert timedelta(hours=11, minutes=59) < expires - before <= timedelta(hours=12, seconds=5)
    # Pages that change nothing in it leave it alone (it was re-signed on each of them).
    for path in ("/tableau-de-bord", "/documents", "/accessibilite"):
        page = client.get(path)
        assert page.status_code == 200
        assert not any("espace_session=" in c for c in page.headers.getlist("Set-Cookie"))


def test_the_stay_signed_in_button_counts_as_activity(login_as):
    with clock.frozen_at(START) as frozen:
        client = login_as(JEANNE)
        frozen.advance(minutes=13)
        client.get("/accessibilite")  # public page: does not need the session, still counts
        frozen.advance(minutes=1)
        response = client.post_form("/session/prolonger", {"retour": "/tableau-de-bord"})
        assert response.headers["Location"] == "/tableau-de-bord"
        frozen.advance(minutes=14)
        assert client.get("/tableau-de-bord").status_code == 200


def test_passive_requests_do_not_keep_a_session_alive(login_as):
    with clock.frozen_at(START) as frozen:
        client = login_as(JEANNE)
        for _ in range(4):
            frozen.advance(minutes=5)
            client.get("/tableau-de-bord", headers={"X-Espace-Passive": "1"})
        assert client.get("/tableau-de-bord").status_code == 302


def test_sign_out_ends_the_session_on_the_server(app, login_as, db):
    client = login_as(JEANNE)
    with client.session_transaction() as flask_session:
        stolen = dict(flask_session)
    response = client.post_form("/deconnexion")
    assert response.headers["Location"] == "/connexion"
    assert "Vous êtes déconnecté" in text(client.get("/connexion"))
    assert client.get("/tableau-de-bord").status_code == 302
    # The copied cookie is worthless: the session is ended in the database.
    thief: CheckedClient = app.test_client()
    thief.get("/accessibilite")
    with thief.session_transaction() as flask_session:
        flask_session.update(stolen)
    assert thief.get("/tableau-de-bord").status_code == 302
    row = db.scalars(select(AuthSession)).one()
    assert row.ended_at is not None and row.end_reason == "sign-out"


def test_sign_out_by_get_is_not_possible(login_as):
    client = login_as(JEANNE)
    assert client.get("/deconnexion").status_code == 405
    assert client.get("/tableau-de-bord").status_code == 200


def test_after_sign_in_the_person_returns_to_the_page_they_asked_for(client, outbox):
    assert client.get("/compte").headers["Location"] == "/connexion?suivant=/compte"
    client.get("/connexion?suivant=/compte")
    client.post_form("/connexion", {"email": JEANNE, "password": PASSWORD})
    client.get("/connexion/code")
    response = client.post_form("/connexion/code", {"code": outbox.last_code_for(JEANNE)})
    assert response.headers["Location"] == "/compte"


@pytest.mark.parametrize(
    "target", ["//evil.example", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"]
)
def test_the_return_address_cannot_leave_the_site(client, outbox, target):
    client.get("/connexion", query_string={"suivant": target})
    client.post_form("/connexion", {"email": JEANNE, "password": PASSWORD})
    client.get("/connexion/code")
    response = client.post_form("/connexion/code", {"code": outbox.last_code_for(JEANNE)})
    assert response.headers["Location"] == "/tableau-de-bord"


def test_a_disabled_account_cannot_sign_in(client, db):
    from espace.models import AccountStatus

    account = db.scalars(select(Account).where(Account.email == JEANNE)).one()
    account.status = AccountStatus.DISABLED
    db.commit()
    assert start(client).status_code == 422


def test_a_signed_in_person_is_taken_from_the_sign_in_page_to_the_dashboard(login_as):
    client = login_as(JEANNE)
    assert client.get("/connexion").headers["Location"] == "/tableau-de-bord"
    assert client.get("/").headers["Location"] == "/tableau-de-bord"


def test_a_holder_with_an_authenticator_signs_in_with_its_code_and_cannot_replay_it(
    app, client, outbox, db
):
    secret = pyotp.random_base32()
    account = db.scalars(select(Account).where(Account.email == JEANNE)).one()
    account.totp_secret = secret
    db.commit()
    with clock.frozen_at(START):
        start(client)
        assert outbox.to(JEANNE) == []  # no e-mail code when an authenticator is set
        page = text(client.get("/connexion/code"))
        assert "application d'authentification" in page
        code = pyotp.TOTP(secret).at(START)
        assert send_code(client, code).headers["Location"] == "/tableau-de-bord"
        other: CheckedClient = app.test_client()
        start(other)
        response = send_code(other, code)
    assert response.status_code == 422  # the same time step is never accepted twice


def test_the_full_helper_signs_in_every_persona(app, outbox):
    from espace.demo.personas import PERSONAS

    for persona in PERSONAS:
        if persona.email:
            client: CheckedClient = app.test_client()
            sign_in(client, outbox, persona.email)
            assert client.get("/tableau-de-bord").status_code == 200


def test_the_lock_is_lifted_after_a_successful_sign_in(client, outbox):
    for attempt in range(4):
        start(client, password=f"faux-{attempt}")
    assert start(client).status_code == 302
    send_code(client, outbox.last_code_for(JEANNE))
    client.get("/tableau-de-bord")
    assert client.post_form("/deconnexion").headers["Location"] == "/connexion"
    for attempt in range(4):
        assert start(client, password=f"faux-{attempt}").status_code == 422


def test_a_code_still_works_until_the_end_of_the_ten_minutes_the_page_and_email_announce(
    client, outbox
):
    with clock.frozen_at(START) as frozen:
        start(client)
        page = text(client.get("/connexion/code"))
        email_text = outbox.last_to(JEANNE).get_content()
        assert "valable 10 minutes" in page and "valable 10 minutes, jusqu'à" in email_text
        frozen.advance(minutes=9, seconds=59)
        response = send_code(client, outbox.last_code_for(JEANNE))
    assert response.headers["Location"] == "/tableau-de-bord"
