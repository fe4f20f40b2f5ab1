"""Profil médical: the pages, the overview, unknown names, and the history they write."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from espace.models import AuditEntry, Notification
from tests.completeness import JEANNE
from tests.completeness.profile import VALID
from tests.support import text

PAGES = [
    "/profil",
    "/profil/antecedents",
    "/profil/allergies",
    "/profil/traitements",
    "/profil/vaccinations",
    "/profil/entourage",
    "/profil/mesures",
    "/profil/mesures/poids",
    "/profil/mesures/taille",
    "/profil/mesures/tension",
    "/profil/mesures/glycemie",
    "/profil/mesures/frequence-cardiaque",
    "/profil/mesures/temperature",
    "/profil/volontes",
    "/profil/volontes/modifier",
    "/profil/professionnels",
    "/profil/notes",
]
EMPTY_FORMS = [
    "/profil/antecedents/ajouter",
    "/profil/allergies/ajouter",
    "/profil/traitements/ajouter",
    "/profil/vaccinations/ajouter",
    "/profil/entourage/ajouter",
    "/profil/mesures/poids/ajouter",
    "/profil/mesures/tension/ajouter",
    "/profil/professionnels/ajouter",
    "/profil/notes/ajouter",
]


@pytest.fixture
def jeanne(login_as):  # type: ignore[no-untyped-def]
    return login_as(JEANNE)


def last_seq(db) -> int:  # type: ignore[no-untyped-def]
    db.reload()
    return db.scalar(select(func.max(AuditEntry.seq))) or 0


def test_every_page_of_the_profile_opens_and_passes_the_page_check(jeanne):
    for url in PAGES + EMPTY_FORMS:
        response = jeanne.get(url)  # the CheckedClient runs the page check on each
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "no-store", url


def test_the_overview_summarises_each_section_and_links_to_it(jeanne):
    response = jeanne.get("/profil")
    shown = text(response)
    for heading in [
        "Antécédents",
        "Allergies",
        "Traitements en cours",
        "Vaccinations",
        "Mesures",
        "Volontés",
        "Entourage",
        "Mes professionnels",
        "Notes personnelles",
    ]:
        assert heading in shown
    assert "Pénicilline (allergie grave)" in shown
    assert "Metformine : 1000 mg matin et soir" in shown
    assert "Collyre" not in shown  # a stopped treatment is not "en cours"
    assert "Claire Martin, personne de confiance" in shown
    assert "Médecin traitant : Dr Sophie Durand" in shown
    assert "Don d'organes : j'accepte" in shown
    html = response.get_data(as_text=True)
    for url in [
        "/profil/allergies",
        "/profil/mesures",
        "/profil/volontes",
        "/profil/professionnels",
        "/profil/notes",
    ]:
        assert f'href="{url}"' in html
    assert 'aria-current="page">Profil médical</a>' in html


def test_a_holder_with_an_empty_profile_is_told_so(login_as):
    lucas = login_as("lucas.petit@example.org")
    assert "Aucun antécédent n'est indiqué." in text(lucas.get("/profil/antecedents"))
    assert "Rien n'est indiqué pour l'instant." in text(lucas.get("/profil"))
    assert "Vous n'avez pas de médecin traitant déclaré." in text(
        lucas.get("/profil/professionnels")
    )
    assert "Vous n'avez pas encore écrit de note." in text(lucas.get("/profil/notes"))


@pytest.mark.parametrize(
    "url",
    [
        "/profil/inconnu",
        "/profil/inconnu/ajouter",
        "/profil/inconnu/1/modifier",
        "/profil/inconnu/1/supprimer",
        "/profil/volontes/ajouter",
        "/profil/notes/1/inconnu",
        "/profil/mesures/inconnu",
        "/profil/mesures/inconnu/ajouter",
        "/profil/mesures/ajouter",
        "/profil/allergies/999999/modifier",
        "/profil/mesures/999999/modifier",
        "/profil/notes/999999/supprimer",
        "/profil/professionnels/999999/supprimer",
        "/profil/allergies/99999999999999999999999/modifier",
        "/profil/allergies/-1/modifier",
        "/profil/%3Cscript%3E",
    ],
)
def test_unknown_names_and_ids_are_a_plain_404(jeanne, db, url):
    before = last_seq(db)
    response = jeanne.get(url)
    assert response.status_code == 404
    assert "Page introuvable" in text(response)
    assert jeanne.post_form(url, {"label": "x"}).status_code in {404, 405}
    assert last_seq(db) == before


def test_an_empty_add_form_reads_nothing_and_writes_no_history(jeanne, db):
    for url in EMPTY_FORMS:
        before = last_seq(db)
        assert jeanne.get(url).status_code == 200
        assert last_seq(db) == before, url


def test_the_history_names_ids_and_sections_never_what_was_written(jeanne, db):
    before = last_seq(db)
    notifications = db.scalar(select(func.count()).select_from(Notification))
    jeanne.get("/profil/allergies/ajouter")
    secret = {**VALID["allergies"], "substance": "Marqueur-secret-42", "reaction": "Réaction-7"}
    jeanne.post_form("/profil/allergies/ajouter", secret)
    jeanne.get("/profil/notes/ajouter")
    jeanne.post_form("/profil/notes/ajouter", {"title": "Titre-secret-9", "body": "Corps-8"})
    db.reload()
    entries = db.scalars(select(AuditEntry).where(AuditEntry.seq > before)).all()
    assert [(e.event, e.category, e.target_type) for e in entries] == [
        ("profile.item_added", "allergies", "allergy"),
        ("notes.added", None, "private_note"),
    ]
    assert all(e.target_id for e in entries)
    dump = " ".join(str(getattr(e, c.key)) for e in entries for c in AuditEntry.__table__.c)
    for word in ("Marqueur", "Réaction", "Titre-secret", "Corps"):
        assert word not in dump
    # The holder's own actions do not notify the holder.
    assert db.scalar(select(func.count()).select_from(Notification)) == notifications


def test_a_refused_change_writes_no_history(jeanne, db):
    before = last_seq(db)
    jeanne.get("/profil/mesures/poids/ajouter")
    assert jeanne.post_form("/profil/mesures/poids/ajouter", {"value": "9000"}).status_code == 422
    jeanne.get("/profil/notes/ajouter")
    assert jeanne.post_form("/profil/notes/ajouter", {"title": ""}).status_code == 422
    assert last_seq(db) == before


@pytest.mark.parametrize("email", ["sophie.durand@example.org", "agent.cpam@example.org"])
def test_professionals_and_operators_have_no_profile_page(login_as, email):
    client = login_as(email)
    for url in PAGES:
        assert client.get(url).status_code == 404, url
    assert 'href="/profil"' not in client.get("/tableau-de-bord").get_data(as_text=True)
