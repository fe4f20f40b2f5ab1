"""The directory and the catalogue in Chromium: axe-core with zero violations on the search,
its results, a professional's page, the confirmations and the catalogue; the search with
JavaScript off (a plain GET form) and on (htmx, debounced, the count announced by a status
region that exists before the swap); the page weight at a full page of results."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from espace.models import HealthService, Professional
from tests.browser.helpers import axe_violations, html_gzip_size, no_horizontal_scroll, sign_in

JEANNE = "jeanne.martin@example.org"
PIERRE = "10555810350"  # a doctor of the sample extract


def professional_id(db, rpps: str) -> int:
    return db.scalars(select(Professional.id).where(Professional.rpps == rpps)).one()


def service_id(db, slug: str) -> int:
    return db.scalars(select(HealthService.id).where(HealthService.slug == slug)).one()


def states(db) -> dict[str, tuple[str, int]]:
    pierre, durand = professional_id(db, PIERRE), professional_id(db, "10100000011")
    tension, glycemie = service_id(db, "tension-suivi"), service_id(db, "glycemie-facile")
    return {
        "search": ("/annuaire", 200),
        "results": ("/annuaire?name=ma", 200),
        "results, second page": ("/annuaire?department=31&page=2", 200),
        "no result": ("/annuaire?name=zzzz&town=lyon", 200),
        "too short": ("/annuaire?name=m", 200),
        "error": ("/annuaire?postcode=abc&profession=x", 422),
        "professional": (f"/annuaire/{pierre}", 200),
        "her GP": (f"/annuaire/{durand}", 200),
        "declare GP": (f"/annuaire/{pierre}/medecin-traitant", 200),
        "catalogue": ("/catalogue", 200),
        "service": (f"/catalogue/{tension}", 200),
        "grant": (f"/catalogue/{tension}/autoriser", 200),
        "revoke": (f"/catalogue/{glycemie}/retirer", 200),
    }


@pytest.fixture
def jeanne_page(live_server, page):
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    return page


def test_every_state_passes_axe_reflows_at_320px_and_weighs_under_14_kb(
    live_server, jeanne_page, db
):
    page, failures = jeanne_page, {}
    for name, (path, status) in states(db).items():
        page.set_viewport_size({"width": 1280, "height": 800})
        response = page.goto(live_server(path))
        assert response.status == status, name
        if violations := axe_violations(page):
            failures[name] = violations
        if html_gzip_size(page) > 14 * 1024:
            failures.setdefault(name, []).append(f"{html_gzip_size(page)} bytes gzip")
        page.set_viewport_size({"width": 320, "height": 640})
        if not no_horizontal_scroll(page):
            failures.setdefault(name, []).append("scrolls sideways at 320 px")
        if axe_violations(page):
            failures.setdefault(name, []).append("axe at 320 px")
    assert failures == {}
    page.goto(live_server("/annuaire?department=31"))
    assert page.locator(".directory-results > li").count() == 20  # a full page was weighed


def test_searching_without_javascript(live_server, browser):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    page.goto(live_server("/annuaire"))
    page.fill("#name", "mai")
    page.select_option("#profession", "10")
    page.click("text=Rechercher")
    page.wait_for_url("**/annuaire?name=mai&profession=10**")
    assert page.inner_text("#resultats-statut") == "1 professionnel trouvé."
    page.click(".directory-results a")
    page.wait_for_url("**/annuaire/*")
    assert page.inner_text("h1") == "Dr Frédéric Maillard"
    assert "Saint-Nazaire" in page.inner_text("main")  # both sites
    # The GP declaration works without JavaScript too: a confirmation, then a POST.
    page.click("text=Déclarer comme médecin traitant")
    page.click("text=Oui, déclarer ce médecin")
    assert "Votre médecin traitant est déclaré." in page.inner_text("#statut")
    context.close()


def test_with_javascript_results_follow_the_typing_and_the_count_is_announced(
    live_server, jeanne_page
):
    page = jeanne_page
    requests: list = []

    def keep(request, requests=requests):  # a function: Playwright rejects bound methods
        if "/annuaire" in request.url:
            requests.append(request)

    page.goto(live_server("/annuaire"))
    page.on("request", keep)
    status = page.locator("#resultats-statut")
    assert status.get_attribute("role") == "status" and status.inner_text() == ""
    region = status.element_handle()  # the very element a screen reader listens to

    page.click("#name")
    page.keyboard.type("maillard", delay=40)  # quicker than the 400 ms debounce
    status.filter(has_text="1 professionnel trouvé.").wait_for()
    same = "el => el.isConnected && el === document.getElementById('resultats-statut')"
    assert region.evaluate(same)
    assert page.locator(".directory-results a").inner_text().startswith("Dr Frédéric Maillard")
    sent = [r for r in requests if r.headers.get("hx-request") == "true"]
    assert 1 <= len(sent) <= 2  # not one per key
    assert all(r.resource_type != "document" for r in requests)  # no page load
    assert "name=maillard" in page.url  # pushed: the address can be kept and shared

    page.select_option("#profession", "21")  # a list triggers the search too
    status.filter(has_text="Aucun professionnel trouvé.").wait_for()
    assert region.evaluate("el => el.isConnected")
    assert page.locator(".directory-results").count() == 0
    assert axe_violations(page) == []

    page.select_option("#profession", "")
    page.fill("#postcode", "abc")
    status.filter(has_text="La recherche n'a pas été faite").wait_for()
    page.click("#resultats-liste a[href='#postcode']")
    assert page.evaluate("document.activeElement.id") == "postcode"


def test_granting_a_service_with_the_keyboard(live_server, jeanne_page, db):
    page = jeanne_page
    page.goto(live_server(f"/catalogue/{service_id(db, 'tension-suivi')}"))
    page.focus("text=Autoriser ce service")
    page.keyboard.press("Enter")
    page.wait_for_url("**/autoriser")
    assert "Vos mesures de tension artérielle" in page.inner_text("main")
    page.focus("text=Oui, j'autorise ce service")
    page.keyboard.press("Enter")
    page.locator("#statut", has_text="Votre accord est enregistré.").wait_for()
    assert "Vous avez autorisé ce service le" in page.inner_text("main")
