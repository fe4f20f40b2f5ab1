"""Searching one's own messages: case and accents do not count, nothing of anyone else's
comes back, one history entry without the words searched; the words never travel in an
address and are forgotten with the session."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from espace import clock
from espace.auth.sessions import forget_searches
from espace.messaging.search import LIMIT, excerpt, fold
from espace.models import Account, AuditEntry, AuthSession, Message, Side, Thread
from tests.messaging_support import (
    AMINA,
    JEANNE,
    KARIM,
    PAUL,
    SOPHIE,
    make_thread,
    professional,
    search,
    space_of,
)
from tests.support import error_for, text
from tests.test_representatives import switch_to


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("Votre HbA1c est à 7,2 %", "hba1c"),
        ("Glycémie à jeun", "GLYCEMIE"),
        ("Glycémie à jeun", "glycémie à"),
        ("Cœur et œdème", "cœur"),
        ("ÉTÉ", "ete"),
        ("Prise  de\nsang", "prise de sang"),
        ("e\u0301le\u0300ve", "élève"),  # decomposed accents, as some phones type them
    ],
)
def test_folding_ignores_case_accents_and_spacing(written, typed):
    assert fold(typed).strip() in fold(written)


def test_the_excerpt_shows_the_words_around_the_match():
    body = ("Bonjour. " * 40) + "Votre glycémie est bonne. " + ("Au revoir. " * 40)
    shown = excerpt(body, fold("glycemie"))
    assert "glycémie est bonne" in shown and shown.startswith("… ") and shown.endswith(" …")
    assert len(shown) < 200
    assert excerpt("Court message", "court") == "Court message"


def test_the_holder_finds_her_messages_whatever_the_case_and_accents(login_as, db):
    client = login_as(JEANNE)
    db.reload()
    before = db.scalar(select(func.max(AuditEntry.seq)))
    response = search(client, "HBA1C")
    assert response.status_code == 200
    assert "Votre résultat d'HbA1c" in text(response)
    assert "7,2 %" in text(response)  # the words around the match
    db.reload()
    entries = db.scalars(select(AuditEntry).where(AuditEntry.seq > before)).all()
    assert [e.event for e in entries] == ["messages.searched"]
    assert entries[0].reason is None and entries[0].target_id is None  # the words are not kept
    jeanne = db.execute(select(Message, Thread.subject).join(Thread)
                        .where(Thread.space_id == space_of(db).id)).all()  # fmt: skip
    wanted = sum("hba1c" in fold(m.body) or "hba1c" in fold(subject) for m, subject in jeanne)
    assert wanted > 1 and f"{wanted} messages contiennent « HBA1C »" in text(response)


def test_nobody_finds_anyone_elses_messages(login_as, db):
    space = space_of(db)
    make_thread(db, space, professional(db, PAUL), subject="Bandelettes", body="zèbre-unique")
    assert "zèbre-unique" in text(search(login_as(JEANNE), "zebre-unique"))
    assert "zèbre-unique" in text(search(login_as(PAUL), "ZEBRE-UNIQUE"))
    for email in (KARIM, AMINA, SOPHIE):  # another holder; other professionals of her team
        response = search(login_as(email), "zebre-unique")
        assert response.status_code == 200 and "zèbre" not in text(response), email
        assert "Aucun message ne contient" in text(response)


def test_special_characters_are_searched_as_written(login_as, db):
    space = space_of(db)
    make_thread(db, space, professional(db, PAUL), subject="Taux", body="un taux de 100 % net")
    make_thread(db, space, professional(db, PAUL), subject="Autre", body="un taux de 1000 net")
    client = login_as(JEANNE)
    shown = text(search(client, "100 %"))
    assert "100 % net" in shown and "1000 net" not in shown
    assert "Aucun message" in text(search(client, "_%_"))


@pytest.mark.parametrize(("words", "says"), [("", "Saisissez un ou plusieurs mots"),
                                              ("   ", "Saisissez un ou plusieurs mots"),
                                              ("x" * 101, "au plus 100 caractères")])  # fmt: skip
def test_a_bad_query_is_told_with_how_to_fix_it(login_as, words, says):
    response = search(login_as(JEANNE), words)
    assert response.status_code == 422
    assert says in error_for(response.get_data(as_text=True), "q")


def test_a_result_links_to_the_page_of_the_thread_that_shows_it(login_as, db):
    space, paul = space_of(db), professional(db, PAUL)
    start = clock.now() - timedelta(days=1)
    thread = make_thread(db, space, paul, body="aiguille-perdue", when=start)
    for n in range(30):
        db.add(Message(thread_id=thread.id, side=Side.PROFESSIONAL, body=f"foin {n}",
                       author_account_id=paul.account_id,
                       created_at=start + timedelta(minutes=n + 1)))  # fmt: skip
    db.commit()
    client = login_as(JEANNE)
    html = search(client, "aiguille").get_data(as_text=True)
    first = db.scalars(select(Message).where(Message.thread_id == thread.id)
                       .order_by(Message.id)).first()  # fmt: skip
    link = f"/messagerie/{thread.id}?page=2#message-{first.id}"
    assert f'href="{link}"' in html
    assert f'id="message-{first.id}"' in client.get(link.split("#")[0]).get_data(as_text=True)


def test_at_most_fifty_results_newest_first(login_as, db):
    space, paul = space_of(db), professional(db, PAUL)
    start = clock.now() - timedelta(days=1)
    thread = make_thread(db, space, paul, body="rien", when=start)
    for n in range(LIMIT + 5):
        db.add(Message(thread_id=thread.id, side=Side.PROFESSIONAL, body=f"rappel n°{n}",
                       author_account_id=paul.account_id,
                       created_at=start + timedelta(minutes=n + 1)))  # fmt: skip
    db.commit()
    shown = text(search(login_as(JEANNE), "rappel"))
    assert f"Les {LIMIT} messages les plus récents" in shown
    assert f"rappel n°{LIMIT + 4}" in shown and "rappel n°4 " not in shown


def test_the_words_never_travel_in_an_address(login_as, db):
    client = login_as(JEANNE)
    client.get("/messagerie")
    posted = client.post_form("/messagerie/recherche", {"q": "HbA1c"})
    assert posted.status_code == 303
    assert posted.headers["Location"] == "/messagerie/recherche"  # no query string
    shown = client.get("/messagerie/recherche")
    assert "Votre résultat d'HbA1c" in text(shown)
    assert 'value="HbA1c"' in shown.get_data(as_text=True)  # kept in the field, to refine
    for form in ("/messagerie", "/messagerie/recherche"):
        html = client.get(form).get_data(as_text=True)
        methods = re.findall(r'<form method="(\w+)" action="/messagerie/recherche"', html)
        assert methods == ["post"], form  # one search form, posted


def test_words_in_a_query_string_are_not_searched(login_as, db):
    client = login_as(JEANNE)
    db.reload()
    before = db.scalar(select(func.max(AuditEntry.seq)))
    response = client.get("/messagerie/recherche?q=HbA1c")
    assert response.status_code == 200
    assert "Résultats" not in text(response) and "HbA1c" not in text(response)
    db.reload()
    assert db.scalar(select(func.max(AuditEntry.seq))) == before  # nothing was read


def test_coming_back_shows_the_results_again_each_time_written_to_the_history(login_as, db):
    client = login_as(JEANNE)
    search(client, "HbA1c")
    db.reload()
    before = db.scalar(select(func.max(AuditEntry.seq)))
    client.get("/messagerie")  # a result opened, then the back button
    again = client.get("/messagerie/recherche")
    assert "Votre résultat d'HbA1c" in text(again)
    db.reload()
    events = db.scalars(select(AuditEntry.event).where(AuditEntry.seq > before)).all()
    assert events.count("messages.searched") == 1


def test_a_bad_query_keeps_the_last_results_words_untouched(login_as, db):
    client = login_as(JEANNE)
    search(client, "HbA1c")
    refused = search(client, "x" * 101)
    assert refused.status_code == 422
    assert 'value="' + "x" * 101 + '"' in refused.get_data(as_text=True)  # the answer kept
    assert "Votre résultat d'HbA1c" in text(client.get("/messagerie/recherche"))


def test_a_search_is_not_run_again_in_a_space_switched_to(login_as, db):
    """Karim searched his own messages, then manages Léa's space: the search page there is
    an empty form, nothing of Léa's is read for it; back in his space, his search is."""
    client = login_as(KARIM)
    assert "Exercices pour votre épaule" in text(search(client, "épaule"))
    switch_to(client, db, "Léa")
    db.reload()
    before = db.scalar(select(func.max(AuditEntry.seq)))
    there = client.get("/messagerie/recherche")
    assert there.status_code == 200
    assert "Résultats" not in text(there) and "épaule" not in there.get_data(as_text=True)
    db.reload()
    assert (
        "messages.searched"
        not in db.scalars(select(AuditEntry.event).where(AuditEntry.seq > before)).all()
    )
    switch_to(client, db, "Karim")
    assert "Exercices pour votre épaule" in text(client.get("/messagerie/recherche"))


