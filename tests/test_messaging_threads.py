"""Opening, writing first, replying and closing, through the pages: each stores the text as
written, adds exactly one history entry, and tells the other side without any content."""

from __future__ import annotations

from sqlalchemy import func, select

from espace.models import (
    AuditEntry,
    Block,
    CareTeamMember,
    Message,
    Notification,
    Side,
    Thread,
)
from tests.messaging_support import (
    JEANNE,
    MARC,
    PAUL,
    SAMU,
    SOPHIE,
    account,
    make_thread,
    messages_of,
    professional,
    space_of,
)
from tests.support import error_for, text

BODY = "Bonjour,\n\nVoici **le résultat** de votre prise de sang.\n- glycémie : 1,05 g/L"


def last_seq(db) -> int:  # type: ignore[no-untyped-def]
    db.reload()
    return db.scalar(select(func.max(AuditEntry.seq))) or 0


def events_since(db, seq: int) -> list[str]:  # type: ignore[no-untyped-def]
    db.reload()
    return list(db.scalars(select(AuditEntry.event).where(AuditEntry.seq > seq)))


def assert_email_without_content(outbox, address: str, *secrets: str) -> None:  # type: ignore[no-untyped-def]
    message = outbox.last_to(address)
    assert message["Subject"] in {
        "Espace santé : vous avez un nouveau message",  # to the holder
        "Espace santé : un patient vous a écrit",  # to the professional
    }
    body = message.get_content()
    for secret in secrets:
        assert secret not in body and secret not in message["Subject"]


def test_a_care_team_professional_opens_a_thread_and_the_holder_is_told(login_as, db, outbox):
    space = space_of(db)
    client = login_as(PAUL)
    page = client.get(f"/messagerie/nouvelle?patient={space.id}")
    assert page.status_code == 200
    assert f'<option selected value="{space.id}">' in page.get_data(as_text=True)
    before = last_seq(db)
    response = client.post_form("/messagerie/nouvelle", {
        "recipient": str(space.id), "subject": "Votre traitement", "body": BODY,
    })  # fmt: skip
    assert response.status_code == 302
    assert events_since(db, before) == ["messages.thread_opened"]
    thread = db.scalars(select(Thread).order_by(Thread.id.desc())).first()
    assert (thread.subject, thread.opened_by, thread.space_id) == (
        "Votre traitement", Side.PROFESSIONAL, space.id,
    )  # fmt: skip
    assert [m.body for m in messages_of(db, thread.id)] == [BODY]  # stored as written
    notice = db.scalars(select(Notification).order_by(Notification.id.desc())).first()
    assert (notice.account_id, notice.kind, notice.target_id) == (
        space.holder_account_id, "new_message", thread.id,
    )  # fmt: skip
    assert_email_without_content(outbox, JEANNE, "Votre traitement", "résultat", "Leroy")
    shown = client.get(response.headers["Location"])
    assert "<strong>le résultat</strong>" in shown.get_data(as_text=True)


def test_the_holder_writes_first_to_her_gp_who_is_told_without_content(login_as, db, outbox):
    sophie = professional(db, SOPHIE)
    client = login_as(JEANNE)
    page = client.get("/messagerie/nouvelle")
    assert "Dr Sophie Durand (médecin traitant)" in text(page)
    before = last_seq(db)
    response = client.post_form("/messagerie/nouvelle", {
        "recipient": str(sophie.id), "subject": "Question sur la metformine", "body": "Bonjour",
    })  # fmt: skip
    assert response.status_code == 302
    assert events_since(db, before) == ["messages.thread_opened"]
    thread = db.scalars(select(Thread).order_by(Thread.id.desc())).first()
    assert thread.opened_by == Side.HOLDER and thread.professional_id == sophie.id
    notice = db.scalars(select(Notification).order_by(Notification.id.desc())).first()
    assert notice.account_id == sophie.account_id and notice.kind == "patient_message"
    assert_email_without_content(outbox, SOPHIE, "metformine", "Martin")


def test_the_holder_cannot_write_first_to_a_professional_who_never_wrote(login_as, db):
    space, marc = space_of(db), professional(db, MARC)
    db.add(CareTeamMember(space_id=space.id, professional_id=marc.id))
    db.commit()
    client = login_as(JEANNE)
    offered = text(client.get("/messagerie/nouvelle"))
    assert "Marc Roux" not in offered
    assert "Paul Leroy (pharmacien)" in offered  # he wrote to her (the demo's thread)
    count = db.scalar(select(func.count()).select_from(Thread))
    response = client.post_form("/messagerie/nouvelle", {
        "recipient": str(marc.id), "subject": "Bonjour", "body": "Bonjour",
    })  # fmt: skip
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "dans la liste" in error_for(html, "recipient")
    assert 'value="Bonjour"' in html  # answers kept
    db.reload()
    assert db.scalar(select(func.count()).select_from(Thread)) == count


