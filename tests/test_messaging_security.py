"""Injection through bodies, subjects and attachment names never comes back as markup (the
bodies keep only the allowlist, inside hx-disable); and nobody reaches a thread, a message
or an attachment that is not theirs — the same 404 as a missing one, and nothing changes."""

from __future__ import annotations

import re
from datetime import timedelta

import html5lib
import pytest
from sqlalchemy import func, select

from espace import clock
from espace.models import (
    AuditEntry,
    Document,
    DocumentCategory,
    Message,
    MessageAttachment,
    Notification,
    Side,
    StoredFile,
    Thread,
    ThreadRead,
)
from espace.web.sanitize import ALLOWED_PROTOCOLS, ALLOWED_TAGS, REL
from tests.messaging_support import (
    AMINA,
    JEANNE,
    KARIM,
    KARIM_NIR,
    MARC,
    PAUL,
    SAMU,
    SOPHIE,
    make_thread,
    professional,
    search,
    space_of,
)
from tests.support import text
from tests.xss import injected, nonce_of, payloads, sample

NS = "{http://www.w3.org/1999/xhtml}"


def body_problems(html: str) -> list[str]:
    """What a message body holds beyond the allowlist of espace.web.sanitize."""
    problems = []
    for element in html5lib.parse(html, treebuilder="etree").iter():
        if element.get("class") != "message-body":
            continue
        if element.get("hx-disable") is None:
            problems.append("a message body outside hx-disable")
        for inner in list(element.iter())[1:]:
            tag = inner.tag.removeprefix(NS) if isinstance(inner.tag, str) else ""
            if tag not in ALLOWED_TAGS:
                problems.append(f"<{tag}> in a message body")
            allowed = {"href", "title", "rel"} if tag == "a" else set()
            if set(inner.attrib) - allowed:
                problems.append(f"attributes {sorted(inner.attrib)} on <{tag}>")
            if tag == "a":
                scheme = (inner.get("href") or "").split(":", 1)[0].lower()
                if ":" in (inner.get("href") or "") and scheme not in ALLOWED_PROTOCOLS:
                    problems.append(f"href {inner.get('href')[:40]!r}")
                if inner.get("rel") != REL:
                    problems.append("a link without rel=noopener noreferrer nofollow")
    return problems


def test_every_payload_of_the_corpus_as_a_body_is_neutralised(login_as, db):
    space, paul = space_of(db), professional(db, PAUL)
    start = clock.now() - timedelta(days=2)
    witness = make_thread(db, space, paul, subject="Corpus", body="témoin", when=start)
    for n in range(25):  # a full page of harmless messages: the hx-* attributes we write
        db.add(Message(thread_id=witness.id, side=Side.PROFESSIONAL, body=f"témoin {n}",
                       author_account_id=paul.account_id,
                       created_at=start + timedelta(seconds=n + 1)))  # fmt: skip
    db.commit()
    client = login_as(JEANNE)
    baseline = client.get(f"/messagerie/{witness.id}").get_data(as_text=True)
    thread = make_thread(db, space, paul, subject="Corpus", body="témoin", when=start)
    for n, payload in enumerate(payloads()):
        db.add(Message(thread_id=thread.id, side=Side.PROFESSIONAL, body=payload,
                       author_account_id=paul.account_id,
                       created_at=start + timedelta(seconds=n + 1)))  # fmt: skip
    db.commit()
    # Links written in messages may share a name: the page check's rule is for our links.
    client.check_pages = False
    number, more, pages = 1, True, 0
    while more:
        response = client.get(f"/messagerie/{thread.id}?page={number}")
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        assert injected(html, nonce_of(response), baseline) == [], number
        assert body_problems(html) == [], number
        more, number, pages = "messages plus anciens" in html, number + 1, pages + 1
    assert pages == len(payloads()) // 20 + 1


