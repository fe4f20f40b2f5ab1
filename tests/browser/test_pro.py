"""The professional's side in a real browser: axe with zero violations on every /pro page
(with and without access, error states, the emergency steps, the deposit form), reflow at
320 px, the weight budget, and the emergency flow with the keyboard only."""

from __future__ import annotations

import re

from playwright.sync_api import Page

from espace import clock
from espace.models import Block, HealthSpace
from tests.browser.helpers import (
    axe_violations,
    html_gzip_size,
    no_horizontal_scroll,
    sign_in,
    title,
)
from tests.browser.test_journeys import press_tab_until
from tests.matrix.pro import GP, JEANNE_NIR, PHYSIO, SAMU, document_id, professional, space_id

WIDE = {"width": 1280, "height": 800}
NARROW = {"width": 320, "height": 640}


def check(page: Page, label: str, failures: dict) -> None:
    """axe at desktop width, then no sideways scrolling at 320 px, and the weight budget."""
    page.set_viewport_size(WIDE)
    if violations := axe_violations(page):
        failures[label] = violations
    page.set_viewport_size(NARROW)
    if not no_horizontal_scroll(page):
        failures.setdefault(label, []).append("scrolls sideways at 320 px")
    if html_gzip_size(page) > 14 * 1024:
        failures.setdefault(label, []).append("heavier than 14 KB gzip")
    page.set_viewport_size(WIDE)


def visit(page: Page, url: str, label: str, failures: dict) -> None:
    response = page.goto(url)
    assert response is not None and response.status < 400, (url, response and response.status)
    check(page, label, failures)


def find_patient(page: Page, base: str, nir: str = JEANNE_NIR, birth=("12", "3", "1954")) -> None:  # type: ignore[no-untyped-def]
    page.goto(base + "/pro")
    page.fill("#nir", nir)
    for part, value in zip(("jour", "mois", "annee"), birth, strict=True):
        page.fill(f"#birth_date-{part}", value)
    page.click("button:has-text('Trouver le patient')")


def test_every_page_of_the_gp_passes_axe_and_reflows(live_server, page, db):
    base, failures = live_server.url, {}
    sid, document = space_id(db), document_id(db)
    held = document_id(db, held=True)
    sign_in(page, base, live_server.outbox, GP)
    paths = ["/pro", *(f"/pro/patients/{sid}{path}" for path in (
        "", "/profil", f"/documents/{document}", f"/documents/{held}", "/deposer",
        "/prise-en-charge", "/urgence"))]  # fmt: skip
    for path in paths:
        visit(page, base + path, path, failures)
    # Error states: the search and the deposit form.
    find_patient(page, base, birth=("1", "1", "1950"))
    assert title(page).startswith("Erreur : ")
    check(page, "search: no match", failures)
    find_patient(page, base, nir="254033155512399", birth=("", "", ""))
    check(page, "search: bad NIR, no date", failures)
    page.goto(base + f"/pro/patients/{sid}/deposer")
    page.click("button:has-text('Déposer le document')")
    assert title(page).startswith("Erreur : ")
    check(page, "deposit: errors", failures)
    assert failures == {}