def test_a_professional_outside_the_care_team_cannot_open_a_thread(login_as, db):
    space = space_of(db)
    client = login_as(SAMU)
    page = client.get("/messagerie/nouvelle")
    assert "Jeanne Martin" not in text(page)
    response = client.post_form("/messagerie/nouvelle", {
        "recipient": str(space.id), "subject": "Bonjour", "body": "Bonjour",
    })  # fmt: skip
    assert response.status_code == 422
    db.reload()
    assert db.scalar(select(func.count()).select_from(Thread).where(
        Thread.professional_id == professional(db, SAMU).id)) == 0  # fmt: skip


def test_the_holder_replies_and_the_professional_is_told(login_as, db, outbox):
    thread = make_thread(db, space_of(db), professional(db, PAUL), subject="Vos bandelettes")
    client = login_as(JEANNE)
    client.get(f"/messagerie/{thread.id}")
    before = last_seq(db)
    response = client.post_form(f"/messagerie/{thread.id}/repondre", {"body": "Merci *beaucoup*"})
    assert response.status_code == 302
    assert response.headers["Location"].startswith(f"/messagerie/{thread.id}#message-")
    assert events_since(db, before) == ["messages.sent"]
    last = messages_of(db, thread.id)[-1]
    assert (last.side, last.body, last.author_account_id) == (
        Side.HOLDER, "Merci *beaucoup*", account(db, JEANNE).id,
    )  # fmt: skip
    notice = db.scalars(select(Notification).order_by(Notification.id.desc())).first()
    assert notice.account_id == account(db, PAUL).id and notice.target_id == thread.id
    assert_email_without_content(outbox, PAUL, "bandelettes", "beaucoup", "Martin")
    page = client.get(response.headers["Location"])
    assert "Votre message est envoyé." in text(page)
    assert "<em>beaucoup</em>" in page.get_data(as_text=True)


def test_the_professional_replies_and_the_holder_is_told(login_as, db, outbox):
    thread = make_thread(db, space_of(db), professional(db, PAUL), side=Side.HOLDER)
    client = login_as(PAUL)
    client.get(f"/messagerie/{thread.id}")
    before = last_seq(db)
    response = client.post_form(f"/messagerie/{thread.id}/repondre", {"body": "C'est prêt."})
    assert response.status_code == 302
    assert events_since(db, before) == ["messages.sent"]
    notice = db.scalars(select(Notification).order_by(Notification.id.desc())).first()
    assert notice.account_id == account(db, JEANNE).id
    assert notice.actor_professional_id == professional(db, PAUL).id
    assert_email_without_content(outbox, JEANNE, "prêt", "Leroy")


def test_an_empty_or_too_long_message_gets_a_clear_message_and_keeps_the_text(login_as, db):
    thread = make_thread(db, space_of(db), professional(db, PAUL))
    client = login_as(JEANNE)
    client.get(f"/messagerie/{thread.id}")
    response = client.post_form(f"/messagerie/{thread.id}/repondre", {"body": "   "})
    assert response.status_code == 422
    assert "Écrivez votre message" in error_for(response.get_data(as_text=True), "body")
    long = "é" * 5001
    response = client.post_form(f"/messagerie/{thread.id}/repondre", {"body": long})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert error_for(html, "body") == (
        "Le message doit faire au plus 5000 caractères (vous en avez saisi 5001)."
    )
    assert long in html
    assert len(messages_of(db, thread.id)) == 1


def test_the_professional_closes_with_a_reason_the_holder_reads(login_as, db):
    thread = make_thread(db, space_of(db), professional(db, PAUL))
    client = login_as(PAUL)
    assert client.get(f"/messagerie/{thread.id}/clore").status_code == 200
    response = client.post_form(f"/messagerie/{thread.id}/clore", {"reason": ""})
    assert response.status_code == 422
    assert "Indiquez pourquoi" in error_for(response.get_data(as_text=True), "reason")
    response = client.post_form(f"/messagerie/{thread.id}/clore", {"reason": "x" * 501})
    assert "au plus 500 caractères" in error_for(response.get_data(as_text=True), "reason")
    before = last_seq(db)
    reason = "Question traitée au comptoir <b>hier</b>"
    response = client.post_form(f"/messagerie/{thread.id}/clore", {"reason": reason})
    assert response.status_code == 302
    assert events_since(db, before) == ["messages.thread_closed"]
    holder = login_as(JEANNE)
    page = holder.get(f"/messagerie/{thread.id}")
    shown = text(page)
    assert "Conversation close par Paul Leroy" in shown and f"Motif : {reason}" in shown
    assert "&lt;b&gt;hier&lt;/b&gt;" in page.get_data(as_text=True)  # told as text
    assert f'action="/messagerie/{thread.id}/repondre"' not in page.get_data(as_text=True)
    # A reply sent from a page opened before the closing: refused, the text given back.
    response = holder.post_form(f"/messagerie/{thread.id}/repondre", {"body": "Et demain ?"})
    assert response.status_code == 409
    assert "Cette conversation est close" in text(response)
    assert "Et demain ?" in response.get_data(as_text=True)
    assert len(messages_of(db, thread.id)) == 1
    # Closing twice, or the holder closing: like a missing page.
    assert client.get(f"/messagerie/{thread.id}/clore").status_code == 404
    assert holder.post_form(f"/messagerie/{thread.id}/clore", {"reason": "x"}).status_code == 404


