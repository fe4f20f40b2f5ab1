"""Masking (/confidentialite/documents): each document, or everything; what professionals
can then read, asked of the policy itself; refusal while the space is not activated."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from espace import clock
from espace.models import AuditEntry, Document, SpaceStatus
from espace.policy.access import professional_access
from tests.matrix.privacy import (
    AMINA_RPPS,
    PAUL_RPPS,
    SOPHIE_RPPS,
    jeanne_space,
    professional,
)
from tests.matrix.record import jeanne_document
from tests.support import error_for, text

JEANNE = "jeanne.martin@example.org"
PRESCRIPTION = "Ordonnance – metformine et bandelettes"  # by Dr Durand, Jeanne's GP
CARE_PLAN = "Plan de soins infirmiers – surveillance glycémique"  # by Amina Diallo


def may_read(db, rpps: str, document_id: int) -> bool:
    """The policy's answer now, from fresh facts (what /pro will ask at each request)."""
    db.reload()
    space = jeanne_space(db)
    document = db.get(Document, document_id)
    return bool(
        professional_access(db, professional(db, rpps), space, clock.now()).document(document)
    )


def masked(db, document_id: int) -> bool:
    db.reload()
    return db.get(Document, document_id).masked


def test_the_list_shows_each_document_with_its_state_in_words_and_one_button(login_as, db):
    client = login_as(JEANNE)
    response = client.get("/confidentialite/documents")
    page = text(response)
    assert response.status_code == 200
    assert "13 documents" in page  # the result Dr Durand still holds is not listed
    assert "Résultats d'analyses" not in page
    assert page.count("État : Masqué aux professionnels") == 1  # "not by colour alone"
    assert page.count("État : visible par les professionnels autorisés") == 12
    html = response.get_data(as_text=True)
    assert html.count(">Rendre visible<") == 1 and html.count(">Masquer<") == 12
    # Each button says which document it acts on (RGAA 6.1, repeated rows).
    assert f'Masquer<span class="visually-hidden"> le document « {PRESCRIPTION},' in html


def test_masking_hides_a_document_from_professionals_but_its_author_and_the_gp(login_as, db):
    prescription = jeanne_document(db, title=PRESCRIPTION)
    care_plan = jeanne_document(db, title=CARE_PLAN)
    assert may_read(db, PAUL_RPPS, prescription) and may_read(db, PAUL_RPPS, care_plan)
    client = login_as(JEANNE)
    client.get("/confidentialite/documents")
    for document_id in (prescription, care_plan):
        response = client.post_form(f"/confidentialite/documents/{document_id}/masquer")
        assert response.status_code == 302
        assert response.headers["Location"] == "/confidentialite/documents"
    assert masked(db, prescription) and masked(db, care_plan)
    assert not may_read(db, PAUL_RPPS, prescription)  # pharmacist of the care team
    assert not may_read(db, PAUL_RPPS, care_plan)
    assert may_read(db, SOPHIE_RPPS, prescription)  # the GP (and its author)
    assert may_read(db, AMINA_RPPS, care_plan)  # its author
    page = text(client.get("/confidentialite/documents"))
    assert "Le document est masqué : les professionnels ne le voient plus" in page
    assert page.count("État : Masqué aux professionnels") == 3


def test_unmasking_shows_the_document_again(login_as, db):
    psychiatry = jeanne_document(db, masked=True)  # masked in the demo data
    nurse_reads = jeanne_document(db, title=CARE_PLAN)
    assert not may_read(db, PAUL_RPPS, psychiatry)
    client = login_as(JEANNE)
    client.get("/confidentialite/documents")
    response = client.post_form(f"/confidentialite/documents/{psychiatry}/demasquer")
    assert response.status_code == 302
    assert not masked(db, psychiatry) and may_read(db, PAUL_RPPS, psychiatry)
    assert "de nouveau visible" in text(client.get(response.headers["Location"]))
    assert may_read(db, PAUL_RPPS, nurse_reads)  # the others are untouched


def history_size(db) -> int:
    db.reload()
    return db.scalar(select(func.count()).select_from(AuditEntry))


def test_masking_twice_changes_nothing_and_adds_no_history_entry(login_as, db):
    psychiatry = jeanne_document(db, masked=True)
    client = login_as(JEANNE)
    client.get("/confidentialite/documents")
    before = history_size(db)
    response = client.post_form(f"/confidentialite/documents/{psychiatry}/masquer")
    assert response.status_code == 302
    assert masked(db, psychiatry)
    assert history_size(db) == before


def test_the_button_brings_back_to_the_same_page_and_filter(login_as, db):
    prescription = jeanne_document(db, title=PRESCRIPTION)
    client = login_as(JEANNE)
    page = client.get("/confidentialite/documents?categorie=prescription").get_data(as_text=True)
    action = f"/confidentialite/documents/{prescription}/masquer?categorie=prescription"
    assert f'action="{action}"' in page
    response = client.post_form(action)
    assert response.headers["Location"] == "/confidentialite/documents?categorie=prescription"
    # A forged return address is dropped, never followed.
    response = client.post_form(
        f"/confidentialite/documents/{prescription}/demasquer?categorie=//evil.example&page=x"
    )
    assert response.headers["Location"] == "/confidentialite/documents"