def test_the_pages_without_access_and_the_emergency_steps_pass_axe(live_server, page, db):
    base, failures = live_server.url, {}
    sid = space_id(db)
    sign_in(page, base, live_server.outbox, SAMU)
    find_patient(page, base)
    page.wait_for_url(f"**/pro/patients/{sid}")
    check(page, "door", failures)
    page.fill("#code", "ZZZZ-ZZZZ")
    page.click("button:has-text('Valider le code')")
    assert title(page).startswith("Erreur : ")
    check(page, "door: wrong code", failures)
    visit(page, base + f"/pro/patients/{sid}/prise-en-charge", "care episode", failures)
    visit(page, base + f"/pro/patients/{sid}/urgence", "emergency: step 1", failures)
    page.click("button:has-text('Continuer')")
    assert title(page).startswith("Erreur : ")
    check(page, "emergency: step 1 errors", failures)
    page.check("#mode-1")
    page.check("#reason_category-3")
    page.fill("#reason_text", "Appel au 15 : malaise à domicile, patiente confuse.")
    page.click("button:has-text('Continuer')")
    page.wait_for_url("**/urgence/confirmer")
    check(page, "emergency: step 2", failures)
    page.fill("#code", "12")
    page.click('button:has-text("Confirmer l\'accès en urgence")')
    assert title(page).startswith("Erreur : ")
    check(page, "emergency: step 2 errors", failures)
    page.fill("#code", live_server.outbox.last_code_for(SAMU))
    page.click('button:has-text("Confirmer l\'accès en urgence")')
    page.wait_for_url(f"**/pro/patients/{sid}")
    assert "Accès en urgence jusqu'au" in page.inner_text("main")
    check(page, "patient: emergency access", failures)
    assert failures == {}


def test_the_refusals_pass_axe(live_server, page, db):
    base, failures = live_server.url, {}
    space = db.get(HealthSpace, space_id(db))
    space.emergency_consent = False
    db.commit()
    sign_in(page, base, live_server.outbox, PHYSIO)
    find_patient(page, base)
    page.goto(base + f"/pro/patients/{space.id}/urgence")
    page.check("#reason_category-0")
    page.fill("#reason_text", "Patiente inconsciente après une chute, amenée aux urgences.")
    page.click("button:has-text('Continuer')")
    assert "refusé l'accès en urgence" in page.inner_text("main")
    check(page, "emergency: consent off", failures)
    db.reload()
    db.add(Block(space_id=space.id, professional_id=professional(db, "Roux").id,
                 created_at=clock.now()))  # fmt: skip
    db.commit()
    page.goto(base + f"/pro/patients/{space.id}")
    assert "ne souhaite pas que vous accédiez" in page.inner_text("main")
    check(page, "door: blocked", failures)
    assert failures == {}


def test_the_emergency_flow_with_the_keyboard_only(live_server, page, db):
    sid = space_id(db)
    sign_in(page, live_server.url, live_server.outbox, PHYSIO)
    page.goto(live_server("/pro"))
    press_tab_until(page, "#nir")
    page.keyboard.type("2 54 03 31 555 123 62")
    press_tab_until(page, "#birth_date-jour")
    page.keyboard.type("12")
    page.keyboard.press("Tab")
    page.keyboard.type("3")
    page.keyboard.press("Tab")
    page.keyboard.type("1954")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/pro/patients/{sid}")
    press_tab_until(page, "a[href$='/urgence']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/urgence")
    press_tab_until(page, "#reason_category-0")
    page.keyboard.press("Space")
    press_tab_until(page, "#reason_text")
    page.keyboard.type("Patiente inconsciente après une chute, amenée aux urgences.")
    press_tab_until(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/urgence/confirmer")
    assert page.inner_text("h1") == "Confirmer l'accès en urgence"
    press_tab_until(page, "#code")
    page.keyboard.type(live_server.outbox.last_code_for(PHYSIO))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/pro/patients/{sid}")
    assert re.search(r"Accès en urgence jusqu'au \d", page.inner_text("main"))
    assert "L'accès en urgence est ouvert" in page.inner_text("[role=status]")
    assert axe_violations(page) == []


def test_finding_a_patient_and_declaring_care_work_without_javascript(live_server, browser, db):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sid = space_id(db)
    sign_in(page, live_server.url, live_server.outbox, SAMU)
    find_patient(page, live_server.url)
    page.wait_for_url(f"**/pro/patients/{sid}")
    page.click("text=Déclarer que je prends ce patient en charge")
    page.click("button:has-text('Je prends ce patient en charge')")
    page.wait_for_url(f"**/pro/patients/{sid}")
    assert "Équipe de soins" in page.inner_text("main")
    context.close()
