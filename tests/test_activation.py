"""/activation: the code, the identity, an e-mail address, a password, then the code sent
to that address; the space becomes ``active`` with its account, signed in. Parents get
their children's spaces. Every failure to prove the identity gets the same answer."""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import func, select

from espace import clock
from espace.models import (
    Account,
    AccountStatus,
    ActivationCode,
    AuditEntry,
    Representation,
    RepresentationKind,
    SpaceStatus,
)
from tests.space_life_support import (
    T0,
    code_from,
    enrol,
    identity,
    line,
    new_nir,
    run_jobs,
    space,
    without_tokens,
    write_file,
)
from tests.support import error_for, text

BORN = date(1954, 3, 9)
PASSWORD = "Mon chat dort au soleil !"
CONFIRMATION = re.compile(r"saisissez ce code : (\d{6})")


def confirmation_code(outbox, address: str) -> str:  # type: ignore[no-untyped-def]
    for message in reversed(outbox.to(address)):
        if match := CONFIRMATION.search(message.get_content()):
            return match.group(1)
    raise AssertionError(f"no confirmation code sent to {address}")


def prove(client, code: str, nir: str, born: date = BORN):  # type: ignore[no-untyped-def]
    client.get("/activation")
    assert client.post_form("/activation", {"code": code}).status_code == 302
    client.get("/activation/identite")
    return client.post_form("/activation/identite", identity(nir, born))


