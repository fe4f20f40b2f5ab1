"""Managing a child's space in the browser: explicit, visible, keyboard-friendly, axe-clean."""

from __future__ import annotations

from tests.browser.helpers import axe_violations, no_horizontal_scroll, sign_in, title
from tests.browser.test_journeys import press_tab_until

KARIM = "karim.benali@example.org"


def test_karim_switches_to_leas_space_with_the_keyboard_and_the_banner_says_so(live_server, page):
    sign_in(page, live_server.url, live_server.outbox, KARIM)
    page.goto(live_server("/proches"))
    assert axe_violations(page) == []
    press_tab_until(page, "form[action='/proches/gerer'] button")  # Léa's: the only one
    page.keyboard.press("Enter")
    page.wait_for_url("**/tableau-de-bord")
    banner = page.locator(".acting-banner")
    assert "Vous gérez l'espace santé de Léa Benali" in banner.inner_text()
    assert axe_violations(page) == []
    for path in ("/documents", "/proches"):
        page.goto(live_server(path))
        assert page.locator(".acting-banner").is_visible()
        assert axe_violations(page) == []
    page.set_viewport_size({"width": 320, "height": 640})
    assert no_horizontal_scroll(page)


def test_an_invitation_error_is_announced_and_linked(live_server, page):
    sign_in(page, live_server.url, live_server.outbox, "jeanne.martin@example.org")
    page.goto(live_server("/proches"))
    page.fill("#email", "pas-une-adresse")
    page.click('button:has-text("Envoyer l\'invitation")')
    assert title(page).startswith("Erreur : ")
    assert axe_violations(page) == []