def test_the_holder_never_closes_a_thread(login_as, db):
    thread = make_thread(db, space_of(db), professional(db, PAUL))
    client = login_as(JEANNE)
    assert "Clore" not in text(client.get(f"/messagerie/{thread.id}"))
    assert client.get(f"/messagerie/{thread.id}/clore").status_code == 404
    assert client.post_form(f"/messagerie/{thread.id}/clore", {"reason": "x"}).status_code == 404
    db.reload()
    assert db.get(Thread, thread.id).closed_at is None


def test_a_blocked_professional_neither_reads_nor_writes(login_as, db):
    space, marc = space_of(db), professional(db, MARC)
    db.add(CareTeamMember(space_id=space.id, professional_id=marc.id))
    thread = make_thread(db, space, marc)
    db.add(Block(space_id=space.id, professional_id=marc.id))
    db.commit()
    client = login_as(MARC)
    assert client.get(f"/messagerie/{thread.id}").status_code == 404
    client.get("/messagerie")
    assert client.post_form(f"/messagerie/{thread.id}/repondre", {"body": "x"}).status_code == 404
    assert "Question de test" not in text(client.get("/messagerie"))
    # The holder still reads it, and is told why she cannot reply there.
    page = login_as(JEANNE).get(f"/messagerie/{thread.id}")
    assert "Vous avez bloqué ce professionnel" in text(page)
    assert len(messages_of(db, thread.id)) == 1


def test_operators_and_facilitators_never_reach_the_messaging(login_as, db):
    thread = make_thread(db, space_of(db), professional(db, PAUL))
    for email in ("agent.cpam@example.org", "animation@example.org"):
        client = login_as(email)
        for url in ("/messagerie", f"/messagerie/{thread.id}", "/messagerie/recherche"):
            assert client.get(url).status_code == 404, (email, url)
        assert client.post_form("/messagerie/recherche", {"q": "test"}).status_code == 404
        assert "Messagerie" not in text(client.get("/tableau-de-bord"))


def test_a_long_thread_is_shown_twenty_messages_at_a_time(login_as, db):
    from datetime import timedelta

    from espace import clock

    space, paul = space_of(db), professional(db, PAUL)
    start = clock.now() - timedelta(days=1)
    thread = make_thread(db, space, paul, body="message 0", when=start)
    for n in range(1, 25):
        db.add(Message(thread_id=thread.id, side=Side.PROFESSIONAL, body=f"message {n}",
                       author_account_id=paul.account_id,
                       created_at=start + timedelta(minutes=n)))  # fmt: skip
    db.commit()
    client = login_as(JEANNE)
    first = text(client.get(f"/messagerie/{thread.id}"))
    assert "message 24" in first and "message 5 " in first and "message 4 " not in first
    assert first.index("message 5 ") < first.index("message 24")  # oldest first
    older = text(client.get(f"/messagerie/{thread.id}?page=2"))
    assert "message 0" in older and "message 4" in older and "message 5 " not in older
    assert "Voir les messages plus récents" in older


def test_a_parent_reads_and_replies_for_his_child(login_as, db, outbox):
    """Karim manages Léa's space: her threads, not his, once he works on her space."""
    from tests.messaging_support import KARIM

    lea = space_of(db, "218064410911273")
    marc = professional(db, MARC)
    db.add(CareTeamMember(space_id=lea.id, professional_id=marc.id))
    db.commit()
    thread = make_thread(db, lea, marc, subject="Séance de Léa")
    client = login_as(KARIM)
    assert "Séance de Léa" not in text(client.get("/messagerie"))  # his own space first
    client.get("/proches")
    client.post_form("/proches/gerer", {"espace": str(lea.id)})
    assert "Séance de Léa" in text(client.get("/messagerie"))
    client.get(f"/messagerie/{thread.id}")
    response = client.post_form(f"/messagerie/{thread.id}/repondre", {"body": "Merci, à jeudi."})
    assert response.status_code == 302
    last = messages_of(db, thread.id)[-1]
    assert last.side == Side.HOLDER and last.author_account_id == account(db, KARIM).id
    assert_email_without_content(outbox, MARC, "Léa", "jeudi")
    marc_client = login_as(MARC)
    assert "Karim Benali, pour Léa Benali" in text(marc_client.get(f"/messagerie/{thread.id}"))
    marc_client.post_form(f"/messagerie/{thread.id}/repondre", {"body": "Parfait."})
    db.reload()
    notice = db.scalars(select(Notification).order_by(Notification.id.desc())).first()
    assert (notice.account_id, notice.kind) == (account(db, KARIM).id, "new_message")


def test_a_nul_character_is_dropped_before_storing(login_as, db):
    thread = make_thread(db, space_of(db), professional(db, PAUL))
    client = login_as(JEANNE)
    client.get(f"/messagerie/{thread.id}")
    client.post_form(f"/messagerie/{thread.id}/repondre", {"body": "a\x00b"})
    assert messages_of(db, thread.id)[-1].body == "ab"
