"""Parents and carers: switching is explicit and visible, a parent never sees a minor's
confidential care, a carer reaches only the chosen sections, a revoked access ends on the
next request, and at 18 the parents lose access."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from sqlalchemy import select

from espace import clock
from espace.models import (
    Account,
    AuditEntry,
    Document,
    HealthSpace,
    Notification,
    Reimbursement,
    Representation,
    RepresentationKind,
)
from tests.factories import make_account
from tests.support import error_for, text

KARIM = "karim.benali@example.org"
JEANNE = "jeanne.martin@example.org"
LUCAS = "lucas.petit@example.org"


def space_of(db, given_name: str) -> HealthSpace:
    return db.scalars(select(HealthSpace).where(HealthSpace.given_name == given_name)).one()


def switch_to(client, db, given_name: str):
    client.get("/proches")
    return client.post_form("/proches/gerer", {"espace": str(space_of(db, given_name).id)})


def test_karim_manages_lea_only_after_choosing_her_space_and_it_stays_visible(login_as, db):
    client = login_as(KARIM)
    page = text(client.get("/proches"))
    assert "Espace de Léa Benali" in page and "Vous êtes son parent" in page
    assert "Vous gérez l'espace santé" not in text(client.get("/tableau-de-bord"))
    assert switch_to(client, db, "Léa").headers["Location"] == "/tableau-de-bord"
    for url in ("/tableau-de-bord", "/documents", "/profil", "/notifications"):
        assert "Vous gérez l'espace santé de Léa Benali" in text(client.get(url)), url
    assert "Carnet de santé – bilan des 8 ans" in text(client.get("/documents"))
    db.reload()
    last = db.scalars(
        select(AuditEntry)
        .where(AuditEntry.event == "document.listed")
        .order_by(AuditEntry.seq.desc())
    ).first()
    assert last.actor_role == "representative" and last.space_id == space_of(db, "Léa").id
    client.post_form("/proches/gerer", {"espace": str(space_of(db, "Karim").id)})
    assert "Vous gérez l'espace santé" not in text(client.get("/documents"))


def test_switching_to_a_space_one_does_not_manage_is_a_404(login_as, db):
    client = login_as(KARIM)
    client.get("/proches")
    assert (
        client.post_form("/proches/gerer", {"espace": str(space_of(db, "Jeanne").id)}).status_code
        == 404
    )
    assert client.post_form("/proches/gerer", {"espace": "abc"}).status_code == 404


def parent_of_lucas(db) -> Account:
    parent = make_account(db, email="parent.petit@example.org", display_name="Claire Petit")
    lucas = space_of(db, "Lucas")
    db.add(
        Representation(
            space_id=lucas.id,
            account_id=parent.id,
            kind=RepresentationKind.PARENT,
            created_at=clock.now(),
            accepted_at=clock.now(),
        )
    )
    db.add(
        Reimbursement(
            space_id=lucas.id,
            care_date=date(2026, 10, 2),
            act_code="C",
            care_type="consultation",
            label="Consultation confidentielle",
            amount_cents=3000,
            reimbursed_cents=3000,
            line_key="x" * 64,
            confidential=True,
            imported_at=clock.now(),
        )
    )
    db.commit()
    return parent


def test_a_parent_never_sees_the_minors_confidential_care(login_as, db):
    parent_of_lucas(db)
    client = login_as("parent.petit@example.org", password="Mot-de-passe-de-test-1")
    switch_to(client, db, "Lucas")
    confidential = db.scalars(select(Document).where(Document.confidential.is_(True))).one()
    listing = text(client.get("/documents"))
    assert "centre de santé sexuelle" not in listing
    assert "Certificat médical – licence de handball" in listing
    assert client.get(f"/documents/{confidential.id}").status_code == 404
    assert client.get(f"/documents/{confidential.id}/fichier").status_code == 404
    assert "Consultation confidentielle" not in text(client.get("/historique-des-soins?period=24"))
    assert "1 document" in text(client.get("/tableau-de-bord"))  # not even counted
    # Lucas himself sees both.
    lucas = login_as(LUCAS)
    assert "centre de santé sexuelle" in text(lucas.get("/documents"))
    assert "Consultation confidentielle" in text(lucas.get("/historique-des-soins?period=24"))


def test_a_minor_hides_a_document_from_their_parents(login_as, db):
    parent_of_lucas(db)
    lucas = login_as(LUCAS)
    document = db.scalars(
        select(Document).where(
            Document.space_id == space_of(db, "Lucas").id, Document.confidential.is_(False)
        )
    ).first()
    page = lucas.get(f"/documents/{document.id}")
    assert "Cacher ce document à mes parents" in text(page)
    lucas.post_form(f"/documents/{document.id}/confidentiel", {"confidentiel": "oui"})
    db.reload()
    assert db.get(Document, document.id).confidential is True
    assert db.scalar(
        select(AuditEntry.seq).where(
            AuditEntry.event == "document.confidential_changed",
            AuditEntry.target_id == document.id,
        )
    )
    parent = login_as("parent.petit@example.org", password="Mot-de-passe-de-test-1")
    switch_to(parent, db, "Lucas")
    assert parent.get(f"/documents/{document.id}").status_code == 404
    # The toggle is for the minor alone: not for a parent, not for an adult.
    assert (
        parent.post_form(
            f"/documents/{document.id}/confidentiel", {"confidentiel": "non"}
        ).status_code
        == 404
    )
    jeanne = login_as(JEANNE)
    jeanne_document = db.scalars(
        select(Document).where(
            Document.space_id == space_of(db, "Jeanne").id, Document.held.is_(False)
        )
    ).first()
    assert "Cacher ce document" not in text(jeanne.get(f"/documents/{jeanne_document.id}"))


def test_a_confidential_deposit_is_not_notified_to_the_parents(app, db, login_as):
    from espace.access import deposits
    from espace.actors import Actor, ActorRole
    from espace.files import file_store
    from espace.models import CareTeamMember, DocumentCategory, Professional
    from tests.upload_samples import PDF

    parent = parent_of_lucas(db)
    lucas = space_of(db, "Lucas")
    doctor = db.scalars(select(Professional).where(Professional.family_name == "Durand")).one()
    db.add(CareTeamMember(space_id=lucas.id, professional_id=doctor.id, joined_at=clock.now()))
    db.commit()
    with app.app_context():
        deposits.deposit(
            db,
            file_store(),
            Actor(ActorRole.PROFESSIONAL, doctor.account, doctor),
            lucas,
            content=PDF,
            filename="x.pdf",
            title="Contraception",
            category=DocumentCategory.PRESCRIPTION,
            document_date=date(2026, 11, 1),
            held=False,
            confidential=True,
            now=clock.now(),
        )
        deposits.deposit(
            db,
            file_store(),
            Actor(ActorRole.PROFESSIONAL, doctor.account, doctor),
            lucas,
            content=PDF,
            filename="y.pdf",
            title="Certificat",
            category=DocumentCategory.CERTIFICAT,
            document_date=date(2026, 11, 1),
            held=False,
            confidential=False,
            now=clock.now(),
        )
    db.commit()
    to_parent = db.scalars(
        select(Notification.category).where(Notification.account_id == parent.id)
    ).all()
    to_lucas = db.scalars(
        select(Notification.category).where(
            Notification.account_id == lucas.holder_account_id,
            Notification.kind == "document_added",
        )
    ).all()
    assert to_parent == ["certificat"]
    assert sorted(to_lucas) == ["certificat", "prescription"]


def invitation_code(outbox, email: str) -> str:
    body = outbox.last_to(email).get_content()
    return re.search(r"saisissez ce code : ([A-Z0-9-]{9})", body).group(1)


def test_a_second_parent_is_invited_and_accepts_with_the_emailed_code(login_as, db, outbox):
    karim = login_as(KARIM)
    switch_to(karim, db, "Léa")
    karim.get("/proches")
    response = karim.post_form("/proches/inviter-parent", {"email": JEANNE})
    assert response.headers["Location"] == "/proches"
    code = invitation_code(outbox, JEANNE)
    page = text(karim.get("/proches"))
    assert f"Invitation envoyée à {JEANNE}, en attente" in page
    jeanne = login_as(JEANNE)
    jeanne.get("/proches")
    wrong = jeanne.post_form("/proches/accepter", {"code": "ZZZZ-ZZZZ"})
    assert wrong.status_code == 422 and "ne fonctionne pas" in error_for(
        wrong.get_data(as_text=True), "code"
    )
    assert jeanne.post_form("/proches/accepter", {"code": code}).headers["Location"] == "/proches"
    assert "Espace de Léa Benali" in text(jeanne.get("/proches"))
    # The code was for Jeanne: nobody else can use it, and not twice.
    assert jeanne.post_form("/proches/accepter", {"code": code}).status_code == 422


def test_an_invitation_to_an_unknown_address_gets_the_same_answer_and_no_email(
    login_as, db, outbox
):
    karim = login_as(KARIM)
    switch_to(karim, db, "Léa")
    karim.get("/proches")
    known = karim.post_form("/proches/inviter-parent", {"email": JEANNE})
    karim.get("/proches")
    unknown = karim.post_form("/proches/inviter-parent", {"email": "personne@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert outbox.to("personne@example.org") == []


def carer_karim_for_jeanne(login_as, db, outbox, sections: dict):
    jeanne = login_as(JEANNE)
    jeanne.get("/proches")
    jeanne.post_form("/proches/inviter-aidant", {"email": KARIM, **sections})
    code = invitation_code(outbox, KARIM)
    karim = login_as(KARIM)
    karim.get("/proches")
    karim.post_form("/proches/accepter", {"code": code})
    switch_to(karim, db, "Jeanne")
    return jeanne, karim


def test_a_carer_reaches_only_the_chosen_sections(login_as, db, outbox):
    _jeanne, karim = carer_karim_for_jeanne(login_as, db, outbox, {"documents": "y", "agenda": "y"})
    assert "Vous gérez l'espace santé de Jeanne Martin" in text(karim.get("/documents"))
    assert "Compte rendu de consultation – suivi du diabète" in text(karim.get("/documents"))
    for url in (
        "/profil",
        "/historique-des-soins",
        "/activite",
        "/confidentialite",
        "/profil/notes",
        "/catalogue",
    ):
        assert karim.get(url).status_code == 404, url


def test_a_carer_invitation_needs_at_least_one_section(login_as):
    jeanne = login_as(JEANNE)
    jeanne.get("/proches")
    response = jeanne.post_form("/proches/inviter-aidant", {"email": KARIM})
    assert response.status_code == 422
    assert "Cochez au moins une partie" in error_for(response.get_data(as_text=True), "documents")


def test_a_revoked_carer_gets_nothing_on_the_next_request(login_as, db, outbox):
    jeanne, karim = carer_karim_for_jeanne(login_as, db, outbox, {"documents": "y"})
    document = db.scalars(
        select(Document).where(
            Document.space_id == space_of(db, "Jeanne").id, Document.held.is_(False)
        )
    ).first()
    assert karim.get(f"/documents/{document.id}").status_code == 200
    representation = db.scalars(select(Representation).where(Representation.kind == "carer")).one()
    jeanne.get("/proches")
    jeanne.post_form(f"/proches/{representation.id}/retirer")
    assert karim.get(f"/documents/{document.id}").status_code == 404
    assert "Espace de Jeanne Martin" not in text(karim.get("/proches"))


def test_at_18_the_space_becomes_the_young_adults_own(app, login_as, db):
    lea = space_of(db, "Léa")
    day_before = datetime(2036, 6, 13, 10, 0, tzinfo=UTC)
    birthday = datetime(2036, 6, 14, 10, 0, tzinfo=UTC)
    with clock.frozen_at(day_before):
        app.test_cli_runner().invoke(args=["jobs", "run"])
        karim = login_as(KARIM)
        assert "Espace de Léa Benali" in text(karim.get("/proches"))
    with clock.frozen_at(birthday):
        result = app.test_cli_runner().invoke(args=["jobs", "run"])
        assert "1  espaces devenus ceux de leur titulaire à 18 ans" in result.output
        karim = login_as(KARIM)
        assert "Espace de Léa Benali" not in text(karim.get("/proches"))
        result = app.test_cli_runner().invoke(args=["jobs", "run"])
        assert "0  espaces devenus" in result.output  # once
    db.reload()
    assert (
        db.scalars(select(Representation).where(Representation.space_id == lea.id)).one().revoked_at
    )
    assert db.scalars(select(AuditEntry.event).where(AuditEntry.space_id == lea.id)).all()[-1] == (
        "space.came_of_age"
    )
