"""Closing a space and "Télécharger mes données" in a real browser: axe with zero
violations and reflow at 320 px on every page and state (errors, pending, ready, closed),
the export's own index.html too; closing with the keyboard only; everything without
JavaScript as well."""

from __future__ import annotations

import io
import re
import zipfile

from playwright.sync_api import Page

from espace import clock
from espace.demo.personas import DEMO_PASSWORD
from tests.browser.helpers import (
    axe_violations,
    html_gzip_size,
    no_horizontal_scroll,
    sign_in,
    title,
)
from tests.browser.test_journeys import press_tab_until
from tests.closure_support import JEANNE, close_jeanne, ready_export, run_jobs

BUDGET = 14 * 1024


def check(page: Page, failures: dict, label: str) -> None:
    """axe at desktop width, then no sideways scroll at 320 px (WCAG 1.4.10)."""
    if violations := axe_violations(page):
        failures[label] = violations
    page.set_viewport_size({"width": 320, "height": 640})
    if not no_horizontal_scroll(page):
        failures.setdefault(label, []).append("scrolls sideways at 320 px")
    page.set_viewport_size({"width": 1280, "height": 800})


def test_every_page_and_state_passes_axe_and_reflows(live_server, page, db):
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    failures: dict = {}
    for path in ["/espace", "/espace/fermer", "/mes-donnees"]:
        page.goto(live_server(path))
        check(page, failures, path)
        assert html_gzip_size(page) <= BUDGET, path
    page.goto(live_server("/espace/fermer"))
    page.get_by_role("button", name="Fermer l'espace").click()
    assert title(page).startswith("Erreur : ")
    check(page, failures, "fermer (erreur)")
    page.goto(live_server("/mes-donnees"))
    page.get_by_role("button", name="Préparer mes données").click()
    page.wait_for_url("**/mes-donnees")
    check(page, failures, "mes-donnees (en préparation)")
    ready_export(db)
    page.goto(live_server("/mes-donnees"))
    assert page.locator("a", has_text="Télécharger le fichier du").count() == 1
    check(page, failures, "mes-donnees (prêt)")
    close_jeanne(db)
    page.goto(live_server("/espace"))
    check(page, failures, "espace fermé")
    page.goto(live_server("/espace/suppression"))
    check(page, failures, "/espace/suppression")
    page.get_by_role("button", name="Demander la suppression").click()
    assert title(page).startswith("Erreur : ")
    check(page, failures, "suppression (erreur)")
    assert failures == {}


def test_the_exports_own_summary_passes_axe(live_server, page, tmp_path):
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    page.goto(live_server("/mes-donnees"))
    page.get_by_role("button", name="Préparer mes données").click()
    page.wait_for_url("**/mes-donnees")
    run_jobs(live_server.app, clock.now())
    page.goto(live_server("/mes-donnees"))
    link = page.locator("a", has_text="Télécharger le fichier du")
    content = page.request.get(live_server(link.get_attribute("href"))).body()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        archive.extractall(tmp_path)
    summary = tmp_path / "index.html"
    page.goto(summary.as_uri())  # as the person opens it: from the disk
    assert page.inner_text("h1") == "Données de l'espace santé de Jeanne Martin"
    failures: dict = {}
    check(page, failures, "index.html")
    assert failures == {}
    # Its links lead to the files beside it.
    first = page.locator("a[href^='documents/']").first.get_attribute("href")
    assert first.startswith("documents/") and (tmp_path / first).is_file()


def test_closing_with_the_keyboard_only(live_server, page):
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    page.goto(live_server("/espace"))
    press_tab_until(page, "a[href='/espace/fermer']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/espace/fermer")
    press_tab_until(page, "#password")
    page.keyboard.type(DEMO_PASSWORD)
    press_tab_until(page, "button.button--warning")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/espace$"))
    assert page.inner_text("h1") == "Votre espace santé est fermé"
    assert "L'espace est fermé" in page.inner_text("[role=status]")
    press_tab_until(page, "form[action='/espace/rouvrir'] button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tableau-de-bord")
    assert "L'espace est rouvert" in page.inner_text("[role=status]")


def test_closing_asking_and_reopening_work_without_javascript(live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    page.goto(live_server("/mes-donnees"))
    page.get_by_role("button", name="Préparer mes données").click()
    assert "En préparation" in page.inner_text("main")
    assert "Revenez sur cette page" in page.inner_text("main")
    page.goto(live_server("/espace/fermer"))
    page.fill("#password", "pas-le-bon")
    page.get_by_role("button", name="Fermer l'espace").click()
    assert "ne correspond pas" in page.inner_text(".error-summary")
    page.fill("#password", DEMO_PASSWORD)
    page.get_by_role("button", name="Fermer l'espace").click()
    assert page.inner_text("h1") == "Votre espace santé est fermé"
    page.goto(live_server("/documents"))
    assert page.inner_text("h1") == "Votre espace santé est fermé"
    page.click("text=Demander la suppression de mes données")
    page.fill("#password", DEMO_PASSWORD)
    page.get_by_role("button", name="Demander la suppression").click()
    assert "Suppression demandée le" in page.inner_text("main")
    page.get_by_role("button", name="Rouvrir mon espace").click()
    page.wait_for_url("**/tableau-de-bord")
    context.close()
