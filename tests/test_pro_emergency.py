"""Emergency access (bris de glace, CSP R1111-48): a reason, the second factor again, 24
hours, the holder and the GP told at once; refused when the holder switched it off; the
SAMU regulating doctor follows the second consent."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pyotp
from sqlalchemy import func, select

from espace import clock
from espace.access import emergency
from espace.models import (
    Account,
    AuditEntry,
    EmergencyAccess,
    EmergencyMode,
    HealthSpace,
    Notification,
    SignInAttempt,
)
from tests.matrix.pro import GP, PHYSIO, SAMU, find, space_id
from tests.support import error_for, text

JEANNE = "jeanne.martin@example.org"
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
REASON = {"reason_category": "inconscient",
          "reason_text": "Patiente inconsciente après une chute, amenée aux urgences."}  # fmt: skip


def accesses(db) -> list[EmergencyAccess]:  # type: ignore[no-untyped-def]
    db.reload()
    return list(db.scalars(select(EmergencyAccess)))


def codes_sent(outbox, email: str) -> int:  # type: ignore[no-untyped-def]
    return sum("code de connexion" in m["Subject"] for m in outbox.to(email))


def set_consent(db, **consents: bool) -> None:  # type: ignore[no-untyped-def]
    db.reload()
    space = db.get(HealthSpace, space_id(db))
    for name, value in consents.items():
        setattr(space, name, value)
    db.commit()


def ask(client, db, data: dict | None = None):  # type: ignore[no-untyped-def]
    """Step 1, after finding the patient: the reason."""
    url = f"/pro/patients/{space_id(db)}/urgence"
    client.get(url)
    return client.post_form(url, REASON if data is None else data)


def confirm(client, db, code: str):  # type: ignore[no-untyped-def]
    url = f"/pro/patients/{space_id(db)}/urgence/confirmer"
    client.get(url)
    return client.post_form(url, {"code": code})


def test_the_reason_is_required_and_must_be_at_least_a_sentence(login_as, db, outbox):
    client = login_as(PHYSIO)
    find(client)
    page = client.get(f"/pro/patients/{space_id(db)}/urgence")
    html = page.get_data(as_text=True)
    assert 'name="mode"' not in html and 'value="regulation"' not in html
    sent = codes_sent(outbox, PHYSIO)
    empty = ask(client, db, {"reason_category": "", "reason_text": ""})
    assert empty.status_code == 422
    assert "Choisissez le motif" in error_for(client.last_html, "reason_category",
                                              link="reason_category-0")  # fmt: skip
    assert "au moins 20 caractères" in error_for(client.last_html, "reason_text")
    short = ask(client, db, {"reason_category": "inconscient", "reason_text": "Chute   grave"})
    assert short.status_code == 422
    message = error_for(client.last_html, "reason_text")
    assert "au moins 20 caractères (vous en avez saisi 11)" in message
    assert re.search(
        r'<input checked[^>]*value="inconscient"', client.last_html
    )  # the answers are kept
    assert codes_sent(outbox, PHYSIO) == sent and accesses(db) == []


def test_the_second_factor_is_asked_again_wrong_then_right(login_as, db, outbox):
    client = login_as(PHYSIO)
    find(client)
    sent = codes_sent(outbox, PHYSIO)
    response = ask(client, db)
    sid = space_id(db)
    assert response.headers["Location"] == f"/pro/patients/{sid}/urgence/confirmer"
    assert codes_sent(outbox, PHYSIO) == sent + 1
    page = text(client.get(f"/pro/patients/{sid}/urgence/confirmer"))
    assert "Patient inconscient" in page and "amenée aux urgences" in page
    assert "envoyer à votre adresse e-mail" in page
    right = outbox.last_code_for(PHYSIO)
    wrong = confirm(client, db, f"{(int(right) + 1) % 1_000_000:06d}")
    assert wrong.status_code == 422
    assert "Ce code est incorrect" in error_for(client.last_html, "code")
    assert accesses(db) == []
    db.reload()
    before = db.scalar(select(func.max(AuditEntry.seq)))
    done = confirm(client, db, right)
    assert done.headers["Location"] == f"/pro/patients/{sid}"
    db.reload()
    assert list(db.scalars(select(AuditEntry.event).where(AuditEntry.seq > before))) == [
        "emergency.started"
    ]
    [access] = accesses(db)
    assert access.mode == EmergencyMode.EMERGENCY and access.reason_category == "inconscient"
    assert access.expires_at - access.started_at == emergency.DURATION == timedelta(hours=24)
    patient = client.get(f"/pro/patients/{sid}")
    assert "Accès en urgence jusqu'au" in text(patient)
    assert "L'accès en urgence est ouvert pour 24 heures" in text(patient)
    # The same code cannot open a second access.
    assert confirm(client, db, right).status_code == 302
    assert len(accesses(db)) == 1


def test_the_holder_and_the_gp_are_told_at_once(login_as, db, outbox):
    client = login_as(PHYSIO)
    find(client)
    ask(client, db)
    confirm(client, db, outbox.last_code_for(PHYSIO))
    db.reload()
    kinds = {
        email: set(db.scalars(select(Notification.kind).join(
            Account, Account.id == Notification.account_id).where(Account.email == email)))
        for email in (JEANNE, GP)
    }  # fmt: skip
    assert "emergency_access" in kinds[JEANNE]
    assert "patient_emergency_access" in kinds[GP]
    assert "accès en urgence" in outbox.last_to(JEANNE)["Subject"]
    assert "accès en urgence à l'espace d'un de vos patients" in outbox.last_to(GP)["Subject"]
    for message in (outbox.last_to(JEANNE), outbox.last_to(GP)):
        assert "inconsciente" not in message.get_content()  # that, never what


def test_refused_before_any_code_when_the_holder_switched_the_consent_off(login_as, db, outbox):
    set_consent(db, emergency_consent=False)
    client = login_as(PHYSIO)
    find(client)
    sent = codes_sent(outbox, PHYSIO)
    response = ask(client, db)
    assert response.status_code == 422
    assert "Le patient a refusé l'accès en urgence" in text(response)
    assert codes_sent(outbox, PHYSIO) == sent
    db.reload()
    assert db.scalar(select(func.count()).select_from(SignInAttempt).where(
        SignInAttempt.created_at > clock.now() - timedelta(minutes=1),
        SignInAttempt.finished_at.is_(None))) == 0  # fmt: skip
    assert accesses(db) == []


def test_a_consent_switched_off_between_the_two_steps_still_refuses(login_as, db, outbox):
    client = login_as(PHYSIO)
    find(client)
    ask(client, db)
    set_consent(db, emergency_consent=False)
    response = confirm(client, db, outbox.last_code_for(PHYSIO))
    assert response.status_code == 422
    assert "Le patient a refusé l'accès en urgence" in text(response)
    assert accesses(db) == []


def test_the_samu_mode_is_only_for_regulators_and_follows_the_samu_consent(login_as, db, outbox):
    marc = login_as(PHYSIO)
    find(marc)
    forged = ask(marc, db, {"mode": "samu", "reason_category": "regulation",
                            "reason_text": REASON["reason_text"]})  # fmt: skip
    assert forged.status_code == 422
    assert "Choisissez le motif" in error_for(marc.last_html, "reason_category",
                                              link="reason_category-0")  # fmt: skip
    set_consent(db, emergency_consent=False, samu_consent=True)
    samu = login_as(SAMU)
    find(samu)
    html = samu.get(f"/pro/patients/{space_id(db)}/urgence").get_data(as_text=True)
    assert 'name="mode"' in html and 'value="regulation"' in html
    urgent = ask(samu, db, {"mode": "emergency", **REASON})
    assert urgent.status_code == 422 and "refusé l'accès en urgence" in text(urgent)
    regulation = {"mode": "samu", "reason_category": "regulation",
                  "reason_text": "Appel au 15 : malaise à domicile, patiente confuse."}  # fmt: skip
    assert ask(samu, db, regulation).status_code == 302
    assert confirm(samu, db, outbox.last_code_for(SAMU)).status_code == 302
    [access] = accesses(db)
    assert access.mode == EmergencyMode.SAMU
    assert "Régulation SAMU" in text(samu.get(f"/pro/patients/{space_id(db)}"))
    # Switching the SAMU consent off ends it on the next request.
    set_consent(db, samu_consent=False)
    assert samu.get(f"/pro/patients/{space_id(db)}").status_code == 200  # found: the door
    assert "Accès en urgence jusqu'au" not in text(samu.get(f"/pro/patients/{space_id(db)}"))
    refused = ask(samu, db, regulation)
    assert refused.status_code == 422 and "refusé l'accès en urgence" in text(refused)


def test_emergency_access_ends_after_24_hours(login_as, db, outbox):
    sid = space_id(db)
    with clock.frozen_at(NOW) as frozen:
        client = login_as(PHYSIO)
        find(client)
        ask(client, db)
        confirm(client, db, outbox.last_code_for(PHYSIO))
        frozen.advance(hours=23, minutes=59)
        client = login_as(PHYSIO)  # the earlier session timed out; nothing found in this one
        assert client.get(f"/pro/patients/{sid}").status_code == 200
        frozen.advance(minutes=2)
        assert client.get(f"/pro/patients/{sid}").status_code == 404


def test_emergency_access_never_shows_masked_documents(login_as, db, outbox):
    client = login_as(PHYSIO)
    find(client)
    ask(client, db)
    confirm(client, db, outbox.last_code_for(PHYSIO))
    page = text(client.get(f"/pro/patients/{space_id(db)}"))
    assert "Synthèse médicale annuelle" in page
    assert "psychiatrie" not in page


def test_an_authenticator_code_confirms_when_the_professional_uses_one(login_as, db):
    with clock.frozen_at(NOW):
        client = login_as(PHYSIO)
        db.reload()
        marc = db.scalars(select(Account).where(Account.email == PHYSIO)).one()
        marc.totp_secret = pyotp.random_base32()
        db.commit()
        find(client)
        ask(client, db)
        page = text(client.get(f"/pro/patients/{space_id(db)}/urgence/confirmer"))
        assert "application d'authentification" in page
        assert confirm(client, db, pyotp.TOTP(marc.totp_secret).at(NOW)).status_code == 302
        assert len(accesses(db)) == 1


def test_five_wrong_codes_start_the_request_again(login_as, db, outbox):
    client = login_as(PHYSIO)
    find(client)
    ask(client, db)
    right = outbox.last_code_for(PHYSIO)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    for _ in range(4):
        assert confirm(client, db, wrong).status_code == 422
    over = confirm(client, db, wrong)
    assert over.headers["Location"] == f"/pro/patients/{space_id(db)}/urgence"
    assert "Indiquez de nouveau le motif" in text(client.get(over.headers["Location"]))
    assert confirm(client, db, right).status_code == 302  # back to step 1, not in
    assert accesses(db) == []


def test_the_second_step_without_the_first_sends_back_to_the_first(login_as, db):
    client = login_as(PHYSIO)
    find(client)
    response = client.get(f"/pro/patients/{space_id(db)}/urgence/confirmer")
    assert response.headers["Location"] == f"/pro/patients/{space_id(db)}/urgence"


def test_a_professional_already_inside_needs_no_emergency_access(login_as, db):
    page = text(login_as(GP).get(f"/pro/patients/{space_id(db)}/urgence"))
    assert "l'accès en urgence n'est pas nécessaire" in page