def test_the_list_is_paginated_and_keeps_the_page(login_as, db):
    space = jeanne_space(db)
    template = db.scalars(select(Document).where(Document.space_id == space.id)).first()
    for n in range(15):
        db.add(
            Document(
                space_id=space.id, title=f"Compte rendu numéro {n}",
                category=template.category, document_date=template.document_date,
                author_kind=template.author_kind, file_id=template.file_id, masked=False,
                created_at=clock.now(), updated_at=clock.now(),
            )
        )  # fmt: skip
    db.commit()
    client = login_as(JEANNE)
    page2 = client.get("/confidentialite/documents?page=2")
    assert "Page 2 sur 2" in text(page2)
    action = re.search(r'action="(/confidentialite/documents/\d+/masquer[^"]*)"', page2.text)
    assert action and action.group(1).endswith("?page=2")
    response = client.post_form(action.group(1).replace("&amp;", "&"))
    assert response.headers["Location"] == "/confidentialite/documents?page=2"


def test_a_bad_category_gets_a_422_linked_to_the_field(login_as):
    response = login_as(JEANNE).get("/confidentialite/documents?categorie=radiologie")
    assert response.status_code == 422
    assert "Choisissez une catégorie dans la liste" in error_for(response.text, "categorie")


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999999999999999999"])
def test_a_page_number_only_our_links_send_falls_back_to_the_first_page(login_as, page):
    response = login_as(JEANNE).get(f"/confidentialite/documents?page={page}")
    assert response.status_code == 200 and "13 documents" in text(response)


def test_mask_everything_hides_every_document_even_from_the_gp_and_authors(login_as, db):
    prescription = jeanne_document(db, title=PRESCRIPTION)
    care_plan = jeanne_document(db, title=CARE_PLAN)
    client = login_as(JEANNE)
    page = text(client.get("/confidentialite/documents"))
    assert "Actuellement : non" in page
    assert "plus aucun professionnel ne verra vos documents" in page  # the confirmation
    response = client.post_form("/confidentialite/tout-masquer", {"masquer": "oui"})
    assert response.status_code == 302
    db.reload()
    assert jeanne_space(db).mask_all
    assert not may_read(db, SOPHIE_RPPS, prescription)  # GP and author
    assert not may_read(db, AMINA_RPPS, care_plan)  # author
    page = text(client.get("/confidentialite/documents"))
    assert "Tous vos documents sont masqués" in page
    assert "Actuellement : oui, tout est masqué" in page
    assert "Ne plus tout masquer" in page
    client.post_form("/confidentialite/tout-masquer", {"masquer": "non"})
    db.reload()
    assert not jeanne_space(db).mask_all
    assert may_read(db, SOPHIE_RPPS, prescription) and may_read(db, AMINA_RPPS, care_plan)
    assert "de nouveau visibles" in text(client.get("/confidentialite/documents"))


def test_mask_everything_refuses_a_value_the_page_never_sends(login_as, db):
    client = login_as(JEANNE)
    client.get("/confidentialite/documents")
    assert client.post_form("/confidentialite/tout-masquer", {"masquer": "1"}).status_code == 400
    assert client.post_form("/confidentialite/tout-masquer").status_code == 400
    db.reload()
    assert not jeanne_space(db).mask_all


def test_nothing_can_be_masked_before_the_space_is_activated(login_as, db):
    client = login_as(JEANNE)
    space = jeanne_space(db)
    space.status = SpaceStatus.OPEN
    db.commit()
    prescription = jeanne_document(db, title=PRESCRIPTION)
    response = client.get("/confidentialite/documents")
    page = text(response)
    assert "activez d'abord votre espace" in page
    assert "13 documents" in page  # the list and the states are still shown
    assert ">Masquer<" not in response.text and "tout-masquer" not in response.text
    response = client.post_form(f"/confidentialite/documents/{prescription}/masquer")
    assert response.status_code == 302
    assert "activez d'abord votre espace" in text(client.get(response.headers["Location"]))
    client.post_form("/confidentialite/tout-masquer", {"masquer": "oui"})
    db.reload()
    assert not masked(db, prescription) and not jeanne_space(db).mask_all
    assert "activez d'abord votre espace" in text(client.get("/confidentialite"))


def test_a_held_result_cannot_be_masked_by_the_holder_who_does_not_see_it(login_as, db):
    held = jeanne_document(db, held=True)
    client = login_as(JEANNE)
    client.get("/confidentialite/documents")
    assert client.post_form(f"/confidentialite/documents/{held}/masquer").status_code == 404
    assert not masked(db, held)


def test_huge_or_missing_ids_are_404(login_as):
    client = login_as(JEANNE)
    client.get("/confidentialite/documents")
    for document_id in ("999999", str(2**63), "99999999999999999999999"):
        url = f"/confidentialite/documents/{document_id}/masquer"
        assert client.post_form(url).status_code == 404, url
