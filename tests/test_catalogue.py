"""The catalogue de services (/catalogue): referenced services, what each would receive and
how long it keeps it; the holder grants and revokes consent per service, after a page that
says plainly what will be shared; each change is one entry in the history."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from espace import clock
from espace.catalogue.referenced import REFERENCED, ensure_referenced
from espace.models import AuditEntry, HealthService, HealthSpace, ServiceConsent, SpaceStatus
from tests.factories import PASSWORD, make_holder
from tests.support import text

JEANNE = "jeanne.martin@example.org"
KARIM = "karim.benali@example.org"


@pytest.fixture
def jeanne(login_as):
    return login_as(JEANNE)


def service(db, slug: str) -> HealthService:
    db.reload()
    return db.scalars(select(HealthService).where(HealthService.slug == slug)).one()


def space_of(db, nir: str = "254033155512362") -> HealthSpace:
    return db.scalars(select(HealthSpace).where(HealthSpace.nir == nir)).one()


def consents(db, slug: str) -> list[ServiceConsent]:
    db.reload()
    space = space_of(db)
    return list(
        db.scalars(
            select(ServiceConsent)
            .where(ServiceConsent.space_id == space.id)
            .where(ServiceConsent.service_id == service(db, slug).id)
            .order_by(ServiceConsent.id)
        )
    )


def events(db, after: int = 0) -> list[tuple[str, int | None]]:
    db.reload()
    entries = db.scalars(select(AuditEntry).where(AuditEntry.seq > after).order_by(AuditEntry.seq))
    return [(e.event, e.target_id) for e in entries if e.event.startswith("catalogue.")]


def test_the_catalogue_lists_each_service_and_the_holder_s_consent(jeanne, login_as):
    response = jeanne.get("/catalogue")
    page = text(response)
    assert response.get_data(as_text=True).count('<li class="card">') == len(REFERENCED) >= 5
    assert all(item.name in page and item.publisher in page for item in REFERENCED)
    assert "Glycémie Facile" in page and "Autorisé depuis le" in page  # the demo's consent
    assert "Non autorisé : ne reçoit aucune donnée" in page
    karim = text(login_as(KARIM).get("/catalogue"))
    assert "Autorisé depuis" not in karim  # consents are each holder's own


def test_a_service_s_page_says_what_it_would_receive_and_how_long_it_keeps_it(jeanne, db):
    tension = service(db, "tension-suivi")
    page = text(jeanne.get(f"/catalogue/{tension.id}"))
    assert "Ce qu'il recevrait de votre espace santé" in page
    assert "Vos mesures de tension artérielle" in page and "Vos traitements en cours" in page
    assert "Combien de temps il le garde 2 ans après votre dernière mesure." in page
    assert "Vous n'avez pas autorisé ce service." in page and "Autoriser ce service" in page


def test_granting_then_revoking_each_is_recorded_and_kept(jeanne, db):
    tension = service(db, "tension-suivi")
    url = f"/catalogue/{tension.id}"
    confirm = text(jeanne.get(f"{url}/autoriser"))
    assert "Autoriser Mon Suivi Tension à recevoir vos données ?" in confirm
    assert "recevra : Vos mesures de tension artérielle Vos traitements en cours" in confirm
    assert "Combien de temps il les garde : 2 ans" in confirm
    assert consents(db, "tension-suivi") == []  # asking is not agreeing

    before = db.scalar(select(AuditEntry.seq).order_by(AuditEntry.seq.desc()).limit(1))
    response = jeanne.post_form(f"{url}/autoriser")
    assert response.status_code == 302 and response.headers["Location"] == url
    assert events(db, before) == [("catalogue.consent_granted", tension.id)]
    page = text(jeanne.get(url))
    assert "Votre accord est enregistré." in page
    assert "Vous avez autorisé ce service le" in page and "Retirer mon accord" in page

    assert "ne recevra plus aucune donnée" in text(jeanne.get(f"{url}/retirer"))
    jeanne.post_form(f"{url}/retirer")
    assert events(db, before) == [
        ("catalogue.consent_granted", tension.id),
        ("catalogue.consent_revoked", tension.id),
    ]
    page = text(jeanne.get(url))
    assert "Votre accord est retiré." in page and "Vos accords passés" in page
    [kept] = consents(db, "tension-suivi")
    assert kept.revoked_at is not None  # kept, not deleted

    jeanne.post_form(f"{url}/autoriser")  # again: a new consent, the old one stays
    assert [c.revoked_at is None for c in consents(db, "tension-suivi")] == [False, True]


def test_granting_twice_or_revoking_nothing_records_nothing(jeanne, db):
    glycemie = service(db, "glycemie-facile")  # already granted (the demo)
    before = db.scalar(select(AuditEntry.seq).order_by(AuditEntry.seq.desc()).limit(1))
    response = jeanne.post_form(f"/catalogue/{glycemie.id}/autoriser")
    assert response.status_code == 302
    tension = service(db, "tension-suivi")
    assert jeanne.get(f"/catalogue/{tension.id}/retirer").status_code == 302
    jeanne.post_form(f"/catalogue/{tension.id}/retirer")
    assert events(db, before) == []
    assert len(consents(db, "glycemie-facile")) == 1


def test_one_consent_in_force_per_space_and_service(db):
    space, glycemie = space_of(db), service(db, "glycemie-facile")
    db.add(ServiceConsent(space_id=space.id, service_id=glycemie.id, granted_at=clock.now()))
    with pytest.raises(IntegrityError):
        db.flush()
    db.rollback()


def test_granting_needs_an_activated_space(app, db, login_as):
    space = make_holder(db, status=SpaceStatus.OPEN, activated_at=None)
    email = space.holder.email
    db.commit()
    client = login_as(email, password=PASSWORD)
    tension = service(db, "tension-suivi")
    client.post_form(f"/catalogue/{tension.id}/autoriser")
    assert "activez d'abord votre espace santé" in text(client.get(f"/catalogue/{tension.id}"))
    db.reload()
    assert db.scalars(select(ServiceConsent).where(ServiceConsent.space_id == space.id)).all() == []


@pytest.mark.parametrize("email", ["sophie.durand@example.org", "agent.cpam@example.org"])
def test_the_catalogue_is_for_holders(login_as, db, email):
    client = login_as(email)
    tension = service(db, "tension-suivi")
    assert client.get("/catalogue").status_code == 404
    assert client.post_form(f"/catalogue/{tension.id}/autoriser").status_code == 404


@pytest.mark.parametrize("service_id", ["0", "999999", str(2**64)])
def test_an_unknown_service_is_a_404(jeanne, service_id):
    assert jeanne.get(f"/catalogue/{service_id}").status_code == 404
    assert jeanne.post_form(f"/catalogue/{service_id}/autoriser").status_code == 404


def test_the_referenced_list_can_be_loaded_again_without_duplicates(db):
    ensure_referenced(db)
    db.commit()
    db.reload()
    slugs = db.scalars(select(HealthService.slug)).all()
    assert sorted(slugs) == sorted(item.slug for item in REFERENCED)
