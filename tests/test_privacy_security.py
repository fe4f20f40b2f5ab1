"""The holder's controls and security: another holder gets the same 404 on every URL
naming Jeanne's documents or professionals, and nothing changes; professionals and staff
get nothing; document titles never come back as markup; no title in the cookie."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from espace import clock
from espace.models import Block, CareTeamMember, Document
from tests.matrix.privacy import PAUL_RPPS, SOPHIE_RPPS, jeanne_space, professional
from tests.matrix.record import jeanne_document
from tests.support import text
from tests.xss import injected, nonce_of, sample

JEANNE = "jeanne.martin@example.org"
KARIM = "karim.benali@example.org"


def snapshot(db) -> tuple:
    db.reload()
    space = jeanne_space(db)
    return (
        tuple(db.scalars(select(Document.masked).order_by(Document.id))),
        tuple(db.scalars(select(Block.professional_id).order_by(Block.id))),
        tuple(db.scalars(select(CareTeamMember.removed_at).order_by(CareTeamMember.id))),
        (space.mask_all, space.emergency_consent, space.samu_consent, space.gp_professional_id),
    )


def _visible(html: str) -> str:
    return re.sub(r'(nonce|content|value)="[^"]*"', "", html)


def test_karim_gets_the_same_404_on_every_url_naming_jeannes_objects(login_as, db):
    document, masked = jeanne_document(db, masked=False), jeanne_document(db, masked=True)
    paul, sophie = professional(db, PAUL_RPPS).id, professional(db, SOPHIE_RPPS).id
    db.add(Block(space_id=jeanne_space(db).id, professional_id=paul, created_at=clock.now()))
    db.commit()
    karim = login_as(KARIM)
    before = snapshot(db)
    missing = _visible(karim.get("/confidentialite/professionnels/999999/retirer").text)
    base = "/confidentialite"
    gets = [f"{base}/professionnels/{pid}/retirer" for pid in (paul, sophie)]
    posts = [
        f"{base}/documents/{document}/masquer",
        f"{base}/documents/{masked}/demasquer",
        *(f"{base}/professionnels/{pid}/{action}"
          for pid in (paul, sophie) for action in ("bloquer", "debloquer", "retirer")),
    ]  # fmt: skip
    for url in gets:
        response = karim.get(url)
        assert response.status_code == 404, url
        assert _visible(response.text) == missing, url
    for url in posts:
        assert karim.post_form(url).status_code == 404, url
    assert snapshot(db) == before
    # His own lists never show Jeanne's documents or professionals.
    for url in (f"{base}/documents", f"{base}/professionnels", f"{base}/medecin-traitant"):
        page = text(karim.get(url))
        assert "Jeanne" not in page and "Paul Leroy" not in page and "Sophie" not in page
        assert "metformine" not in page


def test_karims_choice_of_gp_cannot_name_jeannes_doctor_from_the_list(login_as, db):
    karim = login_as(KARIM)
    karim.get("/confidentialite/medecin-traitant")
    before = snapshot(db)
    sophie = professional(db, SOPHIE_RPPS).id
    response = karim.post_form("/confidentialite/medecin-traitant", {"medecin": str(sophie)})
    assert response.status_code == 422
    assert snapshot(db) == before


@pytest.mark.parametrize(
    "email",
    [
        "sophie.durand@example.org",
        "paul.leroy@example.org",
        "urgence.samu@example.org",
        "agent.cpam@example.org",
        "animation@example.org",
    ],
)
def test_professionals_and_staff_get_404_on_every_privacy_url(login_as, db, email):
    document = jeanne_document(db)
    paul = professional(db, PAUL_RPPS).id
    client = login_as(email)
    before = snapshot(db)
    for url in ("/confidentialite", "/confidentialite/documents",
                "/confidentialite/professionnels", "/confidentialite/urgence",
                "/confidentialite/medecin-traitant", "/confidentialite/code-de-partage",
                f"/confidentialite/professionnels/{paul}/retirer"):  # fmt: skip
        assert client.get(url).status_code == 404, url
    for url, data in [
        (f"/confidentialite/documents/{document}/masquer", {}),
        ("/confidentialite/tout-masquer", {"masquer": "oui"}),
        (f"/confidentialite/professionnels/{paul}/bloquer", {}),
        (f"/confidentialite/professionnels/{paul}/retirer", {}),
        ("/confidentialite/urgence", {"urgence": "non", "samu": "non"}),
        ("/confidentialite/medecin-traitant", {"rpps": "10100000052"}),
        ("/confidentialite/code-de-partage", {}),
    ]:
        assert client.post_form(url, data).status_code == 404, url
    assert snapshot(db) == before


@pytest.mark.parametrize("payload", sample(6))
def test_payloads_in_document_titles_never_come_back_as_markup(login_as, db, payload):
    space = jeanne_space(db)
    template = db.get(Document, jeanne_document(db))
    db.add(
        Document(
            space_id=space.id, title=payload[:200], category=template.category,
            document_date=template.document_date, author_kind=template.author_kind,
            author_professional_id=template.author_professional_id,
            file_id=template.file_id, masked=False, created_at=clock.now(),
            updated_at=clock.now(),
        )
    )  # fmt: skip
    db.commit()
    client = login_as(JEANNE)
    baseline = client.get("/confidentialite/urgence").text  # a page without any title
    page = client.get("/confidentialite/documents")
    assert injected(page.text, nonce_of(page), baseline=baseline) == []
    if "{{" in payload or "{%" in payload:
        assert payload[:200].strip() in text(page)  # template probes come back literally


def test_no_title_travels_in_the_cookie_after_masking(app, login_as, db):
    title = "CANARI-titre-masque-5K8"
    space = jeanne_space(db)
    template = db.get(Document, jeanne_document(db))
    document = Document(
        space_id=space.id, title=title, category=template.category,
        document_date=template.document_date, author_kind=template.author_kind,
        file_id=template.file_id, masked=False, created_at=clock.now(), updated_at=clock.now(),
    )  # fmt: skip
    db.add(document)
    db.commit()
    client = login_as(JEANNE)
    client.get("/confidentialite/documents")
    client.post_form(f"/confidentialite/documents/{document.id}/masquer")
    with client.session_transaction() as cookie:  # the flash message waits in the cookie
        assert "_flashes" in cookie and title not in repr(dict(cookie))
    client.post_form(f"/confidentialite/professionnels/{professional(db, PAUL_RPPS).id}/bloquer")
    with client.session_transaction() as cookie:
        assert "Paul" not in repr(dict(cookie)) and "Leroy" not in repr(dict(cookie))
