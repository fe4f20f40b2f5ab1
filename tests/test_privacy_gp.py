"""Declaring the GP (/confidentialite/medecin-traitant): among the doctors of the care
team and of "mes professionnels", or by RPPS number (unknown, not a doctor, malformed:
422 linked to the field). The GP sees masked documents and cannot be blocked."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from espace import clock
from espace.models import Block, CareTeamMember, MyProfessional
from tests.matrix.privacy import (
    MARC_RPPS,
    PAUL_RPPS,
    SAMU_RPPS,
    SOPHIE_RPPS,
    jeanne_space,
    professional,
)
from tests.support import error_for, text

JEANNE = "jeanne.martin@example.org"
URL = "/confidentialite/medecin-traitant"


def gp_rpps(db) -> str | None:
    db.reload()
    gp = jeanne_space(db).gp
    return gp.rpps if gp else None


def test_the_page_shows_the_gp_and_what_a_gp_may_do(login_as):
    response = login_as(JEANNE).get(URL)
    page = text(response)
    assert "Nom Dr Sophie Durand Profession Médecin (Médecine générale)" in page
    assert "même ceux que vous avez masqués" in page and "ne peut pas être bloqué" in page
    # Jeanne's team has no other doctor: no list, only the RPPS number.
    assert "Déclarer le médecin choisi" not in page
    assert 'inputmode="numeric"' in response.text


def test_declaring_a_doctor_chosen_among_those_who_follow_the_holder(login_as, db):
    space = jeanne_space(db)
    samu = professional(db, SAMU_RPPS)
    db.add(MyProfessional(space_id=space.id, professional_id=samu.id, created_at=clock.now(),
                          updated_at=clock.now()))  # fmt: skip
    db.add(Block(space_id=space.id, professional_id=samu.id, created_at=clock.now()))
    db.commit()
    client = login_as(JEANNE)
    response = client.get(URL)
    page = text(response)
    assert "Dr Nicolas Garnier, Médecine d'urgence (dans mes professionnels)" in page
    # Only doctors are offered: not Paul (pharmacien), not Amina (infirmière).
    assert "Paul Leroy" not in page and "Amina Diallo" not in page
    response = client.post_form(URL, {"medecin": str(samu.id)})
    assert response.status_code == 302 and response.headers["Location"] == URL
    assert gp_rpps(db) == SAMU_RPPS
    page = text(client.get(URL))
    assert "Votre médecin traitant est déclaré" in page
    assert "Nom Dr Nicolas Garnier" in page
    # The GP cannot be blocked: declaring him lifted the block.
    assert db.scalar(select(Block.id).where(Block.professional_id == samu.id)) is None


def test_a_doctor_of_the_care_team_is_offered_too(login_as, db):
    space = jeanne_space(db)
    samu = professional(db, SAMU_RPPS)
    db.add(CareTeamMember(space_id=space.id, professional_id=samu.id, joined_at=clock.now()))
    db.commit()
    page = text(login_as(JEANNE).get(URL))
    assert "Dr Nicolas Garnier, Médecine d'urgence (dans votre équipe de soins)" in page


def test_a_choice_outside_the_list_gets_a_422(login_as, db):
    space = jeanne_space(db)
    samu = professional(db, SAMU_RPPS)
    db.add(MyProfessional(space_id=space.id, professional_id=samu.id, created_at=clock.now(),
                          updated_at=clock.now()))  # fmt: skip
    db.commit()
    client = login_as(JEANNE)
    client.get(URL)
    marc = professional(db, MARC_RPPS)
    for value in (str(marc.id), "abc", ""):
        response = client.post_form(URL, {"medecin": value})
        assert response.status_code == 422, value
        message = error_for(response.text, "medecin", link="medecin-0")
        assert message == "Choisissez un médecin dans la liste."
    assert gp_rpps(db) == SOPHIE_RPPS


def test_declaring_a_doctor_by_rpps_number(login_as, db):
    client = login_as(JEANNE)
    client.get(URL)
    response = client.post_form(URL, {"rpps": "101 000 000 52"})  # spaces are forgiven
    assert response.status_code == 302
    assert gp_rpps(db) == SAMU_RPPS


@pytest.mark.parametrize(
    ("rpps", "expected"),
    [
        ("", "Saisissez le numéro RPPS du médecin : 11 chiffres"),
        ("1010000005", "Le numéro RPPS compte 11 chiffres (vous en avez saisi 10)."),
        ("1010000005A", "Le numéro RPPS ne contient que des chiffres"),
        ("10999999999", "Aucun professionnel de santé n'a le numéro RPPS 10999999999."),
        (PAUL_RPPS, "Ce numéro RPPS est celui d'un professionnel qui n'est pas médecin "
                    "(pharmacien) : saisissez le numéro RPPS de votre médecin."),
    ],
)  # fmt: skip
def test_a_wrong_rpps_number_gets_a_422_linked_to_the_field(login_as, db, rpps, expected):
    client = login_as(JEANNE)
    client.get(URL)
    response = client.post_form(URL, {"rpps": rpps})
    assert response.status_code == 422
    assert expected in error_for(response.text, "rpps")
    assert text(response).startswith("Erreur : Mon médecin traitant")
    assert gp_rpps(db) == SOPHIE_RPPS


def test_a_post_without_a_list_to_choose_from_asks_for_the_rpps_number(login_as, db):
    client = login_as(JEANNE)
    client.get(URL)
    response = client.post_form(URL, {"medecin": str(professional(db, SAMU_RPPS).id)})
    assert response.status_code == 422
    assert "Saisissez le numéro RPPS du médecin" in error_for(response.text, "rpps")
    assert gp_rpps(db) == SOPHIE_RPPS
