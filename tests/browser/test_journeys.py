"""Sign-in with the keyboard only, and with JavaScript off; the page-weight budget."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.browser.helpers import crawl, html_gzip_size, sign_in

JEANNE = "jeanne.martin@example.org"


def press_tab_until(page: Page, selector: str, limit: int = 30) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_sign_in_with_the_keyboard_only(live_server, page):
    page.goto(live_server("/connexion"))
    press_tab_until(page, "#email")
    page.keyboard.type(JEANNE)
    press_tab_until(page, "#password")
    page.keyboard.type("Espace-Demo-2026")
    page.keyboard.press("Enter")
    page.wait_for_url("**/connexion/code")
    press_tab_until(page, "#code")
    page.keyboard.type(live_server.outbox.last_code_for(JEANNE))
    page.keyboard.press("Enter")
    page.wait_for_url("**/tableau-de-bord")
    assert page.inner_text("h1") == "Tableau de bord"
    # And sign out with the keyboard too.
    press_tab_until(page, "header button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/connexion")


def test_sign_in_with_javascript_disabled(live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    assert "Bonjour Jeanne Martin" in page.inner_text("main")
    page.click("text=Se déconnecter")
    page.wait_for_url("**/connexion")
    context.close()


def test_every_page_html_weighs_at_most_14_kb_gzip(live_server, page):
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    urls = [*crawl(page, live_server.url, "/tableau-de-bord"), live_server("/")]
    for url in urls:
        page.goto(url)
        assert html_gzip_size(page) <= 14 * 1024, url


def test_a_cold_first_visit_transfers_at_most_40_kb(live_server, browser):
    for path in ["/", "/connexion", "/accessibilite"]:
        context = browser.new_context()
        page = context.new_page()
        responses: list = []

        def keep(response, responses=responses):  # a function: Playwright rejects bound methods
            responses.append(response)

        page.on("response", keep)
        page.goto(live_server(path), wait_until="networkidle")
        total = 0
        for response in responses:
            sizes = response.request.sizes()
            total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        assert total <= 40 * 1024, (path, total, [r.url for r in responses])
        html = next(r for r in responses if r.url == live_server(path))
        assert html.request.sizes()["responseBodySize"] <= 14 * 1024
        assert html.headers.get("content-encoding") == "gzip"
        context.close()
