"""Who sees the space (/confidentialite/professionnels): the visitors from the history,
the care team, the blocked; blocking (never the GP) holds from the next request; removing
from the care team (never the GP); a professional who declares a care episode joins it."""

from __future__ import annotations

from sqlalchemy import func, select

from espace import clock
from espace.access import care_team, emergency
from espace.access.controls import visitors
from espace.actors import Actor, ActorRole
from espace.models import Block, CareTeamMember, EmergencyMode, Notification
from espace.policy.access import professional_access
from espace.web.filters import datetime_fr
from tests.matrix.privacy import (
    AMINA_RPPS,
    MARC_RPPS,
    PAUL_RPPS,
    SAMU_RPPS,
    SOPHIE_RPPS,
    jeanne_space,
    professional,
)
from tests.support import text

JEANNE = "jeanne.martin@example.org"
PAGE = "/confidentialite/professionnels"


def url(db, rpps: str, action: str) -> str:
    return f"{PAGE}/{professional(db, rpps).id}/{action}"


def granted(db, rpps: str) -> bool:
    """May the professional enter Jeanne's space now? Fresh facts, as at each request."""
    db.reload()
    return professional_access(db, professional(db, rpps), jeanne_space(db), clock.now()).granted


def blocks(db) -> set[str]:
    db.reload()
    return {
        block.professional.rpps
        for block in db.scalars(select(Block).where(Block.space_id == jeanne_space(db).id))
    }


def member(db, rpps: str) -> CareTeamMember:
    db.reload()
    return db.scalars(
        select(CareTeamMember).where(
            CareTeamMember.space_id == jeanne_space(db).id,
            CareTeamMember.professional_id == professional(db, rpps).id,
        )
    ).one()


def test_the_page_lists_visitors_with_profession_last_access_and_count(login_as, db):
    seen = {v.professional.rpps: v for v in visitors(db, jeanne_space(db))}
    client = login_as(JEANNE)
    page = text(client.get(PAGE))
    assert "Qui a consulté mon espace" in page
    amina = seen[AMINA_RPPS]
    # Paris time, the French way ("le 3 mars 2026 à 14 h 05").
    assert (
        f"Amina Diallo Profession Infirmier Dernier accès le {datetime_fr(amina.last_access)} "
        f"Nombre d'accès {amina.accesses}"
    ) in page
    assert "Paul Leroy Profession Pharmacien" in page
    assert "Dr Sophie Durand Profession Médecin (Médecine générale)" in page
    # The care team, with removal for everyone but the GP.
    assert "Mon équipe de soins" in page
    html = client.get(PAGE).text
    assert 'Retirer de mon équipe de soins<span class="visually-hidden"> : Paul Leroy' in html
    assert 'Retirer de mon équipe de soins<span class="visually-hidden"> : Dr Sophie' not in html


def test_the_gp_line_says_why_there_is_no_block_button(login_as, db):
    html = login_as(JEANNE).get(PAGE).text
    assert 'Bloquer<span class="visually-hidden"> Paul Leroy' in html
    assert 'Bloquer<span class="visually-hidden"> Amina Diallo' in html
    assert 'Bloquer<span class="visually-hidden"> Dr Sophie Durand' not in html
    assert "Votre médecin traitant ne peut pas être bloqué ni retiré" in html


def test_viewing_the_page_is_one_history_entry(login_as, db):
    from espace.models import AuditEntry

    client = login_as(JEANNE)
    db.reload()
    before = db.scalar(select(func.max(AuditEntry.seq)))
    client.get(PAGE)
    db.reload()
    events = db.scalars(select(AuditEntry.event).where(AuditEntry.seq > before)).all()
    assert events == ["history.viewed"]


def test_blocking_takes_effect_on_the_professionals_next_request(login_as, db):
    assert granted(db, PAUL_RPPS)  # in Jeanne's care team
    client = login_as(JEANNE)
    client.get(PAGE)
    response = client.post_form(url(db, PAUL_RPPS, "bloquer"))
    assert response.status_code == 302 and response.headers["Location"] == PAGE
    assert not granted(db, PAUL_RPPS)  # the very next decision, nothing cached
    assert blocks(db) == {PAUL_RPPS}
    page = text(client.get(PAGE))
    assert "Le professionnel est bloqué" in page
    assert "Paul Leroy" not in page.split("Qui voit mon espace")[0]  # no name in the message
    assert "Professionnels bloqués Paul Leroy Pharmacien" in page
    assert "Débloquer Paul Leroy" in page
    # Unblocking gives the access back, just as fast.
    response = client.post_form(url(db, PAUL_RPPS, "debloquer"))
    assert response.status_code == 302
    assert granted(db, PAUL_RPPS) and blocks(db) == set()
    assert "Le professionnel est débloqué" in text(client.get(PAGE))


