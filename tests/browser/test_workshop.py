"""Workshops and feedback in a real browser (demo mode): axe with zero violations, reflow at
320 px and the weight budget on the facilitator's pages and the feedback pages, errors
included; feedback sent with the keyboard, with JavaScript on (inline, announced) and off."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from espace.models import Feedback, WorkshopSession
from tests.browser.helpers import axe_violations, html_gzip_size, no_horizontal_scroll, title
from tests.browser.test_journeys import press_tab_until

SUBMIT = "main form[novalidate] button[type=submit]"


@pytest.fixture
def app(make_app):  # type: ignore[no-untyped-def]
    return make_app(DEMO=True)


def check(page: Page, failures: dict, label: str) -> None:
    if violations := axe_violations(page):
        failures[label] = violations
    page.set_viewport_size({"width": 320, "height": 640})
    if not no_horizontal_scroll(page):
        failures.setdefault(label, []).append("scrolls sideways at 320 px")
    page.set_viewport_size({"width": 1280, "height": 800})
    if html_gzip_size(page) > 14 * 1024:
        failures.setdefault(label, []).append("weighs more than 14 KB gzip")


def become(page: Page, base: str, name: str) -> None:
    page.goto(base + "/demo")
    page.get_by_role("button", name=f"Devenir {name}").click()


def test_every_workshop_and_feedback_page_passes_axe(live_server, page, db):
    failures: dict = {}
    page.goto(live_server("/demo"))
    check(page, failures, "/demo")
    page.goto(live_server("/atelier/rejoindre"))
    check(page, failures, "/atelier/rejoindre")
    page.fill("#code", "ZZZZZZ")
    page.click(SUBMIT)
    assert title(page).startswith("Erreur : ")
    check(page, failures, "/atelier/rejoindre (erreur)")

    become(page, live_server.url, "Équipe d'animation")
    page.wait_for_url("**/atelier")
    check(page, failures, "/atelier")
    page.fill("#name", "Atelier Toulouse")
    page.click("form[action='/atelier'] button[type=submit]")  # no date: errors
    assert title(page).startswith("Erreur : ")
    check(page, failures, "/atelier (erreur)")
    page.fill("#held_on-jour", "4")
    page.fill("#held_on-mois", "12")
    page.fill("#held_on-annee", "2026")
    page.fill("#scenario", "Vous êtes Jeanne : trouvez votre dernière ordonnance.")
    page.click("form[action='/atelier'] button[type=submit]")
    page.wait_for_url("**/atelier/seances/*")
    assert "La séance est créée" in page.inner_text("#statut")
    check(page, failures, "/atelier/seances/<id>")

    page.goto(live_server("/atelier"))
    page.check("#ahead-2")
    page.click("form[action='/atelier/date'] button[type=submit]")
    page.wait_for_url("**/atelier")
    assert "Date simulée" in page.inner_text(".demo-banner")
    check(page, failures, "/atelier (date simulée)")
    page.goto(live_server("/atelier/reinitialiser"))
    check(page, failures, "/atelier/reinitialiser")
    page.goto(live_server("/avis/reponses"))
    check(page, failures, "/avis/reponses")

    page.goto(live_server("/avis?page=/agenda"))
    check(page, failures, "/avis")
    page.click(SUBMIT)
    page.wait_for_selector(".error-summary")
    check(page, failures, "/avis (erreur)")
    assert failures == {}


def test_feedback_with_the_keyboard_and_javascript_inline_and_announced(live_server, page, db):
    page.goto(live_server("/accessibilite"))
    press_tab_until(page, "footer a[href^='/avis']")
    page.keyboard.press("Enter")
    page.wait_for_selector("#avis form")
    assert page.url.endswith("/accessibilite")  # stayed on the page
    expect(page.locator("#avis h2[data-focus]")).to_be_focused()
    assert page.inner_text("#avis h2") == "Donner mon avis sur cette page"
    press_tab_until(page, "#avis #trying")
    page.keyboard.type("Lire la déclaration d'accessibilité")
    press_tab_until(page, "#avis #worked-0")
    page.keyboard.press("ArrowDown")  # "En partie"
    press_tab_until(page, "#avis #hard")
    page.keyboard.type("Le texte est long")
    press_tab_until(page, "#avis button[type=submit]")
    page.keyboard.press("Enter")
    page.locator("#statut", has_text="Merci pour votre avis").wait_for()
    expect(page.locator("#avis p[data-focus]")).to_be_focused()
    assert page.inner_text("#avis") == "Votre avis est envoyé."
    assert page.locator("#avis form").count() == 0
    db.reload()
    answer = db.scalars(select(Feedback)).one()
    assert (answer.page, answer.worked, answer.hard) == (
        "/accessibilite",
        "en_partie",
        "Le texte est long",
    )


def test_feedback_errors_inline_move_focus_to_the_summary(live_server, page, db):
    page.goto(live_server("/"))
    page.click("footer a[href^='/avis']")
    page.wait_for_selector("#avis form")
    page.click("#avis button[type=submit]")
    page.wait_for_selector("#avis .error-summary")
    expect(page.locator("#avis .error-summary")).to_be_focused()
    page.click("#avis .error-summary a[href='#trying']")
    assert page.evaluate("document.activeElement.id") == "trying"
    db.reload()
    assert db.scalars(select(Feedback)).all() == []


def test_feedback_with_the_keyboard_and_javascript_off(live_server, browser, db):
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server("/"))
    press_tab_until(page, "footer a[href^='/avis']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/avis?page=/")
    press_tab_until(page, "#trying")
    page.keyboard.type("Comprendre le service")
    press_tab_until(page, "#worked-0")
    page.keyboard.press("Space")
    press_tab_until(page, "#rating-0")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # 3
    press_tab_until(page, SUBMIT)
    page.keyboard.press("Enter")
    page.wait_for_url(live_server("/"))
    assert "Merci pour votre avis" in page.inner_text("#statut")
    db.reload()
    answer = db.scalars(select(Feedback)).one()
    assert (answer.page, answer.worked, answer.rating) == ("/", "oui", 3)
    context.close()


def test_a_participant_joins_and_picks_a_persona_with_javascript_off(live_server, browser, db):
    from datetime import date

    from espace.models import Account
    from espace.workshop.sessions import create, join_code

    with live_server.app.app_context():
        facilitator = db.scalar(select(Account).where(Account.email == "animation@example.org"))
        session = create(db, facilitator, "Atelier Nantes", date(2026, 12, 4), None,
                         facilitator.created_at)  # fmt: skip
        db.commit()
        code = join_code(session.id)
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server("/demo"))
    press_tab_until(page, "a[href='/atelier/rejoindre']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/atelier/rejoindre")
    press_tab_until(page, "#code")
    page.keyboard.type(code.lower())
    page.keyboard.press("Enter")
    page.wait_for_url("**/demo")
    assert "Séance : Atelier Nantes" in page.inner_text("main")
    page.get_by_role("button", name="Devenir Jeanne Martin").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/tableau-de-bord")
    assert "Jeanne Martin" in page.inner_text("header")
    db.reload()
    assert db.scalars(select(WorkshopSession)).one().name == "Atelier Nantes"
    context.close()
