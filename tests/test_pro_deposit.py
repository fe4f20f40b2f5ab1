"""Deposits by the GP and the care team (same file rules as the holder's uploads), held
results "à annoncer" (CSP R1111-53), their release, and payloads in titles."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from espace import clock
from espace.models import (
    Account,
    AuditEntry,
    ConsultationConsent,
    Document,
    EmergencyAccess,
    EmergencyMode,
    Notification,
    StoredFile,
)
from tests.matrix.pro import GP, PHARMACIST, SAMU, document_id, professional, space_id
from tests.support import error_for, text
from tests.upload_samples import PDF, REFUSED
from tests.xss import injected, nonce_of, sample

JEANNE = "jeanne.martin@example.org"


def form(title: str = "Compte rendu de consultation", category: str = "compte_rendu",
         file: tuple[bytes, str] | None = (PDF, "cr.pdf"), **extra: str) -> dict:  # fmt: skip
    data = {"title": title, "category": category, "document_date-jour": "3",
            "document_date-mois": "10", "document_date-annee": "2025", **extra}  # fmt: skip
    if file is not None:
        data["file"] = (io.BytesIO(file[0]), file[1])
    return data


def deposit(client, db, **kwargs):  # type: ignore[no-untyped-def]
    url = f"/pro/patients/{space_id(db)}/deposer"
    client.get(url)
    return client.post_form(url, form(**kwargs))


def stored(app, db) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    db.reload()
    files = Path(app.instance_path) / "files"
    return (
        db.scalar(select(func.count()).select_from(Document)),
        db.scalar(select(func.count()).select_from(StoredFile)),
        sum(1 for path in files.rglob("*") if path.is_file()),
    )


def newest(db) -> Document:  # type: ignore[no-untyped-def]
    db.reload()
    return db.scalars(select(Document).order_by(Document.id.desc())).first()


def holder_notifications(db, kind: str) -> int:  # type: ignore[no-untyped-def]
    db.reload()
    return db.scalar(
        select(func.count()).select_from(Notification)
        .join(Account, Account.id == Notification.account_id)
        .where(Account.email == JEANNE, Notification.kind == kind)
    )  # fmt: skip


def test_the_gp_deposits_and_the_holder_is_told(login_as, db):
    client = login_as(GP)
    before = holder_notifications(db, "document_added")
    response = deposit(client, db)
    document = newest(db)
    assert response.headers["Location"] == f"/pro/patients/{space_id(db)}/documents/{document.id}"
    assert document.author_professional_id == professional(db, "Durand").id
    assert not document.held and document.title == "Compte rendu de consultation"
    assert holder_notifications(db, "document_added") == before + 1
    assert "informé" in text(client.get(response.headers["Location"]))
    holder = login_as(JEANNE)
    assert "Compte rendu de consultation" in text(holder.get("/documents"))


def test_the_care_team_deposits_only_categories_it_may_read(login_as, db):
    client = login_as(PHARMACIST)
    page = client.get(f"/pro/patients/{space_id(db)}/deposer").get_data(as_text=True)
    for refused in ("imagerie", "certificat", "document_patient"):
        assert f'value="{refused}"' not in page
    assert 'value="dispensation"' in page
    response = deposit(client, db, category="imagerie")
    assert response.status_code == 422
    assert "Choisissez une catégorie dans la liste" in error_for(client.last_html, "category")
    assert deposit(client, db, category="dispensation").status_code == 302


@pytest.mark.parametrize("basis", ["consent", "emergency"])
def test_consent_and_emergency_access_do_not_allow_deposits(app, login_as, db, basis):
    samu, now = professional(db, "Garnier"), clock.now()
    # fmt: off
    if basis == "consent":
        db.add(ConsultationConsent(space_id=space_id(db), professional_id=samu.id,
                                   granted_at=now, expires_at=now + timedelta(hours=4)))
    else:
        db.add(EmergencyAccess(space_id=space_id(db), professional_id=samu.id,
                               mode=EmergencyMode.EMERGENCY, reason_category="inconscient",
                               reason_text="Patiente inconsciente, amenée aux urgences",
                               started_at=now, expires_at=now + timedelta(hours=24)))
    # fmt: on
    db.commit()
    client = login_as(SAMU)
    assert client.get(f"/pro/patients/{space_id(db)}").status_code == 200
    assert "Déposer un document" not in text(client.get(f"/pro/patients/{space_id(db)}"))
    before = stored(app, db)
    assert client.get(f"/pro/patients/{space_id(db)}/deposer").status_code == 404
    assert client.post_form(f"/pro/patients/{space_id(db)}/deposer", form()).status_code == 404
    assert stored(app, db) == before
    db.reload()
    refused = db.scalars(select(AuditEntry).where(AuditEntry.event == "access.refused")).all()
    assert refused[-1].reason.startswith("seuls le médecin traitant et l'équipe de soins")


def test_a_held_result_is_visible_to_its_author_and_hidden_from_the_holder(login_as, db):
    client = login_as(GP)
    response = deposit(client, db, title="Résultat de biopsie", held="y")
    document = newest(db)
    assert document.held
    assert "caché au patient" in text(client.get(response.headers["Location"]))
    listing = text(client.get(f"/pro/patients/{space_id(db)}"))
    assert "Résultat de biopsie" in listing and "À annoncer" in listing
    holder = login_as(JEANNE)
    assert "Résultat de biopsie" not in text(holder.get("/documents"))
    assert holder.get(f"/documents/{document.id}").status_code == 404
    assert holder.get(f"/documents/{document.id}/fichier").status_code == 404


def test_a_held_result_is_announced_to_no_one_until_released(login_as, db, outbox):
    client = login_as(GP)
    before = holder_notifications(db, "document_added")
    mails = len(outbox.to(JEANNE))
    assert deposit(client, db, title="Résultat de biopsie", held="y").status_code == 302
    assert holder_notifications(db, "document_added") == before
    assert len(outbox.to(JEANNE)) == mails


def test_only_the_author_releases_a_held_result(login_as, db):
    held = document_id(db, held=True)  # Dr Durand's result, in the demo
    url = f"/pro/patients/{space_id(db)}/documents/{held}"
    paul = login_as(PHARMACIST)
    paul_page = paul.get(url)
    assert "Rendre visible au patient" not in text(paul_page)
    refused = paul.post_form(url + "/liberer")
    assert refused.headers["Location"] == url
    assert "Seul l'auteur du document" in text(paul.get(url))
    db.reload()
    assert db.get(Document, held).held
    before = holder_notifications(db, "document_added")
    durand = login_as(GP)
    listing = durand.get(f"/pro/patients/{space_id(db)}")
    assert "Rendre visible au patient" in text(listing)
    released = durand.post_form(url + "/liberer", {"retour": "liste"})
    assert released.headers["Location"] == f"/pro/patients/{space_id(db)}"
    db.reload()
    assert not db.get(Document, held).held
    assert holder_notifications(db, "document_added") == before + 1
    assert "visible par le patient" in text(durand.get(f"/pro/patients/{space_id(db)}"))
    again = durand.post_form(url + "/liberer")
    assert "déjà visible" in text(durand.get(again.headers["Location"]))
    assert login_as(JEANNE).get(f"/documents/{held}").status_code == 200


@pytest.mark.parametrize(("name", "content", "says"), REFUSED, ids=[r[0] for r in REFUSED])
def test_every_refused_file_is_explained_and_nothing_is_kept(app, login_as, db, name, content,
                                                             says):  # fmt: skip
    client = login_as(GP)
    before = stored(app, db)
    response = deposit(client, db, file=(content, name), title="Titre gardé")
    assert response.status_code == 422
    assert says in error_for(client.last_html, "file")
    assert 'value="Titre gardé"' in client.last_html
    assert stored(app, db) == before


def test_a_missing_file_and_missing_answers_are_each_explained(login_as, db):
    client = login_as(GP)
    response = deposit(client, db, file=None, title="", category="")
    assert response.status_code == 422
    assert "Choisissez le fichier à déposer" in error_for(client.last_html, "file")
    assert "Saisissez un titre" in error_for(client.last_html, "title")
    assert "Choisissez la catégorie" in error_for(client.last_html, "category")


@pytest.mark.parametrize("payload", sample(6))
def test_payloads_in_deposited_titles_never_come_back_as_markup(login_as, db, payload):
    client = login_as(GP)
    response = deposit(client, db, title=payload[:200], file=(PDF, f"{payload[:60]}.pdf"))
    if response.status_code == 422:  # refused cleanly (too long, say)
        assert "Il y a un problème" in response.get_data(as_text=True)
        return
    assert response.status_code == 302
    baseline = client.get(f"/pro/patients/{space_id(db)}/deposer").get_data(as_text=True)
    holder = login_as(JEANNE)
    for reader, url in ((client, response.headers["Location"]),
                        (client, f"/pro/patients/{space_id(db)}"),
                        (holder, "/documents"), (holder, "/activite")):  # fmt: skip
        page = reader.get(url)
        html = page.get_data(as_text=True)
        assert injected(html, nonce_of(page), baseline=baseline) == [], url
    if "{{" in payload or "{%" in payload:
        assert payload[:200].strip() in text(client.get(response.headers["Location"]))