def test_a_blocked_professional_loses_even_emergency_access(app, login_as, db):
    samu = professional(db, SAMU_RPPS)
    client = login_as(JEANNE)
    client.get(PAGE)
    # He never came: not in the lists, so the page cannot name him.
    assert client.post_form(url(db, SAMU_RPPS, "bloquer")).status_code == 404
    db.reload()  # a fresh snapshot before writing
    with app.app_context():
        emergency.start(
            db, Actor(ActorRole.PROFESSIONAL, samu.account, samu), jeanne_space(db),
            mode=EmergencyMode.SAMU, reason_category="regulation",
            reason_text="Appel au 15 : malaise à domicile, patiente confuse.", now=clock.now(),
        )  # fmt: skip
        db.commit()
    assert granted(db, SAMU_RPPS)
    assert "Dr Nicolas Garnier" in text(client.get(PAGE))  # now a visitor
    assert client.post_form(url(db, SAMU_RPPS, "bloquer")).status_code == 302
    assert not granted(db, SAMU_RPPS)


def test_the_gp_cannot_be_blocked(login_as, db):
    client = login_as(JEANNE)
    client.get(PAGE)
    response = client.post_form(url(db, SOPHIE_RPPS, "bloquer"))
    assert response.status_code == 302
    assert blocks(db) == set() and granted(db, SOPHIE_RPPS)
    assert "Votre médecin traitant ne peut pas être bloqué" in text(client.get(PAGE))


def test_only_professionals_related_to_the_space_can_be_named(login_as, db):
    client = login_as(JEANNE)
    client.get(PAGE)
    # Marc Roux never came to Jeanne's space: unknown here, like a missing id.
    for action in ("bloquer", "debloquer", "retirer"):
        assert client.post_form(url(db, MARC_RPPS, action)).status_code == 404, action
    assert client.get(url(db, MARC_RPPS, "retirer")).status_code == 404
    assert client.post_form(f"{PAGE}/999999/bloquer").status_code == 404
    assert client.post_form(f"{PAGE}/{2**64}/bloquer").status_code == 404
    # Paul is not blocked: nothing to unblock.
    assert client.post_form(url(db, PAUL_RPPS, "debloquer")).status_code == 404
    assert blocks(db) == set()


def test_removing_from_the_care_team_after_a_confirmation(login_as, db):
    client = login_as(JEANNE)
    page = client.get(url(db, PAUL_RPPS, "retirer"))
    assert page.status_code == 200
    assert "Nom Paul Leroy Profession Pharmacien" in text(page)
    assert member(db, PAUL_RPPS).removed_at is None  # the GET changes nothing
    response = client.post_form(url(db, PAUL_RPPS, "retirer"))
    assert response.status_code == 302 and response.headers["Location"] == PAGE
    assert member(db, PAUL_RPPS).removed_at is not None
    assert not granted(db, PAUL_RPPS)  # no basis left: no care team, no consent
    page = text(client.get(PAGE))
    assert "Le professionnel est retiré de votre équipe de soins" in page
    assert "Retirer de mon équipe de soins : Paul Leroy" not in page
    # No longer a member: the confirmation page is gone.
    assert client.get(url(db, PAUL_RPPS, "retirer")).status_code == 404


def test_the_gp_cannot_be_removed_from_the_care_team(login_as, db):
    client = login_as(JEANNE)
    page = client.get(url(db, SOPHIE_RPPS, "retirer"))
    assert page.status_code == 200
    assert "Votre médecin traitant ne peut pas être bloqué ni retiré" in text(page)
    assert "Oui, retirer" not in page.text
    response = client.post_form(url(db, SOPHIE_RPPS, "retirer"))
    assert response.status_code == 302
    assert member(db, SOPHIE_RPPS).removed_at is None
    assert "Votre médecin traitant ne peut pas être retiré" in text(client.get(PAGE))


def test_a_professional_who_declares_care_joins_the_team_the_holder_is_told_and_removes(
    app, login_as, db
):
    marc = professional(db, MARC_RPPS)
    with app.app_context():
        care_team.declare_care_episode(
            db, Actor(ActorRole.PROFESSIONAL, marc.account, marc), jeanne_space(db), clock.now()
        )
        db.commit()
    notified = db.scalars(
        select(Notification).where(
            Notification.kind == "care_team_joined", Notification.actor_professional_id == marc.id
        )
    ).all()
    assert len(notified) == 1 and notified[0].account_id == jeanne_space(db).holder_account_id
    assert granted(db, MARC_RPPS)
    client = login_as(JEANNE)
    page = text(client.get(PAGE))
    assert "Marc Roux Masseur-kinésithérapeute. Dans votre équipe de soins depuis" in page
    client.post_form(url(db, MARC_RPPS, "retirer"))
    assert member(db, MARC_RPPS).removed_at is not None and not granted(db, MARC_RPPS)
