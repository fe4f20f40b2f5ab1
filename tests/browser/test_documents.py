"""Documents in the browser: upload by keyboard and without JavaScript; axe on every state;
the weight of a list of 50 documents."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select

from espace import clock
from espace.models import AuthorKind, Document, DocumentCategory, HealthSpace
from tests.browser.helpers import axe_violations, html_gzip_size, sign_in, title
from tests.browser.test_journeys import press_tab_until
from tests.upload_samples import PDF

JEANNE = "jeanne.martin@example.org"


def choose_file(page, tmp_path, name: str = "analyse.pdf", content: bytes = PDF) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    page.set_input_files("#file", str(path))  # what the system file picker would do


def test_upload_with_the_keyboard_only(live_server, page, tmp_path):
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    page.goto(live_server("/documents/ajouter"))
    press_tab_until(page, "#file")
    choose_file(page, tmp_path)
    press_tab_until(page, "#title")
    page.keyboard.type("Bilan sanguin de septembre")
    press_tab_until(page, "#category")
    page.keyboard.type("Compte")  # typing selects the option, as screen reader users do
    press_tab_until(page, "#document_date-jour")
    page.keyboard.type("12")
    page.keyboard.press("Tab")
    page.keyboard.type("9")
    page.keyboard.press("Tab")
    page.keyboard.type("2025")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/documents/\d+$"))
    assert page.inner_text("h1") == "Bilan sanguin de septembre"
    assert "Le document est ajouté" in page.inner_text("[role=status]")
    assert axe_violations(page) == []


def test_upload_errors_pass_axe(live_server, page, tmp_path):
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    page.goto(live_server("/documents/ajouter"))
    choose_file(page, tmp_path, "page.pdf", b"<html><script>window.__xss=1</script></html>")
    page.click("text=Ajouter le document")
    assert title(page).startswith("Erreur : ")
    assert axe_violations(page) == []


# axe runs in the page's JavaScript: with JavaScript off, only behaviour is checked here.
def test_upload_errors_then_success_with_javascript_off(live_server, browser, tmp_path):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    page.goto(live_server("/documents/ajouter"))
    choose_file(page, tmp_path, "page.pdf", b"<html><script>window.__xss=1</script></html>")
    page.fill("#title", "Mon document")
    page.click("text=Ajouter le document")
    assert title(page).startswith("Erreur : ")
    assert "page web" in page.inner_text(".error-summary")
    assert page.input_value("#title") == "Mon document"
    choose_file(page, tmp_path)
    page.select_option("#category", "compte_rendu")
    page.fill("#document_date-jour", "1")
    page.fill("#document_date-mois", "2")
    page.fill("#document_date-annee", "2025")
    page.click("text=Ajouter le document")
    page.wait_for_url(re.compile(r".*/documents/\d+$"))
    assert page.inner_text("h1") == "Mon document"
    page.click("text=Supprimer ce document")
    page.click("text=Supprimer définitivement")
    page.wait_for_url("**/documents")
    assert "Le document est supprimé" in page.inner_text("[role=status]")
    context.close()


def test_the_list_of_50_documents_stays_under_14_kb_and_passes_axe(live_server, page, db):
    space = db.scalars(select(HealthSpace).where(HealthSpace.nir == "254033155512362")).one()
    template = db.scalars(select(Document).where(Document.space_id == space.id)).first()
    for n in range(50):
        db.add(
            Document(
                space_id=space.id, title=f"Compte rendu de consultation numéro {n}",
                category=DocumentCategory.COMPTE_RENDU, document_date=date(2025, 1, 1 + n % 28),
                author_kind=AuthorKind.PROFESSIONAL,
                author_professional_id=template.author_professional_id,
                file_id=template.file_id, masked=False, created_at=clock.now(),
                updated_at=clock.now(),
            )
        )  # fmt: skip
    db.commit()
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    for url in ("/documents", "/documents?page=2", "/documents?page=3",
                "/activite?vue=professionnels&periode=tout"):  # fmt: skip
        page.goto(live_server(url))
        assert html_gzip_size(page) <= 14 * 1024, url
        assert axe_violations(page) == [], url


def test_filters_work_without_javascript(live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    page.goto(live_server("/documents"))
    page.select_option("#categorie", "prescription")
    page.click('button:has-text("Filtrer")')
    assert "2 documents" in page.inner_text("main")
    context.close()
