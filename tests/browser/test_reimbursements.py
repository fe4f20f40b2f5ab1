"""The historique des soins in Chromium: axe-core with zero violations in every state,
filtering with the keyboard only and without JavaScript, reflow at 320 px."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from urllib.parse import urlencode

import pytest

from espace import clock
from espace.db import get_session
from espace.reimbursements.feed import COLUMNS
from espace.reimbursements.importer import import_feed
from tests.browser.helpers import axe_violations, loaded, no_horizontal_scroll, sign_in, title
from tests.xss import sample

JEANNE = "jeanne.martin@example.org"
URL = "/historique-des-soins"
STATES = {
    "default": URL,
    "filtered": f"{URL}?period=12&care_type=pharmacie",
    "second page": f"{URL}?page=2",
    "empty": f"{URL}?period=3&care_type=optique",  # Jeanne has no glasses
    "error": f"{URL}?period=36&care_type=x",
}


@pytest.fixture
def jeanne_page(live_server, page):
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    return page


@pytest.mark.parametrize("state", STATES)
def test_every_state_of_the_page_passes_axe_and_reflows_at_320px(live_server, jeanne_page, state):
    page = jeanne_page
    page.set_viewport_size({"width": 1280, "height": 800})
    response = page.goto(live_server(STATES[state]))
    assert response.status == (422 if state == "error" else 200)
    if state == "empty":
        assert "Aucun soin remboursé ne correspond à votre choix" in page.inner_text("main")
    elif state == "error":
        assert title(page).startswith("Erreur : ")
    else:
        assert page.locator("table tbody tr").count() > 0
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 320, "height": 640})
    assert no_horizontal_scroll(page), state
    assert axe_violations(page) == []


def test_at_320px_the_table_keeps_whole_words_and_scrolls_by_itself(live_server, jeanne_page):
    """Needs the rules of static/css/_reimbursements.css in espace.css: without them the
    six columns are squeezed into 288 px and words break letter by letter."""
    page = jeanne_page
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server(URL))
    region = page.locator(".table-wrap")
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")  # the table scrolls...
    assert no_horizontal_scroll(page)  # ...not the page
    region.focus()  # a scrolling region can be reached and scrolled with the keyboard
    assert region.evaluate("el => getComputedStyle(el).outlineStyle") != "none"
    page.keyboard.press("ArrowRight")
    for _ in range(50):  # polled from here: wait_for_function would need eval (CSP)
        if region.evaluate("el => el.scrollLeft > 0"):
            break
        page.wait_for_timeout(50)
    assert region.evaluate("el => el.scrollLeft > 0")
    caption = page.locator("caption").bounding_box()
    assert caption["x"] + caption["width"] <= 320  # the caption stays on screen


def test_text_at_200_percent_and_wider_spacing_do_not_break_the_page(live_server, browser):
    context = browser.new_context(bypass_csp=True)  # the test's own style sheet only
    page = context.new_page()
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    page.set_viewport_size({"width": 640, "height": 800})
    page.goto(live_server(URL))
    page.add_style_tag(content="html { font-size: 200% !important; }")
    assert no_horizontal_scroll(page)
    page.goto(live_server(URL))
    page.add_style_tag(
        content="* { line-height: 1.5 !important; letter-spacing: 0.12em !important; "
        "word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }"
    )
    page.set_viewport_size({"width": 320, "height": 640})
    assert no_horizontal_scroll(page)
    context.close()


def focus(page, element_id: str, limit: int = 60) -> None:
    """Press Tab until ``element_id`` has the focus (the keyboard only, no clicks)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    raise AssertionError(f"#{element_id} never got the focus with Tab")


def test_filtering_with_the_keyboard_only(live_server, jeanne_page):
    page = jeanne_page
    page.goto(live_server(URL))
    focus(page, "period")
    page.keyboard.type("Les 12")  # a select jumps to the option typed
    assert page.evaluate("document.activeElement.value") == "12"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "care_type"
    page.keyboard.type("Pharm")
    assert page.evaluate("document.activeElement.value") == "pharmacie"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Afficher les soins"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "period=12" in page.url and "care_type=pharmacie" in page.url
    assert page.url.endswith("#resultats")
    assert page.inner_text("#resultats").startswith("Pharmacie : soins du")
    types = page.locator("table tbody td:nth-child(3)").all_inner_texts()
    assert types and set(types) == {"Pharmacie"}


def test_filtering_works_without_javascript(live_server, browser):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    page.goto(live_server(URL))
    page.select_option("#period", "6")
    page.select_option("#care_type", "biologie")
    page.click("text=Afficher les soins")
    page.wait_for_url("**care_type=biologie**")
    assert page.inner_text("#resultats").startswith("Analyses (biologie) : soins du")
    types = page.locator("table tbody td:nth-child(3)").all_inner_texts()
    assert types and set(types) == {"Analyses (biologie)"}
    # A wrong value typed in the address bar gets the error summary, linked to the field.
    page.goto(live_server(f"{URL}?period=99"))
    assert title(page).startswith("Erreur : ")
    page.click(".error-summary a[href='#period']")
    assert page.evaluate("document.activeElement.id") == "period"
    page.click("text=Revoir tout l'historique")
    assert loaded(page).locator("table tbody tr").count() == 50
    next_link = page.locator("a[rel=next]")
    next_link.click()
    page.wait_for_url("**page=2**")
    assert title(page).startswith("Historique des soins (page 2)")
    context.close()


def test_injected_labels_and_filters_never_run_in_the_browser(live_server, jeanne_page):
    payloads = [
        p for p in sample() if not {"\r", "\n"} & set(p) and 0 < len(" ".join(p.split())) <= 200
    ]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(COLUMNS)
    yesterday = (clock.today_in_paris() - timedelta(days=1)).isoformat()
    for payload in payloads:
        writer.writerow([yesterday, "G", payload, "", "1,00", "1,00", "254033155512362"])
    out.seek(0)
    with live_server.app.app_context():
        db = get_session()
        assert import_feed(db, out, clock.now()).imported == len(
            {" ".join(p.split()) for p in payloads}
        )
        db.commit()
    page = jeanne_page
    for number in (1, 2, 3):
        page.goto(live_server(f"{URL}?page={number}"))
        page.wait_for_load_state("networkidle")
        for _ in range(8):  # focus moves through the page like a keyboard user's
            page.keyboard.press("Tab")
        assert page.evaluate("typeof window.__xss") == "undefined", number
    for payload in sample(25):
        page.goto(live_server(URL) + "?" + urlencode({"period": payload, "care_type": payload}))
        assert page.evaluate("typeof window.__xss") == "undefined", payload