def choose(client, email: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    client.get("/activation/adresse")
    response = client.post_form("/activation/adresse", {"email": email})
    assert response.status_code == 302, response.get_data(as_text=True)[:400]
    client.get("/activation/mot-de-passe")
    response = client.post_form(
        "/activation/mot-de-passe", {"password": password, "confirmation": password}
    )
    assert response.headers["Location"] == "/activation/confirmation"
    client.get("/activation/confirmation")


def enrol_one(app, tmp_path, email: str = "colette@example.org", **kwargs) -> str:  # type: ignore[no-untyped-def]
    nir = new_nir()
    enrol(app, write_file(tmp_path, line(nir, email=email, **kwargs)))
    return nir


def test_activating_an_open_space_creates_the_account_and_signs_in(
    app, client, db, outbox, tmp_path
):
    nir = enrol_one(app, tmp_path)
    code = code_from(outbox, "colette@example.org")
    run_jobs(app, T0 + timedelta(days=42))
    with clock.frozen_at(T0 + timedelta(days=50)):
        assert prove(client, code, nir).headers["Location"] == "/activation/adresse"
        page = client.get("/activation/adresse")
        assert 'value="colette@example.org"' in page.get_data(as_text=True)  # from the file
        choose(client, "colette.nouvelle@example.org")
        response = client.post_form(
            "/activation/confirmation",
            {"code": confirmation_code(outbox, "colette.nouvelle@example.org")},
        )
        assert response.headers["Location"] == "/tableau-de-bord"
        assert "Votre espace santé est activé" in text(client.get("/tableau-de-bord"))
    active = space(db, nir)
    account = db.get(Account, active.holder_account_id)
    assert active.status == SpaceStatus.ACTIVE and active.activated_at == T0 + timedelta(days=50)
    assert account.email == "colette.nouvelle@example.org"
    assert account.status == AccountStatus.ACTIVE and account.display_name == "Colette Durand"
    assert active.email_on_file is None and active.address_line is None
    used = db.scalars(select(ActivationCode).where(ActivationCode.space_id == active.id)).one()
    assert used.used_at == T0 + timedelta(days=50)
    events = db.scalars(select(AuditEntry.event).where(AuditEntry.space_id == active.id)).all()
    assert events[-2:] == ["space.activated", "account.signed_in"]
    # The code is single use; signing in again works with the new password.
    with clock.frozen_at(T0 + timedelta(days=51)):
        other = app.test_client()
        assert prove(other, code, nir).status_code == 422
        other.get("/connexion")
        response = other.post_form(
            "/connexion", {"email": "colette.nouvelle@example.org", "password": PASSWORD}
        )
        assert response.headers["Location"] == "/connexion/code"


def test_a_space_may_be_activated_during_the_window_and_then_never_reopens(
    app, client, db, outbox, tmp_path
):
    nir = enrol_one(app, tmp_path)
    with clock.frozen_at(T0 + timedelta(days=2)):
        prove(client, code_from(outbox, "colette@example.org"), nir)
        choose(client, "colette@example.org")
        client.post_form(
            "/activation/confirmation", {"code": confirmation_code(outbox, "colette@example.org")}
        )
    active = space(db, nir)
    assert active.status == SpaceStatus.ACTIVE
    assert active.opened_at == active.activated_at == T0 + timedelta(days=2)
    run_jobs(app, T0 + timedelta(days=43))
    assert space(db, nir).status == SpaceStatus.ACTIVE


def test_a_parent_gets_the_spaces_of_their_children_on_activation(
    app, client, db, outbox, tmp_path
):
    parent, child = new_nir(year=80), new_nir(year=15, sex=1)
    enrol(
        app,
        write_file(
            tmp_path,
            line(parent, birth="1980-03-01", email="parent@example.org"),
            line(child, birth="2015-06-01", parent=parent),
        ),
    )
    with clock.frozen_at(T0 + timedelta(days=1)):
        prove(client, code_from(outbox, "parent@example.org"), parent, date(1980, 3, 1))
        choose(client, "parent@example.org")
        client.post_form(
            "/activation/confirmation", {"code": confirmation_code(outbox, "parent@example.org")}
        )
    account_id = space(db, parent).holder_account_id
    represented = db.scalars(
        select(Representation).where(Representation.space_id == space(db, child).id)
    ).one()
    assert (represented.account_id, represented.kind) == (account_id, RepresentationKind.PARENT)


def test_every_failure_to_prove_the_identity_gets_the_same_answer(
    app, client, db, outbox, tmp_path
):
    nir = enrol_one(app, tmp_path)
    code = code_from(outbox, "colette@example.org")
    with clock.frozen_at(T0 + timedelta(days=1)):
        wrong = prove(client, "ABCD-EFGH-JK", nir)
        mismatched = prove(client, code, nir, date(1954, 3, 10))
    with clock.frozen_at(T0 + timedelta(days=90)):
        expired = prove(client, code, nir)
    for response in (wrong, mismatched, expired):
        assert response.status_code == 422
        assert "Nous ne pouvons pas continuer" in error_for(response.get_data(as_text=True), "nir")
    assert without_tokens(wrong.get_data(as_text=True)) == without_tokens(
        expired.get_data(as_text=True)
    )


def test_an_address_already_used_and_weak_passwords_are_explained(
    app, client, db, outbox, tmp_path
):
    nir = enrol_one(app, tmp_path)
    with clock.frozen_at(T0 + timedelta(days=1)):
        prove(client, code_from(outbox, "colette@example.org"), nir)
        client.get("/activation/adresse")
        taken = client.post_form("/activation/adresse", {"email": "jeanne.martin@example.org"})
        assert taken.status_code == 422
        assert "déjà celle d'un compte" in error_for(taken.get_data(as_text=True), "email")
        assert (
            client.post_form("/activation/adresse", {"email": "nouvelle@example.org"}).status_code
            == 302
        )
        client.get("/activation/mot-de-passe")
        short = client.post_form(
            "/activation/mot-de-passe", {"password": "court", "confirmation": "court"}
        )
        assert short.status_code == 422
        assert "au moins 12 caractères" in error_for(short.get_data(as_text=True), "password")
        different = client.post_form(
            "/activation/mot-de-passe", {"password": PASSWORD, "confirmation": PASSWORD + "?"}
        )
        assert "pas identiques" in error_for(different.get_data(as_text=True), "confirmation")
    pending = db.scalars(select(Account).where(Account.email == "nouvelle@example.org")).one()
    assert pending.status == AccountStatus.DISABLED and pending.password_hash == ""


def test_the_emailed_code_allows_five_tries_then_the_address_is_asked_again(
    app, client, db, outbox, tmp_path
):
    nir = enrol_one(app, tmp_path)
    with clock.frozen_at(T0 + timedelta(days=1)):
        prove(client, code_from(outbox, "colette@example.org"), nir)
        choose(client, "colette@example.org")
        right = confirmation_code(outbox, "colette@example.org")
        wrong = f"{(int(right) + 1) % 1_000_000:06d}"
        for left in (4, 3, 2, 1):
            response = client.post_form("/activation/confirmation", {"code": wrong})
            assert f"encore {left} essai" in error_for(response.get_data(as_text=True), "code")
        over = client.post_form("/activation/confirmation", {"code": wrong})
        assert over.headers["Location"] == "/activation/adresse"
        client.get("/activation/adresse")
        assert client.post_form("/activation/confirmation", {"code": right}).status_code == 302
        assert space(db, nir).status == SpaceStatus.NOTIFIED  # the old code died with it
        # A new code is sent when the password is chosen again, and it works.
        choose(client, "colette@example.org")
        client.post_form(
            "/activation/confirmation", {"code": confirmation_code(outbox, "colette@example.org")}
        )
    assert space(db, nir).status == SpaceStatus.ACTIVE


def test_a_pending_address_is_released_after_an_hour(app, client, db, outbox, tmp_path):
    first = enrol_one(app, tmp_path, email="un@example.org")
    second = enrol_one(app, tmp_path, email="deux@example.org")
    with clock.frozen_at(T0 + timedelta(days=1)) as frozen:
        prove(client, code_from(outbox, "un@example.org"), first)
        choose(client, "partagee@example.org")  # then abandoned
        other = app.test_client()
        prove(other, code_from(outbox, "deux@example.org"), second)
        other.get("/activation/adresse")
        busy = other.post_form("/activation/adresse", {"email": "partagee@example.org"})
        assert busy.status_code == 422
        frozen.advance(hours=1, minutes=1)
        prove(other, code_from(outbox, "deux@example.org"), second)
        choose(other, "partagee@example.org")
        other.post_form(
            "/activation/confirmation", {"code": confirmation_code(outbox, "partagee@example.org")}
        )
    assert space(db, second).status == SpaceStatus.ACTIVE
    assert (
        db.scalar(
            select(func.count()).select_from(Account).where(Account.email == "partagee@example.org")
        )
        == 1
    )


def test_a_journey_left_for_half_an_hour_starts_again(app, client, db, outbox, tmp_path):
    nir = enrol_one(app, tmp_path)
    with clock.frozen_at(T0 + timedelta(days=1)) as frozen:
        prove(client, code_from(outbox, "colette@example.org"), nir)
        frozen.advance(minutes=31)
        response = client.get("/activation/adresse")
        assert response.headers["Location"] == "/activation"
