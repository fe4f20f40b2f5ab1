"""axe-core on every page reachable by each persona, with zero violations of any impact,
and the criteria axe cannot judge (ACCESSIBILITY.md): reflow, focus, status messages..."""

from __future__ import annotations

import pytest

from tests.browser.helpers import axe_violations, crawl, no_horizontal_scroll, sign_in, title

PERSONA_EMAILS = [
    None,
    "jeanne.martin@example.org",
    "karim.benali@example.org",
    "lucas.petit@example.org",
    "sophie.durand@example.org",
    "paul.leroy@example.org",
    "amina.diallo@example.org",
    "marc.roux@example.org",
    "urgence.samu@example.org",
    "agent.cpam@example.org",
    "animation@example.org",
]


@pytest.mark.parametrize("email", PERSONA_EMAILS, ids=lambda e: e or "anonyme")
def test_every_page_reachable_by_each_persona_passes_axe_and_reflows_at_320px(
    live_server, page, email
):
    if email:
        sign_in(page, live_server.url, live_server.outbox, email)
        start = "/tableau-de-bord"
    else:
        start = "/"
    urls = crawl(page, live_server.url, start)
    assert len(urls) >= 4
    failures = {}
    for url in urls:
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(url)
        if violations := axe_violations(page):
            failures[url] = violations
        page.set_viewport_size({"width": 320, "height": 640})
        if not no_horizontal_scroll(page):
            failures.setdefault(url, []).append("scrolls sideways at 320 px")
    assert failures == {}


def test_error_states_pass_axe(live_server, page):
    page.goto(live_server("/connexion"))
    page.click("button[type=submit]")
    assert title(page).startswith("Erreur : ")
    assert axe_violations(page) == []
    page.goto(live_server("/nexiste-pas"))
    assert axe_violations(page) == []


def test_text_at_200_percent_and_wider_spacing_do_not_break_pages(live_server, browser):
    # The test's own style sheet needs the CSP bypassed; the app's CSP stays strict.
    page = browser.new_context(bypass_csp=True).new_page()
    sign_in(page, live_server.url, live_server.outbox, "jeanne.martin@example.org")
    for path in ["/tableau-de-bord", "/compte", "/compte/authentificateur", "/accessibilite"]:
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


FOCUS_STYLE = """el => {
  const s = getComputedStyle(el);
  return [s.outlineStyle, s.outlineWidth, s.boxShadow, s.backgroundColor].join('|');
}"""


def tab_through(page, steps: int = 40) -> list[tuple[str, str, str]]:
    """(tag, text, focus style) of each element focused by Tab, in order."""
    seen = []
    page.locator("body").evaluate("b => b.focus()")
    for _ in range(steps):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => { const el = document.activeElement;
            if (!el || el === document.body) return null;
            const s = getComputedStyle(el);
            return [el.tagName, (el.innerText || el.value || el.id || '').slice(0, 40),
                    s.outlineStyle + ' ' + s.outlineWidth]; }"""
        )
        if info is None or (seen and info == list(seen[0])):
            break
        seen.append(tuple(info))
    return seen


@pytest.mark.parametrize("forced_colors", ["none", "active"])
def test_focus_is_visible_on_every_focusable_element(live_server, page, forced_colors):
    page.emulate_media(forced_colors=forced_colors)
    sign_in(page, live_server.url, live_server.outbox, "jeanne.martin@example.org")
    for path in ["/tableau-de-bord", "/compte", "/connexion"]:
        page.goto(live_server(path))
        focused = tab_through(page)
        assert len(focused) >= 3, path
        for tag, label, outline in focused:
            assert not outline.startswith("none") and not outline.endswith(" 0px"), (
                path,
                tag,
                label,
                outline,
            )


def test_the_skip_link_is_first_and_moves_focus_to_the_content(live_server, page):
    page.goto(live_server("/"))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Aller au contenu"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"


def test_buttons_and_links_are_large_enough_to_hit(live_server, page):
    sign_in(page, live_server.url, live_server.outbox, "jeanne.martin@example.org")
    for path in ["/tableau-de-bord", "/compte", "/compte/authentificateur"]:
        page.goto(live_server(path))
        small = page.evaluate(
            """() => [...document.querySelectorAll('button, .main-nav a, input, .site-footer a')]
              .filter(e => e.type !== 'hidden' && e.offsetParent !== null)
              .map(e => [e.tagName, (e.innerText || e.id).slice(0, 30), e.getBoundingClientRect()])
              .filter(([t, n, r]) => r.width < 24 || r.height < 24)
              .map(([t, n, r]) => `${t} ${n} ${r.width}x${r.height}`)"""
        )
        assert small == [], path


def test_the_error_summary_gets_focus_and_links_to_each_field(live_server, context):
    for javascript in (True, False):
        browser_context = context.browser.new_context(java_script_enabled=javascript)
        page = browser_context.new_page()
        page.goto(live_server("/connexion"))
        page.click("button[type=submit]")
        # autofocus runs once the page is rendered, with or without JavaScript.
        page.locator(".error-summary:focus").wait_for()
        page.click(".error-summary a[href='#password']")
        assert page.evaluate("document.activeElement.id") == "password"
        browser_context.close()


def test_a_status_message_after_an_action_is_in_a_status_region(live_server, page):
    sign_in(page, live_server.url, live_server.outbox, "jeanne.martin@example.org")
    assert "Vous êtes connecté" in page.inner_text("[role=status]")
    page.click("text=Se déconnecter")
    page.wait_for_url("**/connexion")
    assert "Vous êtes déconnecté" in page.inner_text("[role=status]")


def test_the_idle_warning_is_announced_and_the_button_keeps_the_session(live_server, page):
    page.clock.install()
    sign_in(page, live_server.url, live_server.outbox, "jeanne.martin@example.org")
    warning = page.locator("#session-warning")
    assert warning.is_hidden()
    assert page.locator("#alerte").count() == 1  # the alert region exists before the warning
    page.clock.fast_forward("13:05")
    warning.wait_for(state="visible")
    assert "2 minutes" in page.inner_text("#alerte")
    page.click("#session-warning button")
    page.locator("#statut", has_text="prolongée").wait_for()
    assert page.url.endswith("/tableau-de-bord")  # no navigation: htmx swapped the status
    assert warning.is_hidden()
