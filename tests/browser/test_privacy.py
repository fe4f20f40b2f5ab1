"""The holder's controls in a real browser: axe with zero violations and reflow at 320 px
on every page and state (errors, results, the share code), masking a document and
switching a consent with the keyboard only, and everything with JavaScript off."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import Page
from sqlalchemy import select

from espace import clock
from espace.models import AuthorKind, Document, DocumentCategory, MyProfessional, SpaceStatus
from tests.browser.helpers import (
    axe_violations,
    html_gzip_size,
    no_horizontal_scroll,
    sign_in,
    title,
)
from tests.browser.test_journeys import press_tab_until
from tests.matrix.privacy import PAUL_RPPS, SAMU_RPPS, SOPHIE_RPPS, jeanne_space, professional
from tests.matrix.record import jeanne_document

JEANNE = "jeanne.martin@example.org"
KARIM = "karim.benali@example.org"
PAGES = [
    "/confidentialite",
    "/confidentialite/documents",
    "/confidentialite/documents?categorie=prescription",
    "/confidentialite/professionnels",
    "/confidentialite/urgence",
    "/confidentialite/medecin-traitant",
    "/confidentialite/code-de-partage",
]


def check(page: Page, failures: dict, label: str) -> None:
    """axe at desktop width, then no sideways scroll at 320 px (WCAG 1.4.10)."""
    if violations := axe_violations(page):
        failures[label] = violations
    page.set_viewport_size({"width": 320, "height": 640})
    if not no_horizontal_scroll(page):
        failures.setdefault(label, []).append("scrolls sideways at 320 px")
    page.set_viewport_size({"width": 1280, "height": 800})


def visit(page: Page, url: str, failures: dict, status: int = 200) -> None:
    response = page.goto(url)
    assert response is not None and response.status == status, url
    check(page, failures, url)


def keep_a_doctor(db) -> None:
    """Dr Garnier in Jeanne's "mes professionnels": the GP page then offers a list."""
    db.add(MyProfessional(space_id=jeanne_space(db).id,
                          professional_id=professional(db, SAMU_RPPS).id,
                          created_at=clock.now(), updated_at=clock.now()))  # fmt: skip
    db.commit()


def test_every_privacy_page_passes_axe_and_reflows_at_320px(live_server, page, db):
    keep_a_doctor(db)
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    page.set_viewport_size({"width": 1280, "height": 800})
    failures: dict = {}
    for url in PAGES:
        visit(page, live_server(url), failures)
    for rpps in (PAUL_RPPS, SOPHIE_RPPS):  # a member, and the GP (who cannot be removed)
        visit(page, live_server(f"/confidentialite/professionnels/"
                                f"{professional(db, rpps).id}/retirer"), failures)  # fmt: skip
    assert failures == {}


def test_results_and_status_messages_pass_axe(live_server, page, db):
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    page.set_viewport_size({"width": 1280, "height": 800})
    failures: dict = {}
    # The share code, shown once, straight from the POST.
    page.goto(live_server("/confidentialite/code-de-partage"))
    page.click("main button:has-text('Créer un code de partage')")
    assert page.inner_text("h1") == "Votre code de partage"
    check(page, failures, "code de partage créé")
    # A block, then the lists with a blocked professional and its "Débloquer".
    page.goto(live_server("/confidentialite/professionnels"))
    page.locator("main button:has-text('Bloquer Paul Leroy')").first.click()
    assert "Le professionnel est bloqué" in page.inner_text("[role=status]")
    check(page, failures, "professionnel bloqué")
    # Everything masked.
    page.goto(live_server("/confidentialite/documents"))
    page.click("main button:has-text('Tout masquer')")
    assert "Tous vos documents sont masqués" in page.inner_text("[role=status]")
    check(page, failures, "tout masqué")
    assert failures == {}


def test_error_states_pass_axe(live_server, page, db):
    keep_a_doctor(db)
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    page.set_viewport_size({"width": 1280, "height": 800})
    failures: dict = {}
    visit(page, live_server("/confidentialite/documents?categorie=x"), failures, status=422)
    # A malformed RPPS number.
    page.goto(live_server("/confidentialite/medecin-traitant"))
    page.fill("#rpps", "123")
    page.click("main button:has-text('Déclarer le médecin de ce numéro RPPS')")
    assert title(page).startswith("Erreur : ")
    page.locator(".error-summary:focus").wait_for()
    check(page, failures, "RPPS mal formé")
    # No doctor chosen in the list.
    page.click("main button:has-text('Déclarer le médecin choisi')")
    assert title(page).startswith("Erreur : ")
    check(page, failures, "aucun médecin choisi")
    # A consent answer the page never offers (a tampered form).
    page.goto(live_server("/confidentialite/urgence"))
    page.evaluate("() => { document.querySelector('#urgence-0').value = 'peut-etre'; }")
    page.click("main button:has-text('Enregistrer mes choix')")
    assert title(page).startswith("Erreur : ")
    check(page, failures, "consentement invalide")
    assert failures == {}


def test_pages_of_a_space_not_yet_activated_and_of_another_holder_pass_axe(live_server, page, db):
    jeanne_space(db).status = SpaceStatus.OPEN
    db.commit()
    failures: dict = {}
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    page.set_viewport_size({"width": 1280, "height": 800})
    visit(page, live_server("/confidentialite/documents"), failures)
    assert "activez d'abord votre espace" in page.inner_text("main")
    page.context.clear_cookies()
    sign_in(page, live_server.url, live_server.outbox, KARIM)
    for url in PAGES:
        visit(page, live_server(url), failures)
    assert failures == {}


