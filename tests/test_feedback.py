"""Feedback on every page: the form with and without htmx, what is kept (and what never
is), the facilitator's synthesis and its CSV safe against formula injection."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from espace import clock
from espace.models import Feedback, WorkshopSession
from espace.web.help import HELP, NOT_PAGES
from tests.routes import all_routes
from tests.support import error_for, text

ANSWER = {"page": "/documents", "trying": "Retrouver mon ordonnance", "worked": "en_partie",
          "hard": "Le filtre des catégories", "rating": "4"}  # fmt: skip
FACILITATOR = "animation@example.org"


def stored(db) -> list[Feedback]:  # type: ignore[no-untyped-def]
    db.reload()
    return list(db.scalars(select(Feedback).order_by(Feedback.id)))


def test_every_page_links_to_the_feedback_form_and_says_which_page(client):
    page = client.get("/accessibilite").text
    assert 'href="/avis?page=/accessibilite"' in page
    assert 'hx-get="/avis?page=/accessibilite" hx-target="#avis"' in page
    assert '<div id="avis"></div>' in page


def test_without_javascript_the_form_is_a_page_and_sends_back_where_one_was(client, db):
    page = client.get("/avis?page=/documents/12")
    assert page.status_code == 200
    assert "Donner mon avis" in text(page)
    assert 'name="page" type="hidden" value="/documents/12"' in page.text
    with clock.frozen_at(datetime(2026, 12, 4, 10, 30, tzinfo=UTC)):
        response = client.post_form("/avis", {**ANSWER, "page": "/documents/12"})
    assert response.status_code == 302 and response.headers["Location"] == "/documents/12"
    assert "Merci pour votre avis" in text(client.get("/"))
    [answer] = stored(db)
    assert (answer.page, answer.trying, answer.worked, answer.hard, answer.rating) == (
        "/documents/<int:document_id>", "Retrouver mon ordonnance", "en_partie",
        "Le filtre des catégories", 4,
    )  # fmt: skip
    assert answer.created_at == datetime(2026, 12, 4, 10, 30, tzinfo=UTC)
    assert answer.persona is None and answer.session_id is None


def test_with_htmx_the_form_opens_inline_and_the_thanks_are_announced(client, db):
    fragment = client.get("/avis?page=/", headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert "<html" not in fragment.text and "<h1" not in fragment.text
    assert '<h2 tabindex="-1" data-focus>Donner mon avis sur cette page</h2>' in fragment.text
    assert 'hx-post="/avis"' in fragment.text
    client.get("/")
    response = client.post_form("/avis", ANSWER, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'hx-swap-oob="innerHTML:#statut"' in response.text  # the live region of the page
    assert "Merci pour votre avis" in response.text
    assert len(stored(db)) == 1


@pytest.mark.parametrize("htmx", [False, True])
def test_an_incomplete_answer_is_explained_and_kept(client, db, htmx):
    client.get("/avis")
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.post_form(
        "/avis", {"page": "/", "trying": "", "hard": "Trop de menus", "rating": "9"},
        headers=headers,
    )  # fmt: skip
    assert response.status_code == 422
    html = response.text
    assert "Dites en quelques mots ce que vous essayiez de faire" in error_for(html, "trying")
    assert "Choisissez oui, en partie ou non." in error_for(html, "worked", link="worked-0")
    assert "Choisissez une note de 1 à 5" in error_for(html, "rating", link="rating-0")
    assert "Trop de menus" in html
    assert stored(db) == []


def test_an_overlong_answer_is_refused_with_its_limit(client, db):
    client.get("/avis")
    response = client.post_form("/avis", {**ANSWER, "trying": "x" * 1001})
    assert response.status_code == 422
    assert "1000" in error_for(response.text, "trying")
    assert stored(db) == []


@pytest.mark.parametrize(
    ("given", "kept", "back"),
    [
        ("/documents/12?categorie=psychiatrie", "/documents/<int:document_id>", "/documents/12"),
        ("/messagerie/recherche?q=VIH", "/messagerie/recherche", "/messagerie/recherche"),
        ("https://ailleurs.example/", "/", "/"),
        ("//ailleurs.example/", "/", "/"),
        ("/\\ailleurs.example/", "/", "/"),
        ("/une-page-qui-n-existe-pas", "/", "/une-page-qui-n-existe-pas"),
    ],
)
def test_only_the_kind_of_page_is_kept_never_an_identifier_or_a_search(
    client, db, given, kept, back
):
    client.get("/avis")
    response = client.post_form("/avis", {**ANSWER, "page": given})
    assert response.status_code == 302 and response.headers["Location"] == back
    [answer] = stored(db)
    assert answer.page == kept


def test_a_signed_in_persona_is_kept_never_the_account(login_as, db):
    client = login_as("jeanne.martin@example.org")
    client.get("/avis?page=/tableau-de-bord")
    client.post_form("/avis", {**ANSWER, "page": "/tableau-de-bord"})
    [answer] = stored(db)
    assert answer.persona == "jeanne"
    columns = set(Feedback.__table__.columns.keys())
    assert not columns & {"account_id", "space_id", "nir", "email"}


def _give(db, session_id, page, trying, persona="jeanne"):  # type: ignore[no-untyped-def]
    db.add(Feedback(page=page, persona=persona, session_id=session_id, trying=trying,
                    worked="non", created_at=datetime(2026, 12, 4, 9, tzinfo=UTC)))  # fmt: skip


@pytest.fixture
def two_sessions(db):  # type: ignore[no-untyped-def]
    from espace.models import Account

    facilitator = db.scalar(select(Account).where(Account.email == FACILITATOR))
    sessions = []
    for name in ("Atelier Toulouse", "Atelier Nantes"):
        session = WorkshopSession(name=name, held_on=datetime(2026, 12, 4).date(),
                                  join_code_hash=name, facilitator_account_id=facilitator.id,
                                  created_at=datetime(2026, 12, 1, tzinfo=UTC))  # fmt: skip
        db.add(session)
        sessions.append(session)
    db.flush()
    _give(db, sessions[0].id, "/documents", "Trouver une ordonnance")
    _give(db, sessions[0].id, "/agenda", "Ajouter un rendez-vous")
    _give(db, sessions[1].id, "/documents", "Cacher un document")
    _give(db, None, "/", "Comprendre le service", persona=None)
    db.commit()
    return sessions


def test_the_facilitator_reads_the_answers_by_session_and_page(login_as, two_sessions):
    client = login_as(FACILITATOR)
    page = text(client.get("/avis/reponses"))
    for heading in ("Atelier Toulouse — page /documents", "Atelier Toulouse — page /agenda",
                    "Atelier Nantes — page /documents", "Hors séance — page /"):  # fmt: skip
        assert heading in page
    only = text(client.get(f"/avis/reponses?seance={two_sessions[1].id}"))
    assert "Cacher un document" in only and "Trouver une ordonnance" not in only


@pytest.mark.parametrize("odd", ["99999999999999999999999", "abc", "-1", "²"])
def test_an_odd_session_in_the_address_shows_every_session(login_as, two_sessions, odd):
    client = login_as(FACILITATOR)
    page = client.get(f"/avis/reponses?seance={odd}")
    assert page.status_code == 200
    assert "Cacher un document" in text(page) and "Trouver une ordonnance" in text(page)
    export = client.get(f"/avis/reponses.csv?seance={odd}")
    assert export.status_code == 200 and "Cacher un document" in export.get_data(as_text=True)


def test_the_csv_export_neutralises_formulas(login_as, db, two_sessions):
    for i, dangerous in enumerate(("=HYPERLINK(\"http://x\")", "+33 6 00", "-2+3", "@SUM(A1)",
                                   "\tcaché", "normal")):  # fmt: skip
        _give(db, two_sessions[0].id, "/", dangerous, persona=f"p{i}")
    db.commit()
    client = login_as(FACILITATOR)
    response = client.get(f"/avis/reponses.csv?seance={two_sessions[0].id}")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["séance", "page", "persona"]
    trying = {row[2]: row[4] for row in rows[1:]}
    assert trying["p0"] == '\'=HYPERLINK("http://x")'
    assert trying["p1"] == "'+33 6 00"
    assert trying["p2"] == "'-2+3"
    assert trying["p3"] == "'@SUM(A1)"
    assert trying["p4"] == "'\tcaché"
    assert trying["p5"] == "normal"
    for row in rows[1:]:
        assert not row[0].startswith(("=", "+", "-", "@")), row
    assert "Cacher un document" not in body  # another session's answer


def test_every_page_has_its_own_help_text(make_app):
    demo = make_app(DEMO=True)  # the workshop pages too
    pages = {
        route.endpoint
        for route in all_routes(demo)
        if "GET" in route.methods and route.endpoint not in NOT_PAGES
    }
    assert pages - set(HELP) == set(), "write a « Besoin d'aide ? » text in espace/web/help.py"
    assert set(HELP) - pages == set(), "a help text for a page that does not exist"
    for endpoint, help_text in HELP.items():
        assert 20 <= len(help_text) <= 300, endpoint


def test_the_help_text_is_the_one_of_the_page(client, login_as):
    assert HELP["pages.accessibility"] in text(client.get("/accessibilite"))
    jeanne = login_as("jeanne.martin@example.org")
    assert HELP["documents.index"] in text(jeanne.get("/documents"))
    assert HELP["agenda.index"] in text(jeanne.get("/agenda"))