def test_a_payload_sent_through_the_form_is_stored_as_written_and_shown_harmless(login_as, db):
    thread = make_thread(db, space_of(db), professional(db, PAUL))
    client = login_as(JEANNE)
    client.get(f"/messagerie/{thread.id}")
    payload = '<img src=x onerror="window.__xss=1"><a href="javascript:alert(1)">ici</a> **ok**'
    client.post_form(f"/messagerie/{thread.id}/repondre", {"body": payload})
    db.reload()
    stored = db.scalars(select(Message).order_by(Message.id.desc())).first()
    assert stored.body == payload
    page = login_as(PAUL).get(f"/messagerie/{thread.id}")
    html = page.get_data(as_text=True)
    assert "&lt;img src=x" in html and "<strong>ok</strong>" in html
    assert "javascript:" not in html.split(f'id="message-{stored.id}"')[1].split("</li>")[0]


def test_subjects_of_the_corpus_are_shown_as_text_everywhere(login_as, db):
    space, paul = space_of(db), professional(db, PAUL)
    client = login_as(JEANNE)
    harmless = make_thread(db, space, paul, subject="Témoin", body="mot-témoin")
    baselines = {
        "inbox": client.get("/messagerie").get_data(as_text=True),
        "search": search(client, "mot-temoin").get_data(as_text=True),
        "thread": client.get(f"/messagerie/{harmless.id}").get_data(as_text=True),
    }
    subjects = [p for p in sample() if p.strip() and len(p) <= 200]
    threads = [make_thread(db, space, paul, subject=p, body="mot-témoin") for p in subjects]
    client.check_pages = False  # two payloads may read the same once spaces are folded
    number, more = 1, True
    while more:
        response = client.get(f"/messagerie?page={number}")
        html = response.get_data(as_text=True)
        assert injected(html, nonce_of(response), baselines["inbox"]) == [], number
        more, number = 'rel="next"' in html, number + 1
    response = search(client, "mot-temoin")
    assert injected(response.get_data(as_text=True), nonce_of(response), baselines["search"]) == []
    for thread in threads:
        response = client.get(f"/messagerie/{thread.id}")
        html = response.get_data(as_text=True)
        assert injected(html, nonce_of(response), baselines["thread"]) == [], thread.subject


@pytest.mark.parametrize("with_store_cleaning", [True, False])
def test_attachment_names_of_the_corpus_are_shown_as_text(login_as, db, with_store_cleaning):
    from espace.files.sniffing import PDF
    from espace.files.storage import clean_name

    space, paul = space_of(db), professional(db, PAUL)
    source = db.scalars(select(StoredFile)).first()
    thread = make_thread(db, space, paul, subject="Pièces jointes")
    message = db.scalars(select(Message).where(Message.thread_id == thread.id)).one()
    for n, payload in enumerate(sample()):
        name = clean_name(payload, PDF) if with_store_cleaning else payload[:120]
        stored = StoredFile(storage_name=f"{n:02d}{'a' * 40}{n}", sha256=source.sha256,
                            size=2048, media_type="application/pdf", original_name=name,
                            created_at=clock.now())  # fmt: skip
        db.add(stored)
        db.flush()
        db.add(MessageAttachment(message_id=message.id, file_id=stored.id))
    db.commit()
    client = login_as(JEANNE)
    client.check_pages = False
    response = client.get(f"/messagerie/{thread.id}")
    html = response.get_data(as_text=True)
    baseline = client.get(f"/messagerie/{make_thread(db, space, paul).id}")
    assert injected(html, nonce_of(response), baseline.get_data(as_text=True)) == []
    assert html.count('class="attachment-save"') == len(sample())


# --- IDOR sweep -----------------------------------------------------------------------------


def targets(db):  # type: ignore[no-untyped-def]
    """Jeanne's thread with Paul (a message with an attachment), and a prescription."""
    source = db.scalars(select(StoredFile)).first()
    thread = make_thread(db, space_of(db), professional(db, PAUL), subject="Secret",
                         body="contenu-confidentiel", attachment=source)  # fmt: skip
    attachment = db.scalars(select(MessageAttachment).order_by(MessageAttachment.id.desc())).first()
    document = db.scalars(select(Document).where(
        Document.space_id == thread.space_id,
        Document.category == DocumentCategory.PRESCRIPTION)).first()  # fmt: skip
    return thread, attachment, document


