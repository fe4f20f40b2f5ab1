"""Profil médical in a real browser: axe on every page (error states included), reflow at
320 px, and profile edits with the keyboard only, with and without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from sqlalchemy import select

from espace import clock
from espace.models import Allergy
from tests.browser.helpers import axe_violations, no_horizontal_scroll, sign_in, title
from tests.browser.test_journeys import press_tab_until

JEANNE = "jeanne.martin@example.org"
PAGES = [
    "/profil",
    "/profil/antecedents",
    "/profil/allergies",
    "/profil/traitements",
    "/profil/vaccinations",
    "/profil/entourage",
    "/profil/mesures",
    "/profil/mesures/poids",
    "/profil/mesures/tension",
    "/profil/mesures/glycemie",
    "/profil/mesures/taille",
    "/profil/mesures/temperature",
    "/profil/mesures/poids?periode=6-mois",
    "/profil/volontes",
    "/profil/volontes/modifier",
    "/profil/professionnels",
    "/profil/professionnels/ajouter",
    "/profil/notes",
    "/profil/notes/ajouter",
    "/profil/antecedents/ajouter",
    "/profil/allergies/ajouter",
    "/profil/traitements/ajouter",
    "/profil/vaccinations/ajouter",
    "/profil/entourage/ajouter",
    "/profil/mesures/poids/ajouter",
    "/profil/mesures/tension/ajouter",
]


def first_item_pages(page: Page, base_url: str) -> list[str]:
    """The edit and delete pages of the first item of each list, found by their links."""
    found = []
    for listing in [
        "/profil/allergies",
        "/profil/entourage",
        "/profil/mesures/poids",
        "/profil/notes",
        "/profil/professionnels",
    ]:
        page.goto(base_url + listing)
        for word in ("modifier", "supprimer"):
            link = page.locator(f"main a[href$='/{word}']").first
            if link.count():
                found.append(link.get_attribute("href"))
    return found


def check(page: Page, failures: dict, label: str) -> None:
    if violations := axe_violations(page):
        failures[label] = violations
    width = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 640})
    if not no_horizontal_scroll(page):
        failures.setdefault(label, []).append("scrolls sideways at 320 px")
    page.set_viewport_size(width)


def test_every_profile_page_passes_axe_and_reflows_at_320px(live_server, page):
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    urls = PAGES + first_item_pages(page, live_server.url)
    assert len(urls) > len(PAGES) + 6
    failures: dict = {}
    page.set_viewport_size({"width": 1280, "height": 800})
    for url in urls:
        response = page.goto(live_server(url))
        assert response is not None and response.status == 200, url
        check(page, failures, url)
    assert failures == {}


@pytest.mark.parametrize(
    ("url", "answers"),
    [
        ("/profil/allergies/ajouter", {}),
        (
            "/profil/antecedents/ajouter",
            {"#kind-1": "check", "#since-jour": "31", "#since-mois": "2", "#since-annee": "2020"},
        ),
        (
            "/profil/mesures/tension/ajouter",
            {
                "#value": "300",
                "#second_value": "20",
                "#measured_on-jour": "1",
                "#measured_on-mois": "1",
                "#measured_on-annee": "2999",
            },
        ),
        ("/profil/entourage/ajouter", {"#kind-0": "check", "#name": "<b>Ana</b>", "#phone": "x"}),
        ("/profil/professionnels/ajouter", {"#rpps": "123"}),
        ("/profil/volontes/modifier", {"#advance_directives": "x" * 10_001}),
    ],
)
def test_error_states_pass_axe_and_reflow(live_server, page, url, answers):
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    page.goto(live_server(url))
    for selector, value in answers.items():
        if value == "check":
            page.check(selector)
        else:
            page.fill(selector, value)
    page.click(f"main form[action='{url}'] button[type=submit]")
    assert title(page).startswith("Erreur : ")
    page.locator(".error-summary:focus").wait_for()
    failures: dict = {}
    check(page, failures, url)
    assert failures == {}


def test_the_chart_fits_a_320px_screen_and_keeps_its_shape(live_server, page):
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server("/profil/mesures/tension"))
    assert no_horizontal_scroll(page)
    box = page.locator("svg.chart").bounding_box()
    assert box is not None and 200 < box["width"] <= 320
    assert abs(box["height"] / box["width"] - 240 / 400) < 0.02
    assert page.locator("svg.chart").get_attribute("role") == "img"
    page.set_viewport_size({"width": 1280, "height": 800})
    box = page.locator("svg.chart").bounding_box()
    assert box is not None and box["width"] <= 520


def test_text_at_200_percent_and_wider_spacing_do_not_break_profile_pages(live_server, browser):
    context = browser.new_context(bypass_csp=True)  # for the test's own style sheet only
    page = context.new_page()
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    for path in [
        "/profil",
        "/profil/mesures/poids",
        "/profil/allergies",
        "/profil/mesures/tension/ajouter",
    ]:
        page.set_viewport_size({"width": 640, "height": 800})
        page.goto(live_server(path))
        page.add_style_tag(content="html { font-size: 200% !important; }")
        assert no_horizontal_scroll(page), path
        page.goto(live_server(path))
        page.add_style_tag(
            content="* { line-height: 1.5 !important; letter-spacing: 0.12em !important; "
            "word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }"
        )
        page.set_viewport_size({"width": 320, "height": 640})
        assert no_horizontal_scroll(page), path
    context.close()


def focused(page: Page) -> str:
    return page.evaluate("document.activeElement.id || document.activeElement.tagName")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "sans-js"])
def test_a_measurement_is_added_with_the_keyboard_only(live_server, browser, javascript):
    context = browser.new_context(java_script_enabled=javascript, locale="fr-FR")
    page = context.new_page()
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    today = clock.today_in_paris()
    page.goto(live_server("/profil/mesures/poids"))
    press_tab_until(page, "main a[href='/profil/mesures/poids/ajouter']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/profil/mesures/poids/ajouter")
    press_tab_until(page, "#value")
    page.keyboard.type("900")  # a slip first: the error summary gets focus
    for box, value in (("jour", today.day), ("mois", today.month), ("annee", today.year)):
        press_tab_until(page, f"#measured_on-{box}")
        page.keyboard.type(str(value))
    page.keyboard.press("Enter")
    page.locator(".error-summary:focus").wait_for()
    assert "entre 0,3 et 400 kg" in page.inner_text(".error-summary")
    press_tab_until(page, ".error-summary a[href='#value']")
    page.keyboard.press("Enter")  # the link takes focus to the field to correct
    page.locator("#value:focus").wait_for()
    page.keyboard.press("Control+A")
    page.keyboard.type("71,2")
    press_tab_until(page, "#note")
    page.keyboard.type("Au réveil")
    page.keyboard.press("Enter")
    page.wait_for_url("**/profil/mesures/poids")
    assert "La mesure est ajoutée" in page.inner_text("[role=status]")
    assert "71,2 kg" in page.inner_text("table tbody tr:first-child")
    assert "Au réveil" in page.inner_text("table tbody tr:first-child")
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "sans-js"])
def test_an_allergy_is_added_and_changed_with_the_keyboard_only(live_server, browser, javascript):
    context = browser.new_context(java_script_enabled=javascript, locale="fr-FR")
    page = context.new_page()
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    page.goto(live_server("/profil/allergies"))
    press_tab_until(page, "main a[href='/profil/allergies/ajouter']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/profil/allergies/ajouter")
    press_tab_until(page, "#substance")
    page.keyboard.type("Amoxicilline")
    press_tab_until(page, "#reaction")
    page.keyboard.type("Plaques rouges")
    press_tab_until(page, "input[name=severity]")  # the group: focus lands on the checked one
    assert focused(page) == "severity-0"
    for _ in range(3):
        page.keyboard.press("ArrowDown")  # arrows move within the group, to "Grave"
    assert page.is_checked("#severity-3")
    press_tab_until(page, "form[action='/profil/allergies/ajouter'] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/profil/allergies")
    assert "L'allergie est ajoutée" in page.inner_text("[role=status]")
    assert "Amoxicilline" in page.inner_text("main")
    # Change it, still with the keyboard.
    with live_server.app.app_context():
        from espace.db import get_session

        allergy_id = get_session().scalar(
            select(Allergy.id).where(Allergy.substance == "Amoxicilline")
        )
    press_tab_until(page, f"main a[href='/profil/allergies/{allergy_id}/modifier']", limit=80)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/profil/allergies/{allergy_id}/modifier")
    press_tab_until(page, "#reaction")
    page.keyboard.press("Control+A")
    page.keyboard.type("Gonflement des lèvres")
    page.keyboard.press("Enter")
    page.wait_for_url("**/profil/allergies")
    assert "L'allergie est modifiée" in page.inner_text("[role=status]")
    assert "Gonflement des lèvres" in page.inner_text("main")
    context.close()
