"""A professional's page (/annuaire/<id>): who they are and where they practise; for a
holder, what they are to them, and the two actions (keep, declare as GP), each a POST with
CSRF, then a redirect and a message that names no one; each recorded in the history."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from espace.models import AuditEntry, HealthSpace, MyProfessional
from tests.directory_extract import by_rpps, line, rpps, run_import, write_extract
from tests.support import text

JEANNE = "jeanne.martin@example.org"
JEANNE_NIR = "254033155512362"
DURAND, LEROY = "10100000011", "10100000029"  # her GP; her pharmacist (care team, kept)
PIERRE = "10555810350"  # a doctor of the sample, nothing to Jeanne yet
MALLET = "10161973069"  # a pharmacist of the sample


@pytest.fixture
def jeanne(login_as):
    return login_as(JEANNE)


def page_of(db, identifier: str) -> str:
    return f"/annuaire/{by_rpps(db, identifier).id}"


def new_entries(db, after: int) -> list[AuditEntry]:
    db.reload()
    query = select(AuditEntry).where(AuditEntry.seq > after).order_by(AuditEntry.seq)
    return list(db.scalars(query))


def last_seq(db) -> int:
    db.reload()
    return db.scalar(select(AuditEntry.seq).order_by(AuditEntry.seq.desc()).limit(1)) or 0


def jeanne_space(db) -> HealthSpace:
    db.reload()
    return db.scalars(select(HealthSpace).where(HealthSpace.nir == JEANNE_NIR)).one()


def test_her_gp_s_page_says_so_with_the_address_and_phone(jeanne, db):
    response = jeanne.get(page_of(db, DURAND))
    assert response.status_code == 200
    page = text(response)
    assert "Dr Sophie Durand" in page and "Médecin" in page and "Médecine générale" in page
    assert "Votre médecin traitant." in page and "Dans votre équipe de soins." in page
    assert "Cabinet médical des Carmes 12 rue des Filatiers 31000 Toulouse" in page
    assert 'href="tel:0536490011">05 36 49 00 11</a>' in response.get_data(as_text=True)
    assert "Déclarer comme médecin traitant" not in page
    assert "Ajouter à mes professionnels" not in page  # the GP is shown apart


def test_reading_a_page_records_that_the_holder_read_her_professionals(jeanne, db):
    before = last_seq(db)
    jeanne.get(page_of(db, LEROY))
    entries = new_entries(db, before)
    assert [(e.event, e.category, e.target_type) for e in entries] == [
        ("profile.viewed", "professionnels", "professional")
    ]
    assert entries[0].target_id == by_rpps(db, LEROY).id


def test_her_pharmacist_is_in_her_care_team_and_her_professionals(jeanne, db):
    page = text(jeanne.get(page_of(db, LEROY)))
    assert "Dans votre équipe de soins." in page and "Dans vos professionnels." in page
    assert "Ajouter à mes professionnels" not in page
    assert "Déclarer comme médecin traitant" not in page  # a pharmacist


def test_keeping_a_professional_from_the_directory(jeanne, db):
    url = page_of(db, MALLET)
    page = text(jeanne.get(url))
    assert "n'est ni dans vos professionnels ni dans votre équipe de soins" in page
    assert "Déclarer comme médecin traitant" not in page  # not a doctor
    before = last_seq(db)
    response = jeanne.post_form(f"{url}/mes-professionnels")
    assert response.status_code == 302 and response.headers["Location"] == url
    assert [e.event for e in new_entries(db, before)] == ["profile.item_added"]
    kept = db.scalars(
        select(MyProfessional).where(MyProfessional.space_id == jeanne_space(db).id)
    ).all()
    assert by_rpps(db, MALLET).id in {k.professional_id for k in kept}
    response = jeanne.get(url)
    body = response.get_data(as_text=True)
    flashed = re.search(r'<div id="statut" role="status">(.*?)</div>\s*</div>', body, re.S)
    assert "Ce professionnel est ajouté à vos professionnels." in flashed.group(1)
    assert "Mallet" not in flashed.group(1)  # messages name no one
    assert "Dans vos professionnels." in text(response)
    # Twice: refused, said, nothing recorded.
    before = last_seq(db)
    jeanne.post_form(f"{url}/mes-professionnels")
    assert "déjà dans la liste de vos professionnels" in text(jeanne.get(url))
    assert [e.event for e in new_entries(db, before)] == ["profile.viewed"]  # the page only


def test_declaring_a_gp_from_the_directory_asks_first(jeanne, db):
    url = page_of(db, PIERRE)
    assert "Déclarer comme médecin traitant" in text(jeanne.get(url))
    confirm = jeanne.get(f"{url}/medecin-traitant")
    assert confirm.status_code == 200
    page = text(confirm)
    assert "Déclarer Dr Joël Pierre comme médecin traitant ?" in page
    assert "même ceux que vous avez masqués" in page and "ne peut pas être bloqué" in page
    before = last_seq(db)
    response = jeanne.post_form(f"{url}/medecin-traitant")
    assert response.status_code == 302 and response.headers["Location"] == url
    assert [e.event for e in new_entries(db, before)] == ["gp.declared"]
    assert jeanne_space(db).gp_professional_id == by_rpps(db, PIERRE).id
    page = text(jeanne.get(url))
    assert "Votre médecin traitant est déclaré." in page and "Votre médecin traitant." in page
    assert jeanne.get(f"{url}/medecin-traitant").status_code == 302  # already done


def test_only_a_doctor_can_be_declared(jeanne, db):
    url = page_of(db, MALLET)
    assert jeanne.get(f"{url}/medecin-traitant").status_code == 404
    assert jeanne.post_form(f"{url}/medecin-traitant").status_code == 404
    assert jeanne_space(db).gp_professional_id == by_rpps(db, DURAND).id


def test_actions_need_the_csrf_token(jeanne, db):
    url = page_of(db, PIERRE)
    assert jeanne.post(f"{url}/mes-professionnels").status_code == 400
    assert jeanne.post(f"{url}/medecin-traitant").status_code == 400
    assert jeanne_space(db).gp_professional_id == by_rpps(db, DURAND).id


def test_a_professional_reads_the_page_without_the_holder_s_part(login_as, db):
    paul = login_as("paul.leroy@example.org")
    before = last_seq(db)
    page = text(paul.get(page_of(db, PIERRE)))
    assert "Lieux d'exercice" in page and "Pour vous" not in page
    assert "Ajouter à mes professionnels" not in page
    assert new_entries(db, before) == []
    assert paul.post_form(f"{page_of(db, PIERRE)}/mes-professionnels").status_code == 404


def test_a_retired_professional_is_shown_as_such_and_cannot_be_chosen(app, jeanne, db, tmp_path):
    url = page_of(db, PIERRE)
    run_import(app, write_extract(tmp_path / "1.txt", [line(rpps(1), "AUTRE")]))
    page = text(jeanne.get(url))
    assert "Ne figure plus dans l'annuaire national depuis le" in page
    assert "Aucune adresse connue." in page
    assert "Ajouter à mes professionnels" not in page and "Déclarer comme" not in page
    jeanne.post_form(f"{url}/mes-professionnels")
    assert "ne figure plus dans l'annuaire national" in text(jeanne.get(url))
    assert jeanne.get(f"{url}/medecin-traitant").status_code == 404


@pytest.mark.parametrize("professional_id", ["0", "999999", str(2**64)])
def test_an_unknown_professional_is_a_404(jeanne, professional_id):
    assert jeanne.get(f"/annuaire/{professional_id}").status_code == 404