def snapshot(db) -> tuple:  # type: ignore[no-untyped-def]
    db.reload()
    counts = tuple(
        db.scalar(select(func.count()).select_from(model))
        for model in (Thread, Message, MessageAttachment, Document, Notification, ThreadRead)
    )
    closed = tuple(db.scalars(select(Thread.closed_at).order_by(Thread.id)))
    reads = tuple(db.scalars(select(ThreadRead.read_at).order_by(ThreadRead.thread_id)))
    return counts, closed, reads


# Another holder; a professional of Jeanne's care team who is not the thread's; one outside
# her care team; Karim's physio.
INTRUDERS = [KARIM, AMINA, SOPHIE, SAMU, MARC]


@pytest.mark.parametrize("email", INTRUDERS)
def test_nobody_reaches_a_thread_message_or_attachment_that_is_not_theirs(login_as, db, email):
    thread, attachment, document = targets(db)
    client = login_as(email)
    client.get("/messagerie")
    before = snapshot(db)
    db.reload()
    seq = db.scalar(select(func.max(AuditEntry.seq)))
    t, a = thread.id, attachment.id
    gets = [f"/messagerie/{t}", f"/messagerie/{t}?page=2", f"/messagerie/{t}/clore",
            f"/messagerie/pieces-jointes/{a}/fichier",
            f"/messagerie/pieces-jointes/{a}/fichier?telecharger=1",
            f"/messagerie/renouvellement/{document.id}"]  # fmt: skip
    missing = [f"/messagerie/{t + 10_000}", f"/messagerie/pieces-jointes/{a + 10_000}/fichier"]
    not_found = text(client.get(missing[0]))
    for url in gets + missing:
        response = client.get(url)
        assert response.status_code == 404, url
        assert text(response) == not_found, url  # the same page as a missing one
    posts = {
        f"/messagerie/{t}/repondre": {"body": "intrusion"},
        f"/messagerie/{t}/clore": {"reason": "intrusion"},
        f"/messagerie/pieces-jointes/{a}/enregistrer": {f"pj{a}-categorie": "compte_rendu"},
        f"/messagerie/renouvellement/{document.id}": {"note": "intrusion"},
    }
    for url, data in posts.items():
        client.get("/messagerie")
        assert client.post_form(url, data).status_code == 404, url
    # The list, the search and the form to write never show or take Jeanne's thread.
    assert "Secret" not in text(client.get("/messagerie"))
    searched = search(client, "confidentiel")
    assert "Aucun message ne contient « confidentiel »" in text(searched)  # it did search
    assert "contenu-confidentiel" not in text(searched)
    if email == KARIM:  # a holder picks among her own professionals only
        form = client.get("/messagerie/nouvelle")
        assert f'value="{professional(db, PAUL).id}"' not in form.get_data(as_text=True)
    assert snapshot(db) == before
    db.reload()
    events = set(db.scalars(select(AuditEntry.event).where(
        AuditEntry.seq > seq, AuditEntry.space_id == thread.space_id)))  # fmt: skip
    assert events == set(), events  # nothing read, nothing written


def test_a_professional_cannot_write_into_a_space_through_the_form(login_as, db):
    marc = login_as(MARC)
    marc.get("/messagerie/nouvelle")
    before = snapshot(db)
    for space in (space_of(db), space_of(db, KARIM_NIR)):
        response = marc.post_form("/messagerie/nouvelle", {
            "recipient": str(space.id), "subject": "Intrusion", "body": "x"})  # fmt: skip
        expected = 302 if space.nir == KARIM_NIR else 422  # Karim is his patient
        assert response.status_code == expected
    after = snapshot(db)
    assert after[0][0] == before[0][0] + 1  # only the thread with his own patient


def test_a_thread_of_another_space_is_not_reached_by_changing_the_id(login_as, db):
    karim_thread = db.scalars(select(Thread).where(
        Thread.space_id == space_of(db, KARIM_NIR).id)).first()  # fmt: skip
    jeanne = login_as(JEANNE)
    assert jeanne.get(f"/messagerie/{karim_thread.id}").status_code == 404
    assert re.search(r"Exercices pour votre", text(jeanne.get("/messagerie"))) is None
