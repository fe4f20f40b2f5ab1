"""The messaging in the browser: axe on every page and error state, for the holder and a
professional; writing and sending with the keyboard only, and with JavaScript off; the
htmx refresh of the unread count (once a minute, passive); the weight of full pages."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from espace import clock
from espace.models import Message, Side, Thread
from tests.browser.helpers import (
    axe_violations,
    html_gzip_size,
    no_horizontal_scroll,
    sign_in,
    title,
)
from tests.browser.test_journeys import press_tab_until
from tests.messaging_support import (
    AMINA,
    JEANNE,
    PAUL,
    make_thread,
    professional,
    space_of,
)

BUDGET = 14 * 1024


def check(page, label: str, failures: dict) -> None:  # type: ignore[no-untyped-def]
    if violations := axe_violations(page):
        failures[label] = violations
    page.set_viewport_size({"width": 320, "height": 640})
    if not no_horizontal_scroll(page):
        failures.setdefault(label, []).append("scrolls sideways at 320 px")
    page.set_viewport_size({"width": 1280, "height": 800})


def search(page, live_server, words: str) -> None:  # type: ignore[no-untyped-def]
    """The search form filled and sent, as a person does (the words are posted)."""
    page.goto(live_server("/messagerie/recherche"))
    page.fill("#q", words)
    page.click("form[role=search] button[type=submit]")
    page.wait_for_load_state()


def test_every_messaging_page_and_error_state_passes_axe_for_the_holder(live_server, page, db):
    amina_thread = db.scalars(select(Thread).where(
        Thread.professional_id == professional(db, AMINA).id)).first()  # fmt: skip
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    failures: dict = {}
    for path in ["/messagerie", f"/messagerie/{amina_thread.id}", "/messagerie/nouvelle",
                 "/messagerie/recherche", "/messagerie/non-lus"]:  # fmt: skip
        page.goto(live_server(path))
        check(page, path, failures)
    for words in ("glycemie", "introuvable"):
        search(page, live_server, words)
        assert page.url == live_server("/messagerie/recherche")  # no words in the address
        assert "Résultats" in page.inner_text("main")
        check(page, f"recherche « {words} »", failures)
    # Error states: an empty search, an empty new message, an empty reply, no category.
    search(page, live_server, "")
    assert title(page).startswith("Erreur : ")
    check(page, "recherche vide", failures)
    page.goto(live_server("/messagerie/nouvelle"))
    page.click("text=Envoyer le message")
    assert title(page).startswith("Erreur : ")
    check(page, "nouveau message vide", failures)
    page.goto(live_server(f"/messagerie/{amina_thread.id}"))
    page.click("form[action$='/repondre'] button[type=submit]")
    assert title(page).startswith("Erreur : ")
    check(page, "réponse vide", failures)
    page.click("text=Enregistrer dans mes documents")
    assert title(page).startswith("Erreur : ")
    check(page, "pièce jointe sans catégorie", failures)
    # The prescription page with its renewal form, and the renewal page with an error.
    page.goto(live_server("/documents?categorie=prescription"))
    page.click(".document-list a >> nth=0")
    assert "Demander le renouvellement" in page.inner_text("main")
    check(page, "ordonnance", failures)
    page.fill("#note", "x" * 1001)
    page.click("text=Demander le renouvellement à mon médecin traitant")
    assert title(page).startswith("Erreur : ")
    check(page, "renouvellement trop long", failures)
    assert failures == {}


def test_every_messaging_page_and_error_state_passes_axe_for_a_professional(live_server, page, db):
    thread = make_thread(db, space_of(db), professional(db, PAUL), subject="Vos bandelettes")
    sign_in(page, live_server.url, live_server.outbox, PAUL)
    failures: dict = {}
    paths = ["/messagerie", f"/messagerie/{thread.id}", "/messagerie/nouvelle",
             f"/messagerie/{thread.id}/clore"]  # fmt: skip
    for path in paths:
        page.goto(live_server(path))
        check(page, path, failures)
    search(page, live_server, "bandelettes")
    assert "Vos bandelettes" in page.inner_text("main")
    check(page, "recherche", failures)
    page.goto(live_server(f"/messagerie/{thread.id}/clore"))
    page.click("button:has-text('Clore la conversation')")
    assert title(page).startswith("Erreur : ")
    check(page, "clôture sans motif", failures)
    page.fill("#reason", "Question traitée au comptoir.")
    page.click("button:has-text('Clore la conversation')")
    page.wait_for_url(re.compile(rf".*/messagerie/{thread.id}$"))
    check(page, "conversation close", failures)
    assert failures == {}


def test_write_and_send_a_message_with_the_keyboard_only(live_server, page, db):
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    page.goto(live_server("/messagerie"))
    press_tab_until(page, "a[href='/messagerie/nouvelle']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/messagerie/nouvelle")
    press_tab_until(page, "#recipient")
    page.keyboard.type("Dr")  # typing selects the option, as screen reader users do
    press_tab_until(page, "#subject")
    page.keyboard.type("Question sur mes bandelettes")
    press_tab_until(page, "#body")
    page.keyboard.type("Bonjour Docteur,")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type("- combien par jour ?")
    press_tab_until(page, "form[action='/messagerie/nouvelle'] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/messagerie/\d+$"))
    assert page.inner_text("h1") == "Question sur mes bandelettes"
    assert "Votre message est envoyé." in page.inner_text("[role=status]")
    assert page.inner_text(".message-body li") == "combien par jour ?"
    # And a reply, still by keyboard.
    press_tab_until(page, "#body")
    page.keyboard.type("J'oubliais : **merci**.")
    press_tab_until(page, "form[action$='/repondre'] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/messagerie/\d+#message-\d+$"))
    assert page.inner_text(".message:last-child strong") == "merci"
    assert axe_violations(page) == []


# axe runs in the page's JavaScript: with JavaScript off, only behaviour is checked here.
def test_write_and_send_a_message_with_javascript_off(live_server, browser, db, tmp_path):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    page.goto(live_server("/messagerie/nouvelle"))
    page.fill("#subject", "Sans JavaScript")
    page.fill("#body", "x" * 5001)
    page.click("text=Envoyer le message")
    assert title(page).startswith("Erreur : ")
    summary = page.inner_text(".error-summary")
    assert "Choisissez à qui vous écrivez" in summary and "au plus 5000 caractères" in summary
    assert page.input_value("#subject") == "Sans JavaScript"
    page.select_option("#recipient", label="Dr Sophie Durand (médecin traitant)")
    page.fill("#body", "Bonjour, voici ma question.")
    path = tmp_path / "glycemies.txt"
    path.write_text("1,10 ; 1,25 ; 0,98\n")
    page.set_input_files("#file", str(path))
    page.click("text=Envoyer le message")
    page.wait_for_url(re.compile(r".*/messagerie/\d+$"))
    assert "Votre message est envoyé." in page.inner_text("[role=status]")
    assert "« glycemies.txt » (texte, 1 Ko)" in page.inner_text(".attachment-list")
    page.fill("#body", "Et une réponse.")
    page.click("form[action$='/repondre'] button[type=submit]")
    page.wait_for_url(re.compile(r".*#message-\d+$"))
    assert "Et une réponse." in page.inner_text(".message-list")
    context.close()


def test_the_unread_count_refreshes_once_a_minute_with_the_passive_header(live_server, page, db):
    page.clock.install()
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    page.goto(live_server("/messagerie"))
    badge = page.locator(".main-nav a[href='/messagerie'] .badge")
    before = int(badge.inner_text().split()[0])
    requests: list = []
    page.on("request", lambda r: "/messagerie/non-lus" in r.url and requests.append(r))
    make_thread(db, space_of(db), professional(db, PAUL), subject="Nouvelle question")
    page.clock.run_for(30_000)
    page.wait_for_timeout(300)
    assert requests == []  # not before a minute: never a busy poll
    with page.expect_request("**/messagerie/non-lus*") as polled:
        page.clock.run_for(31_000)
    request = polled.value
    assert request.headers.get("x-espace-passive") == "1"
    assert request.headers.get("hx-request") == "true"
    page.locator(".main-nav a[href='/messagerie'] .badge", has_text=str(before + 1)).wait_for()
    assert "non lues" in page.inner_text(".main-nav a[href='/messagerie']")
    assert "Vous avez reçu un nouveau message" in page.inner_text("[role=status]")
    assert len(requests) == 1


def test_full_pages_stay_within_the_weight_budget(live_server, page, db):
    space, paul = space_of(db), professional(db, PAUL)
    start = clock.now() - timedelta(days=3)
    thread = make_thread(db, space, paul, subject="Suivi", when=start)
    body = ("Bonjour Madame Martin,\n\nVoici **les consignes** pour la semaine :\n"
            "- prendre le traitement matin et soir ;\n- noter la glycémie.\n\n"
            "Voir https://www.ameli.fr/assure/sante\n\nCordialement")  # fmt: skip
    for n in range(40):
        db.add(Message(thread_id=thread.id, side=Side.PROFESSIONAL if n % 2 else Side.HOLDER,
                       body=f"{body} ({n})", author_account_id=paul.account_id,
                       created_at=start + timedelta(minutes=n)))  # fmt: skip
    for n in range(30):
        make_thread(db, space, paul, subject=f"Question numéro {n} sur le traitement",
                    when=start - timedelta(hours=n))  # fmt: skip
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    for path in ["/messagerie", f"/messagerie/{thread.id}"]:
        page.goto(live_server(path))
        assert html_gzip_size(page) <= BUDGET, path
    search(page, live_server, "consignes")
    assert "messages contiennent « consignes »" in page.inner_text("main")
    assert html_gzip_size(page) <= BUDGET, "recherche"


def test_back_from_a_result_shows_the_results_again_with_no_words_in_any_address(
    live_server, page, db
):
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    addresses: list[str] = []
    page.on("request", lambda request: addresses.append(request.url))
    search(page, live_server, "glycemie")
    page.click(".thread-list a >> nth=0")
    page.wait_for_url(re.compile(r".*/messagerie/\d+"))
    page.go_back()
    assert page.url == live_server("/messagerie/recherche")
    assert "Résultats" in page.inner_text("main")
    assert page.input_value("#q") == "glycemie"  # kept, to refine the search
    assert live_server("/messagerie/recherche") in addresses  # the listener saw the search
    assert not [url for url in addresses if "glycemie" in url]
