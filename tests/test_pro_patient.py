"""What a professional sees of a patient's space: what the rules allow, and nothing else,
not even a count (DOMAIN.md, "Who may see what"). Each read is in the holder's history."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from espace import clock
from espace.access import controls
from espace.actors import Actor
from espace.models import (
    AuditEntry,
    AuthorKind,
    Document,
    DocumentCategory,
    EmergencyAccess,
    EmergencyMode,
    HealthSpace,
    Notification,
    PrivateNote,
    SpaceStatus,
)
from tests.matrix.pro import (
    GP,
    KARIM_NIR,
    NURSE,
    PHARMACIST,
    SAMU,
    document_id,
    find,
    professional,
    space_id,
)
from tests.support import text

C = DocumentCategory
MASKED_TITLE = "Compte rendu de consultation – psychiatrie"
HELD_TITLE = "Résultats d'analyses – bilan annuel"


def jeanne(db) -> HealthSpace:  # type: ignore[no-untyped-def]
    db.reload()
    return db.get(HealthSpace, space_id(db))


def entries(db, event: str) -> list[AuditEntry]:  # type: ignore[no-untyped-def]
    db.reload()
    return list(db.scalars(select(AuditEntry).where(AuditEntry.event == event)))


def titles(db, **criteria) -> list[str]:  # type: ignore[no-untyped-def]
    return list(
        db.scalars(
            select(Document.title).where(
                Document.space_id == space_id(db),
                *(getattr(Document, k) == v for k, v in criteria.items()),
            )
        )
    )


def test_the_gp_sees_every_document_the_masked_one_and_the_held_result(login_as, db):
    client = login_as(GP)
    response = client.get(f"/pro/patients/{space_id(db)}")
    assert response.status_code == 200
    page = text(response)
    for title in titles(db):
        assert title in page, title
    assert "Médecin traitant" in page
    assert "Masqué par le patient aux autres professionnels" in page
    assert "À annoncer : pas encore visible par le patient" in page
    [listed] = entries(db, "document.listed")
    assert listed.space_id == space_id(db) and listed.actor_profession_code == "10"


def test_the_pharmacist_sees_neither_the_categories_the_matrix_refuses_nor_the_masked_one(
    login_as, db
):
    client = login_as(PHARMACIST)
    page = text(client.get(f"/pro/patients/{space_id(db)}"))
    for category in (C.IMAGERIE, C.CERTIFICAT):
        for title in titles(db, category=category):
            assert title not in page, title
    assert MASKED_TITLE not in page
    for category in (C.PRESCRIPTION, C.DISPENSATION, C.PLAN_DE_SOINS):
        for title in titles(db, category=category):
            assert title in page, title
    assert "Équipe de soins" in page
    assert "masqué" not in page.lower()
    # Asking by id gives the missing page, and the holder reads why in her history.
    imagerie = document_id(db, category=C.IMAGERIE)
    masked = document_id(db, masked=True)
    for document, reason in ((imagerie, "matrice d'habilitation"), (masked, "masqué")):
        for path in ("", "/fichier"):
            url = f"/pro/patients/{space_id(db)}/documents/{document}{path}"
            assert client.get(url).status_code == 404
            refused = entries(db, "access.refused")[-1]
            assert refused.target_id == document and reason in refused.reason


def test_not_even_a_count_of_hidden_documents_reaches_the_page(login_as, db):
    client = login_as(PHARMACIST)
    url = f"/pro/patients/{space_id(db)}"
    before = _visible(client.get(url).get_data(as_text=True))
    db.reload()
    template = db.get(Document, document_id(db))
    now = clock.now()
    for n, (category, masked) in enumerate(
        [(C.IMAGERIE, False), (C.CERTIFICAT, False), (C.PRESCRIPTION, True), (C.COMPTE_RENDU, True)]
    ):
        db.add(Document(
            space_id=template.space_id, title=f"Caché {n}", category=category,
            document_date=template.document_date, author_kind=AuthorKind.PROFESSIONAL,
            author_label="Hôpital", file_id=template.file_id, masked=masked,
            created_at=now, updated_at=now,
        ))  # fmt: skip
    db.commit()
    after = _visible(client.get(url).get_data(as_text=True))
    assert after == before


def _visible(html: str) -> str:
    return re.sub(r'(nonce|content|value)="[^"]*"', "", html)


def test_the_nurse_reads_the_volontes_and_the_pharmacist_does_not(login_as, db):
    url = f"/pro/patients/{space_id(db)}/profil"
    nurse = text(login_as(NURSE).get(url))
    assert "Volontés" in nurse and "pas d'acharnement" in nurse
    assert "Pénicilline" in nurse and "Metformine" in nurse and "Claire Martin" in nurse
    assert "Dernières mesures" in nurse
    pharmacist = text(login_as(PHARMACIST).get(url))
    assert "Pénicilline" in pharmacist
    assert "Volontés" not in pharmacist and "acharnement" not in pharmacist
    viewed = entries(db, "profile.viewed")[-2:]
    assert [e.category for e in viewed] == ["profil", "profil"]
    assert {e.actor_profession_code for e in viewed} == {"60", "21"}


def test_private_notes_and_mes_professionnels_never_reach_a_professional(login_as, db):
    now = clock.now()
    db.add(PrivateNote(space_id=space_id(db), title="NOTE-SECRETE-42", body="rien que pour moi",
                       created_at=now, updated_at=now))  # fmt: skip
    db.commit()
    page = text(login_as(GP).get(f"/pro/patients/{space_id(db)}/profil"))
    assert "NOTE-SECRETE-42" not in page and "rien que pour moi" not in page
    assert "Mes professionnels" not in page and "Notes personnelles" not in page


def test_each_view_is_told_to_the_holder_once_an_hour(login_as, db):
    client = login_as(NURSE)
    sid = space_id(db)
    client.get(f"/pro/patients/{sid}")
    client.get(f"/pro/patients/{sid}/profil")
    client.get(f"/pro/patients/{sid}/documents/{document_id(db)}")
    db.reload()
    amina = professional(db, "Diallo")
    notices = db.scalars(
        select(Notification).where(
            Notification.kind == "professional_access",
            Notification.actor_professional_id == amina.id,
            Notification.created_at > clock.now() - timedelta(hours=1),
        )
    ).all()
    assert len(notices) == 1
    events = [e.event for e in db.scalars(
        select(AuditEntry).where(AuditEntry.actor_professional_id == amina.id)
        .order_by(AuditEntry.seq.desc()).limit(3))]  # fmt: skip
    assert events == ["document.viewed", "profile.viewed", "document.listed"]


def test_a_document_opens_and_downloads_with_its_history(login_as, db):
    client = login_as(PHARMACIST)
    sid, document = space_id(db), document_id(db)
    page = client.get(f"/pro/patients/{sid}/documents/{document}")
    assert page.status_code == 200
    assert "Ouvrir le document (PDF" in text(page)
    opened = client.get(f"/pro/patients/{sid}/documents/{document}/fichier")
    assert opened.status_code == 200 and opened.mimetype == "application/pdf"
    assert opened.headers["X-Content-Type-Options"] == "nosniff"
    downloaded = client.get(f"/pro/patients/{sid}/documents/{document}/fichier?telecharger=1")
    assert downloaded.headers["Content-Disposition"].startswith("attachment")
    assert [e.event for e in entries(db, "document.viewed")[-1:]] == ["document.viewed"]
    downloads = entries(db, "document.downloaded")
    assert [e.target_id for e in downloads[-2:]] == [document, document]


def test_a_document_of_another_space_cannot_be_reached_by_changing_ids(login_as, db):
    client = login_as(GP)
    karims = document_id(db, KARIM_NIR, author_kind=AuthorKind.PROFESSIONAL)
    missing = _visible(client.get("/pro/patients/999999").get_data(as_text=True))
    for url in (f"/pro/patients/{space_id(db)}/documents/{karims}",
                f"/pro/patients/{space_id(db)}/documents/{karims}/fichier",
                f"/pro/patients/{space_id(db, KARIM_NIR)}",
                f"/pro/patients/{space_id(db, KARIM_NIR)}/documents/{karims}",
                f"/pro/patients/{space_id(db, KARIM_NIR)}/profil",
                f"/pro/patients/{space_id(db)}/documents/99999999999999999999"):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 404, url
        assert _visible(response.get_data(as_text=True)) == missing, url


def test_blocking_during_a_session_takes_effect_on_the_next_request(login_as, db):
    client = login_as(PHARMACIST)
    sid = space_id(db)
    urls = [f"/pro/patients/{sid}{path}"
            for path in ("", "/profil", f"/documents/{document_id(db)}", "/deposer")]  # fmt: skip
    for url in urls:
        assert client.get(url).status_code == 200, url
    space = jeanne(db)
    holder = Actor.for_account(db, space.holder)
    controls.block(db, holder, space, professional(db, "Leroy"), clock.now())
    db.commit()
    for url in urls:
        assert client.get(url).status_code == 404, url
    refused = entries(db, "access.refused")
    assert len(refused) == len(urls)
    assert all(e.reason == "le titulaire a bloqué ce professionnel" for e in refused)
    # Even after finding her again: the "not possible" message, and no way in.
    find(client)
    door = client.get(f"/pro/patients/{sid}")
    assert door.status_code == 200
    assert "ne souhaite pas que vous accédiez" in text(door)
    assert "code de partage" not in text(door) and "urgence" not in text(door).lower()
    for url in (f"/pro/patients/{sid}/prise-en-charge", f"/pro/patients/{sid}/urgence"):
        assert client.get(url).status_code == 404, url


def test_mask_everything_hides_every_document_from_everyone_even_gp_and_emergency(login_as, db):
    space = jeanne(db)
    samu = professional(db, "Garnier")
    now = clock.now()
    db.add(EmergencyAccess(space_id=space.id, professional_id=samu.id,
                           mode=EmergencyMode.EMERGENCY, reason_category="inconscient",
                           reason_text="Patiente inconsciente, amenée aux urgences",
                           started_at=now, expires_at=now + timedelta(hours=24)))  # fmt: skip
    db.commit()
    emergency = login_as(SAMU)
    assert "Échographie abdominale" in text(emergency.get(f"/pro/patients/{space.id}"))
    space = jeanne(db)
    controls.set_mask_all(db, Actor.for_account(db, space.holder), space, True, clock.now())
    db.commit()
    for client in (login_as(GP), emergency, login_as(NURSE)):
        page = client.get(f"/pro/patients/{space.id}")
        assert page.status_code == 200  # the space is open to them: only documents are hidden
        assert "Aucun document de cet espace ne vous est accessible." in text(page)
        assert not any(title in text(page) for title in titles(db))
        assert "masqué" not in text(page).lower()
        for document in (document_id(db), document_id(db, masked=True)):
            assert client.get(f"/pro/patients/{space.id}/documents/{document}").status_code == 404
    assert entries(db, "access.refused")[-1].reason == "le titulaire a tout masqué"


def test_a_closed_space_gives_nothing_and_keeps_no_trace_of_the_attempt(login_as, db):
    client = login_as(GP)
    sid = space_id(db)
    find(client)
    space = jeanne(db)
    space.status = SpaceStatus.CLOSED
    db.commit()
    before = len(entries(db, "access.refused"))
    for url in (f"/pro/patients/{sid}", f"/pro/patients/{sid}/profil",
                f"/pro/patients/{sid}/documents/{document_id(db)}",
                f"/pro/patients/{sid}/deposer", f"/pro/patients/{sid}/urgence",
                f"/pro/patients/{sid}/prise-en-charge"):  # fmt: skip
        assert client.get(url).status_code == 404, url
    assert len(entries(db, "access.refused")) == before
    assert "Jeanne Martin" not in text(client.get("/pro"))


def test_without_access_the_space_is_missing_unless_found_by_nir_and_birth_date(login_as, db):
    client = login_as(SAMU)
    sid = space_id(db)
    assert client.get(f"/pro/patients/{sid}").status_code == 404
    assert entries(db, "access.refused")[-1].reason.startswith("ni équipe de soins")
    for path in ("/prise-en-charge", "/urgence", "/profil", "/deposer"):
        assert client.get(f"/pro/patients/{sid}{path}").status_code == 404, path
    find(client)
    door = client.get(f"/pro/patients/{sid}")
    assert door.status_code == 200
    page = text(door)
    assert "Jeanne Martin" in page and "12 mars 1954" in page
    for way in ("Déclarer que je prends ce patient en charge", "Valider le code",
                "Demander un accès en urgence"):  # fmt: skip
        assert way in page
    assert not any(title in page for title in titles(db))
    assert client.get(f"/pro/patients/{sid}/profil").status_code == 404
    assert client.get(f"/pro/patients/{sid}/documents/{document_id(db)}").status_code == 404


def test_the_page_says_how_long_a_consent_lasts(login_as, db):
    from espace.models import ConsultationConsent

    samu = professional(db, "Garnier")
    now = clock.now()
    db.add(ConsultationConsent(space_id=space_id(db), professional_id=samu.id, granted_at=now,
                               expires_at=now + timedelta(hours=4)))  # fmt: skip
    db.commit()
    page = text(login_as(SAMU).get(f"/pro/patients/{space_id(db)}"))
    assert "Consentement du titulaire pour cette consultation, jusqu'au" in page
    assert MASKED_TITLE not in page and HELD_TITLE in page
    assert "Déposer un document" not in page
