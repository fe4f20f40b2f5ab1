"""The agenda in a real browser: axe with zero violations on every page and error state,
reflow at 320 px and the weight budget; adding an appointment with the keyboard only, and
the whole journey with JavaScript off."""

from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import Page

from espace import clock
from tests.browser.helpers import loaded, sign_in, title
from tests.browser.test_journeys import press_tab_until
from tests.browser.test_pro import check
from tests.matrix.agenda import BLOOD_TEST, appointment, space_id
from tests.matrix.pro import GP

JEANNE = "jeanne.martin@example.org"


def fill_day(page: Page, days_ahead: int) -> None:
    day = clock.today_in_paris() + timedelta(days=days_ahead)
    page.fill("#day-jour", str(day.day))
    page.fill("#day-mois", str(day.month))
    page.fill("#day-annee", str(day.year))


def visit(page: Page, url: str, label: str, failures: dict) -> None:
    response = page.goto(url)
    assert response is not None and response.status < 400, (url, response and response.status)
    check(page, label, failures)


def test_every_agenda_page_of_the_holder_passes_axe_and_reflows(live_server, page, db):
    base, failures = live_server.url, {}
    blood = appointment(db).id
    sign_in(page, base, live_server.outbox, JEANNE)
    for path, label in [("/agenda", "list"), ("/agenda/passes", "past"),
                        ("/agenda/ajouter", "add"), (f"/agenda/{blood}", "detail"),
                        (f"/agenda/{blood}/modifier", "change"),
                        (f"/agenda/{blood}/annuler", "cancel"),
                        ("/agenda/abonnement", "links, none yet"),
                        ("/agenda/prevention", "prevention")]:  # fmt: skip
        visit(page, base + path, label, failures)
    # Error states: everything missing; then a name found in the directory (radios).
    page.goto(base + "/agenda/ajouter")
    page.click("button:has-text('Ajouter le rendez-vous')")
    assert title(page).startswith("Erreur : ")
    check(page, "add, every field missing", failures)
    fill_day(page, -2)
    page.fill("#time", "25 h")
    page.fill("#title", "Kinésithérapie")
    page.fill("#professional", "Durand")
    page.click("button:has-text('Ajouter le rendez-vous')")
    assert loaded(page).locator("#professional_choice-0").count() == 1
    check(page, "add, past date, wrong time, directory choice", failures)
    page.goto(base + f"/agenda/{blood}/modifier")
    page.fill("#title", "")
    page.click("button:has-text('Enregistrer les modifications')")
    check(page, "change, error", failures)
    # A link, shown once; then the list of links; a hidden prevention item.
    page.goto(base + "/agenda/abonnement")
    page.click('button:has-text("Créer un lien d\'abonnement")')
    assert "/agenda/flux/" in page.inner_text(".secret")
    check(page, "link created", failures)
    visit(page, base + "/agenda/abonnement", "links", failures)
    page.goto(base + "/agenda/prevention")
    page.locator("button:has-text('Ne plus afficher')").first.click()
    page.wait_for_url("**/agenda/prevention")
    check(page, "prevention, one item hidden", failures)
    page.locator("details summary").first.click()
    check(page, "prevention, a reason open", failures)
    assert failures == {}


def test_the_professional_form_passes_axe_with_and_without_errors(live_server, page, db):
    base, failures = live_server.url, {}
    sign_in(page, base, live_server.outbox, GP)
    visit(page, base + f"/pro/patients/{space_id(db)}", "patient page with the link", failures)
    page.click("text=Ajouter un rendez-vous à son agenda")
    check(page, "pro form", failures)
    page.click("button:has-text('Ajouter le rendez-vous')")
    assert title(page).startswith("Erreur : ")
    check(page, "pro form, errors", failures)
    assert failures == {}


def test_adding_an_appointment_with_the_keyboard_only(live_server, page):
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    page.goto(live_server("/agenda"))
    press_tab_until(page, "a[href='/agenda/ajouter']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/agenda/ajouter")
    day = clock.today_in_paris() + timedelta(days=9)
    press_tab_until(page, "#day-jour")
    page.keyboard.type(str(day.day))
    page.keyboard.press("Tab")
    page.keyboard.type(str(day.month))
    page.keyboard.press("Tab")
    page.keyboard.type(str(day.year))
    press_tab_until(page, "#time")
    page.keyboard.type("16 h 45")
    press_tab_until(page, "#title")
    page.keyboard.type("Consultation de cardiologie")
    press_tab_until(page, "#professional")
    page.keyboard.type("Durand")
    page.keyboard.press("Enter")  # the directory has her: the form asks which one
    page.wait_for_selector("#professional_choice-0")
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    press_tab_until(page, "#professional_choice-0")
    page.keyboard.press("Space")
    press_tab_until(page, "#remind_same_day")
    page.keyboard.press("Space")
    press_tab_until(page, "form[action='/agenda/ajouter'] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/agenda/\d+$"))
    assert page.inner_text("h1") == "Consultation de cardiologie"
    assert "Le rendez-vous est ajouté" in page.inner_text("[role=status]")
    main = page.inner_text("main")
    assert "à 16 h 45 (heure de Paris)" in main and "Dr Sophie Durand" in main
    assert "et le jour même" in main


def test_the_whole_journey_works_with_javascript_off(live_server, browser, db):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    page.goto(live_server("/agenda"))
    page.click("text=Ajouter un rendez-vous")
    fill_day(page, -1)
    page.fill("#time", "9:30")
    page.fill("#title", "Radiologie du genou")
    page.fill("#place", "Centre d'imagerie, Toulouse")
    page.click("button:has-text('Ajouter le rendez-vous')")
    assert title(page).startswith("Erreur : ")
    assert "Choisissez une date à venir" in page.inner_text(".error-summary")
    assert page.input_value("#place") == "Centre d'imagerie, Toulouse"
    fill_day(page, 5)
    page.click("button:has-text('Ajouter le rendez-vous')")
    page.wait_for_url(re.compile(r".*/agenda/\d+$"))
    assert page.inner_text("h1") == "Radiologie du genou"
    with page.expect_download() as download:
        page.click("text=Télécharger pour mon calendrier")
    assert download.value.suggested_filename.endswith(".ics")
    page.click("text=Modifier le rendez-vous")
    page.fill("#time", "10:15")
    page.click("button:has-text('Enregistrer les modifications')")
    page.wait_for_url(re.compile(r".*/agenda/\d+$"))
    assert "à 10 h 15" in page.inner_text("main")
    page.click("text=Annuler ce rendez-vous")
    page.click("button:has-text('Oui, annuler le rendez-vous')")
    page.wait_for_url("**/agenda")
    assert "Radiologie du genou" not in page.inner_text("main")
    assert BLOOD_TEST in page.inner_text("main")
    page.click("text=Gérer les liens d'abonnement")
    page.click('button:has-text("Créer un lien d\'abonnement")')
    link = page.inner_text(".secret")
    assert page.request.get(link).status == 200
    page.click("text=Revenir aux liens d'abonnement")
    page.click("button:has-text('Supprimer ce lien')")
    assert "Le lien est supprimé" in page.inner_text("[role=status]")
    assert page.request.get(link).status == 404
    page.goto(live_server("/agenda/prevention"))
    page.click("button:has-text('Ne plus afficher : Vaccin contre le zona')")
    page.click("button:has-text('Afficher de nouveau : Vaccin contre le zona')")
    assert "Ce rappel est de nouveau affiché" in page.inner_text("[role=status]")
    context.close()