def test_masking_a_document_with_the_keyboard_only(live_server, page, db):
    document_id = jeanne_document(db, title="Ordonnance – metformine et bandelettes")
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    page.goto(live_server("/confidentialite/documents"))
    button = f"form[action='/confidentialite/documents/{document_id}/masquer'] button"
    press_tab_until(page, button, limit=80)
    with page.expect_navigation():  # Post/Redirect/Get to the same address
        page.keyboard.press("Enter")
    assert "Le document est masqué" in page.inner_text("[role=status]")
    assert page.locator(
        f"form[action='/confidentialite/documents/{document_id}/demasquer']"
    ).count()
    db.reload()
    assert db.get(Document, document_id).masked
    assert axe_violations(page) == []


def test_switching_a_consent_with_the_keyboard_only(live_server, page, db):
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    page.goto(live_server("/confidentialite/urgence"))
    press_tab_until(page, "#samu-0")  # Tab lands on the checked radio of the group
    page.keyboard.press("ArrowRight")  # arrows move the choice to "Non, je refuse"
    assert page.is_checked("#samu-1")
    press_tab_until(page, "main button[type=submit]")
    with page.expect_navigation():  # Post/Redirect/Get to the same address
        page.keyboard.press("Enter")
    assert "Vos choix pour l'accès en urgence sont enregistrés" in page.inner_text("[role=status]")
    assert page.is_checked("#samu-1") and page.is_checked("#urgence-0")
    db.reload()
    space = jeanne_space(db)
    assert space.emergency_consent and not space.samu_consent
    assert axe_violations(page) == []


# axe runs in the page's JavaScript: with JavaScript off, only behaviour is checked here.
def test_every_control_works_with_javascript_off(live_server, browser, db):
    document_id = jeanne_document(db, masked=True)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    page.goto(live_server("/confidentialite"))
    page.click("text=Masquer ou rendre visibles mes documents")
    page.click(f"form[action='/confidentialite/documents/{document_id}/demasquer'] button")
    assert "de nouveau visible" in page.inner_text("[role=status]")
    page.goto(live_server("/confidentialite/urgence"))
    page.check("#urgence-1")
    page.click("main button:has-text('Enregistrer mes choix')")
    assert "sont enregistrés" in page.inner_text("[role=status]")
    page.goto(live_server("/confidentialite/professionnels"))
    page.locator("main button:has-text('Bloquer Amina Diallo')").first.click()
    assert "Le professionnel est bloqué" in page.inner_text("[role=status]")
    page.click("main button:has-text('Débloquer Amina Diallo')")
    assert "Le professionnel est débloqué" in page.inner_text("[role=status]")
    page.click("text=Retirer de mon équipe de soins : Paul Leroy")
    page.click("text=Oui, retirer ce professionnel")
    assert "retiré de votre équipe de soins" in page.inner_text("[role=status]")
    page.goto(live_server("/confidentialite/medecin-traitant"))
    page.fill("#rpps", SAMU_RPPS)
    page.click("main button:has-text('Déclarer le médecin de ce numéro RPPS')")
    assert "Votre médecin traitant est déclaré" in page.inner_text("[role=status]")
    page.goto(live_server("/confidentialite/code-de-partage"))
    page.click("main button:has-text('Créer un code de partage')")
    assert "Valable jusqu'à" in page.inner_text("main")
    db.reload()
    space = jeanne_space(db)
    assert not db.get(Document, document_id).masked
    assert not space.emergency_consent and space.gp.rpps == SAMU_RPPS
    context.close()


def test_a_full_page_of_documents_stays_under_14_kb(live_server, page, db):
    space = jeanne_space(db)
    template = db.scalars(select(Document).where(Document.space_id == space.id)).first()
    for n in range(30):
        db.add(
            Document(
                space_id=space.id, title=f"Compte rendu de consultation de suivi numéro {n}",
                category=DocumentCategory.COMPTE_RENDU, document_date=date(2025, 1, 1 + n % 28),
                author_kind=AuthorKind.PROFESSIONAL,
                author_professional_id=template.author_professional_id,
                file_id=template.file_id, masked=n % 3 == 0, created_at=clock.now(),
                updated_at=clock.now(),
            )
        )  # fmt: skip
    db.commit()
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    for url in ("/confidentialite/documents", "/confidentialite/documents?page=2",
                "/confidentialite/professionnels"):  # fmt: skip
        page.goto(live_server(url))
        assert html_gzip_size(page) <= 14 * 1024, url
        assert axe_violations(page) == [], url


def test_with_the_privacy_styles_the_share_code_fits_320px_and_200_percent_text(
    live_server, browser
):
    # The CSP is bypassed only for the test's own 200 % text style tag.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    page.goto(live_server("/confidentialite/code-de-partage"))
    page.click("main button:has-text('Créer un code de partage')")
    assert (
        page.locator(".share-code")
        .evaluate("e => getComputedStyle(e).fontFamily")
        .startswith("ui-monospace")
    )
    page.set_viewport_size({"width": 320, "height": 640})
    assert no_horizontal_scroll(page)
    box = page.locator(".share-code").bounding_box()
    assert box is not None and box["width"] <= 320 - 32
    page.set_viewport_size({"width": 640, "height": 800})
    page.add_style_tag(content="html { font-size: 200% !important; }")
    assert no_horizontal_scroll(page)
    assert axe_violations(page) == []
    context.close()
