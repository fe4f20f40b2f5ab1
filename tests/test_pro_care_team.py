"""The ways into a space: declaring a care episode (presumed consent, the holder told and
able to remove), and the one-time share code (single use, one hour, for one consultation)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from espace import clock
from espace.access import share_codes
from espace.actors import Actor
from espace.db import get_session
from espace.models import (
    AuditEntry,
    Block,
    CareTeamMember,
    ConsultationConsent,
    HealthSpace,
    Notification,
)
from tests.matrix.pro import PHYSIO, SAMU, find, professional, space_id
from tests.support import error_for, text

JEANNE = "jeanne.martin@example.org"
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


def last_seq(db) -> int:  # type: ignore[no-untyped-def]
    db.reload()
    return db.scalar(select(func.max(AuditEntry.seq))) or 0


def events_after(db, seq: int) -> list[str]:  # type: ignore[no-untyped-def]
    db.reload()
    return list(
        db.scalars(select(AuditEntry.event).where(AuditEntry.seq > seq).order_by(AuditEntry.seq))
    )


def membership(db, family_name: str) -> CareTeamMember | None:  # type: ignore[no-untyped-def]
    db.reload()
    return db.scalar(
        select(CareTeamMember).where(
            CareTeamMember.space_id == space_id(db),
            CareTeamMember.professional_id == professional(db, family_name).id,
        )
    )


def holder_notifications(db, kind: str) -> int:  # type: ignore[no-untyped-def]
    db.reload()
    space = db.get(HealthSpace, space_id(db))
    return db.scalar(
        select(func.count())
        .select_from(Notification)
        .where(Notification.account_id == space.holder_account_id, Notification.kind == kind)
    )


def test_declaring_a_care_episode_joins_the_care_team_and_tells_the_holder(login_as, db, outbox):
    client = login_as(SAMU)
    sid = space_id(db)
    find(client)
    page = client.get(f"/pro/patients/{sid}/prise-en-charge")
    assert page.status_code == 200
    assert "accord est alors présumé" in text(page) and "vous retirer" in text(page)
    assert membership(db, "Garnier") is None
    before = last_seq(db)
    response = client.post_form(f"/pro/patients/{sid}/prise-en-charge")
    assert response.headers["Location"] == f"/pro/patients/{sid}"
    assert events_after(db, before) == ["care_team.joined"]
    assert membership(db, "Garnier").removed_at is None
    assert holder_notifications(db, "care_team_joined") == 1
    assert "rejoint votre équipe de soins" in outbox.last_to(JEANNE)["Subject"]
    patient = text(client.get(f"/pro/patients/{sid}"))
    assert "Équipe de soins" in patient and "Échographie abdominale" in patient
    assert "Jeanne Martin" in text(client.get("/pro"))
    # Declaring again changes nothing.
    page = client.get(f"/pro/patients/{sid}/prise-en-charge")
    assert "déjà partie de l'équipe de soins" in text(page)
    before = last_seq(db)
    client.post_form(f"/pro/patients/{sid}/prise-en-charge")
    assert events_after(db, before) == []


def test_a_professional_the_holder_removed_is_not_offered_to_declare_again(login_as, db):
    samu = professional(db, "Garnier")
    db.add(CareTeamMember(space_id=space_id(db), professional_id=samu.id,
                          joined_at=clock.now() - timedelta(days=9),
                          removed_at=clock.now() - timedelta(days=2)))  # fmt: skip
    db.commit()
    client = login_as(SAMU)
    sid = space_id(db)
    find(client)
    door = text(client.get(f"/pro/patients/{sid}"))
    assert "vous a retiré de son équipe de soins" in door
    assert "Déclarer que je prends ce patient en charge" not in door
    assert "Valider le code" in door  # a share code is still possible
    response = client.post_form(f"/pro/patients/{sid}/prise-en-charge")
    assert response.status_code == 422
    assert "vous a retiré" in text(response)
    assert membership(db, "Garnier").removed_at is not None


def test_a_blocked_professional_cannot_declare_a_care_episode(login_as, db):
    db.add(Block(space_id=space_id(db), professional_id=professional(db, "Garnier").id,
                 created_at=clock.now()))  # fmt: skip
    db.commit()
    client = login_as(SAMU)
    sid = space_id(db)
    find(client)
    assert client.post_form(f"/pro/patients/{sid}/prise-en-charge").status_code == 404
    assert client.post_form(f"/pro/patients/{sid}/code", {"code": "ABCD-EFGH"}).status_code == 404
    assert membership(db, "Garnier") is None


def test_no_way_in_without_finding_the_patient_first(login_as, db):
    client = login_as(SAMU)
    sid = space_id(db)
    client.get("/pro")
    assert client.post_form(f"/pro/patients/{sid}/prise-en-charge").status_code == 404
    assert client.post_form(f"/pro/patients/{sid}/code", {"code": "ABCD-EFGH"}).status_code == 404
    assert membership(db, "Garnier") is None


def create_code(app, db) -> str:  # type: ignore[no-untyped-def]
    """What the holder does from her space: a one-time code to give aloud."""
    with app.app_context():
        session = get_session()
        space = session.get(HealthSpace, space_id(db))
        code = share_codes.create(session, Actor.for_account(session, space.holder), space,
                                  clock.now())  # fmt: skip
        session.commit()
    return share_codes.shown(code)


def test_a_share_code_opens_the_space_for_this_consultation_once(app, login_as, db):
    client = login_as(SAMU)
    sid = space_id(db)
    find(client)
    code = create_code(app, db)
    before = last_seq(db)
    response = client.post_form(f"/pro/patients/{sid}/code", {"code": code.lower()})
    assert response.headers["Location"] == f"/pro/patients/{sid}"
    assert events_after(db, before) == ["share_code.used"]  # exactly one entry
    assert holder_notifications(db, "professional_access") >= 1
    page = text(client.get(f"/pro/patients/{sid}"))
    assert "Consentement du titulaire pour cette consultation" in page
    assert "Échographie abdominale" in page
    # Used once: a colleague outside the care team cannot use it again.
    marc = login_as(PHYSIO)
    find(marc)
    again = marc.post_form(f"/pro/patients/{sid}/code", {"code": code})
    assert again.status_code == 422
    assert "déjà utilisé" in error_for(marc.last_html, "code")


def test_a_wrong_share_code_is_refused_on_the_field(app, login_as, db):
    client = login_as(SAMU)
    sid = space_id(db)
    find(client)
    create_code(app, db)
    response = client.post_form(f"/pro/patients/{sid}/code", {"code": "ZZZZ-ZZZZ"})
    assert response.status_code == 422
    assert "Ce code ne fonctionne pas" in error_for(client.last_html, "code")
    assert "<title>Erreur : Jeanne Martin" in client.last_html
    empty = client.post_form(f"/pro/patients/{sid}/code", {"code": ""})
    assert empty.status_code == 422
    assert "Saisissez le code de partage" in error_for(client.last_html, "code")
    for _ in range(5):  # 5 wrong codes lock the next tries
        client.post_form(f"/pro/patients/{sid}/code", {"code": "ZZZZ-ZZZZ"})
    assert "Trop de codes erronés" in error_for(client.last_html, "code")
    db.reload()
    assert db.scalar(select(func.count()).select_from(ConsultationConsent)) == 0


def test_a_share_code_expires_after_one_hour(app, login_as, db):
    with clock.frozen_at(NOW) as frozen:
        code = create_code(app, db)
        frozen.advance(minutes=61)
        client = login_as(SAMU)
        find(client)
        response = client.post_form(f"/pro/patients/{space_id(db)}/code", {"code": code})
        assert response.status_code == 422
        assert "plus d'une heure" in error_for(client.last_html, "code")


def test_the_consent_lasts_one_consultation(app, login_as, db):
    sid = space_id(db)
    with clock.frozen_at(NOW) as frozen:
        client = login_as(SAMU)
        find(client)
        code = create_code(app, db)
        assert client.post_form(f"/pro/patients/{sid}/code", {"code": code}).status_code == 302
        frozen.advance(seconds=share_codes.CONSULTATION.total_seconds() - 60)
        client = login_as(SAMU)  # a new sign-in: the earlier session timed out
        assert client.get(f"/pro/patients/{sid}").status_code == 200
        frozen.advance(minutes=2)
        assert client.get(f"/pro/patients/{sid}").status_code == 404
