"""Unread threads: first in the inbox, counted in the menu (said to screen readers),
marked read when opened; the count's own endpoint for htmx, which never keeps a session
alive and writes nothing in the history."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from espace import clock
from espace.models import AuditEntry, Notification, Thread, ThreadRead
from tests.messaging_support import (
    JEANNE,
    PAUL,
    SOPHIE,
    account,
    make_thread,
    professional,
    space_of,
)
from tests.support import text

BADGE = re.compile(
    r'<a href="/messagerie"[^>]*>Messagerie(?: <span class="badge">(\d+)'
    r'<span class="visually-hidden"> non lues?</span></span>)?</a>'
)


def badge(response) -> int:  # type: ignore[no-untyped-def]
    match = BADGE.search(response.get_data(as_text=True))
    assert match, "no Messagerie link in the menu"
    return int(match.group(1) or 0)


def test_unread_threads_come_first_and_are_counted_in_the_menu(login_as, db):
    space, paul = space_of(db), professional(db, PAUL)
    old = make_thread(db, space, paul, subject="Ancienne question",
                      when=clock.now() - timedelta(days=40))  # fmt: skip
    client = login_as(JEANNE)
    before = badge(client.get("/tableau-de-bord"))
    recent = make_thread(db, space, paul, subject="Question récente")
    page = client.get("/messagerie")
    assert badge(page) == before + 1
    links = r'<a href="/messagerie/\d+">(?:<span class="visually-hidden">Non lu : </span>)?([^<]+)<'
    subjects = [html.unescape(s) for s in re.findall(links, page.get_data(as_text=True))]
    unread_part = subjects[: before + 1]
    assert "Ancienne question" in unread_part and "Question récente" in unread_part
    assert subjects.index("Question récente") < subjects.index("Ancienne question")
    # Read threads follow, newest first: the demo's read ones are after every unread one.
    assert subjects.index("Ancienne question") < subjects.index("Votre résultat d'HbA1c")
    assert "Non lu : Question récente" in text(page)
    # Opening a thread marks it read: the count drops, on the very next page.
    assert badge(client.get(f"/messagerie/{recent.id}")) == before
    assert badge(client.get("/tableau-de-bord")) == before
    db.reload()
    read = db.get(ThreadRead, (recent.id, account(db, JEANNE).id))
    assert read is not None and read.read_at >= recent.last_message_at
    assert db.get(ThreadRead, (old.id, account(db, JEANNE).id)) is None


def test_a_new_message_in_a_read_thread_makes_it_unread_again(login_as, db):
    thread = make_thread(db, space_of(db), professional(db, PAUL))
    jeanne = login_as(JEANNE)
    jeanne.get(f"/messagerie/{thread.id}")
    count = badge(jeanne.get("/messagerie"))
    paul = login_as(PAUL)
    paul.get(f"/messagerie/{thread.id}")
    paul.post_form(f"/messagerie/{thread.id}/repondre", {"body": "Autre chose"})
    assert badge(jeanne.get("/messagerie")) == count + 1
    told = select(Notification).where(Notification.kind == "new_message",
                                      Notification.target_id == thread.id)  # fmt: skip
    db.reload()
    assert [n.read_at for n in db.scalars(told)] == [None]
    page = jeanne.get(f"/messagerie/{thread.id}")
    db.reload()
    assert db.scalars(told).one().read_at is not None  # the notification is read with it
    assert "Nouveau" in text(page)  # the new message is marked as such, once
    assert "Nouveau" not in text(jeanne.get(f"/messagerie/{thread.id}"))
    # Her own messages never count as unread for her.
    jeanne.post_form(f"/messagerie/{thread.id}/repondre", {"body": "Merci"})
    assert badge(jeanne.get("/messagerie")) == count


def test_the_professional_badge_counts_their_unread_threads(login_as, db):
    client = login_as(SOPHIE)
    count = badge(client.get("/tableau-de-bord"))
    assert count >= 1  # the demo's renewal request
    make_thread(db, space_of(db), professional(db, SOPHIE), side="holder")
    assert badge(client.get("/tableau-de-bord")) == count + 1


def test_the_count_endpoint_works_without_javascript_and_refreshes_the_badge_with_htmx(
    login_as, db
):
    client = login_as(JEANNE)
    inbox = client.get("/messagerie").get_data(as_text=True)
    poll = re.search(r'<div id="messagerie-actualisation"[^>]*>', inbox).group(0)
    assert 'hx-trigger="every 60s"' in poll
    assert """hx-headers='{"X-Espace-Passive": "1"}'""" in poll
    assert 'hx-get="/messagerie/non-lus?vu=' in poll
    seq = db.scalar(select(func.max(AuditEntry.seq)))
    page = client.get("/messagerie/non-lus")
    assert page.status_code == 200 and "conversation non lue" in text(page)
    count = badge(page)
    fragment = client.get(f"/messagerie/non-lus?vu={count}", headers={
        "HX-Request": "true", "X-Espace-Passive": "1"})  # fmt: skip
    body = fragment.get_data(as_text=True)
    assert "<html" not in body and "Vous avez reçu" not in body
    assert """hx-swap-oob='innerHTML:.main-nav a[href="/messagerie"]'""" in body
    assert f'<span class="badge">{count}<span class="visually-hidden"> non lue' in body
    assert "HX-Request" in fragment.headers["Vary"]
    make_thread(db, space_of(db), professional(db, PAUL))
    grew = client.get(f"/messagerie/non-lus?vu={count}", headers={"HX-Request": "true"})
    body = grew.get_data(as_text=True)
    assert f'<span class="badge">{count + 1}<' in body
    assert 'hx-swap-oob="beforeend:#statut"' in body and "Vous avez reçu un nouveau message" in body
    assert f'vu={count + 1}"' in body  # the next poll knows what was announced
    db.reload()
    assert db.scalar(select(func.max(AuditEntry.seq))) == seq  # names nothing: no entry


def test_the_passive_refresh_never_keeps_a_session_alive(make_app, outbox):
    from tests.support import Outbox, sign_in

    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with clock.frozen_at(start) as frozen:
        app = make_app()
        client = app.test_client()
        sign_in(client, Outbox(app.instance_path), JEANNE)
        for _ in range(3):
            frozen.advance(minutes=5)
            response = client.get("/messagerie/non-lus", headers={
                "HX-Request": "true", "X-Espace-Passive": "1"})  # fmt: skip
            assert response.status_code == 200
        frozen.advance(minutes=1)  # 16 minutes since the last real activity
        response = client.get("/messagerie")
        assert response.status_code == 302 and "/connexion" in response.headers["Location"]


def test_odd_numbers_in_the_query_string_never_break_a_page(login_as, db):
    thread = make_thread(db, space_of(db), professional(db, PAUL))
    client = login_as(JEANNE)
    for odd in ("²", "9" * 5000, "-1", "0", "1e3", "١٢"):
        assert client.get("/messagerie", query_string={"page": odd}).status_code == 200
        assert client.get(f"/messagerie/{thread.id}", query_string={"page": odd}).status_code == 200
        response = client.get("/messagerie/non-lus", query_string={"vu": odd},
                              headers={"HX-Request": "true"})  # fmt: skip
        assert response.status_code == 200


def test_the_professional_count_skips_only_the_threads_they_have_read(login_as, db):
    """The count of a GP with thousands of threads reads only those flagged unread: the
    flag is cleared by the professional reading, set again by the next message, and never
    hides a thread the read rows call unread."""
    thread = make_thread(db, space_of(db), professional(db, SOPHIE), side="holder")
    sophie = login_as(SOPHIE)
    count = badge(sophie.get("/tableau-de-bord"))

    def flagged() -> bool:
        db.reload()
        return db.get(Thread, thread.id).unread_by_professional

    assert flagged()
    sophie.get(f"/messagerie/{thread.id}")
    assert not flagged()
    assert badge(sophie.get("/tableau-de-bord")) == count - 1
    jeanne = login_as(JEANNE)
    jeanne.post_form(f"/messagerie/{thread.id}/repondre", {"body": "Une question encore"})
    assert flagged()
    jeanne.get(f"/messagerie/{thread.id}")
    assert flagged()  # the holder reading it is not the professional reading it
    assert badge(sophie.get("/tableau-de-bord")) == count
    sophie.post_form(f"/messagerie/{thread.id}/repondre", {"body": "Réponse du médecin"})
    assert not flagged()  # their own message: nothing new for them
    assert badge(sophie.get("/tableau-de-bord")) == count - 1
    db.reload()
    marked_read = db.scalars(select(Thread).where(Thread.unread_by_professional.is_(False))).all()
    assert thread.id in [t.id for t in marked_read]
    for read in marked_read:
        seen = db.get(ThreadRead, (read.id, read.professional.account_id))
        assert seen is not None and seen.read_at >= read.last_message_at, read.id
