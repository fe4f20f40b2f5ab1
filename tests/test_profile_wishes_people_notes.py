"""Profil médical: volontés (one record), mes professionnels (by RPPS number, the GP
read-only) and private notes."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from espace.models import MyProfessional, OrganDonation, PrivateNote, Professional, Wishes
from tests.completeness import JEANNE
from tests.completeness.profile import MARC_RPPS, VALID, first_id, parts, space_of
from tests.support import error_for, text

LUCAS = "lucas.petit@example.org"


@pytest.fixture
def jeanne(login_as):  # type: ignore[no-untyped-def]
    return login_as(JEANNE)


def test_the_volontes_page_shows_the_directives_and_organ_donation(jeanne):
    shown = text(jeanne.get("/profil/volontes"))
    assert "pas d'acharnement" in shown
    assert "Écrites le 15 mars 2023" in shown
    assert "J'accepte de donner mes organes" in shown
    assert "registre national des refus" in shown


def test_the_volontes_form_is_filled_in_and_saves_the_changes(jeanne, db):
    html = jeanne.get("/profil/volontes/modifier").get_data(as_text=True)
    assert "pas d&#39;acharnement" in html and 'value="2023"' in html
    data = {
        "advance_directives": "Je veux rester chez moi.\nSans douleur.",
        "organ_donation": "refuses",
        **parts("directives_written_on", date(2025, 1, 2)),
    }
    response = jeanne.post_form("/profil/volontes/modifier", data)
    assert response.status_code == 302 and response.headers["Location"] == "/profil/volontes"
    db.reload()
    wishes = db.scalars(select(Wishes).where(Wishes.space_id == space_of(db).id)).one()
    assert wishes.advance_directives == "Je veux rester chez moi.\r\nSans douleur." or (
        wishes.advance_directives == "Je veux rester chez moi.\nSans douleur."
    )
    assert (wishes.organ_donation, wishes.directives_written_on) == (
        OrganDonation.REFUSES,
        date(2025, 1, 2),
    )
    assert wishes.organ_donation_note is None
    assert "Vos volontés sont modifiées" in text(jeanne.get("/profil/volontes"))


def test_the_first_save_of_volontes_creates_the_record(login_as, db):
    lucas = login_as(LUCAS)
    assert "Vous n'avez pas écrit de directives anticipées" in text(lucas.get("/profil/volontes"))
    lucas.get("/profil/volontes/modifier")
    assert lucas.post_form("/profil/volontes/modifier", VALID["volontes"]).status_code == 302
    db.reload()
    space = space_of(db, LUCAS)
    assert db.scalar(select(func.count()).where(Wishes.space_id == space.id)) == 1
    assert "Vos volontés sont enregistrées" in text(lucas.get("/profil/volontes"))


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"organ_donation": "peut-etre"}, "organ_donation", "Choisissez une réponse pour le don"),
        (
            {"organ_donation": "agrees", "advance_directives": "d" * 10_001},
            "advance_directives",
            "au plus 10000 caractères",
        ),
        (
            {"organ_donation": "agrees", "organ_donation_note": "n" * 501},
            "organ_donation_note",
            "au plus 500 caractères",
        ),
    ],
)
def test_volontes_errors_say_how_to_fix_them(jeanne, data, field, message):
    jeanne.get("/profil/volontes/modifier")
    response = jeanne.post_form("/profil/volontes/modifier", data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    if field == "organ_donation":
        assert message in text(response) and 'href="#organ_donation-0"' in html
    else:
        assert message in error_for(html, field)


def test_the_gp_is_shown_apart_and_cannot_be_removed_here(jeanne, db):
    page = jeanne.get("/profil/professionnels")
    shown = text(page)
    assert shown.index("Mon médecin traitant") < shown.index("Dr Sophie Durand")
    assert shown.index("Dr Sophie Durand") < shown.index("Mes autres professionnels")
    assert "Paul Leroy" in shown and "Amina Diallo" in shown
    sophie = db.scalars(select(Professional).where(Professional.family_name == "Durand")).one()
    html = page.get_data(as_text=True)
    assert 'Retirer<span class="visually-hidden"> Dr Sophie Durand' not in html
    assert db.scalar(select(func.count()).where(MyProfessional.professional_id == sophie.id)) == 0


def test_a_professional_is_added_by_rpps_number_and_removed(jeanne, db):
    jeanne.get("/profil/professionnels/ajouter")
    response = jeanne.post_form("/profil/professionnels/ajouter", {"rpps": " 1010 0000 045 "})
    assert response.status_code == 302
    assert "Marc Roux" in text(jeanne.get("/profil/professionnels"))
    db.reload()
    marc = db.scalars(select(Professional.id).where(Professional.rpps == MARC_RPPS)).one()
    kept = db.scalars(select(MyProfessional.id).where(MyProfessional.professional_id == marc)).one()
    confirm = jeanne.get(f"/profil/professionnels/{kept}/supprimer")
    assert "Retirer Marc Roux de mes professionnels ?" in text(confirm)
    assert jeanne.post_form(f"/profil/professionnels/{kept}/supprimer").status_code == 302
    db.reload()
    assert db.get(MyProfessional, kept) is None
    assert db.get(Professional, marc) is not None  # the directory is untouched


@pytest.mark.parametrize(
    ("rpps", "message"),
    [
        ("", "Saisissez le numéro RPPS du professionnel : 11 chiffres"),
        ("1010000004", "compte 11 chiffres (vous en avez saisi 10)"),
        ("1010000004X", "ne contient que des chiffres"),
        ("9" * 400, "au plus 30 caractères"),
        ("99999999999", "Aucun professionnel de santé n'a le numéro RPPS 99999999999"),
        ("10100000011", "votre médecin traitant"),
        ("10100000029", "déjà dans la liste de vos professionnels"),
    ],
)
def test_a_wrong_rpps_number_gets_a_message(jeanne, db, rpps, message):
    jeanne.get("/profil/professionnels/ajouter")
    response = jeanne.post_form("/profil/professionnels/ajouter", {"rpps": rpps})
    assert response.status_code == 422
    assert message in error_for(response.get_data(as_text=True), "rpps")


def test_notes_are_written_changed_and_deleted(jeanne, db):
    jeanne.get("/profil/notes/ajouter")
    data = {"title": "Tension du soir", "body": "Prendre la tension\navant le dîner."}
    assert jeanne.post_form("/profil/notes/ajouter", data).status_code == 302
    page = jeanne.get("/profil/notes")
    assert "Tension du soir" in text(page) and "La note est enregistrée" in text(page)
    assert "aucun professionnel de santé ne peut les lire" in text(page)
    db.reload()
    note_id = db.scalars(select(PrivateNote.id).where(PrivateNote.title == "Tension du soir")).one()
    html = jeanne.get(f"/profil/notes/{note_id}/modifier").get_data(as_text=True)
    assert 'value="Tension du soir"' in html and "avant le dîner.</textarea>" in html
    changed = {"title": "Tension du matin", "body": "Au réveil."}
    assert jeanne.post_form(f"/profil/notes/{note_id}/modifier", changed).status_code == 302
    db.reload()
    note = db.get(PrivateNote, note_id)
    assert (note.title, note.body) == ("Tension du matin", "Au réveil.")
    assert "Au réveil." in text(jeanne.get(f"/profil/notes/{note_id}/supprimer"))
    assert jeanne.post_form(f"/profil/notes/{note_id}/supprimer").status_code == 302
    db.reload()
    assert db.get(PrivateNote, note_id) is None


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"title": "", "body": "x"}, "title", "Saisissez un titre"),
        ({"title": "T", "body": " "}, "body", "Saisissez le texte de la note"),
        ({"title": "t" * 201, "body": "x"}, "title", "au plus 200 caractères"),
        ({"title": "T", "body": "b" * 10_001}, "body", "au plus 10000 caractères"),
    ],
)
def test_note_errors_say_how_to_fix_them(jeanne, db, data, field, message):
    note_id = first_id(db, PrivateNote)
    for url in ("/profil/notes/ajouter", f"/profil/notes/{note_id}/modifier"):
        jeanne.get(url)
        response = jeanne.post_form(url, data)
        assert response.status_code == 422
        assert message in error_for(response.get_data(as_text=True), field)