def _stored_words(db, email: str) -> list[str | None]:  # type: ignore[no-untyped-def]
    db.reload()
    return list(db.scalars(select(AuthSession.last_search).join(Account)
                           .where(Account.email == email)))  # fmt: skip


def test_the_words_are_forgotten_when_the_session_ends(login_as, db):
    client = login_as(JEANNE)
    search(client, "HbA1c")
    assert "HbA1c" in _stored_words(db, JEANNE)
    client.post_form("/deconnexion")
    assert _stored_words(db, JEANNE) == [None]
    again = login_as(JEANNE).get("/messagerie/recherche")  # a new session: no search
    assert again.status_code == 200 and 'id="q"' in again.get_data(as_text=True)
    assert "Résultats" not in text(again) and "HbA1c" not in again.get_data(as_text=True)


def test_the_job_forgets_the_words_of_sessions_left_idle(login_as, db, app):
    left = login_as(JEANNE)
    search(left, "HbA1c")
    active = login_as(PAUL)
    search(active, "bandelettes")
    idle = app.config["SESSION_IDLE_TIMEOUT"]
    db.reload()
    jeanne_session = db.scalars(select(AuthSession).join(Account)
                                .where(Account.email == JEANNE)).one()  # fmt: skip
    jeanne_session.last_seen_at = clock.wall_now() - idle - timedelta(minutes=1)
    db.commit()
    with app.app_context():
        from espace.db import get_session

        assert forget_searches(get_session(), clock.now()) == 1
        get_session().commit()
    assert _stored_words(db, JEANNE) == [None]
    assert _stored_words(db, PAUL) == ["bandelettes"]
