"""The life of a space in a real browser: axe with zero violations and reflow at 320 px on
every page of /activation, /opposition and /gestion (errors, the neutral answer, the
letters to print included); activation and opposition with the keyboard only, and with
JavaScript off."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from playwright.sync_api import Page

from tests.browser.helpers import (
    axe_violations,
    html_gzip_size,
    no_horizontal_scroll,
    sign_in,
    title,
)
from tests.browser.test_journeys import press_tab_until
from tests.space_life_support import (
    OPERATOR,
    code_from,
    enrol,
    line,
    new_nir,
    run_jobs,
    write_file,
)

CONFIRMATION = re.compile(r"saisissez ce code : (\d{6})")
PASSWORD = "Mon chat dort au soleil !"
SUBMIT = "main form[novalidate] button[type=submit]"  # not the idle warning's button


def now() -> datetime:
    return datetime.now(UTC)


def enrol_now(app, tmp_path: Path, email: str = "", days_ago: int = 0, **kwargs) -> str:  # type: ignore[no-untyped-def]
    nir = new_nir()
    path = write_file(tmp_path, line(nir, email=email, **kwargs), name=f"{nir}.csv")
    result = enrol(app, path, at=now() - timedelta(days=days_ago))
    assert result.exit_code == 0, result.output
    return nir


def confirmation_code(outbox, address: str) -> str:  # type: ignore[no-untyped-def]
    for message in reversed(outbox.to(address)):
        if match := CONFIRMATION.search(message.get_content()):
            return match.group(1)
    raise AssertionError(f"no confirmation code sent to {address}")


def check(page: Page, failures: dict, label: str) -> None:
    if violations := axe_violations(page):
        failures[label] = violations
    page.set_viewport_size({"width": 320, "height": 640})
    if not no_horizontal_scroll(page):
        failures.setdefault(label, []).append("scrolls sideways at 320 px")
    page.set_viewport_size({"width": 1280, "height": 800})
    if html_gzip_size(page) > 14 * 1024:
        failures.setdefault(label, []).append("weighs more than 14 KB gzip")


def fill_identity(
    page: Page, nir: str, day: str = "9", month: str = "3", year: str = "1954"
) -> None:
    page.fill("#nir", nir)
    page.fill("#birth_date-jour", day)
    page.fill("#birth_date-mois", month)
    page.fill("#birth_date-annee", year)


def test_every_activation_and_opposition_page_passes_axe(live_server, page, tmp_path):
    app = live_server.app
    nir = enrol_now(app, tmp_path, email="axe@example.org")
    late = enrol_now(app, tmp_path, email="tard@example.org", days_ago=50)
    run_jobs(app, now())
    code = code_from(live_server.outbox, "axe@example.org")
    page.set_viewport_size({"width": 1280, "height": 800})
    failures: dict = {}
    for url in (
        "/activation",
        "/activation/nouveau-code",
        "/activation/nouveau-code/demande-enregistree",
        "/opposition",
    ):
        page.goto(live_server(url))
        check(page, failures, url)
    # Errors: a code of the wrong shape, then the neutral answer.
    page.goto(live_server("/opposition"))
    page.fill("#code", "AB0")
    page.click("main button[type=submit]")
    assert title(page).startswith("Erreur : ")
    check(page, failures, "opposition: code error")
    page.fill("#code", "ABCD-EFGH-JK")
    page.click("main button[type=submit]")
    check(page, failures, "opposition: identity")
    fill_identity(page, nir)
    page.click("main button[type=submit]")
    assert "Nous ne pouvons pas continuer" in page.inner_text(".error-summary")
    check(page, failures, "opposition: neutral answer")
    # The window has passed for this one.
    page.goto(live_server("/opposition"))
    page.fill("#code", code_from(live_server.outbox, "tard@example.org"))
    page.click("main button[type=submit]")
    fill_identity(page, late)
    page.click("main button[type=submit]")
    page.wait_for_url("**/opposition/delai-depasse")
    check(page, failures, "opposition: window passed")
    # The confirmation of an opposition.
    page.goto(live_server("/opposition"))
    page.fill("#code", code)
    page.click("main button[type=submit]")
    fill_identity(page, nir)
    page.click("main button[type=submit]")
    page.wait_for_url("**/opposition/confirmer")
    check(page, failures, "opposition: confirmation")
    # Every step of the activation, with its errors.
    page.goto(live_server("/activation"))
    page.fill("#code", code)
    page.click("main button[type=submit]")
    check(page, failures, "activation: identity")
    fill_identity(page, nir)
    page.click("main button[type=submit]")
    page.wait_for_url("**/activation/adresse")
    page.fill("#email", "pas une adresse")
    page.click("main button[type=submit]")
    check(page, failures, "activation: e-mail error")
    page.fill("#email", "axe.nouvelle@example.org")
    page.click("main button[type=submit]")
    page.wait_for_url("**/activation/mot-de-passe")
    page.fill("#password", "court")
    page.fill("#confirmation", "autre")
    page.click("main button[type=submit]")
    check(page, failures, "activation: password errors")
    page.fill("#password", PASSWORD)
    page.fill("#confirmation", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/activation/confirmation")
    page.fill("#code", "000000")
    page.click("main form[action='/activation/confirmation'] button")
    check(page, failures, "activation: wrong confirmation code")
    page.goto(live_server("/activation/nouveau-code"))
    page.click("main button[type=submit]")
    check(page, failures, "new code: errors")
    assert failures == {}


def test_every_desk_page_passes_axe_letters_included(live_server, page, tmp_path):
    app = live_server.app
    lines = [line(new_nir(), given_name=f"Personne{n}") for n in range(3)]
    assert enrol(app, write_file(tmp_path, *lines), at=now()).exit_code == 0
    notified = enrol_now(app, tmp_path, email="gestion@example.org")
    sign_in(page, live_server.url, live_server.outbox, OPERATOR)
    page.set_viewport_size({"width": 1280, "height": 800})
    failures: dict = {}
    for url in (
        "/gestion",
        "/gestion/courriers",
        "/gestion/recherche",
        "/gestion/opposition",
        "/gestion/deces",
    ):
        page.goto(live_server(url))
        check(page, failures, url)
    page.goto(live_server("/gestion/recherche"))
    fill_identity(page, notified)
    page.click(SUBMIT)
    assert "Colette Durand" in page.inner_text("main")
    check(page, failures, "lookup result")
    page.goto(live_server("/gestion/recherche"))
    fill_identity(page, notified, day="10")
    page.click(SUBMIT)
    check(page, failures, "lookup: not found")
    for url, extra in (("/gestion/opposition", "letter_date"), ("/gestion/deces", "death_date")):
        page.goto(live_server(url))
        fill_identity(page, notified)
        page.fill(f"#{extra}-jour", "1")
        page.fill(f"#{extra}-mois", "2")
        page.fill(f"#{extra}-annee", str(now().year))
        page.click(SUBMIT)
        check(page, failures, f"{url}: confirmation")
    page.goto(live_server("/gestion/courriers"))
    page.locator("main form[action='/gestion/courriers/imprimer'] button").last.click()
    page.locator("article.letter").first.wait_for()
    assert page.locator("article.letter").count() >= 3
    check(page, failures, "letters to print")
    page.goto(live_server("/gestion/courriers"))
    check(page, failures, "/gestion/courriers after printing")
    page.locator("main form[action='/gestion/courriers/reimprimer'] button").first.click()
    page.locator("article.letter").first.wait_for()
    check(page, failures, "letters reprinted")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    page.emulate_media(media="screen")
    assert failures == {}


def test_activation_with_the_keyboard_only(live_server, page, tmp_path):
    nir = enrol_now(live_server.app, tmp_path, email="clavier@example.org")
    page.goto(live_server("/activation"))
    press_tab_until(page, "#code")
    page.keyboard.type(code_from(live_server.outbox, "clavier@example.org"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/activation/identite")
    press_tab_until(page, "#nir")
    page.keyboard.type(nir)
    for part, value in (("jour", "9"), ("mois", "3"), ("annee", "1954")):
        press_tab_until(page, f"#birth_date-{part}")
        page.keyboard.type(value)
    page.keyboard.press("Enter")
    page.wait_for_url("**/activation/adresse")
    press_tab_until(page, "#email")
    page.keyboard.press("Enter")  # the address on file is already there
    page.wait_for_url("**/activation/mot-de-passe")
    press_tab_until(page, "#password")
    page.keyboard.type(PASSWORD)
    press_tab_until(page, "#confirmation")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/activation/confirmation")
    press_tab_until(page, "#code")
    page.keyboard.type(confirmation_code(live_server.outbox, "clavier@example.org"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/tableau-de-bord")
    assert "Votre espace santé est activé" in page.inner_text("[role=status]")


def test_opposition_with_the_keyboard_only(live_server, page, tmp_path):
    nir = enrol_now(live_server.app, tmp_path, email="refus.clavier@example.org")
    page.goto(live_server("/opposition"))
    press_tab_until(page, "#code")
    page.keyboard.type(code_from(live_server.outbox, "refus.clavier@example.org"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/opposition/identite")
    press_tab_until(page, "#nir")
    page.keyboard.type(nir)
    for part, value in (("jour", "9"), ("mois", "3"), ("annee", "1954")):
        press_tab_until(page, f"#birth_date-{part}")
        page.keyboard.type(value)
    page.keyboard.press("Enter")
    page.wait_for_url("**/opposition/confirmer")
    press_tab_until(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/opposition/enregistree")
    assert page.inner_text("h1") == "Votre refus est enregistré"


def test_activation_and_opposition_with_javascript_off(live_server, browser, tmp_path):
    app = live_server.app
    keeper = enrol_now(app, tmp_path, email="sans.js@example.org")
    refuser = enrol_now(app, tmp_path, email="refus.sans.js@example.org")
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto(live_server("/activation"))
    page.fill("#code", code_from(live_server.outbox, "sans.js@example.org"))
    page.click("main button[type=submit]")
    fill_identity(page, keeper, day="8")  # a wrong date first: the neutral answer
    page.click("main button[type=submit]")
    assert title(page).startswith("Erreur : ")
    assert page.input_value("#nir") == keeper
    fill_identity(page, keeper)
    page.click("main button[type=submit]")
    page.wait_for_url("**/activation/adresse")
    page.click("main button[type=submit]")
    page.fill("#password", PASSWORD)
    page.fill("#confirmation", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/activation/confirmation")
    page.click("text=Recevoir un nouveau code")
    assert "Un nouveau code vient d'être envoyé" in page.inner_text("[role=status]")
    page.fill("#code", confirmation_code(live_server.outbox, "sans.js@example.org"))
    page.click("main form[action='/activation/confirmation'] button")
    page.wait_for_url("**/tableau-de-bord")
    context.close()

    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto(live_server("/opposition"))
    page.fill("#code", code_from(live_server.outbox, "refus.sans.js@example.org"))
    page.click("main button[type=submit]")
    fill_identity(page, refuser)
    page.click("main button[type=submit]")
    page.wait_for_url("**/opposition/confirmer")
    page.click("text=Je refuse la création de mon espace santé")
    page.wait_for_url("**/opposition/enregistree")
    context.close()


def test_letters_print_one_per_a4_page_with_the_code_at_the_top_right(
    live_server, browser, tmp_path
):
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    lines = [line(new_nir(), given_name=f"Imprimé{n}") for n in range(4)]
    assert enrol(live_server.app, write_file(tmp_path, *lines), at=now()).exit_code == 0
    sign_in(page, live_server.url, live_server.outbox, OPERATOR)
    page.goto(live_server("/gestion/courriers"))
    page.locator("main form[action='/gestion/courriers/imprimer'] button").last.click()
    page.locator("article.letter").first.wait_for()
    assert page.locator("article.letter").count() == 4
    page.emulate_media(media="print")
    box = page.locator(".letter-code-box").first.bounding_box()
    article = page.locator("article.letter").first.bounding_box()
    assert box and article and box["x"] > article["x"] + article["width"] / 2  # top right
    breaks = page.eval_on_selector_all(
        "article.letter", "els => els.map(e => getComputedStyle(e).breakAfter)"
    )
    assert breaks == ["page", "page", "page", "auto"]
    pdf = page.pdf(format="A4", print_background=False)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 4
    context.close()
